/**
 * The trap-site table: maps positions in a module's lowered code back to the byte offset of the
 * Wasm instruction they came from, for backtraces.
 *
 * Only instructions that can trap or call get an entry (a trap is raised, or a caller waits, only
 * there), so the table stays a fraction of the code's size. It is never read while code runs:
 * only when a trap is built (see `runtime/backtrace.ts`).
 *
 * Entries are `(end, offset)` pairs sorted by `end`, the position one past the instruction's
 * lowered words. Keying by the end rather than the start keeps fused instructions right: when
 * the lowerer folds an `i32.add` into the load that follows it, the fused instruction starts where
 * the add did, but still ends where the load's code ends; a position `p` belongs to the first
 * entry whose end is greater than `p`.
 * @packageDocumentation
 */
import { OPCODE_BY_ID } from '@rt/binary';
import { CodeBuffer } from './code-buffer.js';

const TRAPPING_NAMES = new Set([
  'unreachable', 'call', 'call_indirect', 'return_call', 'return_call_indirect',
  'i32.div_s', 'i32.div_u', 'i32.rem_s', 'i32.rem_u', 'i64.div_s', 'i64.div_u', 'i64.rem_s', 'i64.rem_u',
  'i32.trunc_f32_s', 'i32.trunc_f32_u', 'i32.trunc_f64_s', 'i32.trunc_f64_u',
  'i64.trunc_f32_s', 'i64.trunc_f32_u', 'i64.trunc_f64_s', 'i64.trunc_f64_u',
  'memory.init', 'memory.copy', 'memory.fill', 'table.init', 'table.copy', 'table.get', 'table.set', 'table.fill',
]);

/** 1 for each opcode id that can trap or call: every memory access, plus the listed instructions. */
export const CAN_TRAP: Uint8Array = Uint8Array.from(OPCODE_BY_ID, (o) =>
  o !== undefined && (o.imm === 'memarg' || o.imm === 'memarg_lane' || TRAPPING_NAMES.has(o.name)) ? 1 : 0,
);

/** Collects the table while the lowerer appends code (positions arrive in increasing order). */
export class TrapSiteBuilder {
  private readonly table: CodeBuffer;

  /** `expected`: how many entries are likely. */
  constructor(expected = 512) {
    this.table = new CodeBuffer(2 * expected);
  }

  /** Records that the lowered code before position `end` (back to the previous entry) is instruction `offset`. */
  record(end: number, offset: number): void {
    const t = this.table;
    // The lowerer can rewrite code it emitted (fusion): an entry past `end` is no longer true.
    while (t.length > 0 && t.data[t.length - 2]! >= end) t.length -= 2;
    t.push(end);
    t.push(offset);
  }

  /** The finished table. */
  finish(): Int32Array {
    return this.table.finish();
  }
}

/**
 * The byte offset of the instruction whose lowered code contains position `pc`, or -1 when the
 * table has no entry for it. Binary search over the `(end, offset)` pairs.
 */
export function trapSiteOffset(table: Int32Array, pc: number): number {
  let lo = 0;
  let hi = table.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (table[2 * mid]! > pc) hi = mid;
    else lo = mid + 1;
  }
  return lo < table.length >> 1 ? table[2 * lo + 1]! : -1;
}
