import { BLOCK_TYPE_EMPTY, BLOCK_TYPE_VALUE, type ImmKind } from '../opcodes/immediates.js';
import { OPCODE_BY_ID, PREFIX_FB_BASE, PREFIX_FC_BASE, PREFIX_FD_BASE } from '../opcodes/index.js';
import type { ByteReader } from '../reader/byte-reader.js';
import type { Expr } from '../types/module.js';
import { refType } from '../types/value-types.js';
import { readHeapType, readValType } from './value-types.js';
import type { StreamBuilder } from './stream-builder.js';

/** Immediate kinds as small integers, so the hot decode loop switches on numbers. */
const KIND_CODES: readonly ImmKind[] = [
  'none', 'blocktype', 'label', 'br_table', 'func', 'call_indirect', 'local', 'global', 'table',
  'memory', 'memarg', 'memarg_lane', 'lane', 'shuffle', 'i32', 'i64', 'f32', 'f64', 'v128',
  'select_types', 'heaptype', 'memory_init', 'data', 'memory_copy', 'table_init', 'elem', 'table_copy',
  'tag', 'type', 'type_field', 'type_pair', 'type_count', 'type_data', 'type_elem', 'ref', 'ref_null', 'br_on_cast',
  'try_table',
];
const K = Object.fromEntries(KIND_CODES.map((k, i) => [k, i])) as Record<ImmKind, number>;

/** Immediate kind code per opcode id; 255 marks ids that are not instructions. */
const KIND_BY_ID: Uint8Array = Uint8Array.from(OPCODE_BY_ID, (o) => (o ? K[o.imm] : 255));

/** The proposals of WebAssembly 3.0 in the opcode table: their opcodes are illegal in 2.0. */
const PROPOSALS_3_0: ReadonlySet<string> = new Set(['tail-call', 'relaxed-simd', 'exceptions', 'legacy-exceptions', 'function-references', 'gc']);

/** {@link KIND_BY_ID} for the 2.0 format. */
const KIND_BY_ID_2_0: Uint8Array = Uint8Array.from(OPCODE_BY_ID, (o) => (o && !PROPOSALS_3_0.has(o.proposal) ? K[o.imm] : 255));

const OP_IF = 0x04;
const OP_ELSE = 0x05;
const OP_END = 0x0b;
const OP_TRY = 0x06;
const OP_CATCH = 0x07;
const OP_DELEGATE = 0x18;
const OP_CATCH_ALL = 0x19;
/** {@link decodeExpr}'s control-stack entries: an `if` before its `else`, a legacy `try`, anything else. */
const OPEN_IF = 1;
const OPEN_TRY = 2;
const OP_MEMORY_INIT = PREFIX_FC_BASE + 8;
const OP_DATA_DROP = PREFIX_FC_BASE + 9;
const OP_ARRAY_NEW_DATA = PREFIX_FB_BASE + 9;
const OP_ARRAY_INIT_DATA = PREFIX_FB_BASE + 18;

/** What decoding one expression found out that the module-level checks need. */
export interface ExprFacts {
  /** Offset of the first `memory.init` or `data.drop` (they need the data count section), or -1. */
  dataIndexOffset: number;
}

/**
 * Decodes instructions from `r` into `out` until the `end` that closes the expression, checking
 * well-formedness only: opcodes exist, immediates are encoded correctly, blocks nest
 * (`else` only directly inside `if`). Types and indices are left to the validator.
 *
 * `controlStack` is scratch space reused across calls (one entry per open block: 1 for `if`
 * still before its `else`, 0 otherwise).
 */
export function decodeExpr(r: ByteReader, out: StreamBuilder, facts: ExprFacts, controlStack: number[], v3 = true): Expr {
  const start = out.n;
  const kinds = v3 ? KIND_BY_ID : KIND_BY_ID_2_0;
  // In 3.0 a memory index is a u32 where 2.0 reserved a zero byte.
  const memoryIndex = v3 ? readU32 : readZeroByte;
  const bytes = r.bytes;
  let depth = 0;
  controlStack.length = 0;
  for (;;) {
    const at = r.pos;
    if (at >= r.end) r.fail('unexpected end of section or function', r.end);
    let id = bytes[r.pos++]!;
    if (id === 0xfc || id === 0xfd || id === 0xfb) {
      const sub = r.u32();
      const base = id === 0xfc ? PREFIX_FC_BASE : id === 0xfd ? PREFIX_FD_BASE : PREFIX_FB_BASE;
      // Relaxed SIMD's sub-opcodes go up to 0x113: the 0xFD range spans 0x200 ids.
      id = sub < (id === 0xfd ? 0x200 : 0x100) ? base + sub : -1;
    }
    const kind = id < 0 ? 255 : kinds[id]!;
    // 3.0's reference decoder names the byte ("illegal opcode ff"); 2.0's message is its prefix.
    if (kind === 255) r.fail(bytes[at] === 0xfc || bytes[at] === 0xfd || bytes[at] === 0xfb ? 'illegal opcode' : `illegal opcode ${bytes[at]!.toString(16).padStart(2, '0')}`, at);
    out.op(id, at);
    switch (kind) {
      case 0: // none
        if (id === OP_END) {
          if (depth === 0) return { start, end: out.n };
          depth--;
          controlStack.pop();
        } else if (id === OP_ELSE) {
          if (depth === 0 || controlStack[depth - 1] !== OPEN_IF) r.fail('END opcode expected', at);
          controlStack[depth - 1] = 0;
        } else if (id === OP_CATCH_ALL) {
          if (depth === 0 || controlStack[depth - 1] !== OPEN_TRY) r.fail('END opcode expected', at);
        }
        break;
      case 1: { // blocktype
        out.imm(readBlockType(r, v3));
        depth++;
        controlStack.push(id === OP_IF ? OPEN_IF : id === OP_TRY ? OPEN_TRY : 0);
        break;
      }
      case 3: { // br_table
        const n = r.count();
        out.imm(n);
        for (let i = 0; i <= n; i++) out.imm(r.u32());
        break;
      }
      case 2: case 4: case 6: case 7: case 8: case 22: case 25: case 27: case 28: // one index
        if ((id === OP_CATCH || id === OP_DELEGATE) && (depth === 0 || controlStack[depth - 1] !== OPEN_TRY)) r.fail('END opcode expected', at);
        out.imm(r.u32());
        if (id === OP_DATA_DROP && facts.dataIndexOffset < 0) facts.dataIndexOffset = at;
        if (id === OP_DELEGATE) {
          // `delegate` closes its `try` as `end` would.
          depth--;
          controlStack.pop();
        }
        break;
      case 29: case 30: case 31: case 32: case 33: // two indices (type and field, types, count, segment)
        out.imm(r.u32());
        out.imm(r.u32());
        if (id === OP_ARRAY_INIT_DATA || id === OP_ARRAY_NEW_DATA) {
          if (facts.dataIndexOffset < 0) facts.dataIndexOffset = at;
        }
        break;
      case 34: case 35: // ref, ref_null: the target reference type
        out.imm(refType(readHeapType(r), kind === 35));
        break;
      case 36: { // br_on_cast: flags, label, source and target reference types
        const fAt = r.pos;
        const flags = r.u8();
        if (flags > 3) r.fail('malformed br_on_cast flags', fAt);
        out.imm(flags);
        out.imm(r.u32());
        out.imm(refType(readHeapType(r), (flags & 1) !== 0));
        out.imm(refType(readHeapType(r), (flags & 2) !== 0));
        break;
      }
      case 37: { // try_table: block type, then catch clauses (kind, tag, label)
        out.imm(readBlockType(r, v3));
        const n = r.count();
        out.imm(n);
        for (let k = 0; k < n; k++) {
          const cAt = r.pos;
          const c = r.u8();
          if (c > 3) r.fail('malformed catch clause', cAt);
          out.imm(c);
          out.imm(c < 2 ? r.u32() : 0);
          out.imm(r.u32());
        }
        depth++;
        controlStack.push(0);
        break;
      }
      case 5: case 24: case 26: // two indices
        out.imm(r.u32());
        out.imm(r.u32());
        break;
      case 9: // memory
        out.imm(memoryIndex(r));
        break;
      case 10: // memarg
        if (v3) readMemarg3(r, out);
        else readMemarg(r, out);
        out.imm(r.hi);
        break;
      case 11: { // memarg_lane
        if (v3) readMemarg3(r, out);
        else readMemarg(r, out);
        const hi = r.hi;
        out.imm(r.u8());
        out.imm(hi);
        break;
      }
      case 12: // lane
        out.imm(r.u8());
        break;
      case 13: // shuffle
        for (let i = 0; i < 16; i++) out.imm(r.u8());
        break;
      case 14: // i32
        out.imm(r.s32() >>> 0);
        break;
      case 15: // i64
        out.imm(r.s64() >>> 0);
        out.imm(r.hi >>> 0);
        break;
      case 16: // f32
        out.imm(r.word() >>> 0);
        break;
      case 17: // f64
        out.imm(r.word() >>> 0);
        out.imm(r.word() >>> 0);
        break;
      case 18: // v128
        for (let i = 0; i < 4; i++) out.imm(r.word() >>> 0);
        break;
      case 19: { // select_types
        const n = r.count();
        out.imm(n);
        for (let i = 0; i < n; i++) out.imm(readValType(r, v3));
        break;
      }
      case 20: { // heaptype: stored as the nullable reference type to it
        if (v3) out.imm(refType(readHeapType(r), true));
        else {
          const hAt = r.pos;
          const t = r.u8();
          if (t !== 0x70 && t !== 0x6f) r.fail('malformed reference type', hAt);
          out.imm(t);
        }
        break;
      }
      case 21: // memory_init: data index, memory index
        if (id === OP_MEMORY_INIT && facts.dataIndexOffset < 0) facts.dataIndexOffset = at;
        out.imm(r.u32());
        out.imm(memoryIndex(r));
        break;
      case 23: // memory_copy: destination and source memory indices
        out.imm(memoryIndex(r));
        out.imm(memoryIndex(r));
        break;
    }
  }
}

function readZeroByte(r: ByteReader): number {
  const at = r.pos;
  if (r.u8() !== 0) r.fail('zero byte expected', at);
  return 0;
}

function readU32(r: ByteReader): number {
  return r.u32();
}

/** Reads a 2.0 memarg (alignment, u32 offset) as its first three words; leaves `r.hi` = 0 for the fourth. */
function readMemarg(r: ByteReader, out: StreamBuilder): void {
  const at = r.pos;
  const align = r.u32();
  // An alignment exponent of 32 or more cannot describe any access; bit 6 is reserved for
  // the multi-memory proposal's memory index.
  if (align >= 32) r.fail('malformed memop flags', at);
  out.imm(align);
  out.imm(r.u32());
  out.imm(0);
  r.hi = 0;
}

/**
 * Reads a 3.0 memarg: flags (bit 6: a memory index follows; bits 0–5: the alignment exponent),
 * the memory index, a u64 offset. Writes alignment, offset low word, memory index; the offset's
 * high word is left in `r.hi`.
 */
function readMemarg3(r: ByteReader, out: StreamBuilder): void {
  const at = r.pos;
  const flags = r.u32();
  if (flags >= 0x80) r.fail('malformed memop flags', at);
  const memory = flags & 0x40 ? r.u32() : 0;
  out.imm(flags & 0x3f);
  out.imm(r.u64());
  out.imm(memory);
}

/**
 * Reads a block type as the reference decoder does: `0x40`, a value type (one byte, or 3.0's
 * `0x63`/`0x64` typed references), or an s33 type index.
 */
function readBlockType(r: ByteReader, v3: boolean): number {
  const at = r.pos;
  const first = r.bytes[at];
  if (first === 0x40) {
    r.pos++;
    return BLOCK_TYPE_EMPTY;
  }
  if (first !== undefined && (first & 0xc0) === 0x40) return (BLOCK_TYPE_VALUE | readValType(r, v3)) >>> 0;
  const index = r.s33();
  if (index < 0) r.fail('malformed value type', at);
  // Indices at or above 2^31 cannot name a type in any real module; keep them out of the flag bit.
  return Math.min(index, 0x7fffffff);
}
