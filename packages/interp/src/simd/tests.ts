/**
 * Reductions to a scalar and bit counting: `v128.any_true`, `*.all_true`, `*.bitmask`, and
 * `i8x16.popcnt`. Reductions write an `i32` (0/1 or the mask) to the first word of slot `dst`;
 * the second word of that slot is left as is (an `i32` only uses the low word).
 * @module
 */
import type { SimdOp } from './types.js';

/** `v128.any_true`: 1 if any bit is set. */
export const v128AnyTrue: SimdOp = (s, dst, a) => {
  const v = s.i32;
  const x = 2 * a;
  s.i32[2 * dst] = (v[x] | v[x + 1] | v[x + 2] | v[x + 3]) !== 0 ? 1 : 0;
};

/** `i8x16.all_true`: 1 if every byte lane is non-zero. */
export const i8x16AllTrue: SimdOp = (s, dst, a) => {
  const v = s.u8;
  const x = 8 * a;
  let r = 1;
  for (let i = 0; i < 16; i++) if (v[x + i] === 0) r = 0;
  s.i32[2 * dst] = r;
};

/** `i16x8.all_true`. */
export const i16x8AllTrue: SimdOp = (s, dst, a) => {
  const v = s.u16;
  const x = 4 * a;
  let r = 1;
  for (let i = 0; i < 8; i++) if (v[x + i] === 0) r = 0;
  s.i32[2 * dst] = r;
};

/** `i32x4.all_true`. */
export const i32x4AllTrue: SimdOp = (s, dst, a) => {
  const v = s.i32;
  const x = 2 * a;
  s.i32[2 * dst] = v[x] !== 0 && v[x + 1] !== 0 && v[x + 2] !== 0 && v[x + 3] !== 0 ? 1 : 0;
};

/** `i64x2.all_true`: a 64-bit lane is non-zero if either half is. */
export const i64x2AllTrue: SimdOp = (s, dst, a) => {
  const v = s.i32;
  const x = 2 * a;
  s.i32[2 * dst] = (v[x] | v[x + 1]) !== 0 && (v[x + 2] | v[x + 3]) !== 0 ? 1 : 0;
};

/** `i8x16.bitmask`: bit i = sign bit of byte lane i. */
export const i8x16Bitmask: SimdOp = (s, dst, a) => {
  const v = s.u8;
  const x = 8 * a;
  let m = 0;
  for (let i = 0; i < 16; i++) m |= (v[x + i] >>> 7) << i;
  s.i32[2 * dst] = m;
};

/** `i16x8.bitmask`. */
export const i16x8Bitmask: SimdOp = (s, dst, a) => {
  const v = s.u16;
  const x = 4 * a;
  let m = 0;
  for (let i = 0; i < 8; i++) m |= (v[x + i] >>> 15) << i;
  s.i32[2 * dst] = m;
};

/** `i32x4.bitmask`. */
export const i32x4Bitmask: SimdOp = (s, dst, a) => {
  const v = s.u32;
  const x = 2 * a;
  s.i32[2 * dst] = (v[x] >>> 31) | ((v[x + 1] >>> 31) << 1) | ((v[x + 2] >>> 31) << 2) | ((v[x + 3] >>> 31) << 3);
};

/** `i64x2.bitmask`: the sign bit of a 64-bit lane is the top bit of its high word. */
export const i64x2Bitmask: SimdOp = (s, dst, a) => {
  const v = s.u32;
  const x = 2 * a;
  s.i32[2 * dst] = (v[x + 1] >>> 31) | ((v[x + 3] >>> 31) << 1);
};

/** Population count of every byte value, built once so popcnt is a table lookup per lane. */
const POPCNT8 = (() => {
  const t = new Uint8Array(256);
  for (let i = 1; i < 256; i++) t[i] = (i & 1) + t[i >>> 1];
  return t;
})();

/** `i8x16.popcnt`. */
export const i8x16Popcnt: SimdOp = (s, dst, a) => {
  const v = s.u8;
  const d = 8 * dst, x = 8 * a;
  for (let i = 0; i < 16; i++) v[d + i] = POPCNT8[v[x + i]];
};
