/**
 * `main()` called directly with in-memory streams: the CLI is a function of its arguments and
 * streams, touching no `process` state.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExitCode, main } from '../src/index.js';
import { FIXTURES, REPO } from './helpers/cli.js';
import { memoryIO } from './helpers/memory-io.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'rt-main-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('main()', () => {
  it('runs hello world into a collected stdout', async () => {
    const io = memoryIO({ cwd: REPO });
    expect(await main(['run', 'examples/hello/hello.wasm'], io)).toBe(0);
    expect(io.out()).toBe('Hello, world!\n');
    expect(io.err()).toBe('');
  });

  it('feeds stdin to the guest, in whatever chunks the source returns', async () => {
    const io = memoryIO({ cwd: REPO, stdin: 'one\ntwo\nthree\n', chunk: 3 });
    expect(await main(['examples/cat/cat.wasm'], io)).toBe(0);
    expect(io.out()).toBe('one\ntwo\nthree\n');
  });

  it("resolves paths against io.cwd, not the process's directory", async () => {
    const io = memoryIO({ cwd: path.join(REPO, 'examples') });
    expect(await main(['run', '--dir', 'cat::/d', 'cat/cat.wasm', '/d/input.txt'], io)).toBe(0);
    expect(io.out()).toBe(readFileSync(path.join(REPO, 'examples/cat/input.txt'), 'utf8'));
  });

  it('--env NAME reads io.env, never process.env', async () => {
    process.env['RT_MAIN_TEST_SECRET'] = 'from process';
    try {
      const io = memoryIO({ cwd: REPO, env: { FROM_IO: 'yes' } });
      expect(await main(['run', '--env', 'FROM_IO', '--env', 'RT_MAIN_TEST_SECRET', 'examples/args/args.wasm'], io)).toBe(0);
      expect(io.out()).toBe('argv[0]=examples/args/args.wasm\nenv FROM_IO=yes\n');
    } finally {
      delete process.env['RT_MAIN_TEST_SECRET'];
    }
  });

  it('returns the exit code rather than exiting', async () => {
    const io = memoryIO({ cwd: REPO });
    expect(await main(['run', '--env', 'EXIT=9', 'examples/args/args.wasm'], io)).toBe(9);
    expect(await main(['run', path.join(FIXTURES, 'exit.wat')], io)).toBe(42);
  });

  it('a trap returns ExitCode.trap with the message and a backtrace section on stderr', async () => {
    const io = memoryIO({ cwd: REPO });
    expect(await main(['run', path.join(FIXTURES, 'trap.wat')], io)).toBe(ExitCode.trap);
    expect(io.err()).toMatch(/^error: unreachable\nwasm backtrace/);
  });

  it('usage errors return ExitCode.usage with one line', async () => {
    const io = memoryIO({ cwd: REPO });
    expect(await main(['--frobnicate'], io)).toBe(ExitCode.usage);
    expect(io.err()).toBe("error: unknown option --frobnicate (see 'rt --help')\n");
  });

  it('validate returns ExitCode.invalid for an invalid module', async () => {
    const io = memoryIO({ cwd: REPO });
    expect(await main(['validate', path.join(FIXTURES, 'invalid.wat')], io)).toBe(ExitCode.invalid);
    expect(io.err()).toContain('type mismatch');
  });

  it('help and version write to stdout', async () => {
    const io = memoryIO({ cwd: tmp });
    expect(await main(['--version'], io)).toBe(0);
    expect(await main(['help', 'run'], io)).toBe(0);
    expect(io.out()).toMatch(/^rt \d+\.\d+\.\d+\nUsage: rt run/);
  });

  it('a failing stdout sink is an internal error (exit 70), reported on stderr without a stack', async () => {
    const io = memoryIO({ cwd: REPO });
    const broken = { ...io, stdout: { write: () => { throw new Error('disk on fire'); } } };
    expect(await main(['inspect', 'examples/hello/hello.wasm'], broken)).toBe(ExitCode.internal);
    expect(io.err()).toBe('error: internal error in rt (please report it): disk on fire\n');
  });

  it('RT_DEBUG in io.env adds the stack to internal errors', async () => {
    const io = memoryIO({ cwd: REPO, env: { RT_DEBUG: '1' } });
    const broken = { ...io, stdout: { write: () => { throw new Error('disk on fire'); } } };
    expect(await main(['inspect', 'examples/hello/hello.wasm'], broken)).toBe(ExitCode.internal);
    expect(io.err()).toMatch(/disk on fire\n\s+at /);
  });
});
