/**
 * JS Promise Integration on rt's own `WebAssembly`: `Suspending` imports suspend a `promising`
 * call until their promise settles, whatever tier runs the frames in between; other calls run
 * meanwhile; misuse throws `SuspendError`.
 */
import { describe, expect, it } from 'vitest';
import { createWebAssembly } from '../src/index.js';
import { wat } from './wat.js';

const TEXT = `(module
  (import "env" "next" (func $next (param i32) (result i32)))
  (global $calls (mut i32) (i32.const 0))
  ;; Sums next(i) for i in [0, n), recursing once per element to put many frames below each suspension.
  (func $sum (export "sum") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n)) (then (i32.const 0))
      (else (i32.add (call $next (i32.sub (local.get $n) (i32.const 1)))
                     (call $sum (i32.sub (local.get $n) (i32.const 1)))))))
  (func (export "count") (result i32) (global.set $calls (i32.add (global.get $calls) (i32.const 1))) (global.get $calls)))`;

const TIERS = { interp: { jitThreshold: Infinity }, fast: { jitThreshold: 0 }, frame: { jitThreshold: 0, fastTier: false }, sliced: { fuelSlice: 3 } };

async function setup(options: object) {
  const WA = createWebAssembly(options);
  const next = new WA.Suspending(async (i: number) => {
    await new Promise((r) => setTimeout(r, 1));
    return i * 10;
  });
  const { instance } = await WA.instantiate(await wat(TEXT), { env: { next } });
  const e = instance.exports as { sum: (n: number) => number; count: () => number };
  return { WA, e };
}

describe('JSPI', () => {
  for (const [tier, options] of Object.entries(TIERS)) {
    it(`suspends and resumes a promising call (${tier})`, async () => {
      const { WA, e } = await setup(options);
      const sum = WA.promising(e.sum);
      const p = sum(50);
      expect(p).toBeInstanceOf(Promise);
      // While it waits, other calls run on the same engine.
      expect(e.count()).toBe(1);
      const q = sum(20);
      expect(await Promise.all([p, q])).toEqual([12250, 1900]);
      expect(e.count()).toBe(2);
    });
  }

  it('nests: a suspending import that makes a promising call of its own', async () => {
    for (const options of Object.values(TIERS)) {
      const WA = createWebAssembly(options);
      const bytes = await wat(`(module
        (import "m" "inner" (func $inner (param i32) (result i32)))
        (import "m" "outer" (func $outer (param i32) (result i32)))
        (func (export "outer") (param i32) (result i32) (i32.add (call $outer (local.get 0)) (i32.const 1)))
        (func (export "inner") (param i32) (result i32) (i32.mul (call $inner (local.get 0)) (i32.const 2))))`);
      let innerExport: ((x: number) => Promise<unknown>) | undefined;
      const inner = new WA.Suspending(async (x: number) => x + 10);
      const outer = new WA.Suspending((x: number) => innerExport!(x));
      const { instance } = await WA.instantiate(bytes, { m: { inner, outer } });
      const ex = instance.exports as { inner: (x: number) => number; outer: (x: number) => number };
      innerExport = WA.promising(ex.inner) as (x: number) => Promise<unknown>;
      // outer(5) = inner(5) + 1 = (5 + 10) * 2 + 1
      expect(await WA.promising(ex.outer)(5)).toBe(31);
    }
  });

  it('throws SuspendError outside a promising call', async () => {
    const { WA, e } = await setup({});
    expect(() => e.sum(3)).toThrow(WA.SuspendError);
  });

  it('rejects with what the suspending import rejected with, and with traps', async () => {
    const WA = createWebAssembly({});
    const boom = new WA.Suspending(async () => {
      throw new Error('boom');
    });
    const { instance } = await WA.instantiate(
      await wat(`(module (import "env" "f" (func $f (result i32)))
        (func (export "run") (result i32) (call $f))
        (func (export "trap") (result i32) (unreachable)))`),
      { env: { f: boom } },
    );
    const ex = instance.exports as { run: () => number; trap: () => number };
    await expect(WA.promising(ex.run)()).rejects.toThrow('boom');
    await expect(WA.promising(ex.trap)()).rejects.toBeInstanceOf(WA.RuntimeError);
    expect(() => WA.promising(() => 1)).toThrow(TypeError);
  });
});
