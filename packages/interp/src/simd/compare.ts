/**
 * Lane-wise comparisons. Each lane of the result is all ones (true) or all zeros (false), written
 * through a signed view as -1/0. Lane-wise, so `dst` may alias an operand. Float comparisons use
 * JS relational operators, which are false whenever a NaN is involved (and `!=` true), exactly as
 * IEEE 754 / wasm require, and treat -0 and +0 as equal.
 * @module
 */
import type { SimdOp } from './types.js';

// Kinds of comparison, used by the small per-shape factories below. Factories are instantiated
// once at module load, so no per-call allocation; the switch is on a closed-over constant.
const EQ = 0, NE = 1, LT = 2, GT = 3, LE = 4, GE = 5;

/** Evaluates comparison `k` on two numbers. */
function cmp(k: number, p: number, q: number): boolean {
  switch (k) {
    case EQ: return p === q;
    case NE: return p !== q;
    case LT: return p < q;
    case GT: return p > q;
    case LE: return p <= q;
    default: return p >= q;
  }
}

type View = 'i8' | 'u8' | 'i16' | 'u16' | 'i32' | 'u32' | 'f32' | 'f64';

/**
 * Builds a comparison over lanes read through view `view` (lane count and slot scale follow from
 * the view), writing -1/0 lanes of the same width. For `f64`, results go to both 32-bit halves.
 */
function makeCompare(view: View, k: number): SimdOp {
  switch (view) {
    case 'i8':
    case 'u8':
      return (s, dst, a, b) => {
        const v = s[view];
        const o = s.i8;
        const d = 8 * dst, x = 8 * a, y = 8 * b;
        for (let i = 0; i < 16; i++) o[d + i] = cmp(k, v[x + i], v[y + i]) ? -1 : 0;
      };
    case 'i16':
    case 'u16':
      return (s, dst, a, b) => {
        const v = s[view];
        const o = s.i16;
        const d = 4 * dst, x = 4 * a, y = 4 * b;
        for (let i = 0; i < 8; i++) o[d + i] = cmp(k, v[x + i], v[y + i]) ? -1 : 0;
      };
    case 'i32':
    case 'u32':
    case 'f32':
      return (s, dst, a, b) => {
        const v = s[view];
        const o = s.i32;
        const d = 2 * dst, x = 2 * a, y = 2 * b;
        for (let i = 0; i < 4; i++) o[d + i] = cmp(k, v[x + i], v[y + i]) ? -1 : 0;
      };
    case 'f64':
      return (s, dst, a, b) => {
        const v = s.f64;
        const o = s.i32;
        // Both lanes are read before either is written, since the f64 lane and its two result
        // words occupy the same bytes.
        const r0 = cmp(k, v[a], v[b]) ? -1 : 0;
        const r1 = cmp(k, v[a + 1], v[b + 1]) ? -1 : 0;
        const d = 2 * dst;
        o[d] = r0;
        o[d + 1] = r0;
        o[d + 2] = r1;
        o[d + 3] = r1;
      };
  }
}

export const i8x16Eq = makeCompare('i8', EQ);
export const i8x16Ne = makeCompare('i8', NE);
export const i8x16LtS = makeCompare('i8', LT);
export const i8x16LtU = makeCompare('u8', LT);
export const i8x16GtS = makeCompare('i8', GT);
export const i8x16GtU = makeCompare('u8', GT);
export const i8x16LeS = makeCompare('i8', LE);
export const i8x16LeU = makeCompare('u8', LE);
export const i8x16GeS = makeCompare('i8', GE);
export const i8x16GeU = makeCompare('u8', GE);

export const i16x8Eq = makeCompare('i16', EQ);
export const i16x8Ne = makeCompare('i16', NE);
export const i16x8LtS = makeCompare('i16', LT);
export const i16x8LtU = makeCompare('u16', LT);
export const i16x8GtS = makeCompare('i16', GT);
export const i16x8GtU = makeCompare('u16', GT);
export const i16x8LeS = makeCompare('i16', LE);
export const i16x8LeU = makeCompare('u16', LE);
export const i16x8GeS = makeCompare('i16', GE);
export const i16x8GeU = makeCompare('u16', GE);

export const i32x4Eq = makeCompare('i32', EQ);
export const i32x4Ne = makeCompare('i32', NE);
export const i32x4LtS = makeCompare('i32', LT);
export const i32x4LtU = makeCompare('u32', LT);
export const i32x4GtS = makeCompare('i32', GT);
export const i32x4GtU = makeCompare('u32', GT);
export const i32x4LeS = makeCompare('i32', LE);
export const i32x4LeU = makeCompare('u32', LE);
export const i32x4GeS = makeCompare('i32', GE);
export const i32x4GeU = makeCompare('u32', GE);

export const f32x4Eq = makeCompare('f32', EQ);
export const f32x4Ne = makeCompare('f32', NE);
export const f32x4Lt = makeCompare('f32', LT);
export const f32x4Gt = makeCompare('f32', GT);
export const f32x4Le = makeCompare('f32', LE);
export const f32x4Ge = makeCompare('f32', GE);

export const f64x2Eq = makeCompare('f64', EQ);
export const f64x2Ne = makeCompare('f64', NE);
export const f64x2Lt = makeCompare('f64', LT);
export const f64x2Gt = makeCompare('f64', GT);
export const f64x2Le = makeCompare('f64', LE);
export const f64x2Ge = makeCompare('f64', GE);

/**
 * Compares 64-bit lanes given as (low, high) words: signed on the high word, then unsigned on the
 * low word. Returns -1, 0 or 1.
 */
function cmp64(lo1: number, hi1: number, lo2: number, hi2: number): number {
  if (hi1 !== hi2) return hi1 < hi2 ? -1 : 1;
  if (lo1 !== lo2) return lo1 >>> 0 < lo2 >>> 0 ? -1 : 1;
  return 0;
}

/** Builds an `i64x2` signed comparison; `k` compares the three-way result with 0. */
function makeCompare64(k: number): SimdOp {
  return (s, dst, a, b) => {
    const v = s.i32;
    const d = 2 * dst, x = 2 * a, y = 2 * b;
    for (let i = 0; i < 4; i += 2) {
      const r = cmp(k, cmp64(v[x + i], v[x + i + 1], v[y + i], v[y + i + 1]), 0) ? -1 : 0;
      v[d + i] = r;
      v[d + i + 1] = r;
    }
  };
}

export const i64x2Eq = makeCompare64(EQ);
export const i64x2Ne = makeCompare64(NE);
export const i64x2LtS = makeCompare64(LT);
export const i64x2GtS = makeCompare64(GT);
export const i64x2LeS = makeCompare64(LE);
export const i64x2GeS = makeCompare64(GE);
