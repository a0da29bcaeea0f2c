/**
 * Fuel, deadlines and interrupts: a metered call stops at a checkpoint with `Interrupted`, the
 * host adds fuel and resumes it, and it finishes exactly as an unmetered run; the fuel consumed
 * is the same in every tier.
 */
import { describe, expect, it } from 'vitest';
import { Engine, Interrupted, type EngineOptions, type FuncInstance, type Value } from '../src/index.js';
import { wat } from './wat.js';

const TEXT = `(module (memory 1)
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func $sum (export "sum") (param $n i32) (result i64) (local $acc i64) (local $i i32)
    (loop $l
      (local.set $acc (i64.add (local.get $acc) (i64.mul (i64.extend_i32_u (local.get $i)) (i64.const 0x100000001))))
      (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (call $fib (i32.and (local.get $i) (i32.const 7)))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (i64.add (local.get $acc) (i64.extend_i32_u (i32.load (i32.const 0)))))
  ;; The same loop with a value kept below it, where the fast tier cannot enter a running
  ;; activation (see \`fast/loop-entry.ts\`): it continues in the frame-layout tier.
  (func $sumFrame (export "sumFrame") (param $n i32) (result i64) (local $acc i64) (local $i i32)
    (i32.const 0)
    (loop $l
      (local.set $acc (i64.add (local.get $acc) (i64.mul (i64.extend_i32_u (local.get $i)) (i64.const 0x100000001))))
      (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (call $fib (i32.and (local.get $i) (i32.const 7)))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (drop)
    (i64.add (local.get $acc) (i64.extend_i32_u (i32.load (i32.const 0)))))
  (func (export "spin") (loop $l (br $l))))`;

const TIERS: Record<string, EngineOptions> = {
  interp: { jitThreshold: Infinity },
  frame: { jitThreshold: 0, fastTier: false },
  fast: { jitThreshold: 0 },
  default: {},
  // `sum`'s running activation continues in the fast tier, entered at its loop (stops there
  // leave through a function that was entered mid-activation); `sumFrame`'s in the frame-layout
  // tier, calling the fast tier's `fib` directly (stops inside `fib` leave through the loop).
  mixed: { jitThreshold: 3 },
};

async function setup(options: EngineOptions) {
  const engine = new Engine(options);
  const inst = engine.instantiate(engine.compile(await wat(TEXT)));
  const get = (name: string) => inst.exports.get(name)!.value as FuncInstance;
  return { engine, get };
}

/** Runs `f(args)` on slices of `slice` fuel, resuming after each stop; returns results and stops. */
function runSliced(engine: Engine, f: FuncInstance, args: bigint[] | number[], slice: number) {
  let stops = 0;
  engine.fuel = slice;
  let out: unknown;
  try {
    out = engine.invoke(f, args);
  } catch (e) {
    let pending = e;
    for (;;) {
      if (!(pending instanceof Interrupted)) throw pending;
      stops++;
      engine.fuel = slice;
      try {
        out = pending.resume();
        break;
      } catch (next) {
        pending = next;
      }
    }
  }
  return { out, stops };
}

describe('fuel', () => {
  it('is consumed identically in every tier, and sliced runs finish as unmetered ones', async () => {
    for (const name of ['sum', 'sumFrame']) {
      const plain = await setup({});
      const expected = plain.engine.invoke(plain.get(name), [300]);
      const consumed: Record<string, number> = {};
      for (const [tier, options] of Object.entries(TIERS)) {
        const { engine, get } = await setup({ ...options, fuel: Infinity });
        expect(engine.invoke(get(name), [300])).toEqual(expected);
        consumed[tier] = engine.fuelConsumed;
        for (const slice of [1, 7, 1000]) {
          const s = await setup({ ...options, fuel: 0 });
          const { out, stops } = runSliced(s.engine, s.get(name), [300], slice);
          expect(out, `${name} ${tier} slice ${slice}`).toEqual(expected);
          expect(stops).toBeGreaterThan(0);
          expect(s.engine.fuelConsumed, `${name} ${tier} slice ${slice}`).toBe(consumed[tier]);
        }
      }
      expect(new Set(Object.values(consumed)).size, `${name}: ${JSON.stringify(consumed)}`).toBe(1);
      expect(consumed.interp).toBeGreaterThan(300 * 10);
    }
  });

  it('stops an infinite loop, with the reason and the fuel used', async () => {
    for (const options of Object.values(TIERS)) {
      const { engine, get } = await setup({ ...options, fuel: 10_000 });
      let err: unknown;
      try {
        engine.invoke(get('spin'), []);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(Interrupted);
      expect((err as Interrupted).reason).toBe('fuel');
      expect(engine.fuelConsumed).toBeGreaterThanOrEqual(10_000);
      expect(engine.fuelConsumed).toBeLessThan(10_010);
      (err as Interrupted).abandon();
    }
  });

  it('stops at a deadline and on interrupt', async () => {
    for (const options of Object.values(TIERS)) {
      const { engine, get } = await setup({ ...options, interruptible: true });
      engine.setDeadline(20);
      const t0 = Date.now();
      const err = (() => {
        try {
          engine.invoke(get('spin'), []);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(Interrupted);
      expect((err as Interrupted).reason).toBe('deadline');
      expect(Date.now() - t0).toBeLessThan(2000);
      engine.interrupt();
      let again: unknown;
      try {
        (err as Interrupted).resume();
      } catch (e) {
        again = e;
      }
      expect((again as Interrupted).reason).toBe('interrupt');
    }
  });

  it('resumes a call stopped inside a host function, which resumes it itself', async () => {
    for (const options of Object.values(TIERS)) {
      const engine = new Engine({ ...options, fuel: Infinity });
      let inner: FuncInstance | undefined;
      let stops = 0;
      const bytes = await wat(`(module
        (import "env" "host" (func $host (param i32) (result i32)))
        (func $work (export "work") (param $n i32) (result i32) (local $i i32) (local $acc i32)
          (loop $l
            (local.set $acc (i32.add (local.get $acc) (i32.mul (local.get $i) (local.get $i))))
            (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
          (local.get $acc))
        (func (export "outer") (param $n i32) (result i32)
          (i32.add (call $work (local.get $n)) (call $host (local.get $n)))))`);
      const host = engine.hostFunction({ kind: 'func', params: [0x7f], results: [0x7f] }, ([n]) => {
        // Wasm → host → Wasm: the inner call runs out, and the host resumes it in slices.
        engine.fuel = 50;
        let pending: unknown;
        try {
          return engine.invoke(inner!, [n!]);
        } catch (e) {
          pending = e;
        }
        for (;;) {
          if (!(pending instanceof Interrupted)) throw pending;
          stops++;
          engine.fuel = 50;
          try {
            return (pending as Interrupted<Value[]>).resume();
          } catch (e) {
            pending = e;
          }
        }
      });
      const inst = engine.instantiate(engine.compile(bytes), { env: { host } });
      inner = inst.exports.get('work')!.value as FuncInstance;
      const outer = inst.exports.get('outer')!.value as FuncInstance;
      engine.fuel = Infinity;
      const expected = engine.invoke(inner, [300])[0] as number;
      expect(engine.invoke(outer, [300])).toEqual([(2 * expected) | 0]);
      expect(stops).toBeGreaterThan(10);
    }
  });

  it('costs nothing on an unmetered engine: no checkpoints', async () => {
    const { engine } = await setup({});
    expect(engine.metered).toBe(false);
    expect(engine.fuel).toBe(Infinity);
    expect(() => engine.setDeadline(1)).toThrow(/does not meter/);
  });
});
