/**
 * WebAssembly 2.0 fixed-width SIMD (`v128`) for the `@rt/interp` interpreter.
 *
 * ## Contract with the interpreter core
 *
 * Values live on the slot stack described by `StackViews` (`runtime/stack-views.ts`): a `v128`
 * occupies two consecutive 8-byte slots, lanes little-endian. Every operation takes **slot
 * indices**, never byte offsets. (Code that addresses the stack in 32-bit words, as the lowered
 * code does, passes `word >> 1`; a v128 must start at an even word.)
 *
 * **Pure operations** ({@link SimdOp}): look up `SIMD_OPS[code]`, where `code` is the sub-opcode
 * after `0xFD` (the opcode id minus `PREFIX_FD_BASE`), and call
 * `op(s, dst, a, b, c, imms, immStart)`:
 * - operands in push order: `a` (first), `b`, `c` (`bitselect`'s mask); the shift count of
 *   `shl`/`shr_*` and the scalar of `replace_lane` are `b`; splats read their scalar from `a`;
 * - `dst` is the result slot, and may equal an operand (in-place stack evaluation is safe);
 * - `imms`/`immStart` are the decoded module's `instructions.imms` and the instruction's
 *   `instructions.immStart[i]` (used by `v128.const`, `i8x16.shuffle` and the lane ops).
 * Results that are scalars (`extract_lane`, `any_true`, `all_true`, `bitmask`) are written in
 * the scalar layout (`i32` in the low word; `i64`/`f64` in both words).
 *
 * For a stack machine with stack pointer `sp` (next free slot) the usual calls are, in slots:
 * - `v128 v128 -> v128`: `a = sp - 4, b = sp - 2, dst = a`, then `sp -= 2`;
 * - `v128 -> v128`: `a = dst = sp - 2`; `v128 -> i32`: `a = dst = sp - 2`, then `sp -= 1`;
 * - `v128 i32 -> v128` (shifts, `replace_lane`): `a = dst = sp - 3, b = sp - 1`, then `sp -= 1`;
 * - `v128 v128 v128 -> v128`: `a = sp - 6, b = sp - 4, c = sp - 2, dst = a`, then `sp -= 4`;
 * - `i32 -> v128` (splat): `a = dst = sp - 1`, then `sp += 1`; `-> v128` (const): `dst = sp`.
 *
 * **Memory operations** ({@link SimdMemOp}): `SIMD_MEM_OPS[code]`, called as
 * `op(s, dst, a, b, memory.u8, imms, immStart)`, with `a` the address slot and `b` the `v128`
 * operand slot of stores and lane loads. They do their own bounds check and throw the core's
 * `Trap` (`"out of bounds memory access"`), so the core needs no check of its own; pass the
 * memory's *current* `u8` (it is replaced when the memory grows). E.g. `v128.load`:
 * `a = dst = sp - 1`, then `sp += 1`; `v128.load*_lane`: `a = dst = sp - 3, b = sp - 2`, then
 * `sp -= 1`; stores: `a = sp - 3, b = sp - 2`, then `sp -= 3`.
 *
 * Exactly one of the two tables has an entry for each of the 236 SIMD opcodes of the table in
 * `@rt/binary` (checked at module load); the numbering comes only from that table.
 *
 * Semantics follow the spec bit for bit, including NaN propagation (results are arithmetic NaNs,
 * canonical when the inputs are), `-0 < +0` in `min`/`max`, `pmin`/`pmax` as `b < a ? b : a`,
 * roundTiesToEven `nearest`, saturating `trunc_sat` (NaN → 0), shift counts modulo the lane width
 * and wrapping `abs`. No operation allocates.
 * @packageDocumentation
 */
import { OPCODES, PREFIX_FD_BASE } from '@rt/binary';
import * as bitwise from './bitwise.js';
import * as compare from './compare.js';
import * as conversions from './conversions.js';
import * as float_arith from './float-arith.js';
import * as integer_arith from './integer-arith.js';
import * as lanes from './lanes.js';
import * as memory from './memory.js';
import * as narrow_extend from './narrow-extend.js';
import * as relaxed from './relaxed.js';
import * as saturating from './saturating.js';
import * as shifts from './shifts.js';
import * as tests from './tests.js';
import type { SimdMemOp, SimdOp } from './types.js';

export type { SimdMemOp, SimdOp } from './types.js';
export * from './bitwise.js';
export * from './compare.js';
export * from './conversions.js';
export * from './float-arith.js';
export * from './integer-arith.js';
export * from './lanes.js';
export * from './memory.js';
export * from './narrow-extend.js';
export * from './saturating.js';
export * from './shifts.js';
export * from './tests.js';

/** Pure operations by mnemonic (as spelled in `@rt/binary`'s opcode table). */
const PURE: Readonly<Record<string, SimdOp>> = {
  'v128.not': bitwise.v128Not,
  'v128.and': bitwise.v128And,
  'v128.andnot': bitwise.v128AndNot,
  'v128.or': bitwise.v128Or,
  'v128.xor': bitwise.v128Xor,
  'v128.bitselect': bitwise.v128Bitselect,
  'i8x16.eq': compare.i8x16Eq,
  'i8x16.ne': compare.i8x16Ne,
  'i8x16.lt_s': compare.i8x16LtS,
  'i8x16.lt_u': compare.i8x16LtU,
  'i8x16.gt_s': compare.i8x16GtS,
  'i8x16.gt_u': compare.i8x16GtU,
  'i8x16.le_s': compare.i8x16LeS,
  'i8x16.le_u': compare.i8x16LeU,
  'i8x16.ge_s': compare.i8x16GeS,
  'i8x16.ge_u': compare.i8x16GeU,
  'i16x8.eq': compare.i16x8Eq,
  'i16x8.ne': compare.i16x8Ne,
  'i16x8.lt_s': compare.i16x8LtS,
  'i16x8.lt_u': compare.i16x8LtU,
  'i16x8.gt_s': compare.i16x8GtS,
  'i16x8.gt_u': compare.i16x8GtU,
  'i16x8.le_s': compare.i16x8LeS,
  'i16x8.le_u': compare.i16x8LeU,
  'i16x8.ge_s': compare.i16x8GeS,
  'i16x8.ge_u': compare.i16x8GeU,
  'i32x4.eq': compare.i32x4Eq,
  'i32x4.ne': compare.i32x4Ne,
  'i32x4.lt_s': compare.i32x4LtS,
  'i32x4.lt_u': compare.i32x4LtU,
  'i32x4.gt_s': compare.i32x4GtS,
  'i32x4.gt_u': compare.i32x4GtU,
  'i32x4.le_s': compare.i32x4LeS,
  'i32x4.le_u': compare.i32x4LeU,
  'i32x4.ge_s': compare.i32x4GeS,
  'i32x4.ge_u': compare.i32x4GeU,
  'f32x4.eq': compare.f32x4Eq,
  'f32x4.ne': compare.f32x4Ne,
  'f32x4.lt': compare.f32x4Lt,
  'f32x4.gt': compare.f32x4Gt,
  'f32x4.le': compare.f32x4Le,
  'f32x4.ge': compare.f32x4Ge,
  'f64x2.eq': compare.f64x2Eq,
  'f64x2.ne': compare.f64x2Ne,
  'f64x2.lt': compare.f64x2Lt,
  'f64x2.gt': compare.f64x2Gt,
  'f64x2.le': compare.f64x2Le,
  'f64x2.ge': compare.f64x2Ge,
  'i64x2.eq': compare.i64x2Eq,
  'i64x2.ne': compare.i64x2Ne,
  'i64x2.lt_s': compare.i64x2LtS,
  'i64x2.gt_s': compare.i64x2GtS,
  'i64x2.le_s': compare.i64x2LeS,
  'i64x2.ge_s': compare.i64x2GeS,
  'i32x4.trunc_sat_f32x4_s': conversions.i32x4TruncSatF32x4S,
  'i32x4.trunc_sat_f32x4_u': conversions.i32x4TruncSatF32x4U,
  'f32x4.convert_i32x4_s': conversions.f32x4ConvertI32x4S,
  'f32x4.convert_i32x4_u': conversions.f32x4ConvertI32x4U,
  'i32x4.trunc_sat_f64x2_s_zero': conversions.i32x4TruncSatF64x2SZero,
  'i32x4.trunc_sat_f64x2_u_zero': conversions.i32x4TruncSatF64x2UZero,
  'f64x2.convert_low_i32x4_s': conversions.f64x2ConvertLowI32x4S,
  'f64x2.convert_low_i32x4_u': conversions.f64x2ConvertLowI32x4U,
  'f32x4.demote_f64x2_zero': conversions.f32x4DemoteF64x2Zero,
  'f64x2.promote_low_f32x4': conversions.f64x2PromoteLowF32x4,
  'f32x4.add': float_arith.f32x4Add,
  'f32x4.sub': float_arith.f32x4Sub,
  'f32x4.mul': float_arith.f32x4Mul,
  'f32x4.div': float_arith.f32x4Div,
  'f32x4.sqrt': float_arith.f32x4Sqrt,
  'f32x4.min': float_arith.f32x4Min,
  'f32x4.max': float_arith.f32x4Max,
  'f32x4.pmin': float_arith.f32x4Pmin,
  'f32x4.pmax': float_arith.f32x4Pmax,
  'f32x4.abs': float_arith.f32x4Abs,
  'f32x4.neg': float_arith.f32x4Neg,
  'f32x4.ceil': float_arith.f32x4Ceil,
  'f32x4.floor': float_arith.f32x4Floor,
  'f32x4.trunc': float_arith.f32x4Trunc,
  'f32x4.nearest': float_arith.f32x4Nearest,
  'f64x2.add': float_arith.f64x2Add,
  'f64x2.sub': float_arith.f64x2Sub,
  'f64x2.mul': float_arith.f64x2Mul,
  'f64x2.div': float_arith.f64x2Div,
  'f64x2.sqrt': float_arith.f64x2Sqrt,
  'f64x2.min': float_arith.f64x2Min,
  'f64x2.max': float_arith.f64x2Max,
  'f64x2.pmin': float_arith.f64x2Pmin,
  'f64x2.pmax': float_arith.f64x2Pmax,
  'f64x2.abs': float_arith.f64x2Abs,
  'f64x2.neg': float_arith.f64x2Neg,
  'f64x2.ceil': float_arith.f64x2Ceil,
  'f64x2.floor': float_arith.f64x2Floor,
  'f64x2.trunc': float_arith.f64x2Trunc,
  'f64x2.nearest': float_arith.f64x2Nearest,
  'i8x16.add': integer_arith.i8x16Add,
  'i8x16.sub': integer_arith.i8x16Sub,
  'i8x16.neg': integer_arith.i8x16Neg,
  'i8x16.abs': integer_arith.i8x16Abs,
  'i8x16.min_s': integer_arith.i8x16MinS,
  'i8x16.min_u': integer_arith.i8x16MinU,
  'i8x16.max_s': integer_arith.i8x16MaxS,
  'i8x16.max_u': integer_arith.i8x16MaxU,
  'i8x16.avgr_u': integer_arith.i8x16AvgrU,
  'i16x8.add': integer_arith.i16x8Add,
  'i16x8.sub': integer_arith.i16x8Sub,
  'i16x8.mul': integer_arith.i16x8Mul,
  'i16x8.neg': integer_arith.i16x8Neg,
  'i16x8.abs': integer_arith.i16x8Abs,
  'i16x8.min_s': integer_arith.i16x8MinS,
  'i16x8.min_u': integer_arith.i16x8MinU,
  'i16x8.max_s': integer_arith.i16x8MaxS,
  'i16x8.max_u': integer_arith.i16x8MaxU,
  'i16x8.avgr_u': integer_arith.i16x8AvgrU,
  'i32x4.add': integer_arith.i32x4Add,
  'i32x4.sub': integer_arith.i32x4Sub,
  'i32x4.mul': integer_arith.i32x4Mul,
  'i32x4.neg': integer_arith.i32x4Neg,
  'i32x4.abs': integer_arith.i32x4Abs,
  'i32x4.min_s': integer_arith.i32x4MinS,
  'i32x4.min_u': integer_arith.i32x4MinU,
  'i32x4.max_s': integer_arith.i32x4MaxS,
  'i32x4.max_u': integer_arith.i32x4MaxU,
  'i64x2.add': integer_arith.i64x2Add,
  'i64x2.sub': integer_arith.i64x2Sub,
  'i64x2.mul': integer_arith.i64x2Mul,
  'i64x2.neg': integer_arith.i64x2Neg,
  'i64x2.abs': integer_arith.i64x2Abs,
  'v128.const': lanes.v128Const,
  'i8x16.splat': lanes.i8x16Splat,
  'i16x8.splat': lanes.i16x8Splat,
  'i32x4.splat': lanes.i32x4Splat,
  'f32x4.splat': lanes.f32x4Splat,
  'i64x2.splat': lanes.i64x2Splat,
  'f64x2.splat': lanes.f64x2Splat,
  'i8x16.extract_lane_s': lanes.i8x16ExtractLaneS,
  'i8x16.extract_lane_u': lanes.i8x16ExtractLaneU,
  'i16x8.extract_lane_s': lanes.i16x8ExtractLaneS,
  'i16x8.extract_lane_u': lanes.i16x8ExtractLaneU,
  'i32x4.extract_lane': lanes.i32x4ExtractLane,
  'f32x4.extract_lane': lanes.f32x4ExtractLane,
  'i64x2.extract_lane': lanes.i64x2ExtractLane,
  'f64x2.extract_lane': lanes.f64x2ExtractLane,
  'i8x16.replace_lane': lanes.i8x16ReplaceLane,
  'i16x8.replace_lane': lanes.i16x8ReplaceLane,
  'i32x4.replace_lane': lanes.i32x4ReplaceLane,
  'f32x4.replace_lane': lanes.f32x4ReplaceLane,
  'i64x2.replace_lane': lanes.i64x2ReplaceLane,
  'f64x2.replace_lane': lanes.f64x2ReplaceLane,
  'i8x16.shuffle': lanes.i8x16Shuffle,
  'i8x16.swizzle': lanes.i8x16Swizzle,
  // Relaxed SIMD (3.0): one fixed choice each, see relaxed.ts.
  'i8x16.relaxed_swizzle': relaxed.i8x16RelaxedSwizzle,
  'i32x4.relaxed_trunc_f32x4_s': relaxed.i32x4RelaxedTruncF32x4S,
  'i32x4.relaxed_trunc_f32x4_u': relaxed.i32x4RelaxedTruncF32x4U,
  'i32x4.relaxed_trunc_f64x2_s_zero': relaxed.i32x4RelaxedTruncF64x2SZero,
  'i32x4.relaxed_trunc_f64x2_u_zero': relaxed.i32x4RelaxedTruncF64x2UZero,
  'f32x4.relaxed_madd': relaxed.f32x4RelaxedMadd,
  'f32x4.relaxed_nmadd': relaxed.f32x4RelaxedNmadd,
  'f64x2.relaxed_madd': relaxed.f64x2RelaxedMadd,
  'f64x2.relaxed_nmadd': relaxed.f64x2RelaxedNmadd,
  'i8x16.relaxed_laneselect': relaxed.relaxedLaneselect,
  'i16x8.relaxed_laneselect': relaxed.relaxedLaneselect,
  'i32x4.relaxed_laneselect': relaxed.relaxedLaneselect,
  'i64x2.relaxed_laneselect': relaxed.relaxedLaneselect,
  'f32x4.relaxed_min': relaxed.f32x4RelaxedMin,
  'f32x4.relaxed_max': relaxed.f32x4RelaxedMax,
  'f64x2.relaxed_min': relaxed.f64x2RelaxedMin,
  'f64x2.relaxed_max': relaxed.f64x2RelaxedMax,
  'i16x8.relaxed_q15mulr_s': relaxed.i16x8RelaxedQ15mulrS,
  'i16x8.relaxed_dot_i8x16_i7x16_s': relaxed.i16x8RelaxedDotI8x16I7x16S,
  'i32x4.relaxed_dot_i8x16_i7x16_add_s': relaxed.i32x4RelaxedDotI8x16I7x16AddS,
  'i8x16.narrow_i16x8_s': narrow_extend.i8x16NarrowI16x8S,
  'i8x16.narrow_i16x8_u': narrow_extend.i8x16NarrowI16x8U,
  'i16x8.narrow_i32x4_s': narrow_extend.i16x8NarrowI32x4S,
  'i16x8.narrow_i32x4_u': narrow_extend.i16x8NarrowI32x4U,
  'i16x8.extend_low_i8x16_s': narrow_extend.i16x8ExtendLowI8x16S,
  'i16x8.extend_high_i8x16_s': narrow_extend.i16x8ExtendHighI8x16S,
  'i16x8.extend_low_i8x16_u': narrow_extend.i16x8ExtendLowI8x16U,
  'i16x8.extend_high_i8x16_u': narrow_extend.i16x8ExtendHighI8x16U,
  'i32x4.extend_low_i16x8_s': narrow_extend.i32x4ExtendLowI16x8S,
  'i32x4.extend_high_i16x8_s': narrow_extend.i32x4ExtendHighI16x8S,
  'i32x4.extend_low_i16x8_u': narrow_extend.i32x4ExtendLowI16x8U,
  'i32x4.extend_high_i16x8_u': narrow_extend.i32x4ExtendHighI16x8U,
  'i64x2.extend_low_i32x4_s': narrow_extend.i64x2ExtendLowI32x4S,
  'i64x2.extend_high_i32x4_s': narrow_extend.i64x2ExtendHighI32x4S,
  'i64x2.extend_low_i32x4_u': narrow_extend.i64x2ExtendLowI32x4U,
  'i64x2.extend_high_i32x4_u': narrow_extend.i64x2ExtendHighI32x4U,
  'i16x8.extmul_low_i8x16_s': narrow_extend.i16x8ExtmulLowI8x16S,
  'i16x8.extmul_high_i8x16_s': narrow_extend.i16x8ExtmulHighI8x16S,
  'i16x8.extmul_low_i8x16_u': narrow_extend.i16x8ExtmulLowI8x16U,
  'i16x8.extmul_high_i8x16_u': narrow_extend.i16x8ExtmulHighI8x16U,
  'i32x4.extmul_low_i16x8_s': narrow_extend.i32x4ExtmulLowI16x8S,
  'i32x4.extmul_high_i16x8_s': narrow_extend.i32x4ExtmulHighI16x8S,
  'i32x4.extmul_low_i16x8_u': narrow_extend.i32x4ExtmulLowI16x8U,
  'i32x4.extmul_high_i16x8_u': narrow_extend.i32x4ExtmulHighI16x8U,
  'i64x2.extmul_low_i32x4_s': narrow_extend.i64x2ExtmulLowI32x4S,
  'i64x2.extmul_high_i32x4_s': narrow_extend.i64x2ExtmulHighI32x4S,
  'i64x2.extmul_low_i32x4_u': narrow_extend.i64x2ExtmulLowI32x4U,
  'i64x2.extmul_high_i32x4_u': narrow_extend.i64x2ExtmulHighI32x4U,
  'i16x8.extadd_pairwise_i8x16_s': narrow_extend.i16x8ExtaddPairwiseI8x16S,
  'i16x8.extadd_pairwise_i8x16_u': narrow_extend.i16x8ExtaddPairwiseI8x16U,
  'i32x4.extadd_pairwise_i16x8_s': narrow_extend.i32x4ExtaddPairwiseI16x8S,
  'i32x4.extadd_pairwise_i16x8_u': narrow_extend.i32x4ExtaddPairwiseI16x8U,
  'i32x4.dot_i16x8_s': narrow_extend.i32x4DotI16x8S,
  'i8x16.add_sat_s': saturating.i8x16AddSatS,
  'i8x16.add_sat_u': saturating.i8x16AddSatU,
  'i8x16.sub_sat_s': saturating.i8x16SubSatS,
  'i8x16.sub_sat_u': saturating.i8x16SubSatU,
  'i16x8.add_sat_s': saturating.i16x8AddSatS,
  'i16x8.add_sat_u': saturating.i16x8AddSatU,
  'i16x8.sub_sat_s': saturating.i16x8SubSatS,
  'i16x8.sub_sat_u': saturating.i16x8SubSatU,
  'i16x8.q15mulr_sat_s': saturating.i16x8Q15mulrSatS,
  'i8x16.shl': shifts.i8x16Shl,
  'i8x16.shr_s': shifts.i8x16ShrS,
  'i8x16.shr_u': shifts.i8x16ShrU,
  'i16x8.shl': shifts.i16x8Shl,
  'i16x8.shr_s': shifts.i16x8ShrS,
  'i16x8.shr_u': shifts.i16x8ShrU,
  'i32x4.shl': shifts.i32x4Shl,
  'i32x4.shr_s': shifts.i32x4ShrS,
  'i32x4.shr_u': shifts.i32x4ShrU,
  'i64x2.shl': shifts.i64x2Shl,
  'i64x2.shr_s': shifts.i64x2ShrS,
  'i64x2.shr_u': shifts.i64x2ShrU,
  'v128.any_true': tests.v128AnyTrue,
  'i8x16.all_true': tests.i8x16AllTrue,
  'i16x8.all_true': tests.i16x8AllTrue,
  'i32x4.all_true': tests.i32x4AllTrue,
  'i64x2.all_true': tests.i64x2AllTrue,
  'i8x16.bitmask': tests.i8x16Bitmask,
  'i16x8.bitmask': tests.i16x8Bitmask,
  'i32x4.bitmask': tests.i32x4Bitmask,
  'i64x2.bitmask': tests.i64x2Bitmask,
  'i8x16.popcnt': tests.i8x16Popcnt,
};

/** Memory operations by mnemonic. */
const MEMORY: Readonly<Record<string, SimdMemOp>> = {
  'v128.load': memory.v128Load,
  'v128.load8x8_s': memory.v128Load8x8S,
  'v128.load8x8_u': memory.v128Load8x8U,
  'v128.load16x4_s': memory.v128Load16x4S,
  'v128.load16x4_u': memory.v128Load16x4U,
  'v128.load32x2_s': memory.v128Load32x2S,
  'v128.load32x2_u': memory.v128Load32x2U,
  'v128.load8_splat': memory.v128Load8Splat,
  'v128.load16_splat': memory.v128Load16Splat,
  'v128.load32_splat': memory.v128Load32Splat,
  'v128.load64_splat': memory.v128Load64Splat,
  'v128.load32_zero': memory.v128Load32Zero,
  'v128.load64_zero': memory.v128Load64Zero,
  'v128.load8_lane': memory.v128Load8Lane,
  'v128.load16_lane': memory.v128Load16Lane,
  'v128.load32_lane': memory.v128Load32Lane,
  'v128.load64_lane': memory.v128Load64Lane,
  'v128.store': memory.v128Store,
  'v128.store8_lane': memory.v128Store8Lane,
  'v128.store16_lane': memory.v128Store16Lane,
  'v128.store32_lane': memory.v128Store32Lane,
  'v128.store64_lane': memory.v128Store64Lane,
};

/**
 * Places each implementation at its sub-opcode, taking the numbering from `@rt/binary`'s table,
 * and fails at load time if a SIMD opcode has no implementation or a name is not in the table.
 */
function buildTables(): [Array<SimdOp | undefined>, Array<SimdMemOp | undefined>] {
  // 0x200 sub-opcodes: relaxed SIMD goes up to 0x113.
  const pure = new Array<SimdOp | undefined>(0x200).fill(undefined);
  const mem = new Array<SimdMemOp | undefined>(0x200).fill(undefined);
  const seen = new Set<string>();
  for (const info of OPCODES) {
    if (info.prefix !== 0xfd) continue;
    const code = info.id - PREFIX_FD_BASE;
    const p = PURE[info.name];
    const m = MEMORY[info.name];
    if (p === undefined && m === undefined) throw new Error(`SIMD opcode ${info.name} has no implementation`);
    if (code >= 0x200) throw new Error(`SIMD opcode ${info.name} is outside the 0..0x1ff table`);
    pure[code] = p;
    mem[code] = m;
    seen.add(info.name);
  }
  for (const name of [...Object.keys(PURE), ...Object.keys(MEMORY)]) {
    if (!seen.has(name)) throw new Error(`SIMD implementation ${name} matches no opcode of @rt/binary`);
  }
  return [pure, mem];
}

const [PURE_BY_CODE, MEMORY_BY_CODE] = buildTables();

/** Pure SIMD operations indexed by sub-opcode (the LEB128 value after `0xFD`); see {@link SimdOp}. */
export const SIMD_OPS: ReadonlyArray<SimdOp | undefined> = PURE_BY_CODE;

/** SIMD memory operations indexed by sub-opcode; see {@link SimdMemOp}. */
export const SIMD_MEM_OPS: ReadonlyArray<SimdMemOp | undefined> = MEMORY_BY_CODE;
