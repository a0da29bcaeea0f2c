/**
 * Bitwise operations on the whole 128 bits: `v128.not/and/andnot/or/xor/bitselect`.
 * Computed word by word on the `i32` view; each output word only depends on the same word of
 * the inputs, so `dst` may alias any operand.
 * @module
 */
import type { SimdOp } from './types.js';

/** `v128.not`. */
export const v128Not: SimdOp = (s, dst, a) => {
  const v = s.i32;
  const d = 2 * dst;
  const x = 2 * a;
  for (let i = 0; i < 4; i++) v[d + i] = ~v[x + i];
};

/** `v128.and`. */
export const v128And: SimdOp = (s, dst, a, b) => {
  const v = s.i32;
  const d = 2 * dst;
  const x = 2 * a;
  const y = 2 * b;
  for (let i = 0; i < 4; i++) v[d + i] = v[x + i] & v[y + i];
};

/** `v128.andnot`: `a & ~b`. */
export const v128AndNot: SimdOp = (s, dst, a, b) => {
  const v = s.i32;
  const d = 2 * dst;
  const x = 2 * a;
  const y = 2 * b;
  for (let i = 0; i < 4; i++) v[d + i] = v[x + i] & ~v[y + i];
};

/** `v128.or`. */
export const v128Or: SimdOp = (s, dst, a, b) => {
  const v = s.i32;
  const d = 2 * dst;
  const x = 2 * a;
  const y = 2 * b;
  for (let i = 0; i < 4; i++) v[d + i] = v[x + i] | v[y + i];
};

/** `v128.xor`. */
export const v128Xor: SimdOp = (s, dst, a, b) => {
  const v = s.i32;
  const d = 2 * dst;
  const x = 2 * a;
  const y = 2 * b;
  for (let i = 0; i < 4; i++) v[d + i] = v[x + i] ^ v[y + i];
};

/** `v128.bitselect`: bits of `a` where the mask `c` is 1, bits of `b` where it is 0. */
export const v128Bitselect: SimdOp = (s, dst, a, b, c) => {
  const v = s.i32;
  const d = 2 * dst;
  const x = 2 * a;
  const y = 2 * b;
  const m = 2 * c;
  for (let i = 0; i < 4; i++) {
    const mask = v[m + i];
    v[d + i] = (v[x + i] & mask) | (v[y + i] & ~mask);
  }
};
