/**
 * Wasm backtraces on traps (`Trap.wasmFrames`): the frames, innermost first, with the byte
 * offset of the trapping instruction and of each caller's call, in both tiers, across
 * call_indirect, host re-entry, start functions and call-stack exhaustion.
 *
 * Expected offsets come from the decoder's instruction stream (`instructions.offsets`), found by
 * opcode inside the function's body, independently of the engine's lowering.
 */
import { describe, expect, it } from 'vitest';
import { Op, decode, type Module } from '@rt/binary';
import { Engine, MAX_WASM_FRAMES, Trap, f64ToBits, type FuncInstance, type ModuleInstance } from '../src/index.js';
import { APIS, RT, type Fn } from './js-api-apis.js';
import { wat } from './wat.js';

/** Byte offset of the `nth` instruction `op` in the body of function `funcIndex`. */
function offsetOf(m: Module, funcIndex: number, op: number, nth = 0): number {
  const imported = m.imports.filter((i) => i.desc.kind === 'func').length;
  const body = m.codes[funcIndex - imported]!.code;
  const ins = m.instructions;
  for (let i = body.start, seen = 0; i < body.end; i++) {
    if (ins.ops[i] === op && seen++ === nth) return ins.offsets[i]!;
  }
  throw new Error(`no ${op} in function ${funcIndex}`);
}

/** The trap `f` throws. */
function trapOf(f: () => unknown): Trap {
  try {
    f();
  } catch (e) {
    if (e instanceof Trap) return e;
    throw e;
  }
  throw new Error('did not trap');
}

/** `[funcIndex, offset]` per frame. */
function frames(t: Trap): Array<[number, number]> {
  return (t.wasmFrames ?? []).map((f) => [f.funcIndex, f.offset]);
}

async function setup(text: string, engine: Engine, imports = {}): Promise<{ m: Module; inst: ModuleInstance; call: (name: string, ...args: unknown[]) => unknown[] }> {
  const bytes = await wat(text, { names: true });
  const inst = engine.instantiate(engine.compile(bytes), imports);
  const call = (name: string, ...args: unknown[]) => engine.invoke(inst.exports.get(name)!.value as FuncInstance, args);
  return { m: decode(bytes), inst, call };
}

const NESTED = `(module $nested (memory 1)
  (func $div (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func $load (param i32) (result i32) (i32.add (i32.const 1) (i32.load (local.get 0))))
  (func $trunc (param f64) (result i64) (i64.trunc_f64_s (local.get 0)))
  (func $mid (param i32) (result i32) (call $div (i32.const 7) (local.get 0)))
  (func (export "div") (param i32) (result i32) (call $mid (local.get 0)))
  (func (export "load") (param i32) (result i32) (call $load (local.get 0)))
  (func (export "trunc") (param f64) (result i64) (call $trunc (local.get 0))))`;

describe.each([
  ['interpreted', Infinity],
  ['compiled', 0],
])('backtraces (%s)', (_tier, jitThreshold) => {
  it('lists nested frames innermost first, at the trapping instruction and the calls', async () => {
    const { m, call } = await setup(NESTED, new Engine({ jitThreshold }));
    const t = trapOf(() => call('div', 0));
    expect(t.message).toBe('integer divide by zero');
    expect(frames(t)).toEqual([
      [0, offsetOf(m, 0, Op.i32_div_s!)],
      [3, offsetOf(m, 3, Op.call!)],
      [4, offsetOf(m, 4, Op.call!)],
    ]);
    expect(t.wasmFramesOmitted).toBe(0);
    expect(t.wasmFrames![0]!.moduleName).toBe('nested');
  });

  it('points at a load fused into the instruction that uses it, and at helper-raised traps', async () => {
    const { m, call } = await setup(NESTED, new Engine({ jitThreshold }));
    expect(frames(trapOf(() => call('load', 0x10000)))).toEqual([
      [1, offsetOf(m, 1, Op.i32_load!)],
      [5, offsetOf(m, 5, Op.call!)],
    ]);
    expect(frames(trapOf(() => call('trunc', f64ToBits(NaN))))).toEqual([
      [2, offsetOf(m, 2, Op.i64_trunc_f64_s!)],
      [6, offsetOf(m, 6, Op.call!)],
    ]);
  });

  it('points at SIMD and bulk-memory instructions (which stay interpreted)', async () => {
    const { m, call } = await setup(
      `(module (memory 1)
        (func $v (param i32) (result i32) (i32x4.extract_lane 0 (v128.load offset=8 (local.get 0))))
        (func $fill (param i32) (memory.fill (local.get 0) (i32.const 0) (i32.const 16)))
        (func (export "v") (param i32) (result i32) (call $v (local.get 0)))
        (func (export "fill") (param i32) (call $fill (local.get 0))))`,
      new Engine({ jitThreshold }),
    );
    expect(frames(trapOf(() => call('v', 0xfff8)))).toEqual([
      [0, offsetOf(m, 0, Op.v128_load!)],
      [2, offsetOf(m, 2, Op.call!)],
    ]);
    expect(frames(trapOf(() => call('fill', 0xfff8)))).toEqual([
      [1, offsetOf(m, 1, Op.memory_fill!)],
      [3, offsetOf(m, 3, Op.call!)],
    ]);
  });

  it('attributes a call_indirect trap to the call_indirect', async () => {
    const { m, call } = await setup(
      `(module (table 1 funcref) (type $v (func))
        (func $f (param i32) (call_indirect (type $v) (local.get 0)))
        (func (export "go") (param i32) (call $f (local.get 0))))`,
      new Engine({ jitThreshold }),
    );
    const t = trapOf(() => call('go', 5));
    expect(t.message).toBe('undefined element');
    expect(frames(t)).toEqual([
      [0, offsetOf(m, 0, Op.call_indirect!)],
      [1, offsetOf(m, 1, Op.call!)],
    ]);
  });

  it('continues through a host function into the Wasm frames that called it', async () => {
    const engine = new Engine({ jitThreshold });
    let inner: ModuleInstance | undefined;
    const host = engine.hostFunction({ kind: 'func', params: [], results: [] }, () => {
      engine.invoke(inner!.exports.get('boom')!.value as FuncInstance, []);
    });
    const { m, inst, call } = await setup(
      `(module $outer (import "h" "f" (func $h))
        (func $boom (export "boom") unreachable)
        (func $via (call $h))
        (func (export "go") (call $via)))`,
      engine,
      { h: { f: host } },
    );
    inner = inst;
    const t = trapOf(() => call('go'));
    expect(frames(t)).toEqual([
      [1, offsetOf(m, 1, Op.unreachable!)],
      [2, offsetOf(m, 2, Op.call!)],
      [3, offsetOf(m, 3, Op.call!)],
    ]);
  });

  it('names each frame\'s own module in a cross-module stack', async () => {
    const engine = new Engine({ jitThreshold });
    const a = await setup(`(module $a (func (export "trap") unreachable))`, engine);
    const b = await setup(`(module $b (import "a" "trap" (func $t)) (func (export "go") (call $t)))`, engine, {
      a: { trap: a.inst.exports.get('trap')!.value },
    });
    const t = trapOf(() => b.call('go'));
    expect(frames(t)).toEqual([
      [0, offsetOf(a.m, 0, Op.unreachable!)],
      [1, offsetOf(b.m, 1, Op.call!)],
    ]);
    expect(t.wasmFrames!.map((f) => f.moduleName)).toEqual(['a', 'b']);
    expect(t.wasmFrames![0]!.module).toBe(a.inst.module);
  });

  it('has frames for a trap in a start function', async () => {
    const engine = new Engine({ jitThreshold });
    const bytes = await wat(`(module (func $f (drop (i32.div_u (i32.const 1) (i32.const 0)))) (func $s (call $f)) (start $s))`);
    const m = decode(bytes);
    const t = trapOf(() => engine.instantiate(engine.compile(bytes)));
    expect(frames(t)).toEqual([
      [0, offsetOf(m, 0, Op.i32_div_u!)],
      [1, offsetOf(m, 1, Op.call!)],
    ]);
  });

  it('keeps the innermost frames of an exhausted stack and counts the rest', async () => {
    const { m, call } = await setup(
      `(module (func $down (export "down") (param i32) (call $down (i32.add (local.get 0) (i32.const 1)))))`,
      new Engine({ jitThreshold, maxCallDepth: 500 }),
    );
    const t = trapOf(() => call('down', 0));
    expect(t.message).toBe('call stack exhausted');
    const at = offsetOf(m, 0, Op.call!);
    expect(t.wasmFrames!.length).toBe(MAX_WASM_FRAMES);
    expect(frames(t).every(([f, o]) => f === 0 && o === at)).toBe(true);
    expect(t.wasmFrames!.length + t.wasmFramesOmitted).toBeGreaterThan(400);
  });
});

describe('backtraces at the host boundary', () => {
  it('lists the Wasm frames below a re-entry that exhausts the host nesting limit', async () => {
    const engine = new Engine({ maxHostReentry: 2 });
    let self: ModuleInstance | undefined;
    const host = engine.hostFunction({ kind: 'func', params: [], results: [] }, () => {
      engine.invoke(self!.exports.get('go')!.value as FuncInstance, []);
    });
    const { m, inst, call } = await setup(`(module (import "h" "f" (func $h)) (func (export "go") (call $h)))`, engine, { h: { f: host } });
    self = inst;
    const t = trapOf(() => call('go'));
    expect(t.message).toBe('call stack exhausted');
    const at = offsetOf(m, 1, Op.call!);
    expect(frames(t)).toEqual([[1, at], [1, at]]);
  });

  it('has no frames for a trap outside any function', async () => {
    const engine = new Engine();
    const bytes = await wat('(module (memory 0) (data (i32.const 1) "x"))');
    const t = trapOf(() => engine.instantiate(engine.compile(bytes)));
    expect(t.wasmFrames).toBeUndefined();
  });
});

describe('backtraces through the JS API', () => {
  /** The `wasm-function[i]:0xoff` locations of a stack, innermost first. */
  const locations = (stack: string) => [...stack.matchAll(/wasm-function\[\d+\]:0x[0-9a-f]+/g)].map((m) => m[0]);

  it('gives RuntimeError the frames, and a stack with the same Wasm locations as V8', async () => {
    const bytes = await wat(NESTED, { names: true });
    const results: Record<string, { error: Error & { wasmFrames?: unknown[] } }> = {};
    for (const [name, api] of APIS) {
      const { instance } = await api.instantiate(bytes);
      const exports = instance.exports as Record<string, Fn>;
      try {
        exports.div!(0);
      } catch (e) {
        results[name] = { error: e as Error };
      }
    }
    const rt = results.rt!.error;
    expect(rt).toBeInstanceOf(RT.RuntimeError);
    expect(rt.wasmFrames).toHaveLength(3);
    expect(rt.stack).toContain('    at div (wasm-function[0]:0x');
    expect(locations(rt.stack!)).toEqual(locations(results.native!.error.stack!));
  });
});
