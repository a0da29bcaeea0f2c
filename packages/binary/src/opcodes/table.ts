import type { ImmKind } from './immediates.js';

/**
 * The proposal (feature) an instruction comes from. The first six are WebAssembly 2.0; the rest
 * are the 3.0 proposals (and `legacy-exceptions`, the old `try`/`catch`/`delegate` encoding).
 */
export type Proposal =
  | 'mvp'
  | 'sign-extension'
  | 'nontrapping-float-to-int'
  | 'bulk-memory'
  | 'reference-types'
  | 'simd'
  | 'tail-call'
  | 'exceptions'
  | 'legacy-exceptions'
  | 'function-references'
  | 'gc'
  | 'relaxed-simd';

/** The proposals of WebAssembly 2.0. */
export const WASM2_PROPOSALS: ReadonlySet<Proposal> = new Set<Proposal>([
  'mvp', 'sign-extension', 'nontrapping-float-to-int', 'bulk-memory', 'reference-types', 'simd',
]);

/**
 * The proposals whose instructions the decoder, validator and engine implement: 2.0, and 3.0's
 * tail calls, relaxed SIMD, exception handling (with the legacy instructions), typed function
 * references and GC: every instruction of {@link ALL_OPCODES}.
 */
export const IMPLEMENTED_PROPOSALS: ReadonlySet<Proposal> = new Set<Proposal>([
  ...WASM2_PROPOSALS, 'tail-call', 'relaxed-simd', 'exceptions', 'legacy-exceptions', 'function-references', 'gc',
]);

/**
 * One row of the opcode table: the single source of truth that the decoder, the validator and
 * the engine are all driven by.
 */
export interface OpcodeInfo {
  /**
   * Dense opcode id: the byte for single-byte opcodes, `0x100 + n` for `0xFC n`, `0x200 + n` for
   * `0xFD n` (relaxed SIMD's `0xFD 0x100…` included), `0x400 + n` for `0xFB n` (GC).
   */
  readonly id: number;
  /** Text-format mnemonic, e.g. `i32.add`. */
  readonly name: string;
  /** Prefix byte (`0xfb`, `0xfc`, `0xfd`) or `0` for single-byte opcodes. */
  readonly prefix: number;
  /** The opcode byte, or the LEB-encoded sub-opcode after the prefix. */
  readonly code: number;
  /** What follows the opcode in the binary, and how it is stored in the instruction stream. */
  readonly imm: ImmKind;
  /** The proposal that introduced the instruction. */
  readonly proposal: Proposal;
  /**
   * The operand signature for instructions whose typing is fixed (`'i32 i32 -> i32'`), or `null`
   * for instructions typed by their context (control, locals, globals, tables, `select`, …),
   * which the validator handles one by one.
   */
  readonly signature: string | null;
}

/** The id offset of `0xFC`-prefixed opcodes. */
export const PREFIX_FC_BASE = 0x100;
/** The id offset of `0xFD`-prefixed (SIMD) opcodes. */
export const PREFIX_FD_BASE = 0x200;
/** The id offset of `0xFB`-prefixed (GC) opcodes. */
export const PREFIX_FB_BASE = 0x400;
/** One more than the largest opcode id. */
export const OPCODE_ID_LIMIT = 0x500;

type Row = readonly [code: number, name: string, imm: ImmKind, signature: string | null];

const un = (t: string): string => `${t} -> ${t}`;
const bin = (t: string): string => `${t} ${t} -> ${t}`;
const test = (t: string): string => `${t} -> i32`;
const rel = (t: string): string => `${t} ${t} -> i32`;
const load = (t: string): string => `i32 -> ${t}`;
const store = (t: string): string => `i32 ${t} ->`;

const MVP: readonly Row[] = [
  [0x00, 'unreachable', 'none', null],
  [0x01, 'nop', 'none', null],
  [0x02, 'block', 'blocktype', null],
  [0x03, 'loop', 'blocktype', null],
  [0x04, 'if', 'blocktype', null],
  [0x05, 'else', 'none', null],
  [0x0b, 'end', 'none', null],
  [0x0c, 'br', 'label', null],
  [0x0d, 'br_if', 'label', null],
  [0x0e, 'br_table', 'br_table', null],
  [0x0f, 'return', 'none', null],
  [0x10, 'call', 'func', null],
  [0x11, 'call_indirect', 'call_indirect', null],
  [0x1a, 'drop', 'none', null],
  [0x1b, 'select', 'none', null],
  [0x20, 'local.get', 'local', null],
  [0x21, 'local.set', 'local', null],
  [0x22, 'local.tee', 'local', null],
  [0x23, 'global.get', 'global', null],
  [0x24, 'global.set', 'global', null],
  [0x28, 'i32.load', 'memarg', load('i32')],
  [0x29, 'i64.load', 'memarg', load('i64')],
  [0x2a, 'f32.load', 'memarg', load('f32')],
  [0x2b, 'f64.load', 'memarg', load('f64')],
  [0x2c, 'i32.load8_s', 'memarg', load('i32')],
  [0x2d, 'i32.load8_u', 'memarg', load('i32')],
  [0x2e, 'i32.load16_s', 'memarg', load('i32')],
  [0x2f, 'i32.load16_u', 'memarg', load('i32')],
  [0x30, 'i64.load8_s', 'memarg', load('i64')],
  [0x31, 'i64.load8_u', 'memarg', load('i64')],
  [0x32, 'i64.load16_s', 'memarg', load('i64')],
  [0x33, 'i64.load16_u', 'memarg', load('i64')],
  [0x34, 'i64.load32_s', 'memarg', load('i64')],
  [0x35, 'i64.load32_u', 'memarg', load('i64')],
  [0x36, 'i32.store', 'memarg', store('i32')],
  [0x37, 'i64.store', 'memarg', store('i64')],
  [0x38, 'f32.store', 'memarg', store('f32')],
  [0x39, 'f64.store', 'memarg', store('f64')],
  [0x3a, 'i32.store8', 'memarg', store('i32')],
  [0x3b, 'i32.store16', 'memarg', store('i32')],
  [0x3c, 'i64.store8', 'memarg', store('i64')],
  [0x3d, 'i64.store16', 'memarg', store('i64')],
  [0x3e, 'i64.store32', 'memarg', store('i64')],
  [0x3f, 'memory.size', 'memory', '-> i32'],
  [0x40, 'memory.grow', 'memory', 'i32 -> i32'],
  [0x41, 'i32.const', 'i32', '-> i32'],
  [0x42, 'i64.const', 'i64', '-> i64'],
  [0x43, 'f32.const', 'f32', '-> f32'],
  [0x44, 'f64.const', 'f64', '-> f64'],
  [0x45, 'i32.eqz', 'none', test('i32')],
  ...['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'].map(
    (n, i): Row => [0x46 + i, `i32.${n}`, 'none', rel('i32')],
  ),
  [0x50, 'i64.eqz', 'none', test('i64')],
  ...['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'].map(
    (n, i): Row => [0x51 + i, `i64.${n}`, 'none', rel('i64')],
  ),
  ...['eq', 'ne', 'lt', 'gt', 'le', 'ge'].map((n, i): Row => [0x5b + i, `f32.${n}`, 'none', rel('f32')]),
  ...['eq', 'ne', 'lt', 'gt', 'le', 'ge'].map((n, i): Row => [0x61 + i, `f64.${n}`, 'none', rel('f64')]),
  ...['clz', 'ctz', 'popcnt'].map((n, i): Row => [0x67 + i, `i32.${n}`, 'none', un('i32')]),
  ...['add', 'sub', 'mul', 'div_s', 'div_u', 'rem_s', 'rem_u', 'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u', 'rotl', 'rotr'].map(
    (n, i): Row => [0x6a + i, `i32.${n}`, 'none', bin('i32')],
  ),
  ...['clz', 'ctz', 'popcnt'].map((n, i): Row => [0x79 + i, `i64.${n}`, 'none', un('i64')]),
  ...['add', 'sub', 'mul', 'div_s', 'div_u', 'rem_s', 'rem_u', 'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u', 'rotl', 'rotr'].map(
    (n, i): Row => [0x7c + i, `i64.${n}`, 'none', bin('i64')],
  ),
  ...['abs', 'neg', 'ceil', 'floor', 'trunc', 'nearest', 'sqrt'].map((n, i): Row => [0x8b + i, `f32.${n}`, 'none', un('f32')]),
  ...['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign'].map((n, i): Row => [0x92 + i, `f32.${n}`, 'none', bin('f32')]),
  ...['abs', 'neg', 'ceil', 'floor', 'trunc', 'nearest', 'sqrt'].map((n, i): Row => [0x99 + i, `f64.${n}`, 'none', un('f64')]),
  ...['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign'].map((n, i): Row => [0xa0 + i, `f64.${n}`, 'none', bin('f64')]),
  [0xa7, 'i32.wrap_i64', 'none', 'i64 -> i32'],
  [0xa8, 'i32.trunc_f32_s', 'none', 'f32 -> i32'],
  [0xa9, 'i32.trunc_f32_u', 'none', 'f32 -> i32'],
  [0xaa, 'i32.trunc_f64_s', 'none', 'f64 -> i32'],
  [0xab, 'i32.trunc_f64_u', 'none', 'f64 -> i32'],
  [0xac, 'i64.extend_i32_s', 'none', 'i32 -> i64'],
  [0xad, 'i64.extend_i32_u', 'none', 'i32 -> i64'],
  [0xae, 'i64.trunc_f32_s', 'none', 'f32 -> i64'],
  [0xaf, 'i64.trunc_f32_u', 'none', 'f32 -> i64'],
  [0xb0, 'i64.trunc_f64_s', 'none', 'f64 -> i64'],
  [0xb1, 'i64.trunc_f64_u', 'none', 'f64 -> i64'],
  [0xb2, 'f32.convert_i32_s', 'none', 'i32 -> f32'],
  [0xb3, 'f32.convert_i32_u', 'none', 'i32 -> f32'],
  [0xb4, 'f32.convert_i64_s', 'none', 'i64 -> f32'],
  [0xb5, 'f32.convert_i64_u', 'none', 'i64 -> f32'],
  [0xb6, 'f32.demote_f64', 'none', 'f64 -> f32'],
  [0xb7, 'f64.convert_i32_s', 'none', 'i32 -> f64'],
  [0xb8, 'f64.convert_i32_u', 'none', 'i32 -> f64'],
  [0xb9, 'f64.convert_i64_s', 'none', 'i64 -> f64'],
  [0xba, 'f64.convert_i64_u', 'none', 'i64 -> f64'],
  [0xbb, 'f64.promote_f32', 'none', 'f32 -> f64'],
  [0xbc, 'i32.reinterpret_f32', 'none', 'f32 -> i32'],
  [0xbd, 'i64.reinterpret_f64', 'none', 'f64 -> i64'],
  [0xbe, 'f32.reinterpret_i32', 'none', 'i32 -> f32'],
  [0xbf, 'f64.reinterpret_i64', 'none', 'i64 -> f64'],
];

const SIGN_EXTENSION: readonly Row[] = [
  [0xc0, 'i32.extend8_s', 'none', un('i32')],
  [0xc1, 'i32.extend16_s', 'none', un('i32')],
  [0xc2, 'i64.extend8_s', 'none', un('i64')],
  [0xc3, 'i64.extend16_s', 'none', un('i64')],
  [0xc4, 'i64.extend32_s', 'none', un('i64')],
];

const REFERENCE_TYPES: readonly Row[] = [
  [0x1c, 'select', 'select_types', null],
  [0x25, 'table.get', 'table', null],
  [0x26, 'table.set', 'table', null],
  [0xd0, 'ref.null', 'heaptype', null],
  [0xd1, 'ref.is_null', 'none', null],
  [0xd2, 'ref.func', 'func', null],
  [0x10f, 'table.grow', 'table', null],
  [0x110, 'table.size', 'table', '-> i32'],
  [0x111, 'table.fill', 'table', null],
];

const NONTRAPPING: readonly Row[] = [
  [0x100, 'i32.trunc_sat_f32_s', 'none', 'f32 -> i32'],
  [0x101, 'i32.trunc_sat_f32_u', 'none', 'f32 -> i32'],
  [0x102, 'i32.trunc_sat_f64_s', 'none', 'f64 -> i32'],
  [0x103, 'i32.trunc_sat_f64_u', 'none', 'f64 -> i32'],
  [0x104, 'i64.trunc_sat_f32_s', 'none', 'f32 -> i64'],
  [0x105, 'i64.trunc_sat_f32_u', 'none', 'f32 -> i64'],
  [0x106, 'i64.trunc_sat_f64_s', 'none', 'f64 -> i64'],
  [0x107, 'i64.trunc_sat_f64_u', 'none', 'f64 -> i64'],
];

const BULK_MEMORY: readonly Row[] = [
  [0x108, 'memory.init', 'memory_init', 'i32 i32 i32 ->'],
  [0x109, 'data.drop', 'data', '->'],
  [0x10a, 'memory.copy', 'memory_copy', 'i32 i32 i32 ->'],
  [0x10b, 'memory.fill', 'memory', 'i32 i32 i32 ->'],
  [0x10c, 'table.init', 'table_init', 'i32 i32 i32 ->'],
  [0x10d, 'elem.drop', 'elem', '->'],
  [0x10e, 'table.copy', 'table_copy', 'i32 i32 i32 ->'],
];

/** SIMD rows are written as `[sub-opcode, name, imm, signature]` with `v` for v128. */
const V = 0x200;
const vun = 'v128 -> v128';
const vbin = 'v128 v128 -> v128';
const vtest = 'v128 -> i32';
const vshift = 'v128 i32 -> v128';
const vload = 'i32 -> v128';
const simdNamed = (start: number, shape: string, names: readonly string[], sig: string): Row[] =>
  names.map((n, i): Row => [V + start + i, `${shape}.${n}`, 'none', sig]);
const CMP_INT = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
const CMP_FLOAT = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];

const SIMD: readonly Row[] = [
  [V + 0, 'v128.load', 'memarg', vload],
  [V + 1, 'v128.load8x8_s', 'memarg', vload],
  [V + 2, 'v128.load8x8_u', 'memarg', vload],
  [V + 3, 'v128.load16x4_s', 'memarg', vload],
  [V + 4, 'v128.load16x4_u', 'memarg', vload],
  [V + 5, 'v128.load32x2_s', 'memarg', vload],
  [V + 6, 'v128.load32x2_u', 'memarg', vload],
  [V + 7, 'v128.load8_splat', 'memarg', vload],
  [V + 8, 'v128.load16_splat', 'memarg', vload],
  [V + 9, 'v128.load32_splat', 'memarg', vload],
  [V + 10, 'v128.load64_splat', 'memarg', vload],
  [V + 11, 'v128.store', 'memarg', 'i32 v128 ->'],
  [V + 12, 'v128.const', 'v128', '-> v128'],
  [V + 13, 'i8x16.shuffle', 'shuffle', vbin],
  [V + 14, 'i8x16.swizzle', 'none', vbin],
  [V + 15, 'i8x16.splat', 'none', 'i32 -> v128'],
  [V + 16, 'i16x8.splat', 'none', 'i32 -> v128'],
  [V + 17, 'i32x4.splat', 'none', 'i32 -> v128'],
  [V + 18, 'i64x2.splat', 'none', 'i64 -> v128'],
  [V + 19, 'f32x4.splat', 'none', 'f32 -> v128'],
  [V + 20, 'f64x2.splat', 'none', 'f64 -> v128'],
  [V + 21, 'i8x16.extract_lane_s', 'lane', 'v128 -> i32'],
  [V + 22, 'i8x16.extract_lane_u', 'lane', 'v128 -> i32'],
  [V + 23, 'i8x16.replace_lane', 'lane', 'v128 i32 -> v128'],
  [V + 24, 'i16x8.extract_lane_s', 'lane', 'v128 -> i32'],
  [V + 25, 'i16x8.extract_lane_u', 'lane', 'v128 -> i32'],
  [V + 26, 'i16x8.replace_lane', 'lane', 'v128 i32 -> v128'],
  [V + 27, 'i32x4.extract_lane', 'lane', 'v128 -> i32'],
  [V + 28, 'i32x4.replace_lane', 'lane', 'v128 i32 -> v128'],
  [V + 29, 'i64x2.extract_lane', 'lane', 'v128 -> i64'],
  [V + 30, 'i64x2.replace_lane', 'lane', 'v128 i64 -> v128'],
  [V + 31, 'f32x4.extract_lane', 'lane', 'v128 -> f32'],
  [V + 32, 'f32x4.replace_lane', 'lane', 'v128 f32 -> v128'],
  [V + 33, 'f64x2.extract_lane', 'lane', 'v128 -> f64'],
  [V + 34, 'f64x2.replace_lane', 'lane', 'v128 f64 -> v128'],
  ...simdNamed(35, 'i8x16', CMP_INT, vbin),
  ...simdNamed(45, 'i16x8', CMP_INT, vbin),
  ...simdNamed(55, 'i32x4', CMP_INT, vbin),
  ...simdNamed(65, 'f32x4', CMP_FLOAT, vbin),
  ...simdNamed(71, 'f64x2', CMP_FLOAT, vbin),
  [V + 77, 'v128.not', 'none', vun],
  [V + 78, 'v128.and', 'none', vbin],
  [V + 79, 'v128.andnot', 'none', vbin],
  [V + 80, 'v128.or', 'none', vbin],
  [V + 81, 'v128.xor', 'none', vbin],
  [V + 82, 'v128.bitselect', 'none', 'v128 v128 v128 -> v128'],
  [V + 83, 'v128.any_true', 'none', vtest],
  [V + 84, 'v128.load8_lane', 'memarg_lane', 'i32 v128 -> v128'],
  [V + 85, 'v128.load16_lane', 'memarg_lane', 'i32 v128 -> v128'],
  [V + 86, 'v128.load32_lane', 'memarg_lane', 'i32 v128 -> v128'],
  [V + 87, 'v128.load64_lane', 'memarg_lane', 'i32 v128 -> v128'],
  [V + 88, 'v128.store8_lane', 'memarg_lane', 'i32 v128 ->'],
  [V + 89, 'v128.store16_lane', 'memarg_lane', 'i32 v128 ->'],
  [V + 90, 'v128.store32_lane', 'memarg_lane', 'i32 v128 ->'],
  [V + 91, 'v128.store64_lane', 'memarg_lane', 'i32 v128 ->'],
  [V + 92, 'v128.load32_zero', 'memarg', vload],
  [V + 93, 'v128.load64_zero', 'memarg', vload],
  [V + 94, 'f32x4.demote_f64x2_zero', 'none', vun],
  [V + 95, 'f64x2.promote_low_f32x4', 'none', vun],
  [V + 96, 'i8x16.abs', 'none', vun],
  [V + 97, 'i8x16.neg', 'none', vun],
  [V + 98, 'i8x16.popcnt', 'none', vun],
  [V + 99, 'i8x16.all_true', 'none', vtest],
  [V + 100, 'i8x16.bitmask', 'none', vtest],
  [V + 101, 'i8x16.narrow_i16x8_s', 'none', vbin],
  [V + 102, 'i8x16.narrow_i16x8_u', 'none', vbin],
  [V + 103, 'f32x4.ceil', 'none', vun],
  [V + 104, 'f32x4.floor', 'none', vun],
  [V + 105, 'f32x4.trunc', 'none', vun],
  [V + 106, 'f32x4.nearest', 'none', vun],
  [V + 107, 'i8x16.shl', 'none', vshift],
  [V + 108, 'i8x16.shr_s', 'none', vshift],
  [V + 109, 'i8x16.shr_u', 'none', vshift],
  [V + 110, 'i8x16.add', 'none', vbin],
  [V + 111, 'i8x16.add_sat_s', 'none', vbin],
  [V + 112, 'i8x16.add_sat_u', 'none', vbin],
  [V + 113, 'i8x16.sub', 'none', vbin],
  [V + 114, 'i8x16.sub_sat_s', 'none', vbin],
  [V + 115, 'i8x16.sub_sat_u', 'none', vbin],
  [V + 116, 'f64x2.ceil', 'none', vun],
  [V + 117, 'f64x2.floor', 'none', vun],
  [V + 118, 'i8x16.min_s', 'none', vbin],
  [V + 119, 'i8x16.min_u', 'none', vbin],
  [V + 120, 'i8x16.max_s', 'none', vbin],
  [V + 121, 'i8x16.max_u', 'none', vbin],
  [V + 122, 'f64x2.trunc', 'none', vun],
  [V + 123, 'i8x16.avgr_u', 'none', vbin],
  [V + 124, 'i16x8.extadd_pairwise_i8x16_s', 'none', vun],
  [V + 125, 'i16x8.extadd_pairwise_i8x16_u', 'none', vun],
  [V + 126, 'i32x4.extadd_pairwise_i16x8_s', 'none', vun],
  [V + 127, 'i32x4.extadd_pairwise_i16x8_u', 'none', vun],
  [V + 128, 'i16x8.abs', 'none', vun],
  [V + 129, 'i16x8.neg', 'none', vun],
  [V + 130, 'i16x8.q15mulr_sat_s', 'none', vbin],
  [V + 131, 'i16x8.all_true', 'none', vtest],
  [V + 132, 'i16x8.bitmask', 'none', vtest],
  [V + 133, 'i16x8.narrow_i32x4_s', 'none', vbin],
  [V + 134, 'i16x8.narrow_i32x4_u', 'none', vbin],
  [V + 135, 'i16x8.extend_low_i8x16_s', 'none', vun],
  [V + 136, 'i16x8.extend_high_i8x16_s', 'none', vun],
  [V + 137, 'i16x8.extend_low_i8x16_u', 'none', vun],
  [V + 138, 'i16x8.extend_high_i8x16_u', 'none', vun],
  [V + 139, 'i16x8.shl', 'none', vshift],
  [V + 140, 'i16x8.shr_s', 'none', vshift],
  [V + 141, 'i16x8.shr_u', 'none', vshift],
  [V + 142, 'i16x8.add', 'none', vbin],
  [V + 143, 'i16x8.add_sat_s', 'none', vbin],
  [V + 144, 'i16x8.add_sat_u', 'none', vbin],
  [V + 145, 'i16x8.sub', 'none', vbin],
  [V + 146, 'i16x8.sub_sat_s', 'none', vbin],
  [V + 147, 'i16x8.sub_sat_u', 'none', vbin],
  [V + 148, 'f64x2.nearest', 'none', vun],
  [V + 149, 'i16x8.mul', 'none', vbin],
  [V + 150, 'i16x8.min_s', 'none', vbin],
  [V + 151, 'i16x8.min_u', 'none', vbin],
  [V + 152, 'i16x8.max_s', 'none', vbin],
  [V + 153, 'i16x8.max_u', 'none', vbin],
  [V + 155, 'i16x8.avgr_u', 'none', vbin],
  [V + 156, 'i16x8.extmul_low_i8x16_s', 'none', vbin],
  [V + 157, 'i16x8.extmul_high_i8x16_s', 'none', vbin],
  [V + 158, 'i16x8.extmul_low_i8x16_u', 'none', vbin],
  [V + 159, 'i16x8.extmul_high_i8x16_u', 'none', vbin],
  [V + 160, 'i32x4.abs', 'none', vun],
  [V + 161, 'i32x4.neg', 'none', vun],
  [V + 163, 'i32x4.all_true', 'none', vtest],
  [V + 164, 'i32x4.bitmask', 'none', vtest],
  [V + 167, 'i32x4.extend_low_i16x8_s', 'none', vun],
  [V + 168, 'i32x4.extend_high_i16x8_s', 'none', vun],
  [V + 169, 'i32x4.extend_low_i16x8_u', 'none', vun],
  [V + 170, 'i32x4.extend_high_i16x8_u', 'none', vun],
  [V + 171, 'i32x4.shl', 'none', vshift],
  [V + 172, 'i32x4.shr_s', 'none', vshift],
  [V + 173, 'i32x4.shr_u', 'none', vshift],
  [V + 174, 'i32x4.add', 'none', vbin],
  [V + 177, 'i32x4.sub', 'none', vbin],
  [V + 181, 'i32x4.mul', 'none', vbin],
  [V + 182, 'i32x4.min_s', 'none', vbin],
  [V + 183, 'i32x4.min_u', 'none', vbin],
  [V + 184, 'i32x4.max_s', 'none', vbin],
  [V + 185, 'i32x4.max_u', 'none', vbin],
  [V + 186, 'i32x4.dot_i16x8_s', 'none', vbin],
  [V + 188, 'i32x4.extmul_low_i16x8_s', 'none', vbin],
  [V + 189, 'i32x4.extmul_high_i16x8_s', 'none', vbin],
  [V + 190, 'i32x4.extmul_low_i16x8_u', 'none', vbin],
  [V + 191, 'i32x4.extmul_high_i16x8_u', 'none', vbin],
  [V + 192, 'i64x2.abs', 'none', vun],
  [V + 193, 'i64x2.neg', 'none', vun],
  [V + 195, 'i64x2.all_true', 'none', vtest],
  [V + 196, 'i64x2.bitmask', 'none', vtest],
  [V + 199, 'i64x2.extend_low_i32x4_s', 'none', vun],
  [V + 200, 'i64x2.extend_high_i32x4_s', 'none', vun],
  [V + 201, 'i64x2.extend_low_i32x4_u', 'none', vun],
  [V + 202, 'i64x2.extend_high_i32x4_u', 'none', vun],
  [V + 203, 'i64x2.shl', 'none', vshift],
  [V + 204, 'i64x2.shr_s', 'none', vshift],
  [V + 205, 'i64x2.shr_u', 'none', vshift],
  [V + 206, 'i64x2.add', 'none', vbin],
  [V + 209, 'i64x2.sub', 'none', vbin],
  [V + 213, 'i64x2.mul', 'none', vbin],
  [V + 214, 'i64x2.eq', 'none', vbin],
  [V + 215, 'i64x2.ne', 'none', vbin],
  [V + 216, 'i64x2.lt_s', 'none', vbin],
  [V + 217, 'i64x2.gt_s', 'none', vbin],
  [V + 218, 'i64x2.le_s', 'none', vbin],
  [V + 219, 'i64x2.ge_s', 'none', vbin],
  [V + 220, 'i64x2.extmul_low_i32x4_s', 'none', vbin],
  [V + 221, 'i64x2.extmul_high_i32x4_s', 'none', vbin],
  [V + 222, 'i64x2.extmul_low_i32x4_u', 'none', vbin],
  [V + 223, 'i64x2.extmul_high_i32x4_u', 'none', vbin],
  [V + 224, 'f32x4.abs', 'none', vun],
  [V + 225, 'f32x4.neg', 'none', vun],
  [V + 227, 'f32x4.sqrt', 'none', vun],
  ...simdNamed(228, 'f32x4', ['add', 'sub', 'mul', 'div', 'min', 'max', 'pmin', 'pmax'], vbin),
  [V + 236, 'f64x2.abs', 'none', vun],
  [V + 237, 'f64x2.neg', 'none', vun],
  [V + 239, 'f64x2.sqrt', 'none', vun],
  ...simdNamed(240, 'f64x2', ['add', 'sub', 'mul', 'div', 'min', 'max', 'pmin', 'pmax'], vbin),
  [V + 248, 'i32x4.trunc_sat_f32x4_s', 'none', vun],
  [V + 249, 'i32x4.trunc_sat_f32x4_u', 'none', vun],
  [V + 250, 'f32x4.convert_i32x4_s', 'none', vun],
  [V + 251, 'f32x4.convert_i32x4_u', 'none', vun],
  [V + 252, 'i32x4.trunc_sat_f64x2_s_zero', 'none', vun],
  [V + 253, 'i32x4.trunc_sat_f64x2_u_zero', 'none', vun],
  [V + 254, 'f64x2.convert_low_i32x4_s', 'none', vun],
  [V + 255, 'f64x2.convert_low_i32x4_u', 'none', vun],
];

const TAIL_CALL: readonly Row[] = [
  [0x12, 'return_call', 'func', null],
  [0x13, 'return_call_indirect', 'call_indirect', null],
];

const EXCEPTIONS: readonly Row[] = [
  [0x08, 'throw', 'tag', null],
  [0x0a, 'throw_ref', 'none', null],
  [0x1f, 'try_table', 'try_table', null],
];

const LEGACY_EXCEPTIONS: readonly Row[] = [
  [0x06, 'try', 'blocktype', null],
  [0x07, 'catch', 'tag', null],
  [0x09, 'rethrow', 'label', null],
  [0x18, 'delegate', 'label', null],
  [0x19, 'catch_all', 'none', null],
];

const FUNCTION_REFERENCES: readonly Row[] = [
  [0x14, 'call_ref', 'type', null],
  [0x15, 'return_call_ref', 'type', null],
  [0xd4, 'ref.as_non_null', 'none', null],
  [0xd5, 'br_on_null', 'label', null],
  [0xd6, 'br_on_non_null', 'label', null],
];

const B = 0x400;
const GC: readonly Row[] = [
  [0xd3, 'ref.eq', 'none', null],
  [B + 0, 'struct.new', 'type', null],
  [B + 1, 'struct.new_default', 'type', null],
  [B + 2, 'struct.get', 'type_field', null],
  [B + 3, 'struct.get_s', 'type_field', null],
  [B + 4, 'struct.get_u', 'type_field', null],
  [B + 5, 'struct.set', 'type_field', null],
  [B + 6, 'array.new', 'type', null],
  [B + 7, 'array.new_default', 'type', null],
  [B + 8, 'array.new_fixed', 'type_count', null],
  [B + 9, 'array.new_data', 'type_data', null],
  [B + 10, 'array.new_elem', 'type_elem', null],
  [B + 11, 'array.get', 'type', null],
  [B + 12, 'array.get_s', 'type', null],
  [B + 13, 'array.get_u', 'type', null],
  [B + 14, 'array.set', 'type', null],
  [B + 15, 'array.len', 'none', null],
  [B + 16, 'array.fill', 'type', null],
  [B + 17, 'array.copy', 'type_pair', null],
  [B + 18, 'array.init_data', 'type_data', null],
  [B + 19, 'array.init_elem', 'type_elem', null],
  [B + 20, 'ref.test', 'ref', null],
  [B + 21, 'ref.test', 'ref_null', null],
  [B + 22, 'ref.cast', 'ref', null],
  [B + 23, 'ref.cast', 'ref_null', null],
  [B + 24, 'br_on_cast', 'br_on_cast', null],
  [B + 25, 'br_on_cast_fail', 'br_on_cast', null],
  [B + 26, 'any.convert_extern', 'none', null],
  [B + 27, 'extern.convert_any', 'none', null],
  [B + 28, 'ref.i31', 'none', null],
  [B + 29, 'i31.get_s', 'none', null],
  [B + 30, 'i31.get_u', 'none', null],
];

const RELAXED_SIMD: readonly Row[] = [
  [V + 0x100, 'i8x16.relaxed_swizzle', 'none', vbin],
  [V + 0x101, 'i32x4.relaxed_trunc_f32x4_s', 'none', vun],
  [V + 0x102, 'i32x4.relaxed_trunc_f32x4_u', 'none', vun],
  [V + 0x103, 'i32x4.relaxed_trunc_f64x2_s_zero', 'none', vun],
  [V + 0x104, 'i32x4.relaxed_trunc_f64x2_u_zero', 'none', vun],
  [V + 0x105, 'f32x4.relaxed_madd', 'none', 'v128 v128 v128 -> v128'],
  [V + 0x106, 'f32x4.relaxed_nmadd', 'none', 'v128 v128 v128 -> v128'],
  [V + 0x107, 'f64x2.relaxed_madd', 'none', 'v128 v128 v128 -> v128'],
  [V + 0x108, 'f64x2.relaxed_nmadd', 'none', 'v128 v128 v128 -> v128'],
  [V + 0x109, 'i8x16.relaxed_laneselect', 'none', 'v128 v128 v128 -> v128'],
  [V + 0x10a, 'i16x8.relaxed_laneselect', 'none', 'v128 v128 v128 -> v128'],
  [V + 0x10b, 'i32x4.relaxed_laneselect', 'none', 'v128 v128 v128 -> v128'],
  [V + 0x10c, 'i64x2.relaxed_laneselect', 'none', 'v128 v128 v128 -> v128'],
  [V + 0x10d, 'f32x4.relaxed_min', 'none', vbin],
  [V + 0x10e, 'f32x4.relaxed_max', 'none', vbin],
  [V + 0x10f, 'f64x2.relaxed_min', 'none', vbin],
  [V + 0x110, 'f64x2.relaxed_max', 'none', vbin],
  [V + 0x111, 'i16x8.relaxed_q15mulr_s', 'none', vbin],
  [V + 0x112, 'i16x8.relaxed_dot_i8x16_i7x16_s', 'none', vbin],
  [V + 0x113, 'i32x4.relaxed_dot_i8x16_i7x16_add_s', 'none', 'v128 v128 v128 -> v128'],
];

const GROUPS: ReadonlyArray<readonly [Proposal, readonly Row[]]> = [
  ['mvp', MVP],
  ['sign-extension', SIGN_EXTENSION],
  ['reference-types', REFERENCE_TYPES],
  ['nontrapping-float-to-int', NONTRAPPING],
  ['bulk-memory', BULK_MEMORY],
  ['simd', SIMD],
  ['tail-call', TAIL_CALL],
  ['exceptions', EXCEPTIONS],
  ['legacy-exceptions', LEGACY_EXCEPTIONS],
  ['function-references', FUNCTION_REFERENCES],
  ['gc', GC],
  ['relaxed-simd', RELAXED_SIMD],
];

function prefixOf(id: number): number {
  if (id >= PREFIX_FB_BASE) return 0xfb;
  if (id >= PREFIX_FD_BASE) return 0xfd;
  if (id >= PREFIX_FC_BASE) return 0xfc;
  return 0;
}

/**
 * Every instruction of WebAssembly 3.0 (and the legacy exception instructions), ordered by id.
 * Text-format tools read this one; the decoder, validator and engine read {@link OPCODES}.
 */
export const ALL_OPCODES: readonly OpcodeInfo[] = GROUPS.flatMap(([proposal, rows]) =>
  rows.map(([id, name, imm, signature]): OpcodeInfo => {
    const prefix = prefixOf(id);
    const base = prefix === 0xfb ? PREFIX_FB_BASE : prefix === 0xfd ? PREFIX_FD_BASE : prefix === 0xfc ? PREFIX_FC_BASE : 0;
    return { id, name, prefix, code: id - base, imm, proposal, signature };
  }),
).sort((a, b) => a.id - b.id);

/**
 * Every instruction rt's decoder, validator and engine know, ordered by id: the rows of
 * {@link ALL_OPCODES} whose proposal is in {@link IMPLEMENTED_PROPOSALS}.
 */
export const OPCODES: readonly OpcodeInfo[] = ALL_OPCODES.filter((o) => IMPLEMENTED_PROPOSALS.has(o.proposal));
