/**
 * Value types are plain numbers so that validators and engines compare them without allocating.
 * WebAssembly 2.0 types use their one-byte binary codes. WebAssembly 3.0's typed references
 * (`(ref null? $t)`, abstract heap types) will be encoded as numbers at or above
 * {@link TYPED_REF_BASE}, packing the heap type and nullability, so a value type stays a number.
 */
export type ValType = number;

/** The value type codes of WebAssembly 2.0. */
export const ValType = {
  i32: 0x7f,
  i64: 0x7e,
  f32: 0x7d,
  f64: 0x7c,
  v128: 0x7b,
  funcref: 0x70,
  externref: 0x6f,
} as const;

/** Reserved start of the 3.0 typed-reference encoding space (see {@link ValType}). */
export const TYPED_REF_BASE = 0x10000;

/** Whether `t` is one of the numeric or vector types. */
export function isNumericOrVector(t: ValType): boolean {
  return t === ValType.i32 || t === ValType.i64 || t === ValType.f32 || t === ValType.f64 || t === ValType.v128;
}

/** Whether `t` is a reference type. */
export function isRefType(t: ValType): boolean {
  return t === ValType.funcref || t === ValType.externref;
}

/** Whether `code` is a value type byte that WebAssembly 2.0 defines. */
export function isValTypeCode(code: number): boolean {
  return isNumericOrVector(code) || isRefType(code);
}

/** The text-format name of a value type (`i32`, `funcref`, …). */
export function valTypeName(t: ValType): string {
  switch (t) {
    case ValType.i32: return 'i32';
    case ValType.i64: return 'i64';
    case ValType.f32: return 'f32';
    case ValType.f64: return 'f64';
    case ValType.v128: return 'v128';
    case ValType.funcref: return 'funcref';
    case ValType.externref: return 'externref';
    default: return `<type 0x${t.toString(16)}>`;
  }
}
