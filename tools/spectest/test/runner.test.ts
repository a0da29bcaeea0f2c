/**
 * End to end: small scripts through the runner with the native adapter. The suite itself passes
 * on native, so these tests check the other direction: that wrong expectations do fail.
 */
import { describe, expect, it } from 'vitest';
import { createNativeAdapter } from '../src/engines/native.js';
import { parseScript } from '../src/reader/commands.js';
import { runScript } from '../src/script.js';
import type { EngineAdapter } from '../src/engines/adapter.js';

const NO_DECODER = 'decoder not under test';
const NO_VALIDATOR = 'validator not under test';

async function run(src: string) {
  const engine = createNativeAdapter() as EngineAdapter;
  return runScript('t', parseScript(src), { decode: NO_DECODER, validate: NO_VALIDATOR, engine });
}

const MODULE = `(module
  (func (export "id_f32") (param f32) (result f32) (local.get 0))
  (func (export "id_f64") (param f64) (result f64) (local.get 0))
  (func (export "id_v128") (param v128) (result v128) (local.get 0))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "pair") (param i64) (result i64 f32) (local.get 0) (f32.const nan:0x200000))
  (func (export "sqrt_neg") (result f32) (f32.sqrt (f32.const -1)))
  (func (export "ext") (param externref) (result externref) (local.get 0))
  (func $rec (export "rec") (call $rec))
  (global (export "g") f64 (f64.const -nan:0x123))
)`;

describe('runner with the native adapter', () => {
  it('passes correct expectations, NaN payloads and v128 included', async () => {
    const t = await run(`${MODULE}
(assert_return (invoke "id_f32" (f32.const nan:0x200001)) (f32.const nan:0x200001))
(assert_return (invoke "id_f64" (f64.const -nan:0x1)) (f64.const -nan:0x1))
(assert_return (invoke "id_v128" (v128.const i32x4 1 2 3 0xffffffff)) (v128.const i64x2 0x0000000200000001 -0xfffffffd))
(assert_return (invoke "id_v128" (v128.const f32x4 nan 1 2 3)) (v128.const f32x4 nan:canonical 1 2 3))
(assert_return (invoke "pair" (i64.const -1)) (i64.const 0xffffffffffffffff) (f32.const nan:0x200000))
(assert_return (invoke "sqrt_neg") (f32.const nan:arithmetic))
(assert_return (invoke "ext" (ref.extern 7)) (ref.extern 7))
(assert_return (invoke "ext" (ref.null extern)) (ref.null extern))
(assert_return (get "g") (f64.const -nan:0x123))
(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
(assert_exhaustion (invoke "rec") "call stack exhausted")
(assert_unlinkable (module (import "spectest" "nope" (func))) "unknown import")
(assert_unlinkable (module (import "spectest" "print_i32" (func (param f32)))) "incompatible import type")
(assert_uninstantiable (module (func $s unreachable) (start $s)) "unreachable")
(module (import "spectest" "global_f32" (global f32)) (global (export "g") f32 (global.get 0)))
(assert_return (get "g") (f32.const 666.6))
(register "m")
(module (import "m" "g" (global f32)))
`);
    expect(t.failures).toEqual([]);
    expect(t.passed).toBe(19);
  });

  it('fails wrong expectations', async () => {
    const t = await run(`${MODULE}
(assert_return (invoke "id_f32" (f32.const nan:0x200001)) (f32.const nan:0x200002))
(assert_return (invoke "id_f32" (f32.const nan:0x200001)) (f32.const nan:arithmetic))
(assert_return (invoke "id_f64" (f64.const nan:0x8000000000001)) (f64.const nan:canonical))
(assert_return (invoke "id_v128" (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)) (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 16))
(assert_return (invoke "pair" (i64.const 1)) (i64.const 1))
(assert_return (invoke "ext" (ref.extern 7)) (ref.extern 8))
(assert_trap (invoke "div" (i32.const 1) (i32.const 1)) "integer divide by zero")
(assert_return (invoke "div" (i32.const 1) (i32.const 0)) (i32.const 0))
(assert_return (invoke "missing"))
(assert_uninstantiable (module) "unreachable")
(assert_unlinkable (module) "unknown import")
`);
    expect(t.failures.map((f) => f.line)).toEqual([12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22]);
    expect(t.passed).toBe(1);
  });

  it('counts checks of missing stages as skipped, by kind (text-format assert_malformed needs none)', async () => {
    const t = await runScript('t', parseScript(`${MODULE}\n(assert_return (invoke "div" (i32.const 4) (i32.const 2)) (i32.const 2))\n(assert_malformed (module quote ")") "unexpected token")`), {
      decode: 'no decoder',
      validate: 'no validator',
      engine: 'no engine',
    });
    expect([t.passed, t.failed, t.skipped]).toEqual([1, 0, 4]);
    expect(Object.fromEntries(t.skips)).toEqual({
      'decode, module: no decoder': 1,
      'validate, module: no validator': 1,
      'engine, module: no engine': 1,
      'engine, assert_return: no engine': 1,
    });
  });
});

describe('runner with an engine that reports spec messages', () => {
  /** A fake engine: every module links except those importing "nope", every call traps with `message`. */
  function fakeEngine(message: string): EngineAdapter<string> {
    return {
      name: 'fake',
      specMessages: true,
      exactBits: true,
      createSpectest: () => 'spectest',
      instantiate: (bytes) => (Buffer.from(bytes).includes('nope') ? { ok: false, kind: 'link', message: 'unknown import' } : { ok: true, instance: 'm' }),
      invoke: () => ({ ok: false, kind: 'trap', message }),
      getGlobal: () => ({ ok: false, kind: 'error', message: 'no globals' }),
    };
  }

  const SCRIPT = `(module (func (export "f")))
(assert_trap (invoke "f") "integer divide by zero")
(assert_unlinkable (module (import "spectest" "nope" (func))) "unknown import")
(assert_unlinkable (module (import "spectest" "nope" (func))) "incompatible import type")
(assert_exhaustion (invoke "f") "call stack exhausted")
`;

  it('compares trap and link messages by prefix', async () => {
    const t = await runScript('t', parseScript(SCRIPT), { decode: NO_DECODER, validate: NO_VALIDATOR, engine: fakeEngine('integer divide by zero (at f+3)') as EngineAdapter });
    // Passes: module, assert_trap, the first assert_unlinkable. Fails: the wrong link message, and
    // a trap where exhaustion was expected.
    expect(t.passed).toBe(3);
    expect(t.failures.map((f) => [f.line, f.actual])).toEqual([
      [4, 'link: unknown import'],
      [5, 'trap: integer divide by zero (at f+3)'],
    ]);
  });

  it('fails a trap with another message', async () => {
    const t = await runScript('t', parseScript(SCRIPT), { decode: NO_DECODER, validate: NO_VALIDATOR, engine: fakeEngine('integer overflow') as EngineAdapter });
    expect(t.failures.map((f) => f.line)).toEqual([2, 4, 5]);
  });
});

describe('runner: 3.0 script commands', () => {
  // (module binary) of `(module (func (export "f") (result i32) (i32.const 7)))`, and of a module whose start traps.
  const F = '"\\00asm\\01\\00\\00\\00\\01\\05\\01\\60\\00\\01\\7f\\03\\02\\01\\00\\07\\05\\01\\01\\66\\00\\00\\0a\\06\\01\\04\\00\\41\\07\\0b"';
  const TRAP = '"\\00asm\\01\\00\\00\\00\\01\\04\\01\\60\\00\\00\\03\\02\\01\\00\\08\\01\\00\\0a\\05\\01\\03\\00\\00\\0b"';

  it('instantiates definitions only on `module instance`, by name or the latest', async () => {
    const t = await run(`(module definition $D binary ${F})
(assert_return (invoke "f") (i32.const 7))
(module instance)
(assert_return (invoke "f") (i32.const 7))
(module definition binary ${TRAP})
(assert_trap (module instance) "unreachable")
(module instance $I $D)
(assert_return (invoke $I "f") (either (i32.const 1) (i32.const 7)))
(module instance $J $nope)
(assert_exception (invoke $I "f"))
`);
    // Before any instance there is no current module; an unknown definition fails; assert_exception
    // of a call that returns fails.
    expect(t.failures.map((f) => f.line)).toEqual([2, 9, 10]);
    expect(t.commands).toBe(10);
    expect(t.commandsPassed).toBe(5);
    expect(t.failures[2]!.expected).toMatch(/^exception/);
  });
});
