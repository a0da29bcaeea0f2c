import { OPCODE_ID_LIMIT, OPCODES, ValType } from '@rt/binary';

/**
 * The operand signatures of every fixed-typed instruction, parsed once from the opcode table's
 * `signature` strings into typed arrays so that the validator's hot loop reads numbers only.
 *
 * No 2.0 instruction with a fixed signature pops more than three operands or pushes more than
 * one result; the parser checks that, so a table change that breaks it fails at load time.
 */

/** The most operands a fixed-signature instruction pops. */
const MAX_PARAMS = 3;

/** 1 where the opcode id has a fixed signature, 0 where it is typed by context (or unused). */
export const HAS_SIGNATURE: Uint8Array = new Uint8Array(OPCODE_ID_LIMIT);
/** Number of operands popped, by opcode id. */
export const PARAM_COUNT: Uint8Array = new Uint8Array(OPCODE_ID_LIMIT);
/** Operand types by opcode id, `MAX_PARAMS` slots each, in push order (the last one is on top). */
export const PARAM_TYPES: Uint8Array = new Uint8Array(OPCODE_ID_LIMIT * MAX_PARAMS);
/** Result type by opcode id, or 0 when the instruction pushes nothing. */
export const RESULT_TYPE: Uint8Array = new Uint8Array(OPCODE_ID_LIMIT);

/** Natural alignment exponent of each memory instruction, by opcode id (255 when not one). */
export const NATURAL_ALIGN: Uint8Array = new Uint8Array(OPCODE_ID_LIMIT).fill(255);
/** Number of lanes a lane immediate indexes, by opcode id (0 when there is none). */
export const LANE_COUNT: Uint8Array = new Uint8Array(OPCODE_ID_LIMIT);

const TYPE_NAMES: Readonly<Record<string, number>> = {
  i32: ValType.i32,
  i64: ValType.i64,
  f32: ValType.f32,
  f64: ValType.f64,
  v128: ValType.v128,
  funcref: ValType.funcref,
  externref: ValType.externref,
};

function parseType(name: string, where: string): number {
  const t = TYPE_NAMES[name];
  if (t === undefined) throw new Error(`@rt/validate: unknown type "${name}" in the signature of ${where}`);
  return t;
}

/** Bytes accessed by a memory instruction, from its mnemonic (`i64.load32_u`, `v128.load8x8_s`, …). */
function accessBytes(name: string): number {
  const m = /(?:load|store)(\d+)(?:x(\d+))?/.exec(name);
  if (m !== null) return (Number(m[1]) * (m[2] === undefined ? 1 : Number(m[2]))) / 8;
  const shape = name.slice(0, name.indexOf('.'));
  return shape === 'v128' ? 16 : shape === 'i64' || shape === 'f64' ? 8 : 4;
}

/** Lanes of the vector shape that prefixes a mnemonic (`i16x8.extract_lane_s` → 8). */
function shapeLanes(name: string): number {
  const m = /^[if](\d+)x(\d+)\./.exec(name);
  return m === null ? 0 : Number(m[2]);
}

for (const info of OPCODES) {
  const { id, name, imm, signature } = info;
  if (imm === 'memarg' || imm === 'memarg_lane') {
    NATURAL_ALIGN[id] = Math.log2(accessBytes(name));
    // A load/store lane's lane count follows from its access width: 16 lanes of 8 bits, ….
    if (imm === 'memarg_lane') LANE_COUNT[id] = 16 / accessBytes(name);
  } else if (imm === 'lane') {
    LANE_COUNT[id] = shapeLanes(name);
  } else if (imm === 'shuffle') {
    LANE_COUNT[id] = 32; // a shuffle picks from the 32 lanes of both operands
  }
  if (signature === null) continue;
  const [lhs = '', rhs = ''] = signature.split('->').map((s) => s.trim());
  const params = lhs === '' ? [] : lhs.split(/\s+/);
  const results = rhs === '' ? [] : rhs.split(/\s+/);
  if (params.length > MAX_PARAMS || results.length > 1) {
    throw new Error(`@rt/validate: signature of ${name} does not fit the validator's tables`);
  }
  HAS_SIGNATURE[id] = 1;
  PARAM_COUNT[id] = params.length;
  params.forEach((p, k) => (PARAM_TYPES[id * MAX_PARAMS + k] = parseType(p, name)));
  RESULT_TYPE[id] = results.length === 0 ? 0 : parseType(results[0]!, name);
}

/** Slots per opcode in {@link PARAM_TYPES}. */
export const PARAM_STRIDE = MAX_PARAMS;

/** How an instruction's immediates are checked before its signature is applied (see {@link IMM_CHECK}). */
export const ImmCheck = {
  None: 0,
  Memarg: 1,
  MemargLane: 2,
  Lane: 3,
  Shuffle: 4,
  Memory: 5,
  MemoryInit: 6,
  Data: 7,
  MemoryCopy: 8,
  Table: 9,
  TableInit: 10,
  Elem: 11,
  TableCopy: 12,
} as const;

/** The immediate check of each opcode id, as an {@link ImmCheck} value. */
export const IMM_CHECK: Uint8Array = new Uint8Array(OPCODE_ID_LIMIT);
for (const { id, imm } of OPCODES) {
  IMM_CHECK[id] =
    imm === 'memarg' ? ImmCheck.Memarg
    : imm === 'memarg_lane' ? ImmCheck.MemargLane
    : imm === 'lane' ? ImmCheck.Lane
    : imm === 'shuffle' ? ImmCheck.Shuffle
    : imm === 'memory' ? ImmCheck.Memory
    : imm === 'memory_init' ? ImmCheck.MemoryInit
    : imm === 'data' ? ImmCheck.Data
    : imm === 'memory_copy' ? ImmCheck.MemoryCopy
    : imm === 'table' ? ImmCheck.Table
    : imm === 'table_init' ? ImmCheck.TableInit
    : imm === 'elem' ? ImmCheck.Elem
    : imm === 'table_copy' ? ImmCheck.TableCopy
    : ImmCheck.None;
}
