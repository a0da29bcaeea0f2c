/**
 * Lane-wise integer arithmetic: `add`, `sub`, `mul`, `neg`, `abs`, `min`/`max` (signed and
 * unsigned) and `avgr_u` for the shapes that have them.
 *
 * Wrapping is left to the typed arrays: storing into an `Int8Array`/`Int16Array`/`Int32Array`
 * reduces modulo 2^N, which is exactly wasm's wrapping semantics (so `abs` of INT_MIN stays
 * INT_MIN). Each output lane depends only on the same input lane, so `dst` may alias an operand.
 * `i64x2` lanes are handled as (low, high) 32-bit halves.
 * @module
 */
import { hi64, mul64 } from './int64.js';
import type { SimdOp } from './types.js';

// ---- i8x16 ----

/** `i8x16.add`. */
export const i8x16Add: SimdOp = (s, dst, a, b) => {
  const v = s.i8;
  const d = 8 * dst, x = 8 * a, y = 8 * b;
  for (let i = 0; i < 16; i++) v[d + i] = v[x + i] + v[y + i];
};

/** `i8x16.sub`. */
export const i8x16Sub: SimdOp = (s, dst, a, b) => {
  const v = s.i8;
  const d = 8 * dst, x = 8 * a, y = 8 * b;
  for (let i = 0; i < 16; i++) v[d + i] = v[x + i] - v[y + i];
};

/** `i8x16.neg`. */
export const i8x16Neg: SimdOp = (s, dst, a) => {
  const v = s.i8;
  const d = 8 * dst, x = 8 * a;
  for (let i = 0; i < 16; i++) v[d + i] = -v[x + i];
};

/** `i8x16.abs`: -128 wraps to itself. */
export const i8x16Abs: SimdOp = (s, dst, a) => {
  const v = s.i8;
  const d = 8 * dst, x = 8 * a;
  for (let i = 0; i < 16; i++) {
    const e = v[x + i];
    v[d + i] = e < 0 ? -e : e;
  }
};

/** `i8x16.min_s`. */
export const i8x16MinS: SimdOp = (s, dst, a, b) => {
  const v = s.i8;
  const d = 8 * dst, x = 8 * a, y = 8 * b;
  for (let i = 0; i < 16; i++) {
    const p = v[x + i], q = v[y + i];
    v[d + i] = p < q ? p : q;
  }
};

/** `i8x16.min_u`. */
export const i8x16MinU: SimdOp = (s, dst, a, b) => {
  const v = s.u8;
  const d = 8 * dst, x = 8 * a, y = 8 * b;
  for (let i = 0; i < 16; i++) {
    const p = v[x + i], q = v[y + i];
    v[d + i] = p < q ? p : q;
  }
};

/** `i8x16.max_s`. */
export const i8x16MaxS: SimdOp = (s, dst, a, b) => {
  const v = s.i8;
  const d = 8 * dst, x = 8 * a, y = 8 * b;
  for (let i = 0; i < 16; i++) {
    const p = v[x + i], q = v[y + i];
    v[d + i] = p > q ? p : q;
  }
};

/** `i8x16.max_u`. */
export const i8x16MaxU: SimdOp = (s, dst, a, b) => {
  const v = s.u8;
  const d = 8 * dst, x = 8 * a, y = 8 * b;
  for (let i = 0; i < 16; i++) {
    const p = v[x + i], q = v[y + i];
    v[d + i] = p > q ? p : q;
  }
};

/** `i8x16.avgr_u`: `(a + b + 1) >> 1` computed without overflow in a JS number. */
export const i8x16AvgrU: SimdOp = (s, dst, a, b) => {
  const v = s.u8;
  const d = 8 * dst, x = 8 * a, y = 8 * b;
  for (let i = 0; i < 16; i++) v[d + i] = (v[x + i] + v[y + i] + 1) >>> 1;
};

// ---- i16x8 ----

/** `i16x8.add`. */
export const i16x8Add: SimdOp = (s, dst, a, b) => {
  const v = s.i16;
  const d = 4 * dst, x = 4 * a, y = 4 * b;
  for (let i = 0; i < 8; i++) v[d + i] = v[x + i] + v[y + i];
};

/** `i16x8.sub`. */
export const i16x8Sub: SimdOp = (s, dst, a, b) => {
  const v = s.i16;
  const d = 4 * dst, x = 4 * a, y = 4 * b;
  for (let i = 0; i < 8; i++) v[d + i] = v[x + i] - v[y + i];
};

/** `i16x8.mul`: the product of two i16 fits a double exactly; the store keeps the low 16 bits. */
export const i16x8Mul: SimdOp = (s, dst, a, b) => {
  const v = s.i16;
  const d = 4 * dst, x = 4 * a, y = 4 * b;
  for (let i = 0; i < 8; i++) v[d + i] = Math.imul(v[x + i], v[y + i]);
};

/** `i16x8.neg`. */
export const i16x8Neg: SimdOp = (s, dst, a) => {
  const v = s.i16;
  const d = 4 * dst, x = 4 * a;
  for (let i = 0; i < 8; i++) v[d + i] = -v[x + i];
};

/** `i16x8.abs`: -32768 wraps to itself. */
export const i16x8Abs: SimdOp = (s, dst, a) => {
  const v = s.i16;
  const d = 4 * dst, x = 4 * a;
  for (let i = 0; i < 8; i++) {
    const e = v[x + i];
    v[d + i] = e < 0 ? -e : e;
  }
};

/** `i16x8.min_s`. */
export const i16x8MinS: SimdOp = (s, dst, a, b) => {
  const v = s.i16;
  const d = 4 * dst, x = 4 * a, y = 4 * b;
  for (let i = 0; i < 8; i++) {
    const p = v[x + i], q = v[y + i];
    v[d + i] = p < q ? p : q;
  }
};

/** `i16x8.min_u`. */
export const i16x8MinU: SimdOp = (s, dst, a, b) => {
  const v = s.u16;
  const d = 4 * dst, x = 4 * a, y = 4 * b;
  for (let i = 0; i < 8; i++) {
    const p = v[x + i], q = v[y + i];
    v[d + i] = p < q ? p : q;
  }
};

/** `i16x8.max_s`. */
export const i16x8MaxS: SimdOp = (s, dst, a, b) => {
  const v = s.i16;
  const d = 4 * dst, x = 4 * a, y = 4 * b;
  for (let i = 0; i < 8; i++) {
    const p = v[x + i], q = v[y + i];
    v[d + i] = p > q ? p : q;
  }
};

/** `i16x8.max_u`. */
export const i16x8MaxU: SimdOp = (s, dst, a, b) => {
  const v = s.u16;
  const d = 4 * dst, x = 4 * a, y = 4 * b;
  for (let i = 0; i < 8; i++) {
    const p = v[x + i], q = v[y + i];
    v[d + i] = p > q ? p : q;
  }
};

/** `i16x8.avgr_u`. */
export const i16x8AvgrU: SimdOp = (s, dst, a, b) => {
  const v = s.u16;
  const d = 4 * dst, x = 4 * a, y = 4 * b;
  for (let i = 0; i < 8; i++) v[d + i] = (v[x + i] + v[y + i] + 1) >>> 1;
};

// ---- i32x4 ----

/** `i32x4.add`. */
export const i32x4Add: SimdOp = (s, dst, a, b) => {
  const v = s.i32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) v[d + i] = v[x + i] + v[y + i];
};

/** `i32x4.sub`. */
export const i32x4Sub: SimdOp = (s, dst, a, b) => {
  const v = s.i32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) v[d + i] = v[x + i] - v[y + i];
};

/** `i32x4.mul`: `Math.imul` because a double product of two i32 would lose low bits. */
export const i32x4Mul: SimdOp = (s, dst, a, b) => {
  const v = s.i32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) v[d + i] = Math.imul(v[x + i], v[y + i]);
};

/** `i32x4.neg`. */
export const i32x4Neg: SimdOp = (s, dst, a) => {
  const v = s.i32;
  const d = 2 * dst, x = 2 * a;
  for (let i = 0; i < 4; i++) v[d + i] = -v[x + i];
};

/** `i32x4.abs`: INT_MIN wraps to itself (2^31 stored into Int32Array). */
export const i32x4Abs: SimdOp = (s, dst, a) => {
  const v = s.i32;
  const d = 2 * dst, x = 2 * a;
  for (let i = 0; i < 4; i++) {
    const e = v[x + i];
    v[d + i] = e < 0 ? -e : e;
  }
};

/** `i32x4.min_s`. */
export const i32x4MinS: SimdOp = (s, dst, a, b) => {
  const v = s.i32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) {
    const p = v[x + i], q = v[y + i];
    v[d + i] = p < q ? p : q;
  }
};

/** `i32x4.min_u`. */
export const i32x4MinU: SimdOp = (s, dst, a, b) => {
  const v = s.u32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) {
    const p = v[x + i], q = v[y + i];
    v[d + i] = p < q ? p : q;
  }
};

/** `i32x4.max_s`. */
export const i32x4MaxS: SimdOp = (s, dst, a, b) => {
  const v = s.i32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) {
    const p = v[x + i], q = v[y + i];
    v[d + i] = p > q ? p : q;
  }
};

/** `i32x4.max_u`. */
export const i32x4MaxU: SimdOp = (s, dst, a, b) => {
  const v = s.u32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) {
    const p = v[x + i], q = v[y + i];
    v[d + i] = p > q ? p : q;
  }
};

// ---- i64x2 (low word at even index, high word at odd index) ----

/** `i64x2.add`: add the low words as unsigned, carry into the high word. */
export const i64x2Add: SimdOp = (s, dst, a, b) => {
  const u = s.u32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i += 2) {
    const lo = u[x + i] + u[y + i];
    const hi = u[x + i + 1] + u[y + i + 1] + (lo > 0xffffffff ? 1 : 0);
    u[d + i] = lo;
    u[d + i + 1] = hi;
  }
};

/** `i64x2.sub`: subtract the low words as unsigned, borrow from the high word. */
export const i64x2Sub: SimdOp = (s, dst, a, b) => {
  const u = s.u32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i += 2) {
    const lo = u[x + i] - u[y + i];
    const hi = u[x + i + 1] - u[y + i + 1] - (lo < 0 ? 1 : 0);
    u[d + i] = lo;
    u[d + i + 1] = hi;
  }
};

/** `i64x2.mul`: exact wrapping product from 16-bit pieces (see {@link mul64}); no BigInt. */
export const i64x2Mul: SimdOp = (s, dst, a, b) => {
  const v = s.i32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i += 2) {
    const lo = mul64(v[x + i], v[x + i + 1], v[y + i], v[y + i + 1]);
    v[d + i] = lo;
    v[d + i + 1] = hi64;
  }
};

/** `i64x2.neg`: two's complement, `~x + 1` with the carry going into the high word iff low is 0. */
export const i64x2Neg: SimdOp = (s, dst, a) => {
  const v = s.i32;
  const d = 2 * dst, x = 2 * a;
  for (let i = 0; i < 4; i += 2) {
    const lo = v[x + i];
    const hi = v[x + i + 1];
    v[d + i] = -lo;
    v[d + i + 1] = lo === 0 ? -hi : ~hi;
  }
};

/** `i64x2.abs`: negate when the high word is negative; INT64_MIN wraps to itself. */
export const i64x2Abs: SimdOp = (s, dst, a) => {
  const v = s.i32;
  const d = 2 * dst, x = 2 * a;
  for (let i = 0; i < 4; i += 2) {
    const lo = v[x + i];
    const hi = v[x + i + 1];
    if (hi < 0) {
      v[d + i] = -lo;
      v[d + i + 1] = lo === 0 ? -hi : ~hi;
    } else {
      v[d + i] = lo;
      v[d + i + 1] = hi;
    }
  }
};
