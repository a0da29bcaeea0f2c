import { IMM_WORDS, type ImmKind } from './immediates.js';
import { OPCODE_ID_LIMIT, OPCODES, PREFIX_FB_BASE, PREFIX_FC_BASE, PREFIX_FD_BASE, type OpcodeInfo } from './table.js';

export { ALL_OPCODES, IMPLEMENTED_PROPOSALS, OPCODES, OPCODE_ID_LIMIT, PREFIX_FB_BASE, PREFIX_FC_BASE, PREFIX_FD_BASE, WASM2_PROPOSALS } from './table.js';
export type { OpcodeInfo, Proposal } from './table.js';
export { IMM_WORDS, BLOCK_TYPE_EMPTY, BLOCK_TYPE_VALUE } from './immediates.js';
export type { ImmKind } from './immediates.js';

/** Opcode rows indexed by id; `undefined` where no instruction has that id. */
export const OPCODE_BY_ID: ReadonlyArray<OpcodeInfo | undefined> = (() => {
  const byId = new Array<OpcodeInfo | undefined>(OPCODE_ID_LIMIT).fill(undefined);
  for (const info of OPCODES) byId[info.id] = info;
  return byId;
})();

/**
 * Opcode ids by identifier: the mnemonic with `.` replaced by `_` (`i32_add`), and
 * `select_typed` for the `select` that carries its result types (`0x1c`).
 */
export const Op: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries(OPCODES.map((o) => [o.id === 0x1c ? 'select_typed' : o.name.replace(/\./g, '_'), o.id])),
);

/** The immediate kind of each opcode id (`'none'` for unused ids). */
export const IMM_KIND_BY_ID: readonly ImmKind[] = OPCODE_BY_ID.map((o) => o?.imm ?? 'none');

/** Returns the opcode id for a prefix byte (0 for none) and code, or -1 if that id range does not exist. */
export function opcodeId(prefix: number, code: number): number {
  if (prefix === 0) return code;
  if (prefix === 0xfc) return code < PREFIX_FD_BASE - PREFIX_FC_BASE ? PREFIX_FC_BASE + code : -1;
  if (prefix === 0xfd) return code < PREFIX_FB_BASE - PREFIX_FD_BASE ? PREFIX_FD_BASE + code : -1;
  if (prefix === 0xfb) return code < OPCODE_ID_LIMIT - PREFIX_FB_BASE ? PREFIX_FB_BASE + code : -1;
  return -1;
}

/** Fixed immediate word counts by id, `-1` for counted ones; kept as a typed array for hot loops. */
export const IMM_WORDS_BY_ID: Int8Array = Int8Array.from(IMM_KIND_BY_ID, (k) => IMM_WORDS[k]);
