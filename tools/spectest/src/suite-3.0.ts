/**
 * The WebAssembly 3.0 suite in binary form (`../shared/testsuite/wasm-3.0-bin/`): which scripts
 * belong to which proposal, and which must pass whole.
 *
 * rt implements 3.0 in two parts (issues 13 and 14). Until both are done the 3.0 suite cannot
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
  {
    name: 'relaxed SIMD',
    scripts: [
    'i16x8_relaxed_q15mulr_s', 'i32x4_relaxed_trunc', 'i8x16_relaxed_swizzle', 'relaxed_dot_product',
    'relaxed_laneselect', 'relaxed_madd_nmadd', 'relaxed_min_max',
    ],
  },
];

/** Scripts of `wasm-3.0-bin` that must pass whole (every check passes, none skipped). */
export const MUST_PASS_3_0: readonly string[] = [];
