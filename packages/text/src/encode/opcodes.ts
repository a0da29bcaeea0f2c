import { ALL_OPCODES, type OpcodeInfo } from '@rt/binary';
import { ByteWriter } from './writer.js';

/**
 * The opcode table by text mnemonic. Most names have one row; `select` (untyped and typed),
 * `ref.test` and `ref.cast` (non-null and nullable target) have two, told apart by immediates.
 */
export const OPCODES_BY_NAME: ReadonlyMap<string, readonly OpcodeInfo[]> = (() => {
  const m = new Map<string, OpcodeInfo[]>();
  for (const o of ALL_OPCODES) {
    const rows = m.get(o.name);
    if (rows === undefined) m.set(o.name, [o]);
    else rows.push(o);
  }
  return m;
})();

/** The natural alignment (in bytes) of a memory instruction, from its mnemonic. */
export function naturalAlignment(name: string): number {
  const dot = name.indexOf('.');
  const type = name.slice(0, dot);
  const op = name.slice(dot + 1);
  if (type === 'v128') {
    const m = /^(?:load|store)(8|16|32|64)_(?:lane|splat|zero)$/.exec(op);
    if (m !== null) return Number(m[1]) / 8;
    if (/^load\d+x\d+_[su]$/.test(op)) return 8;
    return 16;
  }
  const m = /^(?:load|store)(8|16|32)/.exec(op);
  if (m !== null) return Number(m[1]) / 8;
  return type === 'i32' || type === 'f32' ? 4 : 8;
}

const OPCODE_BYTES = new Map<number, Uint8Array>();

/** An opcode's bytes: its byte, or its prefix and LEB128 sub-opcode (computed once per opcode). */
export function opcodeBytes(o: OpcodeInfo): Uint8Array {
  let b = OPCODE_BYTES.get(o.id);
  if (b === undefined) {
    const w = new ByteWriter();
    if (o.prefix !== 0) w.byte(o.prefix).u32(o.code);
    else w.byte(o.code);
    b = w.finish();
    OPCODE_BYTES.set(o.id, b);
  }
  return b;
}
