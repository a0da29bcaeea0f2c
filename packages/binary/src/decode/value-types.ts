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

/** Reads limits: a flag byte, the minimum, and the maximum when the flag says so. */
export function readLimits(r: ByteReader): Limits {
  const at = r.pos;
  // The flags are a one-byte LEB128 integer: a continuation bit makes it too long.
  const flags = r.u8();
  if (flags & 0x80) r.fail('integer representation too long', at);
  if (flags > 1) r.fail('integer too large', at);
  const min = r.u32();
  const max = flags === 1 ? r.u32() : null;
  return { min, max };
}

/** Reads a table type: element reference type, then limits. */
export function readTableType(r: ByteReader): TableType {
  const element = readRefType(r);
  return { element, limits: readLimits(r) };
}

/** Reads a memory type (2.0: 32-bit, unshared). */
export function readMemoryType(r: ByteReader): MemoryType {
  return { limits: readLimits(r), shared: false, address: 'i32' };
}

/** Reads a global type: value type, then a mutability byte. */
export function readGlobalType(r: ByteReader): GlobalType {
  const type = readValType(r);
  const at = r.pos;
  const mut = r.u8();
  if (mut > 1) r.fail('malformed mutability', at);
  return { type, mutable: mut === 1 };
}
