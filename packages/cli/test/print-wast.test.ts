/** `rt print` and `rt wast`, through `main()` with in-memory streams. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExitCode, main } from '../src/index.js';
import { FIXTURES, REPO } from './helpers/cli.js';
import { memoryIO } from './helpers/memory-io.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'rt-wast-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('rt print', () => {
  it('prints a module as text, with names, flat or folded', async () => {
    const io = memoryIO({ cwd: REPO });
    expect(await main(['print', path.join(FIXTURES, 'math.wat')], io)).toBe(0);
    expect(io.out()).toMatch(/^\(module/);
    expect(io.out()).toMatch(/\(func \$[a-z]+ \(;\d+;\)/);
    const folded = memoryIO({ cwd: REPO });
    expect(await main(['print', '--folded', path.join(FIXTURES, 'math.wat')], folded)).toBe(0);
    expect(folded.out()).not.toBe(io.out());
  });

  it('prints a binary', async () => {
    const io = memoryIO({ cwd: REPO });
    expect(await main(['print', 'examples/hello/hello.wasm'], io)).toBe(0);
    expect(io.out()).toContain('(import "wasi_snapshot_preview1" "fd_write"');
  });
});

describe('rt wast', () => {
  const script = (name: string, text: string): string => {
    const file = path.join(tmp, name);
    writeFileSync(file, text);
    return file;
  };

  it('runs a script and counts like wasmtime wast', async () => {
    const file = script('ok.wast', `(module $m
        (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
        (func (export "nan") (result f32) (f32.div (f32.const 0) (f32.const 0)))
        (func (export "boom") unreachable))
      (register "m" $m)
      (module (import "m" "add" (func $add (param i32 i32) (result i32)))
        (func (export "twice") (param i32) (result i32) (call $add (local.get 0) (local.get 0))))
      (assert_return (invoke "twice" (i32.const 21)) (i32.const 42))
      (assert_return (invoke $m "nan") (f32.const nan:canonical))
      (assert_trap (invoke $m "boom") "unreachable")
      (assert_invalid (module (func (result i32))) "type mismatch")
      (assert_malformed (module quote "(func i32.bogus)") "unknown operator")
      (assert_malformed (module binary "\\00asm\\02\\00\\00\\00") "unknown binary version")
      (assert_unlinkable (module (import "m" "nope" (func))) "unknown import")
      (assert_exception (invoke $m "boom"))`);
    const io = memoryIO({ cwd: tmp });
    expect(await main(['wast', file], io)).toBe(ExitCode.ok);
    expect(io.out().trim().split('\n').pop()).toBe('10 passed, 0 failed, 1 skipped');
  });

  it('reports failures with their line and exits 1', async () => {
    const file = script('bad.wast', '(module (func (export "one") (result i32) (i32.const 1)))\n(assert_return (invoke "one") (i32.const 2))\n');
    const io = memoryIO({ cwd: tmp });
    expect(await main(['wast', file], io)).toBe(1);
    expect(io.out()).toContain(`${file}:2: assert_return: result 0: got i32:1`);
    expect(io.out().trim().split('\n').pop()).toBe('1 passed, 1 failed, 0 skipped');
  });

  it('a script that does not parse exits 2 with its position', async () => {
    const file = script('broken.wast', '(module)\n(assert_return (invoke "f")');
    const io = memoryIO({ cwd: tmp });
    expect(await main(['wast', file], io)).toBe(ExitCode.usage);
    expect(io.err()).toBe(`error: ${file}:2:1: error: unexpected end of input\n`);
  });
});
