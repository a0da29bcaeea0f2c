import type { ByteReader } from '../reader/byte-reader.js';
import { isRefType, isValTypeCode, type ValType } from '../types/value-types.js';
import type { GlobalType, Limits, MemoryType, TableType } from '../types/module.js';

/** Reads a value type byte. */
export function readValType(r: ByteReader): ValType {
  const at = r.pos;
  const code = r.u8();
  if (!isValTypeCode(code)) r.fail('malformed value type', at);
  return code;
}

/** Reads a reference type byte. */
export function readRefType(r: ByteReader): ValType {
  const at = r.pos;
  const code = r.u8();
  if (!isRefType(code)) r.fail('malformed reference type', at);
  return code;
}

/** Limits with the address type their flags give (3.0: bit 2 means 64-bit addresses). */
interface AddressedLimits {
  readonly limits: Limits;
  readonly address: 'i32' | 'i64';
}

/**
 * Reads limits: a flag byte, the minimum, and the maximum when bit 0 says so. In 3.0 bit 2 makes
 * the address type i64 and the bounds u64 (memory64, table64); other bits are malformed. In 2.0
 * the flag is a one-byte integer that must be 0 or 1.
 */
export function readLimits(r: ByteReader, v3: boolean): AddressedLimits {
  const at = r.pos;
  const flags = r.u8();
  if (!v3) {
    // The flags are a one-byte LEB128 integer: a continuation bit makes it too long.
    if (flags & 0x80) r.fail('integer representation too long', at);
    if (flags > 1) r.fail('integer too large', at);
    const min = r.u32();
    return { limits: { min, max: flags === 1 ? r.u32() : null }, address: 'i32' };
  }
  if ((flags & ~0x05) !== 0) r.fail('malformed limits flags', at);
  // Bounds are u64 for both address types, as the reference decoder reads them: a 32-bit
  // memory's or table's too-large bound is then a validation error, not a malformed integer.
  const min = r.u64Number();
  return { limits: { min, max: flags & 1 ? r.u64Number() : null }, address: flags & 0x04 ? 'i64' : 'i32' };
}

/** Reads a table type: element reference type, then limits (and, in 3.0, the address type). */
export function readTableType(r: ByteReader, v3 = true): TableType {
  const element = readRefType(r);
  const { limits, address } = readLimits(r, v3);
  return { element, limits, address };
}

/** Reads a memory type (unshared; 32- or, in 3.0, 64-bit addresses). */
export function readMemoryType(r: ByteReader, v3 = true): MemoryType {
  const { limits, address } = readLimits(r, v3);
  return { limits, shared: false, address };
}

/** Reads a global type: value type, then a mutability byte. */
export function readGlobalType(r: ByteReader): GlobalType {
  const type = readValType(r);
  const at = r.pos;
  const mut = r.u8();
  if (mut > 1) r.fail('malformed mutability', at);
  return { type, mutable: mut === 1 };
}
