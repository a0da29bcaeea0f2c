/**
 * Opcodes of the lowered code that have no Wasm counterpart (or a different operand layout).
 *
 * The lowered code reuses Wasm opcode ids (below 0x400) for the numeric, memory, table and SIMD
 * instructions, each followed by explicit operands (see `lowerer.ts` for the layouts), and adds
 * these for control flow, moves and constants. Operands that name values are word offsets from
 * the frame pointer (a value cell is 4 words = 16 bytes; a scalar uses its first 2 words).
 */
export const L = {
  /** `[COPY, dst, src]`: copy an 8-byte scalar. */
  COPY: 0x400,
  /** `[COPY128, dst, src]`: copy a 16-byte value. */
  COPY128: 0x401,
  /** `[BR, target]`. */
  BR: 0x402,
  /** `[BR_IF, cond, target]`: jump when the i32 `cond` is non-zero. */
  BR_IF: 0x403,
  /** `[BR_UNLESS, cond, target]`: jump when the i32 `cond` is zero. */
  BR_UNLESS: 0x404,
  /** `[BR_TABLE, index, count, target_0 … target_{count-1}]`: the last target is the default. */
  BR_TABLE: 0x405,
  /** `[RETURN]`: results are already in the frame's first cells. */
  RETURN: 0x406,
  /** `[CALL, funcIndex, argBase]`: arguments at cells from `argBase`; results land there. */
  CALL: 0x407,
  /** `[CALL_INDIRECT, typeIndex, tableIndex, index, argBase]`. */
  CALL_INDIRECT: 0x408,
  /** `[CONST32, dst, bits]`. */
  CONST32: 0x409,
  /** `[CONST64, dst, lo, hi]`. */
  CONST64: 0x40a,
  /** `[CONST128, dst, w0, w1, w2, w3]`. */
  CONST128: 0x40b,
  /** `[SELECT, dst, a, b, cond]`: 8-byte select. */
  SELECT: 0x40c,
  /** `[SELECT128, dst, a, b, cond]`. */
  SELECT128: 0x40d,
  /** `[GLOBAL_GET, dst, global]` (8 bytes). */
  GLOBAL_GET: 0x40e,
  /** `[GLOBAL_GET128, dst, global]`. */
  GLOBAL_GET128: 0x40f,
  /** `[GLOBAL_SET, global, src]` (8 bytes). */
  GLOBAL_SET: 0x410,
  /** `[GLOBAL_SET128, global, src]`. */
  GLOBAL_SET128: 0x411,
  /** `[REF_FUNC, dst, funcIndex]`. */
  REF_FUNC: 0x412,
  /** `[SIMD, opcodeId, dst, a, b, c, immIndex]`: a pure SIMD operation (operands in words). */
  SIMD: 0x413,
  /** `[SIMD_MEM, opcodeId, dst, addr, b, immIndex]`: a SIMD load or store. */
  SIMD_MEM: 0x414,
  /** `[UNREACHABLE]`. */
  UNREACHABLE: 0x415,
  /** `[BR_IF_I32_<cmp>, a, b, target]`: fused compare-and-branch (jump when the compare holds). */
  BR_I32_EQ: 0x416,
  BR_I32_NE: 0x417,
  BR_I32_LT_S: 0x418,
  BR_I32_LT_U: 0x419,
  BR_I32_GT_S: 0x41a,
  BR_I32_GT_U: 0x41b,
  BR_I32_LE_S: 0x41c,
  BR_I32_LE_U: 0x41d,
  BR_I32_GE_S: 0x41e,
  BR_I32_GE_U: 0x41f,
  /** `[CONSTS, dst, cells, lo0, hi0, lo1, hi1, …]`: fill `cells` constant cells of the new frame from `dst` on. */
  CONSTS: 0x420,
  /**
   * Added to a load opcode (`i32.load` … `i32.load16_u`): `[op + LOAD_ADD_BASE, dst, a, b, offset]`
   * loads from address `a + b` (wrapping i32 add) plus `offset`.
   */
  LOAD_ADD_BASE: 0x400,
  /** `[BR_I64_EQZ, a, target]`: jump when the i64 `a` is zero. */
  BR_I64_EQZ: 0x421,
  /** `[BR_I64_NEZ, a, target]`: jump when the i64 `a` is not zero. */
  BR_I64_NEZ: 0x422,
} as const;
