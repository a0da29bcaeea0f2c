/**
 * 64-bit integer helpers on (low, high) 32-bit halves, shared by the `i64x2` operations.
 * They return the low word and leave the high word in {@link hi64}, so no object or BigInt is
 * allocated per lane.
 * @module
 */

/** The high word produced by the last call to a helper of this module. */
export let hi64 = 0;

/**
 * High 32 bits of the unsigned 64-bit product of two u32 values, computed from 16-bit pieces so
 * every partial product stays an exact double (< 2^53).
 */
export function mulHighU32(x: number, y: number): number {
  const x0 = x & 0xffff;
  const x1 = x >>> 16;
  const y0 = y & 0xffff;
  const y1 = y >>> 16;
  const p00 = x0 * y0;
  const p01 = x0 * y1;
  const p10 = x1 * y0;
  const p11 = x1 * y1;
  // Carry out of bits 16..31: the middle column plus the top half of the lowest product.
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  return (p11 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16)) >>> 0;
}

/** 64-bit wrapping multiply of (alo, ahi) by (blo, bhi); returns the low word, high in {@link hi64}. */
export function mul64(alo: number, ahi: number, blo: number, bhi: number): number {
  // Cross terms only contribute to the high word, and only modulo 2^32, so Math.imul suffices.
  hi64 = (mulHighU32(alo >>> 0, blo >>> 0) + Math.imul(alo, bhi) + Math.imul(ahi, blo)) | 0;
  return Math.imul(alo, blo);
}

/** Exact signed 32×32→64 product; returns the low word, high in {@link hi64}. */
export function mulS32(x: number, y: number): number {
  // Unsigned product corrected for the sign: (x - 2^32·[x<0])(y - 2^32·[y<0]) mod 2^64.
  let h = mulHighU32(x >>> 0, y >>> 0);
  if (x < 0) h -= y;
  if (y < 0) h -= x;
  hi64 = h | 0;
  return Math.imul(x, y);
}

/** Exact unsigned 32×32→64 product; returns the low word, high in {@link hi64}. */
export function mulU32(x: number, y: number): number {
  hi64 = mulHighU32(x >>> 0, y >>> 0) | 0;
  return Math.imul(x, y);
}
