import { OPCODE_BY_ID, OPCODE_ID_LIMIT, ValType } from '@rt/binary';

/**
 * Operand counts of the instructions with a fixed signature, parsed once from the opcode
 * table, so that the lowerer handles all plain numeric instructions with one generic rule.
 */
export const IN_COUNT = new Int8Array(OPCODE_ID_LIMIT).fill(-1);
/** Result counts (0 or 1), `-1` for instructions without a fixed signature. */
export const OUT_COUNT = new Int8Array(OPCODE_ID_LIMIT).fill(-1);
/** Whether an instruction with a fixed signature has a v128 result. */
export const OUT_V128 = new Uint8Array(OPCODE_ID_LIMIT);

for (const info of OPCODE_BY_ID) {
  if (info === undefined || info.signature === null) continue;
  const [ins, outs] = info.signature.split('->').map((s) => s.trim().split(/\s+/).filter((t) => t !== ''));
  IN_COUNT[info.id] = ins!.length;
  OUT_COUNT[info.id] = outs!.length;
  OUT_V128[info.id] = outs![0] === 'v128' ? 1 : 0;
}

/** Whether a value of type `t` needs the 16-byte copy. */
export function isWide(t: ValType): boolean {
  return t === ValType.v128;
}
