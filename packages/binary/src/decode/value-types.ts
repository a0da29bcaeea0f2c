import type { ByteReader } from '../reader/byte-reader.js';
import {
  indexHeapType, isAbstractHeapType, isNumericOrVector, isValTypeCode, PackedType, refType, type HeapType, type ValType,
} from '../types/value-types.js';
import type { FieldType, GlobalType, Limits, MemoryType, TableType } from '../types/module.js';

/**
 * Reads a heap type (3.0): an s33, negative for an abstract heap type (its one-byte code), else a
 * type index.
 */
export function readHeapType(r: ByteReader): HeapType {
  const at = r.pos;
  const first = r.bytes[at];
  if (first !== undefined && (first & 0xc0) === 0x40) {
    r.pos++;
    if (!isAbstractHeapType(first)) r.fail('malformed heap type', at);
    return first;
  }
  const x = r.s33();
  if (x < 0) r.fail('malformed heap type', at);
  return indexHeapType(x);
}

/**
 * Reads the rest of a 3.0 reference type whose first byte `code` was read at `at`: the one-byte
 * forms, or `0x63`/`0x64` (nullable/non-null) and a heap type. Returns -1 for another byte.
 */
function readRefTypeAfter(r: ByteReader, code: number): ValType {
  if (isAbstractHeapType(code)) return code;
  if (code === 0x63 || code === 0x64) return refType(readHeapType(r), code === 0x63);
  return -1;
}

/** Reads a value type (2.0: one byte; 3.0: also typed references). */
export function readValType(r: ByteReader, v3 = true): ValType {
  const at = r.pos;
  const code = r.u8();
  if (!v3) {
    if (!isValTypeCode(code)) r.fail('malformed value type', at);
    return code;
  }
  if (isNumericOrVector(code)) return code;
  const t = readRefTypeAfter(r, code);
  if (t < 0) r.fail('malformed value type', at);
  return t;
}

/** Reads a reference type (2.0: `funcref`/`externref`; 3.0: every reference type). */
export function readRefType(r: ByteReader, v3 = true): ValType {
  const at = r.pos;
  const code = r.u8();
  const t = v3 ? readRefTypeAfter(r, code) : code === 0x70 || code === 0x6f ? code : -1;
  if (t < 0) r.fail('malformed reference type', at);
  return t;
}

/** Reads a struct or array field (3.0's GC): a storage type (value type, `i8`, `i16`), then mutability. */
export function readFieldType(r: ByteReader): FieldType {
  const code = r.bytes[r.pos];
  let type: ValType;
  if (code === PackedType.i8 || code === PackedType.i16) {
    r.pos++;
    type = code;
  } else type = readValType(r);
  const at = r.pos;
  const mut = r.u8();
  if (mut > 1) r.fail('malformed mutability', at);
  return { type, mutable: mut === 1 };
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
  const element = readRefType(r, v3);
  const { limits, address } = readLimits(r, v3);
  return { element, limits, address };
}

/** Reads a memory type (unshared; 32- or, in 3.0, 64-bit addresses). */
export function readMemoryType(r: ByteReader, v3 = true): MemoryType {
  const { limits, address } = readLimits(r, v3);
  return { limits, shared: false, address };
}

/** Reads a global type: value type, then a mutability byte. */
export function readGlobalType(r: ByteReader, v3 = true): GlobalType {
  const type = readValType(r, v3);
  const at = r.pos;
  const mut = r.u8();
  if (mut > 1) r.fail('malformed mutability', at);
  return { type, mutable: mut === 1 };
}
