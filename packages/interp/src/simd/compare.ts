/**
 * Lane-wise comparisons. Each lane of the result is all ones (true) or all zeros (false), written
 * through a signed view as -1/0. Lane-wise (each result lane covers exactly the bytes of the input
 * lanes it compares, read first), so `dst` may alias an operand. Float comparisons use JS
 * relational operators, which are false whenever a NaN is involved (and `!==` true), exactly as
 * IEEE 754 / wasm require, and treat -0 and +0 as equal.
 *
 * One explicit function per instruction (no shared factory) keeps every typed-array access and
 * operator monomorphic in the JIT.
 * @module
 */
import type { SimdOp } from './types.js';

// ---- i8x16 ----
/** `i8x16.eq`. */
export const i8x16Eq: SimdOp = (s, dst, a, b) => {
  const v = s.i8;
  const o = s.i8;
  const d = 8 * dst, x = 8 * a, y = 8 * b;
  for (let i = 0; i < 16; i++) o[d + i] = v[x + i] === v[y + i] ? -1 : 0;
};

/** `i8x16.ne`. */
export const i8x16Ne: SimdOp = (s, dst, a, b) => {
  const v = s.i8;
  const o = s.i8;
  const d = 8 * dst, x = 8 * a, y = 8 * b;
  for (let i = 0; i < 16; i++) o[d + i] = v[x + i] !== v[y + i] ? -1 : 0;
};

/** `i8x16.lt_s`. */
export const i8x16LtS: SimdOp = (s, dst, a, b) => {
  const v = s.i8;
  const o = s.i8;
  const d = 8 * dst, x = 8 * a, y = 8 * b;
  for (let i = 0; i < 16; i++) o[d + i] = v[x + i] < v[y + i] ? -1 : 0;
};

/** `i8x16.lt_u`. */
export const i8x16LtU: SimdOp = (s, dst, a, b) => {
  const v = s.u8;
  const o = s.i8;
  const d = 8 * dst, x = 8 * a, y = 8 * b;
  for (let i = 0; i < 16; i++) o[d + i] = v[x + i] < v[y + i] ? -1 : 0;
};

/** `i8x16.gt_s`. */
export const i8x16GtS: SimdOp = (s, dst, a, b) => {
  const v = s.i8;
  const o = s.i8;
  const d = 8 * dst, x = 8 * a, y = 8 * b;
  for (let i = 0; i < 16; i++) o[d + i] = v[x + i] > v[y + i] ? -1 : 0;
};

/** `i8x16.gt_u`. */
export const i8x16GtU: SimdOp = (s, dst, a, b) => {
  const v = s.u8;
  const o = s.i8;
  const d = 8 * dst, x = 8 * a, y = 8 * b;
  for (let i = 0; i < 16; i++) o[d + i] = v[x + i] > v[y + i] ? -1 : 0;
};

/** `i8x16.le_s`. */
export const i8x16LeS: SimdOp = (s, dst, a, b) => {
  const v = s.i8;
  const o = s.i8;
  const d = 8 * dst, x = 8 * a, y = 8 * b;
  for (let i = 0; i < 16; i++) o[d + i] = v[x + i] <= v[y + i] ? -1 : 0;
};

/** `i8x16.le_u`. */
export const i8x16LeU: SimdOp = (s, dst, a, b) => {
  const v = s.u8;
  const o = s.i8;
  const d = 8 * dst, x = 8 * a, y = 8 * b;
  for (let i = 0; i < 16; i++) o[d + i] = v[x + i] <= v[y + i] ? -1 : 0;
};

/** `i8x16.ge_s`. */
export const i8x16GeS: SimdOp = (s, dst, a, b) => {
  const v = s.i8;
  const o = s.i8;
  const d = 8 * dst, x = 8 * a, y = 8 * b;
  for (let i = 0; i < 16; i++) o[d + i] = v[x + i] >= v[y + i] ? -1 : 0;
};

/** `i8x16.ge_u`. */
export const i8x16GeU: SimdOp = (s, dst, a, b) => {
  const v = s.u8;
  const o = s.i8;
  const d = 8 * dst, x = 8 * a, y = 8 * b;
  for (let i = 0; i < 16; i++) o[d + i] = v[x + i] >= v[y + i] ? -1 : 0;
};

// ---- i16x8 ----
/** `i16x8.eq`. */
export const i16x8Eq: SimdOp = (s, dst, a, b) => {
  const v = s.i16;
  const o = s.i16;
  const d = 4 * dst, x = 4 * a, y = 4 * b;
  for (let i = 0; i < 8; i++) o[d + i] = v[x + i] === v[y + i] ? -1 : 0;
};

/** `i16x8.ne`. */
export const i16x8Ne: SimdOp = (s, dst, a, b) => {
  const v = s.i16;
  const o = s.i16;
  const d = 4 * dst, x = 4 * a, y = 4 * b;
  for (let i = 0; i < 8; i++) o[d + i] = v[x + i] !== v[y + i] ? -1 : 0;
};

/** `i16x8.lt_s`. */
export const i16x8LtS: SimdOp = (s, dst, a, b) => {
  const v = s.i16;
  const o = s.i16;
  const d = 4 * dst, x = 4 * a, y = 4 * b;
  for (let i = 0; i < 8; i++) o[d + i] = v[x + i] < v[y + i] ? -1 : 0;
};

/** `i16x8.lt_u`. */
export const i16x8LtU: SimdOp = (s, dst, a, b) => {
  const v = s.u16;
  const o = s.i16;
  const d = 4 * dst, x = 4 * a, y = 4 * b;
  for (let i = 0; i < 8; i++) o[d + i] = v[x + i] < v[y + i] ? -1 : 0;
};

/** `i16x8.gt_s`. */
export const i16x8GtS: SimdOp = (s, dst, a, b) => {
  const v = s.i16;
  const o = s.i16;
  const d = 4 * dst, x = 4 * a, y = 4 * b;
  for (let i = 0; i < 8; i++) o[d + i] = v[x + i] > v[y + i] ? -1 : 0;
};

/** `i16x8.gt_u`. */
export const i16x8GtU: SimdOp = (s, dst, a, b) => {
  const v = s.u16;
  const o = s.i16;
  const d = 4 * dst, x = 4 * a, y = 4 * b;
  for (let i = 0; i < 8; i++) o[d + i] = v[x + i] > v[y + i] ? -1 : 0;
};

/** `i16x8.le_s`. */
export const i16x8LeS: SimdOp = (s, dst, a, b) => {
  const v = s.i16;
  const o = s.i16;
  const d = 4 * dst, x = 4 * a, y = 4 * b;
  for (let i = 0; i < 8; i++) o[d + i] = v[x + i] <= v[y + i] ? -1 : 0;
};

/** `i16x8.le_u`. */
export const i16x8LeU: SimdOp = (s, dst, a, b) => {
  const v = s.u16;
  const o = s.i16;
  const d = 4 * dst, x = 4 * a, y = 4 * b;
  for (let i = 0; i < 8; i++) o[d + i] = v[x + i] <= v[y + i] ? -1 : 0;
};

/** `i16x8.ge_s`. */
export const i16x8GeS: SimdOp = (s, dst, a, b) => {
  const v = s.i16;
  const o = s.i16;
  const d = 4 * dst, x = 4 * a, y = 4 * b;
  for (let i = 0; i < 8; i++) o[d + i] = v[x + i] >= v[y + i] ? -1 : 0;
};

/** `i16x8.ge_u`. */
export const i16x8GeU: SimdOp = (s, dst, a, b) => {
  const v = s.u16;
  const o = s.i16;
  const d = 4 * dst, x = 4 * a, y = 4 * b;
  for (let i = 0; i < 8; i++) o[d + i] = v[x + i] >= v[y + i] ? -1 : 0;
};

// ---- i32x4 ----
/** `i32x4.eq`. */
export const i32x4Eq: SimdOp = (s, dst, a, b) => {
  const v = s.i32;
  const o = s.i32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) o[d + i] = v[x + i] === v[y + i] ? -1 : 0;
};

/** `i32x4.ne`. */
export const i32x4Ne: SimdOp = (s, dst, a, b) => {
  const v = s.i32;
  const o = s.i32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) o[d + i] = v[x + i] !== v[y + i] ? -1 : 0;
};

/** `i32x4.lt_s`. */
export const i32x4LtS: SimdOp = (s, dst, a, b) => {
  const v = s.i32;
  const o = s.i32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) o[d + i] = v[x + i] < v[y + i] ? -1 : 0;
};

/** `i32x4.lt_u`. */
export const i32x4LtU: SimdOp = (s, dst, a, b) => {
  const v = s.u32;
  const o = s.i32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) o[d + i] = v[x + i] < v[y + i] ? -1 : 0;
};

/** `i32x4.gt_s`. */
export const i32x4GtS: SimdOp = (s, dst, a, b) => {
  const v = s.i32;
  const o = s.i32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) o[d + i] = v[x + i] > v[y + i] ? -1 : 0;
};

/** `i32x4.gt_u`. */
export const i32x4GtU: SimdOp = (s, dst, a, b) => {
  const v = s.u32;
  const o = s.i32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) o[d + i] = v[x + i] > v[y + i] ? -1 : 0;
};

/** `i32x4.le_s`. */
export const i32x4LeS: SimdOp = (s, dst, a, b) => {
  const v = s.i32;
  const o = s.i32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) o[d + i] = v[x + i] <= v[y + i] ? -1 : 0;
};

/** `i32x4.le_u`. */
export const i32x4LeU: SimdOp = (s, dst, a, b) => {
  const v = s.u32;
  const o = s.i32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) o[d + i] = v[x + i] <= v[y + i] ? -1 : 0;
};

/** `i32x4.ge_s`. */
export const i32x4GeS: SimdOp = (s, dst, a, b) => {
  const v = s.i32;
  const o = s.i32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) o[d + i] = v[x + i] >= v[y + i] ? -1 : 0;
};

/** `i32x4.ge_u`. */
export const i32x4GeU: SimdOp = (s, dst, a, b) => {
  const v = s.u32;
  const o = s.i32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) o[d + i] = v[x + i] >= v[y + i] ? -1 : 0;
};

// ---- f32x4 ----
/** `f32x4.eq`. */
export const f32x4Eq: SimdOp = (s, dst, a, b) => {
  const v = s.f32;
  const o = s.i32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) o[d + i] = v[x + i] === v[y + i] ? -1 : 0;
};

/** `f32x4.ne`. */
export const f32x4Ne: SimdOp = (s, dst, a, b) => {
  const v = s.f32;
  const o = s.i32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) o[d + i] = v[x + i] !== v[y + i] ? -1 : 0;
};

/** `f32x4.lt`. */
export const f32x4Lt: SimdOp = (s, dst, a, b) => {
  const v = s.f32;
  const o = s.i32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) o[d + i] = v[x + i] < v[y + i] ? -1 : 0;
};

/** `f32x4.gt`. */
export const f32x4Gt: SimdOp = (s, dst, a, b) => {
  const v = s.f32;
  const o = s.i32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) o[d + i] = v[x + i] > v[y + i] ? -1 : 0;
};

/** `f32x4.le`. */
export const f32x4Le: SimdOp = (s, dst, a, b) => {
  const v = s.f32;
  const o = s.i32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) o[d + i] = v[x + i] <= v[y + i] ? -1 : 0;
};

/** `f32x4.ge`. */
export const f32x4Ge: SimdOp = (s, dst, a, b) => {
  const v = s.f32;
  const o = s.i32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) o[d + i] = v[x + i] >= v[y + i] ? -1 : 0;
};

// ---- f64x2 ----
// Both lanes are compared before anything is written: an f64 lane and its two result words occupy
// the same bytes.
/** `f64x2.eq`. */
export const f64x2Eq: SimdOp = (s, dst, a, b) => {
  const v = s.f64;
  const r0 = v[a] === v[b] ? -1 : 0;
  const r1 = v[a + 1] === v[b + 1] ? -1 : 0;
  const o = s.i32;
  const d = 2 * dst;
  o[d] = r0;
  o[d + 1] = r0;
  o[d + 2] = r1;
  o[d + 3] = r1;
};

/** `f64x2.ne`. */
export const f64x2Ne: SimdOp = (s, dst, a, b) => {
  const v = s.f64;
  const r0 = v[a] !== v[b] ? -1 : 0;
  const r1 = v[a + 1] !== v[b + 1] ? -1 : 0;
  const o = s.i32;
  const d = 2 * dst;
  o[d] = r0;
  o[d + 1] = r0;
  o[d + 2] = r1;
  o[d + 3] = r1;
};

/** `f64x2.lt`. */
export const f64x2Lt: SimdOp = (s, dst, a, b) => {
  const v = s.f64;
  const r0 = v[a] < v[b] ? -1 : 0;
  const r1 = v[a + 1] < v[b + 1] ? -1 : 0;
  const o = s.i32;
  const d = 2 * dst;
  o[d] = r0;
  o[d + 1] = r0;
  o[d + 2] = r1;
  o[d + 3] = r1;
};

/** `f64x2.gt`. */
export const f64x2Gt: SimdOp = (s, dst, a, b) => {
  const v = s.f64;
  const r0 = v[a] > v[b] ? -1 : 0;
  const r1 = v[a + 1] > v[b + 1] ? -1 : 0;
  const o = s.i32;
  const d = 2 * dst;
  o[d] = r0;
  o[d + 1] = r0;
  o[d + 2] = r1;
  o[d + 3] = r1;
};

/** `f64x2.le`. */
export const f64x2Le: SimdOp = (s, dst, a, b) => {
  const v = s.f64;
  const r0 = v[a] <= v[b] ? -1 : 0;
  const r1 = v[a + 1] <= v[b + 1] ? -1 : 0;
  const o = s.i32;
  const d = 2 * dst;
  o[d] = r0;
  o[d + 1] = r0;
  o[d + 2] = r1;
  o[d + 3] = r1;
};

/** `f64x2.ge`. */
export const f64x2Ge: SimdOp = (s, dst, a, b) => {
  const v = s.f64;
  const r0 = v[a] >= v[b] ? -1 : 0;
  const r1 = v[a + 1] >= v[b + 1] ? -1 : 0;
  const o = s.i32;
  const d = 2 * dst;
  o[d] = r0;
  o[d + 1] = r0;
  o[d + 2] = r1;
  o[d + 3] = r1;
};

// ---- i64x2 (signed only) ----

/**
 * Three-way signed comparison of 64-bit lanes given as (low, high) words: signed on the high
 * words, then unsigned on the low words. Returns -1, 0 or 1.
 */
function cmp64(lo1: number, hi1: number, lo2: number, hi2: number): number {
  if (hi1 !== hi2) return hi1 < hi2 ? -1 : 1;
  if (lo1 !== lo2) return lo1 >>> 0 < lo2 >>> 0 ? -1 : 1;
  return 0;
}
/** `i64x2.eq`. */
export const i64x2Eq: SimdOp = (s, dst, a, b) => {
  const v = s.i32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i += 2) {
    const r = v[x + i] === v[y + i] && v[x + i + 1] === v[y + i + 1] ? -1 : 0;
    v[d + i] = r;
    v[d + i + 1] = r;
  }
};

/** `i64x2.ne`. */
export const i64x2Ne: SimdOp = (s, dst, a, b) => {
  const v = s.i32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i += 2) {
    const r = v[x + i] !== v[y + i] || v[x + i + 1] !== v[y + i + 1] ? -1 : 0;
    v[d + i] = r;
    v[d + i + 1] = r;
  }
};

/** `i64x2.lt_s`. */
export const i64x2LtS: SimdOp = (s, dst, a, b) => {
  const v = s.i32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i += 2) {
    const r = cmp64(v[x + i], v[x + i + 1], v[y + i], v[y + i + 1]) < 0 ? -1 : 0;
    v[d + i] = r;
    v[d + i + 1] = r;
  }
};

/** `i64x2.gt_s`. */
export const i64x2GtS: SimdOp = (s, dst, a, b) => {
  const v = s.i32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i += 2) {
    const r = cmp64(v[x + i], v[x + i + 1], v[y + i], v[y + i + 1]) > 0 ? -1 : 0;
    v[d + i] = r;
    v[d + i + 1] = r;
  }
};

/** `i64x2.le_s`. */
export const i64x2LeS: SimdOp = (s, dst, a, b) => {
  const v = s.i32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i += 2) {
    const r = cmp64(v[x + i], v[x + i + 1], v[y + i], v[y + i + 1]) <= 0 ? -1 : 0;
    v[d + i] = r;
    v[d + i + 1] = r;
  }
};

/** `i64x2.ge_s`. */
export const i64x2GeS: SimdOp = (s, dst, a, b) => {
  const v = s.i32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i += 2) {
    const r = cmp64(v[x + i], v[x + i + 1], v[y + i], v[y + i + 1]) >= 0 ? -1 : 0;
    v[d + i] = r;
    v[d + i + 1] = r;
  }
};
