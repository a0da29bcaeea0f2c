/**
 * The second tier (compiled JavaScript bodies) must behave exactly like the interpreter: same
 * results, same traps, memory growth seen by both, calls and returns crossing tiers, and entry
 * into a compiled body in the middle of a loop.
 */
import { describe, expect, it } from 'vitest';
import { Engine, Trap, type FuncInstance, type WasmFunction } from '../src/index.js';
import { wat } from './wat.js';

/** Node's own WebAssembly, the oracle (the package's types do not include the DOM's). */
const NativeWasm = (globalThis as unknown as {
  WebAssembly: { Module: new (b: Uint8Array) => object; Instance: new (m: object) => { exports: unknown } };
}).WebAssembly;

const TEXT = `(module (memory 1)
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func (export "sum") (param i32) (result i64) (local i64)
    (block (loop
      (br_if 1 (i32.eqz (local.get 0)))
      (local.set 1 (i64.add (local.get 1) (i64.mul (i64.extend_i32_u (local.get 0)) (i64.const 0x100000001))))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
      (br 0)))
    (local.get 1))
  (func (export "grow_and_store") (param i32) (result i32)
    (drop (memory.grow (i32.const 1)))
    (i32.store (i32.const 70000) (local.get 0))
    (i32.load (i32.const 70000)))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "fdot") (param i32) (result f64) (local f64 i32)
    (loop
      (f64.store (i32.shl (local.get 2) (i32.const 3)) (f64.convert_i32_s (local.get 2)))
      (local.set 1 (f64.add (local.get 1) (f64.mul (f64.load (i32.shl (local.get 2) (i32.const 3))) (f64.const 0.5))))
      (br_if 0 (i32.lt_s (local.tee 2 (i32.add (local.get 2) (i32.const 1))) (local.get 0))))
    (local.get 1))
  (func (export "nan") (param f64) (result f64) (f64.neg (local.get 0))))`;

async function engines() {
  const bytes = await wat(TEXT);
  const make = (threshold: number) => {
    const engine = new Engine({ fastTier: false });
    engine.store.jitThreshold = threshold;
    const inst = engine.instantiate(engine.compile(bytes));
    const fn = (name: string) => inst.exports.get(name)!.value as FuncInstance;
    return { engine, inst, fn, call: (name: string, ...args: unknown[]) => engine.invoke(fn(name), args) };
  };
  return { interp: make(Infinity), jit: make(0), mid: make(50) };
}

describe('frame-layout compiled tier (fastTier: false)', () => {
  it('computes what the interpreter computes', async () => {
    const { interp, jit, mid } = await engines();
    for (const [name, args] of [
      ['fib', [20]],
      ['sum', [3000]],
      ['fdot', [500]],
      ['nan', [0x7ff4000000000001n]],
      ['div', [-7, 2]],
    ] as const) {
      const expected = interp.call(name, ...args);
      expect(jit.call(name, ...args), name).toEqual(expected);
      expect(mid.call(name, ...args), name).toEqual(expected);
    }
    expect((jit.fn('fib') as WasmFunction).jit).not.toBeNull();
    expect((mid.fn('sum') as WasmFunction).jit).not.toBeNull(); // entered at the loop header
    expect((interp.fn('fib') as WasmFunction).jit).toBeNull();
  });

  it('traps with the same messages and sees memory growth', async () => {
    const { jit } = await engines();
    expect(() => jit.call('div', 1, 0)).toThrow(new Trap('integer divide by zero'));
    expect(() => jit.call('div', -0x80000000, -1)).toThrow(new Trap('integer overflow'));
    expect(jit.call('grow_and_store', 1234)).toEqual([1234]);
    expect(jit.call('fib', 10)).toEqual([55]);
  });

  it('compiles a function too big to compile whole as chunks', async () => {
    // ~1000 dead computations make the function larger than the whole-function limit.
    const filler = Array.from({ length: 1000 }, (_, k) => `(local.set 2 (i32.add (local.get 2) (i32.const ${k})))`).join('\n');
    const text = `(module (func (export "big") (param i32) (result i32) (local i32 i32)
      ${filler}
      (loop (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 0) (local.get 0))))
        (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
      (i32.add (local.get 1) (local.get 2))))`;
    const bytes = await wat(text);
    const results = [Infinity, 0, 100].map((threshold) => {
      const engine = new Engine({ jitThreshold: threshold, fastTier: false });
      const inst = engine.instantiate(engine.compile(bytes));
      const f = inst.exports.get('big')!.value as WasmFunction;
      const r = engine.invoke(f, [5000]);
      return { r, jit: f.jit };
    });
    expect(results[1]!.r).toEqual(results[0]!.r);
    expect(results[2]!.r).toEqual(results[0]!.r);
    expect(results[1]!.jit?.name).toBe('chunked');
  });

  it('runs an eval loop too big to compile whole as native does, across chunks, calls, growth and traps', async () => {
    // The shape of an interpreter's eval loop: one loop around a br_table of many cases, each
    // ending in a branch to a shared join, as CPython's ceval is. Opcodes come from memory and
    // the accumulator; the divisions trap once `steps` is down to `trapAt`.
    // 70 cases of ten pieces of work each: large enough cases for chunks (see `smallCases`), and
    // enough for the dispatch to be a lookup that every chunk carries (`LOOKUP_TARGETS`).
    const CASES = 70;
    const piece = (k: number) =>
      k % 7 === 0 ? `(local.set $acc (call $mix (local.get $acc) (i32.const ${k})))`
      : k % 7 === 1 ? `(i64.store (i32.const 1024) (i64.mul (i64.load (i32.const 1024)) (i64.extend_i32_u (i32.or (local.get $acc) (i32.const 1)))))`
      : k % 7 === 2 ? `(local.set $f (f64.add (f64.mul (local.get $f) (f64.const 1.0000001)) (f64.convert_i32_s (local.get $acc))))`
      : k % 7 === 3 ? `(local.set $acc (i32.add (i32.div_s (local.get $acc) (i32.gt_s (local.get $steps) (local.get $trapAt))) (i32.const ${k})))`
      : k % 7 === 4 ? `(if (i32.eq (local.get $acc) (i32.const -1)) (then (drop (memory.grow (i32.const 1)))))
                       (local.set $acc (i32.add (local.get $acc) (memory.size)))`
      : k % 7 === 5 ? `(local.set $acc (i32.rotl (local.get $acc) (i32.const ${k % 31})))
                       (i32.store8 (i32.and (local.get $acc) (i32.const 511)) (local.get $acc))`
      : `(local.set $acc (i32.xor (local.get $acc) (i32.load8_u offset=${k} (local.get $pc))))`;
    const cases = Array.from({ length: CASES }, (_, k) => {
      const work = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((j) => piece(k + 11 * j)).join('\n');
      return `${work} (local.set $acc (i32.add (local.get $acc) (i32.const ${k * 2654435761 >>> 16}))) (br $next)`;
    });
    // Nested blocks: case k's code follows the end of block k.
    let body = `(br_table ${Array.from({ length: CASES }, (_, k) => k).join(' ')} (i32.rem_u (i32.add (i32.load8_u (local.get $pc)) (i32.shr_u (local.get $acc) (i32.const 8))) (i32.const ${CASES})))`;
    for (let k = 0; k < CASES; k++) body = `(block ${body}) ${cases[k]}`;
    const text = `(module (memory 1)
      (func $mix (param i32 i32) (result i32) (i32.add (i32.mul (local.get 0) (i32.const 31)) (local.get 1)))
      (func (export "run") (param $steps i32) (param $seed i32) (param $trapAt i32) (result i32 i64 f64 i32)
        (local $pc i32) (local $acc i32) (local $f f64)
        (local.set $acc (local.get $seed))
        (i64.store (i32.const 1024) (i64.const 1))
        (block $done (loop $top
          (br_if $done (i32.eqz (local.get $steps)))
          (local.set $steps (i32.sub (local.get $steps) (i32.const 1)))
          (block $next ${body})
          (local.set $pc (i32.and (i32.add (local.get $pc) (i32.add (local.get $acc) (i32.const 1))) (i32.const 511)))
          (br $top)))
        (local.get $acc) (i64.load (i32.const 1024)) (local.get $f) (memory.size)))`;
    const bytes = await wat(text);
    for (const [threshold, fastTier] of [[Infinity, false], [0, false], [3, false], [0, true]] as const) {
      // The runs share memory (the opcodes), so each engine is compared with a fresh native instance.
      const native = new NativeWasm.Instance(new NativeWasm.Module(bytes)).exports as Record<string, (...a: number[]) => unknown>;
      const bitsOf = (x: number) => new BigUint64Array(new Float64Array([x]).buffer)[0]!;
      const expectNative = (steps: number, seed: number, trapAt: number): unknown => {
        try {
          const [acc, h, fl, pages] = native['run']!(steps, seed, trapAt) as [number, bigint, number, number];
          return [acc, h, bitsOf(fl), pages];
        } catch (e) {
          return (e as Error).message.includes('divide by zero') ? 'integer divide by zero' : (e as Error).message;
        }
      };
      const engine = new Engine({ jitThreshold: threshold, fastTier });
      const inst = engine.instantiate(engine.compile(bytes));
      const f = inst.exports.get('run')!.value as WasmFunction;
      for (const [steps, seed, trapAt] of [[2000, 1, -1], [5000, 12345, -1], [300, -7, -1], [20000, 99, 7000]] as const) {
        const want = expectNative(steps, seed, trapAt);
        let got: unknown;
        try {
          // The engine returns i64 and f64 results as raw bits.
          const [acc, h, fl, pages] = engine.invoke(f, [steps, seed, trapAt]) as [number, bigint, bigint, number];
          got = [acc, BigInt.asIntN(64, h), fl, pages];
        } catch (e) {
          got = (e as Error).message;
        }
        if (trapAt >= 0) expect(want).toBe('integer divide by zero');
        expect(got, `threshold ${threshold}, fast tier ${fastTier}, ${steps} steps from ${seed}`).toEqual(want);
      }
      if (threshold !== Infinity && !fastTier) expect(f.jit?.name).toBe('chunked');
    }
  });

  it('leaves an eval loop of many small cases to the interpreter rather than chunks', async () => {
    // 100 cases of a few instructions: nearly every case would cross chunks, slower than interpreting.
    const CASES = 100;
    const step = (k: number) => `(local.set $acc (i32.add (i32.rotl (local.get $acc) (i32.const 5)) (i32.const ${k})))`;
    const cases = Array.from({ length: CASES }, (_, k) => `end ${step(k)} ${step(k + 1)} ${step(k + 2)} ${step(k + 3)} (br $next)`);
    const text = `(module (func (export "run") (param $steps i32) (result i32) (local $acc i32)
      (block $done (loop $top
        (br_if $done (i32.eqz (local.get $steps)))
        (local.set $steps (i32.sub (local.get $steps) (i32.const 1)))
        (block $next ${'block '.repeat(CASES)} (i32.rem_u (local.get $acc) (i32.const ${CASES})) br_table ${Array.from({ length: CASES }, (_, k) => k).join(' ')}
          ${cases.join('\n')})
        (br $top)))
      (local.get $acc)))`;
    const bytes = await wat(text);
    const native = new NativeWasm.Instance(new NativeWasm.Module(bytes)).exports as { run: (n: number) => number };
    const engine = new Engine({ jitThreshold: 0, fastTier: false });
    const f = engine.instantiate(engine.compile(bytes)).exports.get('run')!.value as WasmFunction;
    expect(engine.invoke(f, [5000])).toEqual([native.run(5000)]);
    expect(f.jit).toBeNull();
  });

  it('keeps every i32 local right across calls when a body has more than it keeps in variables', async () => {
    // 60 i32 locals (only some are promoted to JS variables), each updated at its own rate in a
    // loop that calls out on every iteration: a call leaves the compiled body and re-enters it.
    const count = 60;
    const locals = Array.from({ length: count }, (_, k) => k);
    const updates = locals
      .map((k) => `(if (i32.eqz (i32.rem_u (local.get $i) (i32.const ${(k % 7) + 1})))
        (then (local.set ${k + 2} (call $mix (local.get ${k + 2}) (i32.const ${k})))))`)
      .join('\n');
    const sum = locals.map((k) => `(local.get ${k + 2})`).reduce((a, b) => `(i32.add ${a} (i32.rotl ${b} (i32.const 3)))`);
    const text = `(module
      (func $mix (param i32 i32) (result i32) (i32.add (i32.mul (local.get 0) (i32.const 31)) (local.get 1)))
      (func (export "many") (param $n i32) (result i32) (local $i i32) ${'(local i32)'.repeat(count)}
        (loop $l ${updates}
          (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
        ${sum}))`;
    const bytes = await wat(text);
    const [interpreted, compiled] = [Infinity, 0].map((threshold) => {
      const engine = new Engine({ jitThreshold: threshold, fastTier: false });
      const inst = engine.instantiate(engine.compile(bytes));
      const f = inst.exports.get('many')!.value as WasmFunction;
      return { r: engine.invoke(f, [300]), jit: f.jit };
    });
    expect(compiled!.jit).not.toBeNull();
    expect(compiled!.r).toEqual(interpreted!.r);
  });

  it('calls fast-tier functions from a compiled loop directly, with the same traps, backtraces and memory', async () => {
    // `run` is called once: after 3 iterations its activation continues in the frame-layout
    // tier while `leaf` is already in the fast tier, so the loop calls `leaf` itself
    // (`exec/body-calls.ts`). `leaf` grows the memory the loop then reads, and traps on request.
    // (The value `run` keeps below its loop stops the fast tier from entering the activation at
    // the loop, which it would otherwise do: `fast/loop-entry.ts`.)
    const bytes = await wat(`(module (memory 1)
      (type $t (func (param i32 i32) (result i32)))
      (table 4 funcref) (elem (i32.const 0) $leaf $other)
      (func $other (param i32) (result i32) (local.get 0))
      (func (export "warm") (result i32) (call $other (call $other (call $other (call $other (i32.const 1))))))
      (func $leaf (type $t) (param i32 i32) (result i32)
        (if (i32.eq (local.get 0) (local.get 1)) (then unreachable))
        (if (i32.eq (local.get 0) (i32.const 40)) (then
          (drop (memory.grow (i32.const 1)))
          (i32.store (i32.const 70000) (i32.const 12345))))
        (i32.add (i32.mul (local.get 0) (i32.const 3)) (memory.size)))
      (func (export "run") (param $n i32) (param $bad i32) (result i32) (local $i i32) (local $acc i32)
        (i32.const 0)
        (loop $l
          (local.set $acc (i32.add (local.get $acc) (call $leaf (local.get $i) (local.get $bad))))
          ;; Through the table: slot 0 ($leaf), but at i = -bad slot -bad & 7: 1 (wrong type), 2 (null), 7 (none).
          (local.set $acc (i32.add (local.get $acc)
            (call_indirect (type $t) (local.get $i) (i32.const -1)
              (if (result i32) (i32.eq (local.get $i) (i32.sub (i32.const 0) (local.get $bad)))
                (then (i32.and (local.get $bad) (i32.const 7))) (else (i32.const 0))))))
          (if (i32.gt_u (memory.size) (i32.const 1))
            (then (local.set $acc (i32.xor (local.get $acc) (i32.load (i32.const 70000))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
        (drop)
        (local.get $acc)))`);
    const outcome = (threshold: number, n: number, bad: number) => {
      const engine = new Engine({ jitThreshold: threshold });
      const inst = engine.instantiate(engine.compile(bytes));
      // $other in the fast tier too: a slot of the wrong type is then a compiled function.
      engine.invoke(inst.exports.get('warm')!.value as FuncInstance, []);
      try {
        return engine.invoke(inst.exports.get('run')!.value as FuncInstance, [n, bad]);
      } catch (e) {
        if (!(e instanceof Trap)) throw e;
        return [e.message, e.wasmFrames!.map((f) => [f.funcIndex, f.offset])];
      }
    };
    for (const [n, bad] of [[100, -1000], [100, 70], [100, 20], [100, -57], [100, -46], [100, -71]] as const) {
      const want = outcome(Infinity, n, bad);
      if (bad >= 0) expect(want[0]).toBe('unreachable');
      if (bad === -57) expect(want[0]).toBe('undefined element');
      if (bad === -46) expect(want[0]).toMatch(/^uninitialized element/);
      if (bad === -71) expect(want[0]).toBe('indirect call type mismatch');
      expect(outcome(3, n, bad), `n ${n}, trap at ${bad}`).toEqual(want);
    }
  });

  it('exhaustion, host calls and host exceptions behave the same in compiled code', async () => {
    const engine = new Engine({ jitThreshold: 0, maxCallDepth: 300 });
    const boom = new Error('boom');
    let inst!: ReturnType<Engine['instantiate']>;
    const host = engine.hostFunction({ kind: 'func', params: [0x7f], results: [0x7f] }, ([n]) => {
      if (n === -1) throw boom;
      return engine.invoke(inst.exports.get('down')!.value as FuncInstance, [n]);
    });
    inst = engine.instantiate(
      engine.compile(
        await wat(`(module (import "h" "f" (func $h (param i32) (result i32)))
          (func $inf (export "inf") (param i32) (result i32) (i32.add (call $inf (local.get 0)) (i32.const 1)))
          (func (export "down") (param i32) (result i32)
            (if (result i32) (i32.le_s (local.get 0) (i32.const 0)) (then (local.get 0))
              (else (i32.add (i32.const 1) (call $h (i32.sub (local.get 0) (i32.const 1))))))))`),
      ),
      { h: { f: host } },
    );
    const call = (name: string, n: number) => engine.invoke(inst.exports.get(name)!.value as FuncInstance, [n]);
    expect(() => call('inf', 1)).toThrow(new Trap('call stack exhausted'));
    expect(call('down', 40)).toEqual([40]);
    expect(() => call('down', 100000)).toThrow(new Trap('call stack exhausted'));
    let caught: unknown;
    const thrower = engine.instantiate(
      engine.compile(await wat(`(module (import "h" "f" (func $h (param i32) (result i32))) (func (export "t") (result i32) (call $h (i32.const -1))))`)),
      { h: { f: host } },
    );
    try {
      engine.invoke(thrower.exports.get('t')!.value as FuncInstance, []);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBe(boom);
    expect(engine.store.callDepth).toBe(0);
    expect(call('down', 3)).toEqual([3]);
  });
});
