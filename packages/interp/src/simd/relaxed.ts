/**
 * Relaxed SIMD (WebAssembly 3.0). The spec lets each relaxed instruction return any of a few
 * results; rt makes one fixed choice for each, the same on every run, every host and every tier
 * (a tier that compiles these instructions must call these functions or match them bit for bit):
 *
 * | instruction | rt's choice |
 * | --- | --- |
 * | `i8x16.relaxed_swizzle` | `i8x16.swizzle`: an index of 16 or more gives 0 |
 * | `i32x4.relaxed_trunc_f32x4_s/u`, `…_f64x2_s/u_zero` | the saturating `trunc_sat` forms: NaN → 0, out of range → the nearest bound |
 * | `f32x4/f64x2.relaxed_madd`, `relaxed_nmadd` | not fused: `a * b` rounded, then `± … + c` rounded |
 * | `i8x16/i16x8/i32x4/i64x2.relaxed_laneselect` | `v128.bitselect`: every bit chosen by the mask's bit |
 * | `f32x4/f64x2.relaxed_min/max` | `f32x4.min/max` etc.: NaN if either is NaN, -0 < +0 |
 * | `i16x8.relaxed_q15mulr_s` | `i16x8.q15mulr_sat_s`: saturates `-32768 * -32768` to 32767 |
 * | `i16x8.relaxed_dot_i8x16_i7x16_s` | both operands signed, the pair sum wraps to 16 bits |
 * | `i32x4.relaxed_dot_i8x16_i7x16_add_s` | that 16-bit dot, pairs sign-extended and added, plus `c`, wrapping |
 *
 * These are the choices of the spec's deterministic profile where it has one, and otherwise the
 * results of the non-relaxed instruction of the same name.
 * @module
 */
import { v128Bitselect } from './bitwise.js';
import { i32x4TruncSatF32x4S, i32x4TruncSatF32x4U, i32x4TruncSatF64x2SZero, i32x4TruncSatF64x2UZero } from './conversions.js';
import { f32x4Max, f32x4Min, f64x2Max, f64x2Min } from './float-arith.js';
import { i8x16Swizzle } from './lanes.js';
import { i16x8Q15mulrSatS } from './saturating.js';
import type { SimdOp } from './types.js';

export const i8x16RelaxedSwizzle: SimdOp = i8x16Swizzle;
export const i32x4RelaxedTruncF32x4S: SimdOp = i32x4TruncSatF32x4S;
export const i32x4RelaxedTruncF32x4U: SimdOp = i32x4TruncSatF32x4U;
export const i32x4RelaxedTruncF64x2SZero: SimdOp = i32x4TruncSatF64x2SZero;
export const i32x4RelaxedTruncF64x2UZero: SimdOp = i32x4TruncSatF64x2UZero;
export const relaxedLaneselect: SimdOp = v128Bitselect;
export const f32x4RelaxedMin: SimdOp = f32x4Min;
export const f32x4RelaxedMax: SimdOp = f32x4Max;
export const f64x2RelaxedMin: SimdOp = f64x2Min;
export const f64x2RelaxedMax: SimdOp = f64x2Max;
export const i16x8RelaxedQ15mulrS: SimdOp = i16x8Q15mulrSatS;

/** `f32x4.relaxed_madd`: `a * b + c`, unfused (the product is exact in f64, then rounded to f32). */
export const f32x4RelaxedMadd: SimdOp = (s, dst, a, b, c) => {
  const v = s.f32;
  const d = 2 * dst, x = 2 * a, y = 2 * b, z = 2 * c;
  for (let i = 0; i < 4; i++) v[d + i] = Math.fround(v[x + i]! * v[y + i]!) + v[z + i]!;
};

/** `f32x4.relaxed_nmadd`: `-(a * b) + c`, unfused. */
export const f32x4RelaxedNmadd: SimdOp = (s, dst, a, b, c) => {
  const v = s.f32;
  const d = 2 * dst, x = 2 * a, y = 2 * b, z = 2 * c;
  for (let i = 0; i < 4; i++) v[d + i] = -Math.fround(v[x + i]! * v[y + i]!) + v[z + i]!;
};

/** `f64x2.relaxed_madd`: `a * b + c`, unfused (JavaScript rounds the product, then the sum). */
export const f64x2RelaxedMadd: SimdOp = (s, dst, a, b, c) => {
  const v = s.f64;
  for (let i = 0; i < 2; i++) v[dst + i] = v[a + i]! * v[b + i]! + v[c + i]!;
};

/** `f64x2.relaxed_nmadd`: `-(a * b) + c`, unfused. */
export const f64x2RelaxedNmadd: SimdOp = (s, dst, a, b, c) => {
  const v = s.f64;
  for (let i = 0; i < 2; i++) v[dst + i] = -(v[a + i]! * v[b + i]!) + v[c + i]!;
};

/** `i16x8.relaxed_dot_i8x16_i7x16_s`: signed byte products added in pairs, wrapping to 16 bits. */
export const i16x8RelaxedDotI8x16I7x16S: SimdOp = (s, dst, a, b) => {
  const i8 = s.i8;
  const x = 8 * a, y = 8 * b;
  // Read all lanes before writing: `dst` may alias an operand.
  const r = new Int16Array(8);
  for (let i = 0; i < 8; i++) r[i] = i8[x + 2 * i]! * i8[y + 2 * i]! + i8[x + 2 * i + 1]! * i8[y + 2 * i + 1]!;
  s.i16.set(r, 4 * dst);
};

/** `i32x4.relaxed_dot_i8x16_i7x16_add_s`: the 16-bit dot above, pairs sign-extended and added, plus `c`. */
export const i32x4RelaxedDotI8x16I7x16AddS: SimdOp = (s, dst, a, b, c) => {
  const i8 = s.i8;
  const x = 8 * a, y = 8 * b;
  const dot = new Int16Array(8);
  for (let i = 0; i < 8; i++) dot[i] = i8[x + 2 * i]! * i8[y + 2 * i]! + i8[x + 2 * i + 1]! * i8[y + 2 * i + 1]!;
  const v = s.i32;
  const z = 2 * c;
  const r = new Int32Array(4);
  for (let i = 0; i < 4; i++) r[i] = dot[2 * i]! + dot[2 * i + 1]! + v[z + i]!;
  v.set(r, 2 * dst);
};
