import { HEAP_INDEX_BASE, HeapType, heapTypeOf, isRefType, type TypeDef, type ValType } from '@rt/binary';
import type { FuncInstance } from './func.js';

/**
 * A value at the boundary of the low-level API (arguments and results of `invoke`, host
 * function parameters and results, global values). Every representation is exact:
 *
 * | Wasm type   | JavaScript representation                                   |
 * |-------------|-------------------------------------------------------------|
 * | `i32`       | `number`, signed (`-2^31 … 2^31-1`)                          |
 * | `i64`       | `bigint`, signed                                             |
 * | `f32`       | `number`: the **bit pattern** as an unsigned 32-bit integer  |
 * | `f64`       | `bigint`: the **bit pattern** as an unsigned 64-bit integer  |
 * | `v128`      | `bigint`: the 128 bits, unsigned, lane 0 least significant   |
 * | `funcref`   | a {@link FuncInstance}, or `null`                           |
 * | `externref` | any JavaScript value; `null` is the null reference           |
 *
 * Floats travel as bits so that NaN payloads survive; convert with {@link f32FromBits},
 * {@link f32ToBits}, {@link f64FromBits}, {@link f64ToBits}.
 */
export type Value = number | bigint | FuncInstance | unknown;

/**
 * Whether references of type `t` are function references (held as function reference indices):
 * `funcref`, `(ref null? func)`, `nofunc`, and references to a defined type of `types` that is a
 * function type (without `types`, every defined type counts as one).
 */
export function isFuncRefType(t: ValType, types?: readonly TypeDef[]): boolean {
  if (!isRefType(t)) return false;
  const h = heapTypeOf(t);
  if (h >= HEAP_INDEX_BASE) return types === undefined || types[h - HEAP_INDEX_BASE]?.kind === 'func';
  return h === HeapType.func || h === HeapType.nofunc;
}

/** The reference index that stands for a null reference in frames, tables and globals. */
export const NULL_REF = 0;

const scratch = new ArrayBuffer(8);
const sF32 = new Float32Array(scratch);
const sF64 = new Float64Array(scratch);
const sU32 = new Uint32Array(scratch);
const sBig = new BigUint64Array(scratch);

/** The number an f32 bit pattern denotes (NaN payloads are not preserved by JS numbers). */
export function f32FromBits(bits: number): number {
  sU32[0] = bits;
  return sF32[0]!;
}

/** The bit pattern (unsigned) of `x` rounded to f32. */
export function f32ToBits(x: number): number {
  sF32[0] = x;
  return sU32[0]!;
}

/** The number an f64 bit pattern denotes. */
export function f64FromBits(bits: bigint): number {
  sBig[0] = BigInt.asUintN(64, bits);
  return sF64[0]!;
}

/** The bit pattern (unsigned) of the f64 `x`. */
export function f64ToBits(x: number): bigint {
  sF64[0] = x;
  return sBig[0]!;
}
