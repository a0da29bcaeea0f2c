/**
 * Opcodes of the lowered code that have no Wasm counterpart (or a different operand layout).
 *
 * The lowered code reuses Wasm opcode ids (below 0x120) for the numeric, memory, table and SIMD
 * instructions, each followed by explicit operands (see `lowerer.ts` for the layouts), and adds
 * these for control flow, moves and constants. Operands that name values are word offsets from
 * the frame pointer (a value cell is 4 words = 16 bytes; a scalar uses its first 2 words).
 */
export const L = {
  /** `[COPY, dst, src]`: copy an 8-byte scalar. */
  COPY: 0x120,
  /** `[COPY128, dst, src]`: copy a 16-byte value. */
  COPY128: 0x121,
  /** `[BR, target]`. */
  BR: 0x122,
  /** `[BR_IF, cond, target]`: jump when the i32 `cond` is non-zero. */
  BR_IF: 0x123,
  /** `[BR_UNLESS, cond, target]`: jump when the i32 `cond` is zero. */
  BR_UNLESS: 0x124,
  /** `[BR_TABLE, index, count, target_0 … target_{count-1}]`: the last target is the default. */
  BR_TABLE: 0x125,
  /** `[RETURN]`: results are already in the frame's first cells. */
  RETURN: 0x126,
  /** `[CALL, funcIndex, argBase]`: arguments at cells from `argBase`; results land there. */
  CALL: 0x127,
  /** `[CALL_INDIRECT, typeIndex, tableIndex, index, argBase]`. */
  CALL_INDIRECT: 0x128,
  /** `[CONST32, dst, bits]`. */
  CONST32: 0x129,
  /** `[CONST64, dst, lo, hi]`. */
  CONST64: 0x12a,
  /** `[CONST128, dst, w0, w1, w2, w3]`. */
  CONST128: 0x12b,
  /** `[SELECT, dst, a, b, cond]`: 8-byte select. */
  SELECT: 0x12c,
  /** `[SELECT128, dst, a, b, cond]`. */
  SELECT128: 0x12d,
  /** `[GLOBAL_GET, dst, global]` (8 bytes). */
  GLOBAL_GET: 0x12e,
  /** `[GLOBAL_GET128, dst, global]`. */
  GLOBAL_GET128: 0x12f,
  /** `[GLOBAL_SET, global, src]` (8 bytes). */
  GLOBAL_SET: 0x130,
  /** `[GLOBAL_SET128, global, src]`. */
  GLOBAL_SET128: 0x131,
  /** `[REF_FUNC, dst, funcIndex]`. */
  REF_FUNC: 0x132,
  /** `[SIMD, opcodeId, dst, a, b, c, immIndex]`: a pure SIMD operation (operands in words). */
  SIMD: 0x133,
  /** `[SIMD_MEM, opcodeId, dst, addr, b, immIndex]`: a SIMD load or store. */
  SIMD_MEM: 0x134,
  /** `[UNREACHABLE]`. */
  UNREACHABLE: 0x135,
  /** `[BR_IF_I32_<cmp>, a, b, target]`: fused compare-and-branch (jump when the compare holds). */
  BR_I32_EQ: 0x136,
  BR_I32_NE: 0x137,
  BR_I32_LT_S: 0x138,
  BR_I32_LT_U: 0x139,
  BR_I32_GT_S: 0x13a,
  BR_I32_GT_U: 0x13b,
  BR_I32_LE_S: 0x13c,
  BR_I32_LE_U: 0x13d,
  BR_I32_GE_S: 0x13e,
  BR_I32_GE_U: 0x13f,
  /** `[CONSTS, dst, cells, lo0, hi0, lo1, hi1, …]`: fill `cells` constant cells of the new frame from `dst` on. */
  CONSTS: 0x140,
  /**
   * Added to a load opcode (`i32.load` … `i32.load16_u`): `[op + LOAD_ADD_BASE, dst, a, b, offset]`
   * loads from address `a + b` (wrapping i32 add) plus `offset`.
   */
  LOAD_ADD_BASE: 0x130,
  /** `[BR_I64_EQZ, a, target]`: jump when the i64 `a` is zero. */
  BR_I64_EQZ: 0x141,
  /** `[BR_I64_NEZ, a, target]`: jump when the i64 `a` is not zero. */
  BR_I64_NEZ: 0x142,
  /** `[I32_ADD_LOAD, dst, a, addr, offset]`: `a + i32.load(addr + offset)`. */
  I32_ADD_LOAD: 0x143,
  /** `[F64_ADD_LOAD, dst, a, addr, offset]`: `a + f64.load(addr + offset)`. */
  F64_ADD_LOAD: 0x144,
  /** `[F64_SUB_LOAD, dst, a, addr, offset]`. */
  F64_SUB_LOAD: 0x145,
  /** `[F64_MUL_LOAD, dst, a, addr, offset]`. */
  F64_MUL_LOAD: 0x146,
  /** `[F64_DIV_LOAD, dst, a, addr, offset]`. */
  F64_DIV_LOAD: 0x147,
  /**
   * `[LOOP, end]`: a loop header (every back edge lands here; `end` is one past the loop's last
   * instruction). Counts iterations for tier-up; the loop alone can be compiled.
   */
  LOOP: 0x148,
  /**
   * `[GLOBAL_SET_REF, global, src]`: `global.set` of a funcref global, which also keeps the
   * function's reference slot strong (see `Store.collectFuncs`).
   */
  GLOBAL_SET_REF: 0x149,
  /**
   * `[USE_MEM, memory]`: the following memory instructions address memory `memory` instead of
   * memory 0, until the next `USE_MEM` (3.0's multiple memories). The lowerer wraps each
   * instruction on another memory as `USE_MEM x`, the instruction, `USE_MEM 0`, so code that only
   * uses memory 0 runs exactly as before.
   */
  USE_MEM: 0x14a,
  /**
   * `[ADDR64, dst, src]`: a 64-bit memory address (memory64) to the 32-bit form the memory
   * instructions read: traps "out of bounds memory access" when the high word is not 0 (no memory
   * of this engine reaches 4 GiB), else writes the low word to `dst`.
   */
  ADDR64: 0x14b,
  /**
   * `[SAT64, dst, src]`: an i64 index, size or delta to u32, saturated at 2^32-1 (table64, and
   * the delta of `memory.grow` on a 64-bit memory: no table or memory of this engine reaches
   * 2^32-1 elements or pages, so the saturated value traps or fails exactly like the real one).
   */
  SAT64: 0x14c,
  /**
   * `[MEMORY_COPY_X, d, s, n, dstMemory, srcMemory]`: `memory.copy` between two different memories
   * (addresses already 32-bit, see {@link ADDR64}).
   */
  MEMORY_COPY_X: 0x14d,
  /**
   * `[RETURN_CALL, funcIndex, argBase]`: a tail call. The arguments (at cells from `argBase`) move
   * to the frame's first cells and the callee runs in the caller's frame, so the stack does not
   * grow. A host callee is called normally; the `RETURN` the lowerer emits after this instruction
   * then returns its results.
   */
  RETURN_CALL: 0x14e,
  /** `[RETURN_CALL_INDIRECT, typeIndex, tableIndex, index, argBase]`: see {@link RETURN_CALL}. */
  RETURN_CALL_INDIRECT: 0x14f,
  /** `[MEM_OOB]`: traps "out of bounds memory access" (an access whose static offset is 2^32 or more). */
  MEM_OOB: 0x150,
  /**
   * `[FUEL, cost]`: a fuel checkpoint (at a function's entry and after each `LOOP`, only in code
   * lowered for a metered store; see `fuel/costs.ts`): stops if the budget is spent, else charges
   * `cost`. (0x158–0x15f are the fused loads, {@link LOAD_ADD_BASE} + opcode.)
   */
  FUEL: 0x160,
  /**
   * `[LAZY]`: the whole code of a function not lowered yet (functions are lowered on their first
   * run, see `lower/compile.ts`): lowers it and continues at its real entry.
   */
  LAZY: 0x161,
  /** `[THROW, tagIndex, argBase]`: throws a new exception of tag `tagIndex` with the payload in the cells from `argBase`. */
  THROW: 0x170,
  /** `[THROW_REF, src]`: throws the exception whose reference is in `src` (traps on null); also legacy `rethrow`. */
  THROW_REF: 0x171,
  /**
   * `[TRY]`: does nothing. Marks the start of a `try_table` or legacy `try` body: the frame-layout
   * tier does not know it, so such functions stay interpreted, where exceptions are caught.
   */
  TRY: 0x172,
  /** `[CALL_REF, typeIndex, ref, argBase]`: calls the function reference in `ref` (traps on null). */
  CALL_REF: 0x173,
  /** `[RETURN_CALL_REF, typeIndex, ref, argBase]`: the tail-call form of {@link CALL_REF} (see {@link RETURN_CALL}). */
  RETURN_CALL_REF: 0x174,
  /** `[REF_AS_NON_NULL, src]`: traps "null reference" when the reference in `src` is null. */
  REF_AS_NON_NULL: 0x175,
  /**
   * `[GC, opcode, immIndex, dst, n, in_0 … in_{n-1}]`: a GC instruction (3.0), run by
   * `exec/gc.ts` with its immediates read from the module's instruction stream at `immIndex`.
   */
  GC: 0x176,
} as const;
