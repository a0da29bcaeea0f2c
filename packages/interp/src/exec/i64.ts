/**
 * 64-bit integer operations on two 32-bit halves, in place on the value stack's `Int32Array`
 * (`I[w]` low word, `I[w + 1]` high word). Every function reads all of its operands before it
 * writes the destination, so `d` may alias `a` or `b`.
 *
 * Add, sub, bitwise ops and compares are inlined by the interpreter; the longer ones live here.
 * Multiplication uses 16-bit pieces for the high word of the low product and `Math.imul` for the
 * cross terms. Division and remainder take a float fast path when both operands fit in 32 bits
 * (exact: see `RATIONALE.md`) and fall back to BigInt otherwise.
 */
import { Trap, TrapMessage } from '../runtime/trap.js';

/** High 32 bits of the 64-bit product of two unsigned 32-bit integers. */
export function umulhi(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const t = a0 * b0;
  const m1 = a1 * b0 + (t >>> 16);
  const m2 = a0 * b1 + (m1 & 0xffff);
  return (a1 * b1 + (m1 >>> 16) + (m2 >>> 16)) | 0;
}

/** `i64.mul`. */
export function mul(I: Int32Array, d: number, a: number, b: number): void {
  const alo = I[a]!;
  const ahi = I[a + 1]!;
  const blo = I[b]!;
  const bhi = I[b + 1]!;
  I[d + 1] = (umulhi(alo, blo) + Math.imul(alo, bhi) + Math.imul(ahi, blo)) | 0;
  I[d] = Math.imul(alo, blo);
}

function big(I: Int32Array, a: number): bigint {
  return (BigInt(I[a + 1]!) << 32n) | BigInt(I[a]! >>> 0);
}

function store(I: Int32Array, d: number, v: bigint): void {
  I[d] = Number(BigInt.asIntN(32, v));
  I[d + 1] = Number(BigInt.asIntN(32, v >> 32n));
}

/** Stores an integer-valued double in the signed 64-bit range. */
function storeNumber(I: Int32Array, d: number, v: number): void {
  const hi = Math.floor(v / 4294967296);
  I[d] = (v - hi * 4294967296) | 0;
  I[d + 1] = hi | 0;
}

/** Whether the i64 at `a` is the sign extension of its low word. */
function fits32(I: Int32Array, a: number): boolean {
  return I[a + 1] === I[a]! >> 31;
}

/** `i64.div_s`. */
export function divS(I: Int32Array, d: number, a: number, b: number): void {
  if (I[b] === 0 && I[b + 1] === 0) throw new Trap(TrapMessage.divideByZero);
  if (fits32(I, a) && fits32(I, b)) {
    storeNumber(I, d, Math.trunc(I[a]! / I[b]!));
    return;
  }
  if (I[a + 1] === -0x80000000 && I[a] === 0 && I[b] === -1 && I[b + 1] === -1) throw new Trap(TrapMessage.integerOverflow);
  store(I, d, big(I, a) / big(I, b));
}

/** `i64.rem_s`. */
export function remS(I: Int32Array, d: number, a: number, b: number): void {
  if (I[b] === 0 && I[b + 1] === 0) throw new Trap(TrapMessage.divideByZero);
  if (fits32(I, a) && fits32(I, b)) {
    // The remainder takes the dividend's sign; -0 (from e.g. -4 % 2) is plain 0 here.
    const r = I[a]! % I[b]!;
    I[d] = r | 0;
    I[d + 1] = r < 0 ? -1 : 0;
    return;
  }
  if (I[b] === -1 && I[b + 1] === -1) {
    I[d] = 0;
    I[d + 1] = 0;
    return;
  }
  store(I, d, big(I, a) % big(I, b));
}

function ubig(I: Int32Array, a: number): bigint {
  return (BigInt(I[a + 1]! >>> 0) << 32n) | BigInt(I[a]! >>> 0);
}

// Results of divU64By32: [quotient high, quotient low, remainder]. A typed array, so that the
// fast path allocates nothing (a module-level `let` holding a double is boxed on every write).
const DIV = new Float64Array(3);

/** Floor division of a non-negative x < 2^48 by b (0 < b < 2^32), corrected to be exact. */
function step(x: number, b: number): number {
  let q = Math.floor(x / b);
  let r = x - q * b;
  if (r < 0) {
    q--;
    r += b;
  } else if (r >= b) {
    q++;
    r -= b;
  }
  DIV[2] = r;
  return q;
}

/**
 * Unsigned 64-bit by 32-bit division without BigInt: the high word by `b`, then the low word
 * in two 16-bit chunks (every partial dividend stays below 2^48, exact in a double).
 */
function divU64By32(hi: number, lo: number, b: number): void {
  const qHi = Math.floor(hi / b);
  DIV[0] = qHi;
  let r = hi - qHi * b;
  const q1 = step(r * 65536 + (lo >>> 16), b);
  r = DIV[2]!;
  const q0 = step(r * 65536 + (lo & 0xffff), b);
  DIV[1] = (q1 * 65536 + q0) >>> 0;
}

/** `i64.div_u`. */
export function divU(I: Int32Array, d: number, a: number, b: number): void {
  if (I[b] === 0 && I[b + 1] === 0) throw new Trap(TrapMessage.divideByZero);
  if (I[b + 1] === 0) {
    divU64By32(I[a + 1]! >>> 0, I[a]! >>> 0, I[b]! >>> 0);
    I[d] = DIV[1]!;
    I[d + 1] = DIV[0]!;
    return;
  }
  store(I, d, ubig(I, a) / ubig(I, b));
}

/** `i64.rem_u`. */
export function remU(I: Int32Array, d: number, a: number, b: number): void {
  if (I[b] === 0 && I[b + 1] === 0) throw new Trap(TrapMessage.divideByZero);
  if (I[b + 1] === 0) {
    // u64 mod u32 in three exact double steps (each partial dividend < 2^48), no quotient kept.
    const m = I[b]! >>> 0;
    const lo = I[a]! >>> 0;
    let x = I[a + 1]! >>> 0;
    let q = Math.floor(x / m);
    let r = x - q * m;
    x = r * 65536 + (lo >>> 16);
    q = Math.floor(x / m);
    r = x - q * m;
    if (r < 0) r += m;
    else if (r >= m) r -= m;
    x = r * 65536 + (lo & 0xffff);
    q = Math.floor(x / m);
    r = x - q * m;
    if (r < 0) r += m;
    else if (r >= m) r -= m;
    I[d] = r | 0;
    I[d + 1] = 0;
    return;
  }
  store(I, d, ubig(I, a) % ubig(I, b));
}

// ---- shifts, rotations and bit counts on a pair of words ----
// Each `…Pair` function takes the operand as its two words (and a count) and returns the low
// word of the result, leaving the high word in `PAIR[1]`: the fast tier calls them directly with
// its values in variables (its `W` is this array), and the value-stack forms below wrap them.

/**
 * Scratch words: `PAIR[1]` holds the high word of the last `…Pair` result. (A typed array: a
 * module variable assigned from several functions would be a boxed number.)
 */
export const PAIR = new Int32Array(4);

/** `i64.shl` of `lo`/`hi` by `s` (taken modulo 64). */
export function shlPair(lo: number, hi: number, s: number): number {
  s &= 63;
  if (s === 0) {
    PAIR[1] = hi;
    return lo;
  }
  if (s < 32) {
    PAIR[1] = (hi << s) | (lo >>> (32 - s));
    return lo << s;
  }
  PAIR[1] = lo << (s - 32);
  return 0;
}

/** `i64.shr_s` of `lo`/`hi` by `s` (taken modulo 64). */
export function shrSPair(lo: number, hi: number, s: number): number {
  s &= 63;
  if (s === 0) {
    PAIR[1] = hi;
    return lo;
  }
  if (s < 32) {
    PAIR[1] = hi >> s;
    return (lo >>> s) | (hi << (32 - s));
  }
  PAIR[1] = hi >> 31;
  return hi >> (s - 32);
}

/** `i64.shr_u` of `lo`/`hi` by `s` (taken modulo 64). */
export function shrUPair(lo: number, hi: number, s: number): number {
  s &= 63;
  if (s === 0) {
    PAIR[1] = hi;
    return lo;
  }
  if (s < 32) {
    PAIR[1] = hi >>> s;
    return (lo >>> s) | (hi << (32 - s));
  }
  PAIR[1] = 0;
  return (hi >>> (s - 32)) | 0;
}

/** `i64.rotl` of `lo`/`hi` by `s` (taken modulo 64). */
export function rotlPair(lo: number, hi: number, s: number): number {
  s &= 63;
  if (s >= 32) {
    const t = lo;
    lo = hi;
    hi = t;
    s -= 32;
  }
  if (s === 0) {
    PAIR[1] = hi;
    return lo;
  }
  PAIR[1] = (hi << s) | (lo >>> (32 - s));
  return (lo << s) | (hi >>> (32 - s));
}

/** `i64.rotr` of `lo`/`hi` by `s`: a right rotation by `s` is a left rotation by `64 - s`. */
export function rotrPair(lo: number, hi: number, s: number): number {
  return rotlPair(lo, hi, 64 - (s & 63));
}

/** `i64.clz` of `lo`/`hi` (the result's high word is 0). */
export function clzPair(lo: number, hi: number): number {
  return hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
}

/** `i64.ctz` of `lo`/`hi` (the result's high word is 0). */
export function ctzPair(lo: number, hi: number): number {
  return lo !== 0 ? ctz32(lo) : hi !== 0 ? 32 + ctz32(hi) : 64;
}

// ---- the same on value-stack cells ----

/** `i64.shl`. */
export function shl(I: Int32Array, d: number, a: number, b: number): void {
  I[d] = shlPair(I[a]!, I[a + 1]!, I[b]!);
  I[d + 1] = PAIR[1]!;
}

/** `i64.shr_s`. */
export function shrS(I: Int32Array, d: number, a: number, b: number): void {
  I[d] = shrSPair(I[a]!, I[a + 1]!, I[b]!);
  I[d + 1] = PAIR[1]!;
}

/** `i64.shr_u`. */
export function shrU(I: Int32Array, d: number, a: number, b: number): void {
  I[d] = shrUPair(I[a]!, I[a + 1]!, I[b]!);
  I[d + 1] = PAIR[1]!;
}

/** `i64.rotl`. */
export function rotl(I: Int32Array, d: number, a: number, b: number): void {
  I[d] = rotlPair(I[a]!, I[a + 1]!, I[b]!);
  I[d + 1] = PAIR[1]!;
}

/** `i64.rotr`. */
export function rotr(I: Int32Array, d: number, a: number, b: number): void {
  I[d] = rotrPair(I[a]!, I[a + 1]!, I[b]!);
  I[d + 1] = PAIR[1]!;
}

/** `i64.clz`. */
export function clz(I: Int32Array, d: number, a: number): void {
  I[d] = clzPair(I[a]!, I[a + 1]!);
  I[d + 1] = 0;
}

/** `i64.ctz`. */
export function ctz(I: Int32Array, d: number, a: number): void {
  I[d] = ctzPair(I[a]!, I[a + 1]!);
  I[d + 1] = 0;
}

/** Trailing zeros of a non-zero 32-bit integer. */
export function ctz32(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/** Set bits of a 32-bit integer. */
export function popcnt32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Signed compare of the i64s at `a` and `b`: negative, zero or positive. */
export function cmpS(I: Int32Array, a: number, b: number): number {
  const ah = I[a + 1]!;
  const bh = I[b + 1]!;
  if (ah !== bh) return ah < bh ? -1 : 1;
  const al = I[a]! >>> 0;
  const bl = I[b]! >>> 0;
  return al === bl ? 0 : al < bl ? -1 : 1;
}

/** Unsigned compare of the i64s at `a` and `b`. */
export function cmpU(I: Int32Array, a: number, b: number): number {
  const ah = I[a + 1]! >>> 0;
  const bh = I[b + 1]! >>> 0;
  if (ah !== bh) return ah < bh ? -1 : 1;
  const al = I[a]! >>> 0;
  const bl = I[b]! >>> 0;
  return al === bl ? 0 : al < bl ? -1 : 1;
}
