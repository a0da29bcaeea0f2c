/**
 * Conversions between floats and integers with Wasm's exact semantics: trapping truncations
 * ("invalid conversion to integer" for NaN, "integer overflow" out of range), saturating ones,
 * and correctly rounded i64 → f32/f64 conversions on the two 32-bit halves.
 */
import { Trap, TrapMessage } from '../runtime/trap.js';

const TWO32 = 4294967296;
const TWO63 = 9223372036854775808;
const TWO64 = 18446744073709551616;

/** Writes the integer-valued double `t` (in the signed or unsigned 64-bit range) as two halves. */
export function storeI64(I: Int32Array, d: number, t: number): void {
  const hi = Math.floor(t / TWO32);
  I[d] = (t - hi * TWO32) | 0;
  I[d + 1] = hi | 0;
}

function nanTrap(): never {
  throw new Trap(TrapMessage.invalidConversion);
}

function overflowTrap(): never {
  throw new Trap(TrapMessage.integerOverflow);
}

/** `i32.trunc_f*_s`. */
export function truncI32S(x: number): number {
  if (x !== x) nanTrap();
  const t = Math.trunc(x);
  if (t < -2147483648 || t > 2147483647) overflowTrap();
  return t | 0;
}

/** `i32.trunc_f*_u`. */
export function truncI32U(x: number): number {
  if (x !== x) nanTrap();
  const t = Math.trunc(x);
  if (t < 0 || t > 4294967295) overflowTrap();
  return t | 0;
}

/** `i64.trunc_f*_s` into the halves at `d`. */
export function truncI64S(I: Int32Array, d: number, x: number): void {
  if (x !== x) nanTrap();
  const t = Math.trunc(x);
  if (t < -TWO63 || t >= TWO63) overflowTrap();
  storeI64(I, d, t);
}

/** `i64.trunc_f*_u` into the halves at `d`. */
export function truncI64U(I: Int32Array, d: number, x: number): void {
  if (x !== x) nanTrap();
  const t = Math.trunc(x);
  // -0.9 truncates to -0, which is in range (`-0 < 0` is false).
  if (t < 0 || t >= TWO64) overflowTrap();
  storeI64(I, d, t);
}

/** `i32.trunc_sat_f*_s`. */
export function truncSatI32S(x: number): number {
  if (x !== x) return 0;
  if (x <= -2147483648) return -2147483648;
  if (x >= 2147483647) return 2147483647;
  return Math.trunc(x) | 0;
}

/** `i32.trunc_sat_f*_u`. */
export function truncSatI32U(x: number): number {
  if (x !== x || x <= 0) return 0;
  if (x >= 4294967295) return -1;
  return Math.trunc(x) | 0;
}

/** `i64.trunc_sat_f*_s`. */
export function truncSatI64S(I: Int32Array, d: number, x: number): void {
  if (x !== x) {
    I[d] = 0;
    I[d + 1] = 0;
  } else if (x < -TWO63) {
    I[d] = 0;
    I[d + 1] = -0x80000000;
  } else if (x >= TWO63) {
    I[d] = -1;
    I[d + 1] = 0x7fffffff;
  } else storeI64(I, d, Math.trunc(x));
}

/** `i64.trunc_sat_f*_u`. */
export function truncSatI64U(I: Int32Array, d: number, x: number): void {
  if (x !== x || x <= 0) {
    I[d] = 0;
    I[d + 1] = 0;
  } else if (x >= TWO64) {
    I[d] = -1;
    I[d + 1] = -1;
  } else storeI64(I, d, Math.trunc(x));
}

/** The i64 at `a` as the nearest double (one rounding: `hi * 2^32` is exact, the sum rounds once). */
export function i64ToF64S(I: Int32Array, a: number): number {
  return I[a + 1]! * TWO32 + (I[a]! >>> 0);
}

/** The u64 at `a` as the nearest double. */
export function i64ToF64U(I: Int32Array, a: number): number {
  return (I[a + 1]! >>> 0) * TWO32 + (I[a]! >>> 0);
}

/**
 * An unsigned 64-bit magnitude as the nearest f32. Below 2^53 the double is exact and
 * `Math.fround` rounds once. Above, the low 12 bits are folded into a sticky bit (round to odd)
 * so that the double is exact and the one rounding to f32 (whose rounding bit is then at
 * position 29 or higher) is still correct.
 */
function u64ToF32(hi: number, lo: number): number {
  if (hi < 0x200000) return Math.fround(hi * TWO32 + lo);
  const folded = ((lo & ~0xfff) | ((lo & 0xfff) !== 0 ? 0x1000 : 0)) >>> 0;
  return Math.fround(hi * TWO32 + folded);
}

/** `f32.convert_i64_s`. */
export function i64ToF32S(I: Int32Array, a: number): number {
  const hi = I[a + 1]!;
  const lo = I[a]! >>> 0;
  if (hi >= 0) return u64ToF32(hi, lo);
  // Negate the 64-bit value (two's complement) and convert its magnitude.
  const nlo = (-lo) >>> 0;
  const nhi = (~hi + (lo === 0 ? 1 : 0)) >>> 0;
  return -u64ToF32(nhi, nlo);
}

/** `f32.convert_i64_u`. */
export function i64ToF32U(I: Int32Array, a: number): number {
  return u64ToF32(I[a + 1]! >>> 0, I[a]! >>> 0);
}
