/**
 * Entering the fast tier at a loop of a running activation (`fast/loop-entry.ts`,
 * `fast/entry-plan.ts`): with every tier-up threshold, so that the entry happens at every loop
 * and iteration, results are the interpreter's and native's bit for bit, traps keep their
 * backtraces, exhaustion happens at the same depth, fuel is the same, and the activation really
 * continues in generated code.
 */
import { describe, expect, it } from 'vitest';
import { Engine, Interrupted, Trap, type EngineOptions, type FuncInstance, type Value } from '../src/index.js';
import { wat } from './wat.js';

const NativeWasm = (globalThis as unknown as {
  WebAssembly: { instantiate(b: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, (...a: unknown[]) => unknown> } }> };
}).WebAssembly;

const TEXT = `(module
  (import "h" "probe" (func $probe (param i32)))
  (global $g (mut i32) (i32.const 0))
  ;; Loops in both arms of an if inside a loop, a loop after them, locals of every type (an f32
  ;; NaN with a payload among them); the probe reports who called it.
  (func $nested (export "nested") (param $n i32) (param $seed i64) (result i64)
    (local $i i32) (local $j i32) (local $acc i64) (local $f f32) (local $d f64)
    (local.set $f (f32.reinterpret_i32 (i32.const 0x7fa00001)))
    (local.set $d (f64.const 1.5))
    (block $done
      (loop $outer
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (call $probe (local.get $i))
        (if (i32.and (local.get $i) (i32.const 1))
          (then
            (local.set $j (i32.const 0))
            (loop $a
              (local.set $acc (i64.add (i64.mul (local.get $acc) (i64.const 31)) (i64.extend_i32_u (local.get $j))))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br_if $a (i32.lt_u (local.get $j) (i32.const 7)))))
          (else
            (local.set $j (i32.const 0))
            (loop $b
              (local.set $d (f64.add (local.get $d) (f64.convert_i32_s (local.get $j))))
              (local.set $acc (i64.xor (local.get $acc) (i64.rotl (local.get $seed) (i64.extend_i32_u (local.get $j)))))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br_if $b (i32.lt_u (local.get $j) (i32.const 5))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $outer)))
    (loop $after
      (local.set $acc (i64.add (local.get $acc) (i64.reinterpret_f64 (local.get $d))))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (br_if $after (i32.gt_s (local.get $i) (i32.const 0))))
    (i64.add (local.get $acc) (i64.extend_i32_u (i32.reinterpret_f32 (local.get $f)))))
  ;; Recursion: activations that began in the interpreter reach their loops after the function
  ;; tiered up, one at loop $a, another at $b: the generated code gains entries one by one.
  (func $walk (export "walk") (param $k i32) (result i32) (local $i i32) (local $s i32)
    (if (i32.gt_s (local.get $k) (i32.const 0))
      (then (local.set $s (call $walk (i32.sub (local.get $k) (i32.const 1))))))
    (if (i32.and (local.get $k) (i32.const 1))
      (then (loop $a
        (local.set $s (i32.add (i32.mul (local.get $s) (i32.const 3)) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $a (i32.lt_u (local.get $i) (i32.const 10)))))
      (else (loop $b
        (local.set $s (i32.xor (i32.rotl (local.get $s) (i32.const 5)) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $b (i32.lt_u (local.get $i) (i32.const 12))))))
    (local.get $s))
  ;; Traps in the loop's n-th iteration (n > 0).
  (func $trapper (export "trapper") (param $n i32) (result i32) (local $i i32)
    (loop $l
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (drop (i32.div_s (i32.const 1) (i32.sub (local.get $n) (local.get $i))))
      (br $l))
    (i32.const 0))
  (func (export "callTrapper") (param i32) (result i32) (i32.add (call $trapper (local.get 0)) (i32.const 1)))
  ;; A loop with a value below it: no entry, the frame-layout tier runs it.
  (func (export "stacked") (param $n i32) (result i32)
    (i32.add (i32.const 1000)
      (loop $l (result i32)
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br_if $l (local.get $n))
        (local.get $n))))
  ;; Unbounded recursion after a short loop in every activation.
  (func $deep (export "deep") (param $n i32) (result i32) (local $i i32)
    (loop $l (local.set $i (i32.add (local.get $i) (i32.const 1))) (br_if $l (i32.lt_u (local.get $i) (i32.const 3))))
    (global.set $g (i32.add (global.get $g) (i32.const 1)))
    (i32.add (call $deep (local.get $n)) (i32.const 1)))
  (func (export "depth") (result i32) (global.get $g)))`;

/** Whether the current JavaScript stack runs through a function the fast tier generated. */
const inGeneratedCode = (): boolean => /\bwasm\$\d+/.test(new Error().stack ?? '');

async function setup(options: EngineOptions) {
  const engine = new Engine(options);
  const probes: boolean[] = [];
  const probe = engine.hostFunction({ kind: 'func', params: [0x7f], results: [] }, () => {
    probes.push(inGeneratedCode());
  });
  const inst = engine.instantiate(engine.compile(await wat(TEXT)), { h: { probe } });
  const get = (name: string) => inst.exports.get(name)!.value as FuncInstance;
  return { engine, probes, call: (name: string, ...args: Value[]) => engine.invoke(get(name), args) };
}

function outcome(f: () => unknown): unknown {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof Trap)) throw e;
    return [e.message, e.wasmFrames!.map((fr) => [fr.funcIndex, fr.offset])];
  }
}

describe('entering the fast tier at a loop', () => {
  it('continues a running activation at any loop and iteration with the same results', async () => {
    const bytes = await wat(TEXT);
    const native = (await NativeWasm.instantiate(bytes, { h: { probe: () => {} } })).instance.exports;
    const interp = await setup({ jitThreshold: Infinity });
    for (const threshold of [1, 2, 3, 5, 8, 13, 21, 40, 77]) {
      for (const n of [0, 1, 2, 9, 30]) {
        const { call, probes } = await setup({ jitThreshold: threshold });
        const want = interp.call('nested', n, -0x123456789abcdefn);
        expect(call('nested', n, -0x123456789abcdefn), `threshold ${threshold}, n ${n}`).toEqual(want);
        expect(BigInt.asIntN(64, native.nested!(n, -0x123456789abcdefn) as bigint)).toBe(want[0]);
        // Every activation began in the interpreter; once the loops had made the function hot,
        // the probes were called from generated code.
        if (n === 30) expect(probes.slice(-5)).toEqual([true, true, true, true, true]);
        // Later calls run the same generated code (its entry loops added).
        expect(call('nested', n, 5n)).toEqual(interp.call('nested', n, 5n));
      }
    }
  });

  it('adds entries as older activations reach other loops', async () => {
    const interp = await setup({ jitThreshold: Infinity });
    for (const threshold of [2, 3, 4, 7, 10, 25]) {
      const { call } = await setup({ jitThreshold: threshold });
      for (const k of [0, 1, 5, 20, 40]) expect(call('walk', k), `threshold ${threshold}, k ${k}`).toEqual(interp.call('walk', k));
    }
  });

  it('shares generated versions between instances, each entering where its activations are', async () => {
    // The module's versions are shared: an instance keeps its version until one of its own
    // activations needs an entry another instance's activation already added, or a new one.
    const interp = await setup({ jitThreshold: Infinity });
    const engine = new Engine({ jitThreshold: 3 });
    const probe = engine.hostFunction({ kind: 'func', params: [0x7f], results: [] }, () => {});
    const compiled = engine.compile(await wat(TEXT));
    const instances = [0, 1, 2].map(() => engine.instantiate(compiled, { h: { probe } }));
    const call = (k: number, name: string, ...args: Value[]) => engine.invoke(instances[k]!.exports.get(name)!.value as FuncInstance, args);
    for (const [k, n] of [[0, 30], [1, 9], [0, 2], [2, 40], [1, 30], [2, 1]] as const) {
      expect(call(k, 'walk', n), `instance ${k}, walk(${n})`).toEqual(interp.call('walk', n));
      expect(call(k, 'nested', n, 7n), `instance ${k}, nested(${n})`).toEqual(interp.call('nested', n, 7n));
    }
  });

  it('traps with the interpreter message and backtrace, as the entry or below a caller', async () => {
    const interp = await setup({ jitThreshold: Infinity });
    for (const threshold of [1, 4, 50]) {
      for (const name of ['trapper', 'callTrapper']) {
        for (const n of [1, 3, 60, 200]) {
          const { call } = await setup({ jitThreshold: threshold });
          const want = outcome(() => interp.call(name, n));
          expect((want as unknown[])[0]).toBe('integer divide by zero');
          expect(outcome(() => call(name, n)), `${name}(${n}), threshold ${threshold}`).toEqual(want);
        }
      }
    }
  });

  it('leaves a loop with values below it to the frame-layout tier', async () => {
    const { call } = await setup({ jitThreshold: 2 });
    expect(call('stacked', 100)).toEqual([1000]);
    expect(call('stacked', 5)).toEqual([1000]);
  });

  it('exhausts the stack at the same depth', async () => {
    const depths: unknown[] = [];
    for (const jitThreshold of [Infinity, 1, 3, 10]) {
      const { call } = await setup({ jitThreshold, maxCallDepth: 200 });
      const trap = outcome(() => call('deep', 0)) as unknown[];
      expect(trap[0]).toBe('call stack exhausted');
      depths.push([call('depth'), (trap[1] as unknown[]).length]);
    }
    expect(new Set(depths.map((d) => JSON.stringify(d))).size, JSON.stringify(depths)).toBe(1);
  });

  it('consumes the same fuel, also when sliced runs resume in the interpreter and enter again', async () => {
    const run = async (options: EngineOptions, slice?: number) => {
      const { engine, call } = await setup({ ...options, fuel: slice === undefined ? Infinity : slice });
      let out: unknown;
      let stops = 0;
      try {
        out = call('nested', 40, 77n);
      } catch (e) {
        let pending = e;
        for (;;) {
          if (!(pending instanceof Interrupted)) throw pending;
          stops++;
          engine.fuel = slice!;
          try {
            out = pending.resume();
            break;
          } catch (next) {
            pending = next;
          }
        }
      }
      return { out, fuel: engine.fuelConsumed, stops };
    };
    const want = await run({ jitThreshold: Infinity });
    for (const jitThreshold of [1, 3, 20]) {
      expect(await run({ jitThreshold })).toEqual(want);
      for (const slice of [1, 9, 100]) {
        const r = await run({ jitThreshold }, slice);
        expect(r.out).toEqual(want.out);
        expect(r.fuel).toBe(want.fuel);
        expect(r.stops).toBeGreaterThan(0);
      }
    }
  });
});
