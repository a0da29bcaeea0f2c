/**
 * 64-bit integer helpers on (low, high) 32-bit halves, shared by the `i64x2` operations.
 * They return the low word and leave the high word in {@link hi64}, so no object or BigInt is
 * allocated per lane.
 * @module
 */
import { umulhi } from '../exec/i64.js';

/** The high word produced by the last call to a helper of this module. */
export let hi64 = 0;

/** 64-bit wrapping multiply of (alo, ahi) by (blo, bhi); returns the low word, high in {@link hi64}. */
export function mul64(alo: number, ahi: number, blo: number, bhi: number): number {
  // Cross terms only contribute to the high word, and only modulo 2^32, so Math.imul suffices.
  hi64 = (umulhi(alo, blo) + Math.imul(alo, bhi) + Math.imul(ahi, blo)) | 0;
  return Math.imul(alo, blo);
}

/** Exact signed 32×32→64 product; returns the low word, high in {@link hi64}. */
export function mulS32(x: number, y: number): number {
  // Unsigned product corrected for the sign: (x - 2^32·[x<0])(y - 2^32·[y<0]) mod 2^64.
  let h = umulhi(x, y);
  if (x < 0) h -= y;
  if (y < 0) h -= x;
  hi64 = h | 0;
  return Math.imul(x, y);
}

/** Exact unsigned 32×32→64 product; returns the low word, high in {@link hi64}. */
export function mulU32(x: number, y: number): number {
  hi64 = umulhi(x, y);
  return Math.imul(x, y);
}
