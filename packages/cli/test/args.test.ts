/**
 * The command-line parser, without running anything.
 */
import { describe, expect, it } from 'vitest';
import { parseCommandLine, parseDir, parseEnv } from '../src/args.js';
import { CliError } from '../src/errors.js';

describe('parseCommandLine', () => {
  it('stops at the module path: the rest is the guest’s', () => {
    expect(parseCommandLine(['run', '--dir', '.', 'm.wasm', '--dir', 'x', '--help'])).toEqual({
      kind: 'run',
      options: { module: 'm.wasm', args: ['--dir', 'x', '--help'], dirs: [{ host: '.', guest: '.' }], env: [], invoke: null, limits: {} },
    });
  });

  it('rt <module> and rt <options> <module> are run', () => {
    expect(parseCommandLine(['m.wasm', 'a'])).toMatchObject({ kind: 'run', options: { module: 'm.wasm', args: ['a'] } });
    expect(parseCommandLine(['--env', 'A', 'm.wasm'])).toMatchObject({ kind: 'run', options: { env: [{ name: 'A', value: null }] } });
  });

  it('- is a module path (stdin by convention), not an option', () => {
    expect(parseCommandLine(['run', '-'])).toMatchObject({ kind: 'run', options: { module: '-' } });
  });

  it('a module called like a command needs rt run', () => {
    expect(parseCommandLine(['run', 'validate'])).toMatchObject({ kind: 'run', options: { module: 'validate' } });
  });

  it('collects every limit', () => {
    expect(parseCommandLine([
      'run', '--max-call-depth', '10', '--max-stack-values=20', '--max-memory-pages', '30', '--max-table-elements', '40', 'm',
    ])).toMatchObject({ options: { limits: { maxCallDepth: 10, stackValues: 20, maxMemoryPages: 30, maxTableElements: 40 } } });
  });

  it('inspect --json, in any position before the module', () => {
    expect(parseCommandLine(['inspect', '--json', 'm'])).toEqual({ kind: 'inspect', module: 'm', json: true });
    expect(parseCommandLine(['inspect', 'm'])).toEqual({ kind: 'inspect', module: 'm', json: false });
  });

  it('help topics', () => {
    expect(parseCommandLine(['validate', '-h'])).toEqual({ kind: 'help', topic: 'validate' });
    expect(parseCommandLine(['help'])).toEqual({ kind: 'help', topic: null });
  });

  it('usage errors are CliErrors with exit code 2', () => {
    for (const argv of [[], ['--x'], ['run', '--x'], ['run'], ['inspect', 'a', 'b'], ['run', '--invoke']]) {
      let error: unknown;
      try {
        parseCommandLine(argv);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).exitCode).toBe(2);
    }
  });
});

describe('parseDir / parseEnv', () => {
  it('HOST::GUEST splits at the first ::', () => {
    expect(parseDir('a::/b')).toEqual({ host: 'a', guest: '/b' });
    expect(parseDir('a::/')).toEqual({ host: 'a', guest: '/' });
    expect(parseDir('a::b::c')).toEqual({ host: 'a', guest: 'b::c' });
    expect(parseDir('/abs/dir')).toEqual({ host: '/abs/dir', guest: '/abs/dir' });
  });

  it('NAME=VALUE splits at the first =', () => {
    expect(parseEnv('A=b=c')).toEqual({ name: 'A', value: 'b=c' });
    expect(parseEnv('A=')).toEqual({ name: 'A', value: '' });
    expect(parseEnv('A')).toEqual({ name: 'A', value: null });
  });
});
