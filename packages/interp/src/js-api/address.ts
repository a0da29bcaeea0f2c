/**
 * Address values of the JS API (3.0's memory64 and table64): descriptors, indices, sizes and
 * deltas of a memory or table with `address: 'i64'` are BigInts, those of a 32-bit one numbers.
 */
import { enforceU32 } from './shared.js';

/** The address type of a memory or table, as a descriptor names it. */
export type AddressType = 'i32' | 'i64';

/** A size, index or delta: a number for `i32`, a bigint for `i64`. */
export type AddressValue = number | bigint;

/** The `address` member of a descriptor: `'i32'` when absent; `TypeError` for anything else. */
export function addressTypeOf(v: unknown, where: string): AddressType {
  if (v === undefined) return 'i32';
  const s = String(v);
  if (s !== 'i32' && s !== 'i64') throw new TypeError(`${where}: "address" must be "i32" or "i64"`);
  return s;
}

/**
 * WebIDL's conversion of an address value: `[EnforceRange] unsigned long` for `i32`, and for
 * `i64` ToBigInt (a Number is a `TypeError`) then the u64 range. Returns a number (exact below
 * 2^53; larger ones are beyond every limit anyway).
 */
export function enforceAddress(v: unknown, address: AddressType, what: string): number {
  if (address === 'i32') return enforceU32(v, what);
  let b: bigint;
  if (typeof v === 'bigint') b = v;
  else if (typeof v === 'boolean' || typeof v === 'string') {
    try {
      b = BigInt(v);
    } catch {
      throw new SyntaxError(`${what} cannot be converted to a BigInt`);
    }
  } else throw new TypeError(`${what} must be a BigInt for an i64 memory or table`);
  if (b < 0n || b > 0xffff_ffff_ffff_ffffn) throw new TypeError(`${what} must be in the range 0 to 2^64-1`);
  return Number(b);
}

/** A size or index as the JS API returns it for this address type. */
export function addressValue(n: number, address: AddressType): AddressValue {
  return address === 'i64' ? BigInt(n) : n;
}
