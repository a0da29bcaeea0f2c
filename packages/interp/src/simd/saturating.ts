/**
 * Saturating arithmetic: `add_sat`/`sub_sat` (signed and unsigned) on `i8x16` and `i16x8`, and
 * `i16x8.q15mulr_sat_s`. Results are computed exactly as JS numbers, then clamped to the lane
 * range (instead of wrapping as the typed-array store would). Lane-wise, so `dst` may alias.
 * @module
 */
import type { SimdOp } from './types.js';

/** `i8x16.add_sat_s`. */
export const i8x16AddSatS: SimdOp = (s, dst, a, b) => {
  const v = s.i8;
  const d = 8 * dst, x = 8 * a, y = 8 * b;
  for (let i = 0; i < 16; i++) {
    const r = v[x + i] + v[y + i];
    v[d + i] = r > 127 ? 127 : r < -128 ? -128 : r;
  }
};

/** `i8x16.add_sat_u`. */
export const i8x16AddSatU: SimdOp = (s, dst, a, b) => {
  const v = s.u8;
  const d = 8 * dst, x = 8 * a, y = 8 * b;
  for (let i = 0; i < 16; i++) {
    const r = v[x + i] + v[y + i];
    v[d + i] = r > 255 ? 255 : r;
  }
};

/** `i8x16.sub_sat_s`. */
export const i8x16SubSatS: SimdOp = (s, dst, a, b) => {
  const v = s.i8;
  const d = 8 * dst, x = 8 * a, y = 8 * b;
  for (let i = 0; i < 16; i++) {
    const r = v[x + i] - v[y + i];
    v[d + i] = r > 127 ? 127 : r < -128 ? -128 : r;
  }
};

/** `i8x16.sub_sat_u`. */
export const i8x16SubSatU: SimdOp = (s, dst, a, b) => {
  const v = s.u8;
  const d = 8 * dst, x = 8 * a, y = 8 * b;
  for (let i = 0; i < 16; i++) {
    const r = v[x + i] - v[y + i];
    v[d + i] = r < 0 ? 0 : r;
  }
};

/** `i16x8.add_sat_s`. */
export const i16x8AddSatS: SimdOp = (s, dst, a, b) => {
  const v = s.i16;
  const d = 4 * dst, x = 4 * a, y = 4 * b;
  for (let i = 0; i < 8; i++) {
    const r = v[x + i] + v[y + i];
    v[d + i] = r > 32767 ? 32767 : r < -32768 ? -32768 : r;
  }
};

/** `i16x8.add_sat_u`. */
export const i16x8AddSatU: SimdOp = (s, dst, a, b) => {
  const v = s.u16;
  const d = 4 * dst, x = 4 * a, y = 4 * b;
  for (let i = 0; i < 8; i++) {
    const r = v[x + i] + v[y + i];
    v[d + i] = r > 65535 ? 65535 : r;
  }
};

/** `i16x8.sub_sat_s`. */
export const i16x8SubSatS: SimdOp = (s, dst, a, b) => {
  const v = s.i16;
  const d = 4 * dst, x = 4 * a, y = 4 * b;
  for (let i = 0; i < 8; i++) {
    const r = v[x + i] - v[y + i];
    v[d + i] = r > 32767 ? 32767 : r < -32768 ? -32768 : r;
  }
};

/** `i16x8.sub_sat_u`. */
export const i16x8SubSatU: SimdOp = (s, dst, a, b) => {
  const v = s.u16;
  const d = 4 * dst, x = 4 * a, y = 4 * b;
  for (let i = 0; i < 8; i++) {
    const r = v[x + i] - v[y + i];
    v[d + i] = r < 0 ? 0 : r;
  }
};

/**
 * `i16x8.q15mulr_sat_s`: `sat16((a * b + 0x4000) >> 15)`. The product fits 31 bits, so the
 * arithmetic shift is exact; only `-32768 * -32768` overflows, saturating to 32767.
 */
export const i16x8Q15mulrSatS: SimdOp = (s, dst, a, b) => {
  const v = s.i16;
  const d = 4 * dst, x = 4 * a, y = 4 * b;
  for (let i = 0; i < 8; i++) {
    const r = (v[x + i] * v[y + i] + 0x4000) >> 15;
    v[d + i] = r > 32767 ? 32767 : r;
  }
};
