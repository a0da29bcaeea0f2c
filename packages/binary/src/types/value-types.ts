/**
 * Value types are plain numbers so that validators and engines compare them without allocating.
 * Numeric and vector types use their one-byte binary codes, and so do the nullable references to
 * an abstract heap type (`funcref` 0x70, `externref` 0x6f, 3.0's `exnref` 0x69, `anyref` 0x6e, …),
 * which is how the binary format abbreviates them. Every other reference type (non-nullable, or to
 * a type index) is a number at or above {@link TYPED_REF_BASE} packing its heap type and
 * nullability (see {@link refType}). So each type has exactly one number and `===` is type equality
 * for everything but types defined by index (which equivalence-checking code compares itself).
 */
export type ValType = number;

/** The one-byte value type codes: WebAssembly 2.0's, and 3.0's nullable abstract references. */
export const ValType = {
  i32: 0x7f,
  i64: 0x7e,
  f32: 0x7d,
  f64: 0x7c,
  v128: 0x7b,
  funcref: 0x70,
  externref: 0x6f,
  /** `(ref null exn)` (3.0's exception handling). */
  exnref: 0x69,
  /** `(ref null any)` (3.0's GC). */
  anyref: 0x6e,
  /** `(ref null eq)`. */
  eqref: 0x6d,
  /** `(ref null i31)`. */
  i31ref: 0x6c,
  /** `(ref null struct)`. */
  structref: 0x6b,
  /** `(ref null array)`. */
  arrayref: 0x6a,
  /** `(ref null none)`. */
  nullref: 0x71,
  /** `(ref null noextern)`. */
  nullexternref: 0x72,
  /** `(ref null nofunc)`. */
  nullfuncref: 0x73,
  /** `(ref null noexn)`. */
  nullexnref: 0x74,
} as const;

/**
 * A heap type: an abstract one as its binary code ({@link HeapType}), or a type index `x` as
 * `HEAP_INDEX_BASE + x`.
 */
export type HeapType = number;

/** The abstract heap types of WebAssembly 3.0, by their binary codes. */
export const HeapType = {
  exn: 0x69,
  array: 0x6a,
  struct: 0x6b,
  i31: 0x6c,
  eq: 0x6d,
  any: 0x6e,
  extern: 0x6f,
  func: 0x70,
  none: 0x71,
  noextern: 0x72,
  nofunc: 0x73,
  noexn: 0x74,
} as const;

/** The packed storage types of struct and array fields (3.0's GC). */
export const PackedType = { i8: 0x78, i16: 0x77 } as const;

/** Start of the encoding space of reference types that have no one-byte code (see {@link ValType}). */
export const TYPED_REF_BASE = 0x10000;

/** Heap type of the type with index `x` is `HEAP_INDEX_BASE + x`. */
export const HEAP_INDEX_BASE = 0x100;

/** Whether `code` is one of the abstract heap type codes. */
export function isAbstractHeapType(code: number): boolean {
  return code >= 0x69 && code <= 0x74;
}

/** The heap type naming type index `x`. */
export function indexHeapType(x: number): HeapType {
  return HEAP_INDEX_BASE + x;
}

/** The type index a heap type names, or -1 for an abstract heap type. */
export function heapTypeIndex(h: HeapType): number {
  return h >= HEAP_INDEX_BASE ? h - HEAP_INDEX_BASE : -1;
}

/** The reference type `(ref null? heap)`, in its one canonical number. */
export function refType(heap: HeapType, nullable: boolean): ValType {
  if (nullable && heap < HEAP_INDEX_BASE) return heap;
  return TYPED_REF_BASE + heap * 2 + (nullable ? 1 : 0);
}

/** The heap type of reference type `t`. */
export function heapTypeOf(t: ValType): HeapType {
  return t < TYPED_REF_BASE ? t : (t - TYPED_REF_BASE) >>> 1;
}

/** Whether reference type `t` admits null. */
export function isNullable(t: ValType): boolean {
  return t < TYPED_REF_BASE || ((t - TYPED_REF_BASE) & 1) === 1;
}

/** Whether `t` is one of the numeric or vector types. */
export function isNumericOrVector(t: ValType): boolean {
  return t === ValType.i32 || t === ValType.i64 || t === ValType.f32 || t === ValType.f64 || t === ValType.v128;
}

/** Whether `t` is a reference type (of any heap type). */
export function isRefType(t: ValType): boolean {
  return isAbstractHeapType(t) || t >= TYPED_REF_BASE;
}

/** Whether `code` is a value type byte that WebAssembly 2.0 defines. */
export function isValTypeCode(code: number): boolean {
  return isNumericOrVector(code) || code === ValType.funcref || code === ValType.externref;
}

const HEAP_NAMES: Readonly<Record<number, string>> = {
  0x69: 'exn', 0x6a: 'array', 0x6b: 'struct', 0x6c: 'i31', 0x6d: 'eq', 0x6e: 'any', 0x6f: 'extern', 0x70: 'func',
  0x71: 'none', 0x72: 'noextern', 0x73: 'nofunc', 0x74: 'noexn',
};

/** The shorthands of the bottom types, which are not the heap type's name plus `ref`. */
const SHORTHAND_NAMES: Readonly<Record<number, string>> = { 0x71: 'nullref', 0x72: 'nullexternref', 0x73: 'nullfuncref', 0x74: 'nullexnref' };

/** The text-format name of a heap type (`func`, `any`, a type index as a number). */
export function heapTypeName(h: HeapType): string {
  return h >= HEAP_INDEX_BASE ? String(h - HEAP_INDEX_BASE) : (HEAP_NAMES[h] ?? `<heap 0x${h.toString(16)}>`);
}

/** The text-format name of a value type (`i32`, `funcref`, `(ref null 3)`, …). */
export function valTypeName(t: ValType): string {
  switch (t) {
    case ValType.i32: return 'i32';
    case ValType.i64: return 'i64';
    case ValType.f32: return 'f32';
    case ValType.f64: return 'f64';
    case ValType.v128: return 'v128';
  }
  if (isAbstractHeapType(t)) return SHORTHAND_NAMES[t] ?? `${HEAP_NAMES[t]!}ref`;
  if (t >= TYPED_REF_BASE) return `(ref ${isNullable(t) ? 'null ' : ''}${heapTypeName(heapTypeOf(t))})`;
  if (t === PackedType.i8) return 'i8';
  if (t === PackedType.i16) return 'i16';
  return `<type 0x${t.toString(16)}>`;
}
