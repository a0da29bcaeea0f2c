/**
 * Why V8 accepts a module rt rejects: the features Node's V8 implements beyond WebAssembly 2.0
 * that rt does not; and why rt accepts one V8 rejects: the 3.0 features rt implements and Node's
 * V8 does not (see {@link explainAcceptance}). A rejection is explained only when rt's own error points at such a
 * feature's encoding; anything else is an unexplained disagreement, a finding.
 */
import { decode, DecodeError, OPCODE_BY_ID, TYPED_REF_BASE, ValType, type Module } from '@rt/binary';
import { validate, ValidationError } from '@rt/validate';

/** A feature beyond 2.0 that Node's V8 accepts and rt does not implement. */
export type Feature =
  | 'tail calls (3.0)'
  | 'exception handling (3.0)'
  | 'threads: shared memories (post-2.0 proposal)'
  | 'threads: atomic instructions (post-2.0 proposal)'
  | 'extended constant expressions (3.0)'
  | 'relaxed SIMD (3.0)'
  | 'multiple memories (3.0)'
  | 'typed function references (3.0)'
  /** rt accepts, Node 20's V8 rejects: its exception handling, typed references and GC predate 3.0's final encodings. */
  | '3.0 part 2, final encodings newer than V8 (rt accepts)'
  /** rt accepts, Node 20's V8 rejects: 3.0 lets constant expressions read immutable globals the module defines. */
  | 'constant expressions reading defined globals (3.0)'
  /** rt accepts, Node 20's V8 rejects (without a flag): 64-bit memories and tables. */
  | 'memory64 and table64 (3.0)';

/** Opcodes of features V8 knows and rt does not, by first byte. */
const OPCODE_FEATURE = new Map<number, Feature>([
  [0x12, 'tail calls (3.0)'], [0x13, 'tail calls (3.0)'],
  [0x06, 'exception handling (3.0)'], [0x07, 'exception handling (3.0)'], [0x08, 'exception handling (3.0)'],
  [0x09, 'exception handling (3.0)'], [0x18, 'exception handling (3.0)'], [0x19, 'exception handling (3.0)'],
  [0xfe, 'threads: atomic instructions (post-2.0 proposal)'],
]);

/**
 * The feature that explains rt rejecting `bytes` with `error` while V8 accepts them, or `null`
 * when none does.
 */
export function explainRejection(bytes: Uint8Array, error: DecodeError | ValidationError | undefined): Feature | null {
  if (error === undefined) return null;
  const at = error.offset;
  const b = bytes[at];
  if (error instanceof DecodeError) {
    if (error.message.startsWith('illegal opcode') && b !== undefined) {
      const f = OPCODE_FEATURE.get(b);
      if (f) return f;
      if (b === 0xfd && isRelaxedSimd(bytes, at + 1)) return 'relaxed SIMD (3.0)';
    }
    // Section id 13 is exception handling's tag section: explained if the module is valid without it.
    if (error.message.startsWith('malformed section id') && b === 13 && validWithout(bytes, at)) return 'exception handling (3.0)';
    // Limits flags 2 and 3 mark a shared memory ("integer too large" by 2.0's rules, "malformed
    // limits flags" by 3.0's, rt's default): explained if the module is valid unshared.
    const limitsError = error.message.startsWith('integer too large') || error.message.startsWith('malformed limits flags');
    if (limitsError && (b === 0x02 || b === 0x03) && validWith(bytes, at, b & 1)) {
      return 'threads: shared memories (post-2.0 proposal)';
    }
    return null;
  }
  return null;
}

/**
 * The feature that explains rt accepting `bytes` (by 3.0's rules, its default) while Node 20's V8
 * rejects them, or `null` when none does: WebAssembly 3.0's part 2, or multiple memories.
 */
export function explainAcceptance(bytes: Uint8Array): Feature | null {
  return explainPart2(bytes) ?? explainMultipleMemories(bytes) ?? explainDefinedGlobals(bytes) ?? explainMemory64(bytes);
}

/** Node 20's V8 has 64-bit memories and tables only behind a flag: explained when the module declares or imports one. */
function explainMemory64(bytes: Uint8Array): Feature | null {
  const m = decode(bytes);
  const wide = [...m.memories, ...m.tables].some((x) => x.address === 'i64') ||
    m.imports.some((x) => (x.desc.kind === 'memory' || x.desc.kind === 'table') && x.desc.type.address === 'i64');
  return wide ? 'memory64 and table64 (3.0)' : null;
}

/**
 * Node 20's V8 lacks multiple memories: explained when 2.0's decoder rejects a memarg whose flags
 * are 64..127 (bit 6 announces a memory index), or 2.0's validator rejects a second memory.
 */
function explainMultipleMemories(bytes: Uint8Array): Feature | null {
  const why = rejectedAs20(bytes);
  if (why instanceof DecodeError && why.message.startsWith('malformed memop flags')) {
    const flags = leb(bytes, why.offset);
    if (flags !== null && flags >= 64 && flags < 128) return 'multiple memories (3.0)';
  }
  if (why instanceof ValidationError && why.message.startsWith('multiple memories')) return 'multiple memories (3.0)';
  return null;
}

/**
 * 2.0 lets a constant expression read only imported globals, 3.0 also the immutable globals
 * defined before it (Node 20's V8: "non-imported globals cannot be used in constant
 * expressions"): explained when 2.0's validator rejects the module for an unknown global while it
 * defines globals.
 */
function explainDefinedGlobals(bytes: Uint8Array): Feature | null {
  const why = rejectedAs20(bytes);
  if (why instanceof ValidationError && why.message.startsWith('unknown global') && decode(bytes, { version: '2.0' }).globals.length > 0) {
    return 'constant expressions reading defined globals (3.0)';
  }
  return null;
}

/** Why WebAssembly 2.0's rules reject `bytes` (the decoder's or the validator's error), or `null`. */
function rejectedAs20(bytes: Uint8Array): unknown {
  try {
    validate(decode(bytes, { version: '2.0' }), { version: '2.0' });
    return null;
  } catch (e) {
    return e;
  }
}

/**
 * Whether a module rt accepts uses WebAssembly 3.0's part 2 (exception handling, typed function
 * references, GC) in an encoding Node 20's V8 does not read: tags, their instructions, a 3.0
 * reference type anywhere, a struct, array or subtype, a table initialiser. Then V8 rejecting it
 * is explained.
 */
function explainPart2(bytes: Uint8Array): Feature | null {
  let m: Module;
  try {
    m = decode(bytes);
  } catch {
    return null;
  }
  const PART2 = new Set(['exceptions', 'legacy-exceptions', 'function-references', 'gc']);
  const newType = (t: number): boolean => t >= TYPED_REF_BASE || (t >= 0x69 && t <= 0x74 && t !== ValType.funcref && t !== ValType.externref);
  const s = m.instructions;
  for (let i = 0; i < s.length; i++) {
    const info = OPCODE_BY_ID[s.ops[i]!];
    if (info !== undefined && PART2.has(info.proposal)) return '3.0 part 2, final encodings newer than V8 (rt accepts)';
  }
  const types = [
    ...m.types.flatMap((t) => (t.kind === 'func' ? [...t.params, ...t.results] : [-1])),
    ...m.tables.map((t) => (t.init !== undefined ? -1 : t.element)),
    ...m.globals.map((g) => g.type.type),
    ...m.elements.map((e) => e.type),
    ...m.codes.flatMap((c) => c.locals.map((l) => l.type)),
    ...m.imports.map((x) => (x.desc.kind === 'table' ? x.desc.type.element : x.desc.kind === 'global' ? x.desc.type.type : 0)),
  ];
  if (m.tags.length > 0 || m.imports.some((x) => x.desc.kind === 'tag') || m.types.some((t) => t.sub !== undefined) || types.some((t) => t === -1 || newType(t))) {
    return '3.0 part 2, final encodings newer than V8 (rt accepts)';
  }
  return null;
}

/** The unsigned LEB128 at `at` (up to 5 bytes), or null past the end. */
function leb(bytes: Uint8Array, at: number): number | null {
  let v = 0;
  for (let k = 0, shift = 0; k < 5; k++, shift += 7) {
    const x = bytes[at + k];
    if (x === undefined) return null;
    v += (x & 0x7f) * 2 ** shift;
    if ((x & 0x80) === 0) break;
  }
  return v;
}

/** Whether rt accepts `bytes` with the byte at `at` replaced by `value` (the 2.0 form of a feature's encoding). */
function validWith(bytes: Uint8Array, at: number, value: number): boolean {
  const repaired = bytes.slice();
  repaired[at] = value;
  try {
    validate(decode(repaired));
    return true;
  } catch {
    return false;
  }
}

/** Whether rt accepts `bytes` without the section that starts at `at`. */
function validWithout(bytes: Uint8Array, at: number): boolean {
  let size = 0;
  let p = at + 1;
  for (let shift = 0; shift < 35; shift += 7) {
    const x = bytes[p++];
    if (x === undefined) return false;
    size += (x & 0x7f) * 2 ** shift;
    if ((x & 0x80) === 0) break;
  }
  if (p + size > bytes.length) return false;
  const rest = new Uint8Array(bytes.length - (p + size - at));
  rest.set(bytes.subarray(0, at));
  rest.set(bytes.subarray(p + size), at);
  try {
    validate(decode(rest));
    return true;
  } catch {
    return false;
  }
}

/** Whether the LEB128 sub-opcode at `at` is one of relaxed SIMD's (0x100–0x113). */
function isRelaxedSimd(bytes: Uint8Array, at: number): boolean {
  const v = leb(bytes, at);
  return v !== null && v >= 0x100 && v <= 0x113;
}
