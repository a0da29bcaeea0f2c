/**
 * Real C programs (test/programs/*.c, built with clang-14 + wasi-libc) and a C++ one (cxx.cpp, on
 * libc++) on every engine and on
 * both file systems. Each program checks its own expectations and prints one line per check;
 * the output must be free of failures and identical on every engine and file system.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryFileSystem, realClock, type FileSystem } from '../src/index';
import { HostFileSystem } from '../src/node';
import { engines } from './helpers/engines';
import { run, type RunResult } from './helpers/run';

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function hostDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rt-wasi-'));
  temps.push(dir);
  return dir;
}

const fileSystems: Array<{ name: string; make: () => FileSystem }> = [
  { name: 'memory', make: () => new MemoryFileSystem() },
  { name: 'host', make: () => new HostFileSystem(hostDir()) },
  { name: 'host without /proc pinning', make: () => new HostFileSystem(hostDir(), { pinDirectories: false }) },
];

/** Every program, with its arguments and input; each must behave identically on both file systems. */
const programs: Array<{ name: string; args?: string[]; stdin?: string; code?: number; selfChecking?: boolean }> = [
  { name: 'files', selfChecking: true },
  { name: 'dirs', selfChecking: true },
  { name: 'links', selfChecking: true },
  { name: 'times', selfChecking: true },
  { name: 'clocks', selfChecking: true },
  { name: 'random', selfChecking: true },
  { name: 'args_env', args: ['args_env', 'ü'] },
  { name: 'stdin', stdin: 'some\ninput\n' },
  { name: 'exit', args: ['exit', '33'], code: 33 },
  { name: 'cat', args: ['cat', 'missing'] },
  { name: 'raw', selfChecking: true },
  { name: 'cxx', selfChecking: true },
];

describe.each(engines)('C programs on $name', (engine) => {
  const outputs = new Map<string, RunResult>();

  describe.each(fileSystems)('file system: $name', (fsKind) => {
    it.each(programs)('$name', async (p) => {
      const r = await run(engine, p.name, { args: p.args ?? [p.name], stdin: p.stdin ?? '', env: { LANG: 'C' }, preopens: { '/': fsKind.make() } });
      if (p.selfChecking) {
        expect(r.stdout).not.toContain('FAIL');
        expect(r.stdout).toContain('\n0 failures\n');
      }
      expect(r.code).toBe(p.code ?? 0);
      const other = outputs.get(p.name);
      if (other) expect(r).toEqual(other);
      else outputs.set(p.name, r);
    });
  });
});

describe.each(engines)('C programs without files on $name', (engine) => {
  it('clocks: virtual clock (default) sleeps without waiting', async () => {
    const start = performance.now();
    const r = await run(engine, 'clocks');
    expect(r.stdout).not.toContain('FAIL');
    expect(r.code).toBe(0);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('clocks: real clock really sleeps', async () => {
    const start = performance.now();
    const r = await run(engine, 'clocks', { clock: realClock() });
    expect(r.stdout).not.toContain('FAIL');
    expect(r.code).toBe(0);
    // nanosleep 20 ms + poll 15 ms + absolute 10 ms
    expect(performance.now() - start).toBeGreaterThanOrEqual(40);
  });

  it('random: entropy of any length', async () => {
    const r = await run(engine, 'random');
    expect(r.stdout).not.toContain('FAIL');
    expect(r.code).toBe(0);
  });

  it('args and env: UTF-8, exactly what was configured', async () => {
    const r = await run(engine, 'args_env', { args: ['prog', 'héllo wörld', '', '日本'], env: { HOME: '/home/ü', QUOTE: 'a "b"\nc' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'argc=4', 'argv[0]=prog (4 bytes)', 'argv[1]=héllo wörld (13 bytes)', 'argv[2]= (0 bytes)', 'argv[3]=日本 (6 bytes)',
        'env HOME=/home/ü', 'env QUOTE=a "b"', 'c', 'envc=2', 'HOME=/home/ü', 'PATH=(unset)', '',
      ].join('\n'),
    );
  });

  it('args and env: none by default', async () => {
    const r = await run(engine, 'args_env');
    expect(r.stdout).toBe('argc=0\nenvc=0\nHOME=(unset)\nPATH=(unset)\n');
  });

  it('stdin: read to end of input, stdout and stderr separate', async () => {
    const text = 'hello\nworld, this is a longer line\nlast';
    const r = await run(engine, 'stdin', { stdin: text });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(text.toUpperCase());
    expect(r.stderr).toBe(`${text.length} bytes, 2 lines, isatty(1)=1\n`);
  });

  it('stdin: empty by default', async () => {
    const r = await run(engine, 'stdin');
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('0 bytes, 0 lines, isatty(1)=1\n');
  });

  it.each([0, 1, 33, 255, 1000])('exit code %i from deep in the stack', async (code) => {
    const r = await run(engine, 'exit', { args: ['exit', String(code)] });
    expect(r.code).toBe(code);
    expect(r.stdout).toBe(`exiting with ${code}\n`);
  });

  it('exit code returned from main', async () => {
    const r = await run(engine, 'exit', { args: ['exit', '7', 'return'] });
    expect(r.code).toBe(7);
    expect(r.stdout).toBe('');
  });
});
