/**
 * Lane-wise shifts by a scalar: `shl`, `shr_s`, `shr_u` for all integer shapes. The count is the
 * `i32` in slot `b`, taken modulo the lane width as the spec requires (so a count of 8 on `i8x16`
 * is a no-op, unlike a plain JS shift on a wider value). Lane-wise, so `dst` may alias `a`.
 * @module
 */
import type { SimdOp } from './types.js';

/** `i8x16.shl`: the Int8Array store keeps the low 8 bits. */
export const i8x16Shl: SimdOp = (s, dst, a, b) => {
  const k = s.i32[2 * b] & 7;
  const v = s.u8;
  const d = 8 * dst, x = 8 * a;
  for (let i = 0; i < 16; i++) v[d + i] = v[x + i] << k;
};

/** `i8x16.shr_s`. */
export const i8x16ShrS: SimdOp = (s, dst, a, b) => {
  const k = s.i32[2 * b] & 7;
  const v = s.i8;
  const d = 8 * dst, x = 8 * a;
  for (let i = 0; i < 16; i++) v[d + i] = v[x + i] >> k;
};

/** `i8x16.shr_u`. */
export const i8x16ShrU: SimdOp = (s, dst, a, b) => {
  const k = s.i32[2 * b] & 7;
  const v = s.u8;
  const d = 8 * dst, x = 8 * a;
  for (let i = 0; i < 16; i++) v[d + i] = v[x + i] >>> k;
};

/** `i16x8.shl`. */
export const i16x8Shl: SimdOp = (s, dst, a, b) => {
  const k = s.i32[2 * b] & 15;
  const v = s.u16;
  const d = 4 * dst, x = 4 * a;
  for (let i = 0; i < 8; i++) v[d + i] = v[x + i] << k;
};

/** `i16x8.shr_s`. */
export const i16x8ShrS: SimdOp = (s, dst, a, b) => {
  const k = s.i32[2 * b] & 15;
  const v = s.i16;
  const d = 4 * dst, x = 4 * a;
  for (let i = 0; i < 8; i++) v[d + i] = v[x + i] >> k;
};

/** `i16x8.shr_u`. */
export const i16x8ShrU: SimdOp = (s, dst, a, b) => {
  const k = s.i32[2 * b] & 15;
  const v = s.u16;
  const d = 4 * dst, x = 4 * a;
  for (let i = 0; i < 8; i++) v[d + i] = v[x + i] >>> k;
};

/** `i32x4.shl` (JS shifts already take the count mod 32; the mask documents it). */
export const i32x4Shl: SimdOp = (s, dst, a, b) => {
  const k = s.i32[2 * b] & 31;
  const v = s.i32;
  const d = 2 * dst, x = 2 * a;
  for (let i = 0; i < 4; i++) v[d + i] = v[x + i] << k;
};

/** `i32x4.shr_s`. */
export const i32x4ShrS: SimdOp = (s, dst, a, b) => {
  const k = s.i32[2 * b] & 31;
  const v = s.i32;
  const d = 2 * dst, x = 2 * a;
  for (let i = 0; i < 4; i++) v[d + i] = v[x + i] >> k;
};

/** `i32x4.shr_u`. */
export const i32x4ShrU: SimdOp = (s, dst, a, b) => {
  const k = s.i32[2 * b] & 31;
  const v = s.u32;
  const d = 2 * dst, x = 2 * a;
  for (let i = 0; i < 4; i++) v[d + i] = v[x + i] >>> k;
};

/** `i64x2.shl` on (low, high) words. Counts of 0 and ≥ 32 are separate because JS masks counts to 5 bits. */
export const i64x2Shl: SimdOp = (s, dst, a, b) => {
  const k = s.i32[2 * b] & 63;
  const v = s.i32;
  const d = 2 * dst, x = 2 * a;
  for (let i = 0; i < 4; i += 2) {
    const lo = v[x + i];
    const hi = v[x + i + 1];
    if (k === 0) {
      v[d + i] = lo;
      v[d + i + 1] = hi;
    } else if (k < 32) {
      v[d + i] = lo << k;
      v[d + i + 1] = (hi << k) | (lo >>> (32 - k));
    } else {
      v[d + i] = 0;
      v[d + i + 1] = lo << (k - 32);
    }
  }
};

/** `i64x2.shr_s`. */
export const i64x2ShrS: SimdOp = (s, dst, a, b) => {
  const k = s.i32[2 * b] & 63;
  const v = s.i32;
  const d = 2 * dst, x = 2 * a;
  for (let i = 0; i < 4; i += 2) {
    const lo = v[x + i];
    const hi = v[x + i + 1];
    if (k === 0) {
      v[d + i] = lo;
      v[d + i + 1] = hi;
    } else if (k < 32) {
      v[d + i] = (lo >>> k) | (hi << (32 - k));
      v[d + i + 1] = hi >> k;
    } else {
      v[d + i] = hi >> (k - 32);
      v[d + i + 1] = hi >> 31;
    }
  }
};

/** `i64x2.shr_u`. */
export const i64x2ShrU: SimdOp = (s, dst, a, b) => {
  const k = s.i32[2 * b] & 63;
  const v = s.i32;
  const d = 2 * dst, x = 2 * a;
  for (let i = 0; i < 4; i += 2) {
    const lo = v[x + i];
    const hi = v[x + i + 1];
    if (k === 0) {
      v[d + i] = lo;
      v[d + i + 1] = hi;
    } else if (k < 32) {
      v[d + i] = (lo >>> k) | (hi << (32 - k));
      v[d + i + 1] = hi >>> k;
    } else {
      v[d + i] = hi >>> (k - 32);
      v[d + i + 1] = 0;
    }
  }
};
