import { DecodeError } from '../errors.js';
import { ByteReader } from '../reader/byte-reader.js';
import type { NameSection } from '../types/module.js';

/**
 * Decodes the payload of the `name` custom section (module, function and local names).
 * The spec makes the name section advisory: a malformed one must not make the module
 * malformed, so this returns `null` instead of throwing.
 */
export function decodeNameSection(payload: Uint8Array): NameSection | null {
  const r = new ByteReader(payload);
  let module: string | null = null;
  const functions = new Map<number, string>();
  const locals = new Map<number, Map<number, string>>();
  try {
    while (!r.atEnd()) {
      const id = r.u8();
      const size = r.u32();
      const end = r.pos + size;
      if (end > r.end) return null;
      const sub = new ByteReader(payload, r.pos, end);
      if (id === 0) {
        module = sub.name();
      } else if (id === 1) {
        readNameMap(sub, functions);
      } else if (id === 2) {
        for (let n = sub.count(), i = 0; i < n; i++) {
          const func = sub.u32();
          const map = new Map<number, string>();
          readNameMap(sub, map);
          locals.set(func, map);
        }
      }
      r.pos = end;
    }
  } catch (e) {
    if (e instanceof DecodeError) return null;
    throw e;
  }
  return { module, functions, locals };
}

function readNameMap(r: ByteReader, into: Map<number, string>): void {
  for (let n = r.count(), i = 0; i < n; i++) {
    const index = r.u32();
    into.set(index, r.name());
  }
}
