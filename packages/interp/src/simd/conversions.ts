/**
 * Conversions between integer and float shapes: `trunc_sat`, `convert`, `demote`, `promote`.
 *
 * Integer→float goes through a JS number (exact for any i32/u32) and is rounded once by the
 * `Float32Array`/`Float64Array` store, i.e. correctly rounded to nearest-even. Float→integer
 * saturates: NaN → 0, out-of-range → the nearest bound. The `f64x2` source/result forms read all
 * lanes into locals before writing, because their input and output lanes overlap different bytes.
 * @module
 */
import type { SimdOp } from './types.js';

/** Saturating truncation to i32 (NaN → 0). */
function truncSatS(x: number): number {
  if (x !== x) return 0;
  if (x >= 2147483648) return 2147483647;
  if (x <= -2147483648) return -2147483648;
  return Math.trunc(x) | 0;
}

/** Saturating truncation to u32 (NaN → 0; anything ≤ -1 → 0); returned as an unsigned number. */
function truncSatU(x: number): number {
  if (x !== x || x <= -1) return 0;
  if (x >= 4294967296) return 4294967295;
  return Math.trunc(x) >>> 0;
}

/** `i32x4.trunc_sat_f32x4_s`. Lane-wise over the same words, so in-place is safe. */
export const i32x4TruncSatF32x4S: SimdOp = (s, dst, a) => {
  const v = s.f32;
  const o = s.i32;
  const d = 2 * dst, x = 2 * a;
  for (let i = 0; i < 4; i++) o[d + i] = truncSatS(v[x + i]);
};

/** `i32x4.trunc_sat_f32x4_u`. */
export const i32x4TruncSatF32x4U: SimdOp = (s, dst, a) => {
  const v = s.f32;
  const o = s.u32;
  const d = 2 * dst, x = 2 * a;
  for (let i = 0; i < 4; i++) o[d + i] = truncSatU(v[x + i]);
};

/** `f32x4.convert_i32x4_s`. */
export const f32x4ConvertI32x4S: SimdOp = (s, dst, a) => {
  const v = s.i32;
  const o = s.f32;
  const d = 2 * dst, x = 2 * a;
  for (let i = 0; i < 4; i++) o[d + i] = v[x + i];
};

/** `f32x4.convert_i32x4_u`. */
export const f32x4ConvertI32x4U: SimdOp = (s, dst, a) => {
  const v = s.u32;
  const o = s.f32;
  const d = 2 * dst, x = 2 * a;
  for (let i = 0; i < 4; i++) o[d + i] = v[x + i];
};

/** `i32x4.trunc_sat_f64x2_s_zero`: two f64 lanes → i32 lanes 0, 1; lanes 2, 3 are zero. */
export const i32x4TruncSatF64x2SZero: SimdOp = (s, dst, a) => {
  const v = s.f64;
  const r0 = truncSatS(v[a]);
  const r1 = truncSatS(v[a + 1]);
  const o = s.i32;
  const d = 2 * dst;
  o[d] = r0;
  o[d + 1] = r1;
  o[d + 2] = 0;
  o[d + 3] = 0;
};

/** `i32x4.trunc_sat_f64x2_u_zero`. */
export const i32x4TruncSatF64x2UZero: SimdOp = (s, dst, a) => {
  const v = s.f64;
  const r0 = truncSatU(v[a]);
  const r1 = truncSatU(v[a + 1]);
  const o = s.u32;
  const d = 2 * dst;
  o[d] = r0;
  o[d + 1] = r1;
  o[d + 2] = 0;
  o[d + 3] = 0;
};

/** `f64x2.convert_low_i32x4_s`: i32 lanes 0, 1 → f64 (exact). */
export const f64x2ConvertLowI32x4S: SimdOp = (s, dst, a) => {
  const v = s.i32;
  const e0 = v[2 * a];
  const e1 = v[2 * a + 1];
  s.f64[dst] = e0;
  s.f64[dst + 1] = e1;
};

/** `f64x2.convert_low_i32x4_u`. */
export const f64x2ConvertLowI32x4U: SimdOp = (s, dst, a) => {
  const v = s.u32;
  const e0 = v[2 * a];
  const e1 = v[2 * a + 1];
  s.f64[dst] = e0;
  s.f64[dst + 1] = e1;
};

/**
 * `f32x4.demote_f64x2_zero`: f64 lanes → f32 lanes 0, 1 (rounded to nearest-even by the store;
 * NaNs stay NaN, quieted), lanes 2, 3 are +0.
 */
export const f32x4DemoteF64x2Zero: SimdOp = (s, dst, a) => {
  const v = s.f64;
  const e0 = v[a];
  const e1 = v[a + 1];
  const o = s.f32;
  const d = 2 * dst;
  o[d] = e0;
  o[d + 1] = e1;
  s.u32[d + 2] = 0;
  s.u32[d + 3] = 0;
};

/** `f64x2.promote_low_f32x4`: f32 lanes 0, 1 → f64 (exact; NaNs stay NaN, quieted). */
export const f64x2PromoteLowF32x4: SimdOp = (s, dst, a) => {
  const v = s.f32;
  const e0 = v[2 * a];
  const e1 = v[2 * a + 1];
  s.f64[dst] = e0;
  s.f64[dst + 1] = e1;
};
