import type { ValType } from './value-types.js';

/**
 * Every instruction of a module, decoded once into parallel typed arrays (struct of arrays).
 * Function bodies, constant expressions and segment offsets are index ranges into it
 * ({@link Expr}). Walking it allocates nothing:
 *
 * ```ts
 * const s = module.instructions;
 * for (let i = body.code.start; i < body.code.end; i++) {
 *   const op = s.ops[i];             // opcode id, see `OPCODE_BY_ID`
 *   const imm = s.immStart[i];       // first immediate word in `s.imms`
 *   const at = s.offsets[i];         // absolute byte offset of the instruction
 * }
 * ```
 */
export interface InstructionStream {
  /** Number of instructions. */
  readonly length: number;
  /** Opcode id of each instruction (the byte, `0x100 + n` for `0xFC n`, `0x200 + n` for `0xFD n`). */
  readonly ops: Uint16Array;
  /** Absolute byte offset (within the decoded bytes) where each instruction starts. */
  readonly offsets: Uint32Array;
  /** Index in {@link imms} of each instruction's first immediate word. */
  readonly immStart: Uint32Array;
  /**
   * Immediate words, laid out per kind as described by `ImmKind`. Words are unsigned: indices,
   * offsets and counts read directly; a signed constant (`i32.const`) reads with `| 0`.
   */
  readonly imms: Uint32Array;
}

/** A range of instructions `[start, end)` in {@link Module.instructions}; the last one is `end`. */
export interface Expr {
  /** Index of the first instruction. */
  readonly start: number;
  /** One past the index of the final `end` instruction. */
  readonly end: number;
}

/**
 * What 3.0's GC adds to every type definition: its place in a recursion group, its declared
 * supertypes and whether it is final. A 2.0 type (and a 3.0 one written without `sub`/`rec`) is
 * a final type with no supertypes alone in its group.
 */
export interface SubTypeInfo {
  /** Whether no type may declare this one as its supertype (`sub final`, or no `sub` at all). */
  readonly final: boolean;
  /** Declared supertype indices (at most one is valid). */
  readonly supertypes: readonly number[];
  /** Index of the first type of this type's recursion group. */
  readonly recStart: number;
  /** Number of types in the recursion group. */
  readonly recSize: number;
}

/** A function type. */
export interface FuncType {
  /** Discriminates type definitions: `func`, `struct` or `array`. */
  readonly kind: 'func';
  /** Parameter types. */
  readonly params: readonly ValType[];
  /** Result types. */
  readonly results: readonly ValType[];
  /** Subtyping and recursion-group facts (absent: final, no supertypes, alone in its group). */
  readonly sub?: SubTypeInfo;
}

/** A field of a struct, or the element of an array (3.0's GC). */
export interface FieldType {
  /** A value type, or a packed type (`PackedType.i8`, `PackedType.i16`). */
  readonly type: ValType;
  /** Whether the field may be set. */
  readonly mutable: boolean;
}

/** A struct type (3.0's GC). */
export interface StructType {
  /** Discriminates type definitions. */
  readonly kind: 'struct';
  /** The fields, in order. */
  readonly fields: readonly FieldType[];
  /** See {@link FuncType.sub}. */
  readonly sub?: SubTypeInfo;
}

/** An array type (3.0's GC). */
export interface ArrayType {
  /** Discriminates type definitions. */
  readonly kind: 'array';
  /** The element field. */
  readonly element: FieldType;
  /** See {@link FuncType.sub}. */
  readonly sub?: SubTypeInfo;
}

/** A type section entry (recursion groups are flattened: each member is one entry). */
export type TypeDef = FuncType | StructType | ArrayType;

/** A tag's type (3.0's exception handling): the index of a function type with no results. */
export interface TagType {
  /** The type index. */
  readonly type: number;
}

/**
 * Size limits of a table or memory, in elements or 64 KiB pages. 64-bit tables and memories
 * (3.0) have u64 bounds: exact as numbers up to 2^53 (a memory64 can have at most 2^48 pages),
 * rounded above.
 */
export interface Limits {
  /** Initial size. */
  readonly min: number;
  /** Maximum size, or `null` when unbounded. */
  readonly max: number | null;
}

/** A table type. */
export interface TableType {
  /** Element reference type. */
  readonly element: ValType;
  /** Size limits in elements. */
  readonly limits: Limits;
  /** The index type: `i32`, or `i64` for 3.0's table64. */
  readonly address: 'i32' | 'i64';
  /** A defined table's initialiser expression (3.0's `0x40 0x00` table encoding), if it has one. */
  readonly init?: Expr;
}

/** A memory type. */
export interface MemoryType {
  /** Size limits in 64 KiB pages. */
  readonly limits: Limits;
  /** Whether the memory is shared (threads proposal; always `false` in 2.0). */
  readonly shared: boolean;
  /** The address type: `i32`, or `i64` for 3.0's memory64. */
  readonly address: 'i32' | 'i64';
}

/** A global's type. */
export interface GlobalType {
  /** Value type. */
  readonly type: ValType;
  /** Whether `global.set` may change it. */
  readonly mutable: boolean;
}

/** The kinds of entity that can be imported or exported (3.0 adds `tag`). */
export type ExternKind = 'func' | 'table' | 'memory' | 'global' | 'tag';

/** What an import provides. */
export type ImportDesc =
  | { readonly kind: 'func'; readonly type: number }
  | { readonly kind: 'table'; readonly type: TableType }
  | { readonly kind: 'memory'; readonly type: MemoryType }
  | { readonly kind: 'global'; readonly type: GlobalType }
  | { readonly kind: 'tag'; readonly type: number };

/** An import. */
export interface Import {
  /** Module name. */
  readonly module: string;
  /** Field name. */
  readonly name: string;
  /** What is imported. */
  readonly desc: ImportDesc;
  /** Absolute byte offset of the entry. */
  readonly offset: number;
}

/** An export. */
export interface Export {
  /** Export name. */
  readonly name: string;
  /** Kind of entity. */
  readonly kind: ExternKind;
  /** Index in that kind's index space (imports first). */
  readonly index: number;
  /** Absolute byte offset of the entry. */
  readonly offset: number;
}

/** A module-defined global. */
export interface Global {
  /** Its type. */
  readonly type: GlobalType;
  /** Its constant initialiser. */
  readonly init: Expr;
  /** Absolute byte offset of the entry. */
  readonly offset: number;
}

/** How an element or data segment is used. */
export type SegmentMode = 'active' | 'passive' | 'declarative';

/**
 * The initial values of an element segment: function indices (the compact encodings, flags 0–3)
 * or one constant expression per element (flags 4–7).
 */
export type ElementInit =
  | { readonly kind: 'functions'; readonly indices: readonly number[] }
  | { readonly kind: 'expressions'; readonly exprs: readonly Expr[] };

/** An element segment. */
export interface ElementSegment {
  /** Active (copied into a table at instantiation), passive, or declarative. */
  readonly mode: SegmentMode;
  /** The table an active segment initialises (0 otherwise). */
  readonly table: number;
  /** The offset expression of an active segment, `null` otherwise. */
  readonly tableOffset: Expr | null;
  /** Reference type of the elements. */
  readonly type: ValType;
  /** The elements. */
  readonly init: ElementInit;
  /** Which of the eight binary encodings was used (0–7). */
  readonly flags: number;
  /** Absolute byte offset of the entry. */
  readonly offset: number;
}

/** A data segment. */
export interface DataSegment {
  /** Active or passive (data segments are never declarative). */
  readonly mode: 'active' | 'passive';
  /** The memory an active segment initialises (0 otherwise). */
  readonly memory: number;
  /** The offset expression of an active segment, `null` otherwise. */
  readonly memoryOffset: Expr | null;
  /** The bytes (a copy: the decoder never aliases its input). */
  readonly bytes: Uint8Array;
  /** Absolute byte offset of the entry. */
  readonly offset: number;
}

/** A run of locals of one type, as declared in a function body. */
export interface LocalGroup {
  /** How many locals. */
  readonly count: number;
  /** Their type. */
  readonly type: ValType;
}

/** A function body from the code section. */
export interface FunctionBody {
  /** Declared locals, in order (parameters are not included). */
  readonly locals: readonly LocalGroup[];
  /** Total number of declared locals. */
  readonly localCount: number;
  /** The body's instructions. */
  readonly code: Expr;
  /** Absolute byte offset of the body's size field. */
  readonly offset: number;
  /** Absolute byte offset one past the body's last byte. */
  readonly end: number;
}

/** A custom section, kept verbatim. */
export interface CustomSection {
  /** The section's name. */
  readonly name: string;
  /** Its payload after the name (a copy). */
  readonly data: Uint8Array;
  /** Absolute byte offset of the section id. */
  readonly offset: number;
}

/** Names decoded from the `name` custom section; absent entries are simply missing. */
export interface NameSection {
  /** The module's name. */
  readonly module: string | null;
  /** Function names by function index. */
  readonly functions: ReadonlyMap<number, string>;
  /** Local names by function index, then local index. */
  readonly locals: ReadonlyMap<number, ReadonlyMap<number, string>>;
}

/** Where each section sits in the binary (for inspectors). */
export interface SectionInfo {
  /** Section id (0 for custom sections). */
  readonly id: number;
  /** The section's name (`type`, `import`, …, or the custom section's own name). */
  readonly name: string;
  /** Absolute byte offset of the section id byte. */
  readonly offset: number;
  /** Absolute byte offset of the section's contents. */
  readonly contentOffset: number;
  /** Size of the contents in bytes. */
  readonly size: number;
}

/**
 * A decoded module: everything the binary says, with nothing checked beyond well-formedness
 * (types and indices are the validator's job).
 */
export interface Module {
  /** The type section. */
  readonly types: readonly TypeDef[];
  /** Imports, in order. */
  readonly imports: readonly Import[];
  /** Type index of each function defined by the module (function section). */
  readonly functions: readonly number[];
  /** Tables defined by the module. */
  readonly tables: readonly TableType[];
  /** Memories defined by the module. */
  readonly memories: readonly MemoryType[];
  /** Tags defined by the module (3.0's exception handling). */
  readonly tags: readonly TagType[];
  /** Globals defined by the module. */
  readonly globals: readonly Global[];
  /** Exports. */
  readonly exports: readonly Export[];
  /** The start function's index, or `null`. */
  readonly start: number | null;
  /** Element segments. */
  readonly elements: readonly ElementSegment[];
  /** The data count section's value, or `null` when absent. */
  readonly dataCount: number | null;
  /** Function bodies, one per entry of {@link functions}. */
  readonly codes: readonly FunctionBody[];
  /** Data segments. */
  readonly datas: readonly DataSegment[];
  /** Custom sections, in order (including `name`). */
  readonly customs: readonly CustomSection[];
  /** The decoded `name` section, or `null` when absent or not decodable. */
  readonly names: NameSection | null;
  /** Every section with its position. */
  readonly sections: readonly SectionInfo[];
  /** All instructions of all bodies and constant expressions. */
  readonly instructions: InstructionStream;
}
