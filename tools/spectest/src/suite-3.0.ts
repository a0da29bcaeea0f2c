/**
 * The WebAssembly 3.0 suite in binary form (`../shared/testsuite/wasm-3.0-bin/`): which scripts
 * belong to which proposal, and which must pass whole.
 *
 * rt implements 3.0 in two parts (issues 13 and 14); the legacy exception scripts (text only, from
 * `wasm-3.0/legacy/`) are named `legacy/<script>`. Until both are done the 3.0 suite cannot
 * pass as a whole, so CI asserts a list instead: every script in {@link MUST_PASS_3_0} passes
 * with no failed and no skipped check. A script joins the list when the features it tests are
 * finished; from then on a regression fails the run.
 */

/** Proposal groups of the 3.0 scripts (names without `.bin.wast`), for the per-proposal summary. */
export const PROPOSALS_3_0: ReadonlyArray<{ readonly name: string; readonly scripts: readonly string[] }> = [
  { name: 'tail calls', scripts: ['return_call', 'return_call_indirect'] },
  // The extended-constant tests live inside these three core scripts.
  { name: 'extended constants', scripts: ['global', 'data', 'elem'] },
  {
    name: 'multiple memories',
    // The multi-memory proposal's variants of core scripts (`*0..9`), and its own scripts.
    scripts: [
    'address0', 'address1', 'align0', 'binary0', 'data0', 'data1', 'data_drop0', 'exports0', 'float_exprs0',
    'float_exprs1', 'float_memory0', 'imports0', 'imports1', 'imports2', 'imports3', 'imports4', 'linking0',
    'linking1', 'linking2', 'linking3', 'load0', 'load1', 'load2', 'memory-multi', 'memory_copy0',
    'memory_copy1', 'memory_fill0', 'memory_init0', 'memory_size0', 'memory_size1', 'memory_size2',
    'memory_size3', 'memory_trap0', 'memory_trap1', 'simd_memory-multi', 'start0', 'store0', 'store1',
    'store2', 'traps0',
    ],
  },
  {
    name: 'memory64 and table64',
    scripts: [
    'address64', 'align64', 'binary_leb128_64', 'bulk64', 'call_indirect64', 'endianness64',
    'float_memory64', 'load64', 'memory64-imports', 'memory64', 'memory_copy64', 'memory_fill64',
    'memory_grow64', 'memory_init64', 'memory_redundancy64', 'memory_trap64', 'table64', 'table_copy64',
    'table_fill64', 'table_get64', 'table_grow64', 'table_init64', 'table_set64', 'table_size64',
    ],
  },
  // Part 2. The legacy scripts are text (`wasm-3.0/legacy/`), named `legacy/<script>` here.
  { name: 'exceptions', scripts: ['tag', 'throw', 'throw_ref', 'try_table'] },
  { name: 'legacy exceptions', scripts: ['legacy/rethrow', 'legacy/throw', 'legacy/try_catch', 'legacy/try_delegate'] },
  {
    name: 'typed function references',
    scripts: ['call_ref', 'return_call_ref', 'ref_as_non_null', 'br_on_null', 'br_on_non_null', 'local_init', 'table-sub'],
  },
  {
    name: 'GC',
    scripts: [
    'array', 'array_copy', 'array_fill', 'array_init_data', 'array_init_elem', 'array_new_data', 'array_new_elem',
    'binary-gc', 'br_on_cast', 'br_on_cast_fail', 'extern', 'i31', 'ref_cast', 'ref_eq', 'ref_test', 'struct',
    'type-canon', 'type-equivalence', 'type-rec', 'type-subtyping',
    ],
  },
  {
    name: 'relaxed SIMD',
    scripts: [
    'i16x8_relaxed_q15mulr_s', 'i32x4_relaxed_trunc', 'i8x16_relaxed_swizzle', 'relaxed_dot_product',
    'relaxed_laneselect', 'relaxed_madd_nmadd', 'relaxed_min_max',
    ],
  },
];

/**
 * Scripts of `wasm-3.0-bin` (and `legacy/…` of `wasm-3.0/legacy`) that must pass whole (every
 * check passes, none skipped): every 3.0 script that does, so that none regresses.
 */
export const MUST_PASS_3_0: readonly string[] = [
  // Part 1: tail calls, extended constants, multiple memories, memory64/table64, relaxed SIMD.
  'address0', 'address1', 'address64', 'align0', 'align64', 'binary0', 'binary_leb128_64', 'bulk64',
  'call_indirect64', 'data', 'data0', 'data1', 'data_drop0', 'endianness64', 'exports0', 'float_exprs0',
  'float_exprs1', 'float_memory0', 'float_memory64', 'i16x8_relaxed_q15mulr_s', 'i32x4_relaxed_trunc',
  'i8x16_relaxed_swizzle', 'imports0', 'imports1', 'imports2', 'imports3', 'imports4', 'linking0',
  'linking1', 'linking2', 'linking3', 'load0', 'load1', 'load2', 'load64', 'memory-multi',
  'memory64-imports', 'memory64', 'memory_copy0', 'memory_copy1', 'memory_copy64', 'memory_fill0',
  'memory_fill64', 'memory_grow64', 'memory_init0', 'memory_init64', 'memory_redundancy64', 'memory_size0',
  'memory_size1', 'memory_size2', 'memory_size3', 'memory_trap0', 'memory_trap1', 'memory_trap64',
  'relaxed_dot_product', 'relaxed_laneselect', 'relaxed_madd_nmadd', 'relaxed_min_max', 'return_call',
  'return_call_indirect', 'simd_memory-multi', 'start0', 'store0', 'store1', 'store2', 'table64',
  'table_copy64', 'table_fill64', 'table_get64', 'table_grow64', 'table_set64', 'table_size64', 'traps0',
  // Other 3.0 scripts that pass whole.
  'address', 'align', 'annotations', 'binary-leb128', 'block', 'br', 'bulk', 'call', 'call_indirect',
  'comments', 'const', 'conversions', 'custom', 'endianness', 'f32', 'f32_bitwise', 'f32_cmp', 'f64',
  'f64_bitwise', 'f64_cmp', 'fac', 'float_exprs', 'float_literals', 'float_memory', 'float_misc', 'forward',
  'func_ptrs', 'i32', 'i64', 'id', 'if', 'inline-module', 'int_exprs', 'int_literals', 'labels',
  'left-to-right', 'load', 'local_get', 'local_set', 'loop', 'memory', 'memory_copy', 'memory_fill',
  'memory_grow', 'memory_init', 'memory_redundancy', 'memory_size', 'memory_size_import', 'memory_trap',
  'names', 'nop', 'ref_func', 'return', 'simd_address', 'simd_align', 'simd_bit_shift', 'simd_bitwise',
  'simd_boolean', 'simd_const', 'simd_conversions', 'simd_f32x4', 'simd_f32x4_arith', 'simd_f32x4_cmp',
  'simd_f32x4_pmin_pmax', 'simd_f32x4_rounding', 'simd_f64x2', 'simd_f64x2_arith', 'simd_f64x2_cmp',
  'simd_f64x2_pmin_pmax', 'simd_f64x2_rounding', 'simd_i16x8_arith', 'simd_i16x8_arith2', 'simd_i16x8_cmp',
  'simd_i16x8_extadd_pairwise_i8x16', 'simd_i16x8_extmul_i8x16', 'simd_i16x8_q15mulr_sat_s',
  'simd_i16x8_sat_arith', 'simd_i32x4_arith', 'simd_i32x4_arith2', 'simd_i32x4_cmp', 'simd_i32x4_dot_i16x8',
  'simd_i32x4_extadd_pairwise_i16x8', 'simd_i32x4_extmul_i16x8', 'simd_i32x4_trunc_sat_f32x4',
  'simd_i32x4_trunc_sat_f64x2', 'simd_i64x2_arith', 'simd_i64x2_arith2', 'simd_i64x2_cmp',
  'simd_i64x2_extmul_i32x4', 'simd_i8x16_arith', 'simd_i8x16_arith2', 'simd_i8x16_cmp',
  'simd_i8x16_sat_arith', 'simd_int_to_int_extend', 'simd_lane', 'simd_linking', 'simd_load',
  'simd_load16_lane', 'simd_load32_lane', 'simd_load64_lane', 'simd_load8_lane', 'simd_load_extend',
  'simd_load_splat', 'simd_load_zero', 'simd_select', 'simd_splat', 'simd_store', 'simd_store16_lane',
  'simd_store32_lane', 'simd_store64_lane', 'simd_store8_lane', 'skip-stack-guard-page', 'stack', 'start',
  'store', 'switch', 'table_copy', 'table_copy_mixed', 'table_fill', 'table_get', 'table_grow', 'table_set',
  'table_size', 'token', 'traps', 'type', 'unreachable', 'unwind', 'utf8-custom-section-id',
  'utf8-import-field', 'utf8-import-module',
  // Part 2: exception handling (with the legacy scripts, run from text), typed function
  // references, the GC scripts that only decode and validate types, and the 2.0 features' 3.0
  // scripts that needed typed references.
  'tag', 'throw', 'throw_ref', 'try_table', 'legacy/rethrow', 'legacy/throw', 'legacy/try_catch', 'legacy/try_delegate',
  'br_on_non_null', 'br_on_null', 'call_ref', 'local_init', 'ref_as_non_null', 'return_call_ref', 'table-sub',
  'binary-gc', 'type-canon', 'type-equivalence', 'type-rec',
  'binary', 'br_if', 'br_table', 'elem', 'exports', 'func', 'imports', 'instance', 'local_tee', 'ref', 'ref_is_null',
  'ref_null', 'select', 'table', 'unreached-invalid', 'unreached-valid',
  // GC, run; and the two scripts that also needed typed references across modules.
  'global', 'linking',
  'array', 'array_copy', 'array_fill', 'array_init_data', 'array_init_elem', 'array_new_data',
  'array_new_elem', 'br_on_cast', 'br_on_cast_fail', 'extern', 'i31', 'ref_cast', 'ref_eq', 'struct',
  'table_init', 'table_init64', 'type-subtyping',
];
