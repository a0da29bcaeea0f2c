/**
 * The kinds of immediate operand an instruction carries, and how each is laid out in the
 * decoded instruction stream.
 *
 * Immediates are stored as unsigned 32-bit words in {@link InstructionStream.imms}. Values wider than 32
 * bits (i64, f64, v128, shuffle lanes) take several words, low word first, so that no value ever
 * passes through a JavaScript float and NaN payloads and i64 bits survive exactly.
 */
export type ImmKind =
  /** No immediate. */
  | 'none'
  /**
   * Block type: one word. A type index (below 2^31), or {@link BLOCK_TYPE_EMPTY}, or
   * `BLOCK_TYPE_VALUE | valtype` for a single result type.
   */
  | 'blocktype'
  /** A label depth (`br`, `br_if`): one word. */
  | 'label'
  /** `br_table`: a count `n`, then `n` label depths, then the default depth (n + 2 words). */
  | 'br_table'
  /** A function index: one word. */
  | 'func'
  /** `call_indirect`: type index, table index. */
  | 'call_indirect'
  /** A local index: one word. */
  | 'local'
  /** A global index: one word. */
  | 'global'
  /** A table index: one word. */
  | 'table'
  /** A memory index (a reserved zero byte in 2.0, a u32 in 3.0): one word. */
  | 'memory'
  /**
   * A memory argument: alignment exponent, offset (low 32 bits), memory index, offset (high 32
   * bits: 3.0's memory64 offsets are u64; always 0 for 32-bit memories). The high word comes last
   * so that the first three words mean what they meant in 2.0.
   */
  | 'memarg'
  /** A memory argument followed by a lane index: alignment, offset (low), memory index, lane, offset (high). */
  | 'memarg_lane'
  /** A lane index (one byte): one word. */
  | 'lane'
  /** `i8x16.shuffle`: sixteen lane indices, one word each. */
  | 'shuffle'
  /** A signed 32-bit constant: one word. */
  | 'i32'
  /** A 64-bit constant: two words, low then high. */
  | 'i64'
  /** An f32 constant: its bit pattern in one word. */
  | 'f32'
  /** An f64 constant: its bit pattern in two words, low then high. */
  | 'f64'
  /** A v128 constant: four words, least significant first (little-endian lane order). */
  | 'v128'
  /** `select` with explicit result types: a count `n`, then `n` value types. */
  | 'select_types'
  /** `ref.null`: the heap type as a reference value type code (`0x70` funcref, `0x6f` externref). */
  | 'heaptype'
  /** `memory.init`: data segment index, memory index. */
  | 'memory_init'
  /** A data segment index (`data.drop`): one word. */
  | 'data'
  /** `memory.copy`: destination memory index, source memory index. */
  | 'memory_copy'
  /** `table.init`: element segment index, table index. */
  | 'table_init'
  /** An element segment index (`elem.drop`): one word. */
  | 'elem'
  /** `table.copy`: destination table index, source table index. */
  | 'table_copy'
  /** A tag index (`throw`, legacy `catch`): one word. */
  | 'tag'
  /** A type index (`call_ref`, `struct.new`, `array.get`, …): one word. */
  | 'type'
  /** `struct.get`/`struct.set`: type index, field index. */
  | 'type_field'
  /** `array.copy`: destination type index, source type index. */
  | 'type_pair'
  /** `array.new_fixed`: type index, element count. */
  | 'type_count'
  /** `array.new_data`/`array.init_data`: type index, data segment index. */
  | 'type_data'
  /** `array.new_elem`/`array.init_elem`: type index, element segment index. */
  | 'type_elem'
  /** `ref.test`/`ref.cast` to a non-null reference: the heap type (one word). */
  | 'ref'
  /** `ref.test`/`ref.cast` to a nullable reference (`ref null ht`): the heap type (one word). */
  | 'ref_null'
  /** `br_on_cast`/`br_on_cast_fail`: cast flags (bit 0: source nullable, bit 1: target nullable), label, two heap types. */
  | 'br_on_cast'
  /** `try_table`: block type, a count `n`, then `n` catch clauses of three words (kind, tag, label). */
  | 'try_table';

/**
 * The number of immediate words each kind occupies, or `-1` when the count is stored in the
 * first word (`br_table`, `select_types`).
 */
export const IMM_WORDS: Readonly<Record<ImmKind, number>> = {
  none: 0,
  blocktype: 1,
  label: 1,
  br_table: -1,
  func: 1,
  call_indirect: 2,
  local: 1,
  global: 1,
  table: 1,
  memory: 1,
  memarg: 4,
  memarg_lane: 5,
  lane: 1,
  shuffle: 16,
  i32: 1,
  i64: 2,
  f32: 1,
  f64: 2,
  v128: 4,
  select_types: -1,
  heaptype: 1,
  memory_init: 2,
  data: 1,
  memory_copy: 2,
  table_init: 2,
  elem: 1,
  table_copy: 2,
  tag: 1,
  type: 1,
  type_field: 2,
  type_pair: 2,
  type_count: 2,
  type_data: 2,
  type_elem: 2,
  ref: 1,
  ref_null: 1,
  br_on_cast: 4,
  try_table: -1,
};

/** Flag set in a `blocktype` word that is not a type index. */
export const BLOCK_TYPE_VALUE = 0x80000000;
/** The empty block type (`0x40`), as stored in a `blocktype` immediate word. */
export const BLOCK_TYPE_EMPTY = (BLOCK_TYPE_VALUE | 0x40) >>> 0;
