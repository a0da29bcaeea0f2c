import { AtomKind, type Atom } from '../lex/sexpr.js';
import { idName, type Cursor } from './cursor.js';

/** An encoded value type (its bytes in the binary format). */
export type Enc = readonly number[];

/** Resolves a type identifier or number to a type index. */
export type TypeResolver = (cur: Cursor, ref: Atom) => number;

const NUM_TYPES: Readonly<Record<string, number>> = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b };

/** Abstract heap types by keyword, with their binary codes. */
export const HEAP_TYPES: Readonly<Record<string, number>> = {
  func: 0x70, extern: 0x6f, any: 0x6e, eq: 0x6d, i31: 0x6c, struct: 0x6b, array: 0x6a, exn: 0x69,
  none: 0x71, nofunc: 0x73, noextern: 0x72, noexn: 0x74,
};

/** Nullable reference type shorthands (`funcref` = `(ref null func)`). */
export const REF_SHORTHANDS: Readonly<Record<string, number>> = {
  funcref: 0x70, externref: 0x6f, anyref: 0x6e, eqref: 0x6d, i31ref: 0x6c, structref: 0x6b,
  arrayref: 0x6a, exnref: 0x69, nullref: 0x71, nullfuncref: 0x73, nullexternref: 0x72, nullexnref: 0x74,
};

/** Encodes a type index as the signed 33-bit LEB128 of a heap type. */
export function s33(index: number): number[] {
  const out: number[] = [];
  let v = index;
  for (;;) {
    const b = v & 0x7f;
    v = Math.floor(v / 128);
    if (v === 0 && (b & 0x40) === 0) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/** Reads a heap type: an abstract keyword or a type index. */
export function heapType(cur: Cursor, resolve: TypeResolver): Enc {
  const n = cur.peek();
  if (n !== undefined && !n.list) {
    if (n.kind === AtomKind.Keyword) {
      const code = HEAP_TYPES[n.text];
      if (code === undefined) cur.failHere('unexpected token');
      cur.i++;
      return [code!];
    }
    if (n.kind === AtomKind.Id || n.kind === AtomKind.Number) {
      cur.i++;
      return s33(resolve(cur, n));
    }
  }
  return cur.failHere('unexpected token');
}

/** Whether the next item starts a reference type. */
export function peekRefType(cur: Cursor): boolean {
  const k = cur.peekKeyword();
  if (k !== null) return REF_SHORTHANDS[k] !== undefined;
  return cur.peekList('ref') !== null;
}

/** Reads a reference type; `nullable` reports whether it admits null. */
export function refType(cur: Cursor, resolve: TypeResolver, out?: { nullable: boolean; heap: Enc }): Enc {
  const k = cur.peekKeyword();
  if (k !== null) {
    const code = REF_SHORTHANDS[k];
    if (code === undefined) cur.failHere('unexpected token');
    cur.i++;
    if (out) {
      out.nullable = true;
      out.heap = [code!];
    }
    return [code!];
  }
  const list = cur.peekList('ref');
  if (list === null) return cur.failHere('unexpected token');
  cur.i++;
  const inner = cur.enter(list);
  const nullable = inner.eat('null');
  const heap = heapType(inner, resolve);
  inner.end();
  if (out) {
    out.nullable = nullable;
    out.heap = heap;
  }
  // Nullable abstract types have one-byte shorthands, which encoders use.
  if (nullable && heap.length === 1 && heap[0]! >= 0x69) return heap;
  return [nullable ? 0x63 : 0x64, ...heap];
}

/** Whether the next item starts a value type. */
export function peekValType(cur: Cursor): boolean {
  const k = cur.peekKeyword();
  if (k !== null) return NUM_TYPES[k] !== undefined || REF_SHORTHANDS[k] !== undefined;
  return cur.peekList('ref') !== null;
}

/** Reads a value type. */
export function valType(cur: Cursor, resolve: TypeResolver): Enc {
  const k = cur.peekKeyword();
  if (k !== null) {
    const code = NUM_TYPES[k];
    if (code !== undefined) {
      cur.i++;
      return [code];
    }
  }
  return refType(cur, resolve);
}

/** Reads a storage type (a value type, `i8` or `i16`). */
export function storageType(cur: Cursor, resolve: TypeResolver): Enc {
  if (cur.eat('i8')) return [0x78];
  if (cur.eat('i16')) return [0x77];
  return valType(cur, resolve);
}

/** Reads a field type: `t` or `(mut t)`, encoded with its mutability byte. */
export function fieldType(cur: Cursor, resolve: TypeResolver): Enc {
  const mut = cur.peekList('mut');
  if (mut !== null) {
    cur.i++;
    const inner = cur.enter(mut);
    const t = storageType(inner, resolve);
    inner.end();
    return [...t, 1];
  }
  return [...storageType(cur, resolve), 0];
}

/** Reads a global type: `t` or `(mut t)`. */
export function globalType(cur: Cursor, resolve: TypeResolver): Enc {
  const mut = cur.peekList('mut');
  if (mut !== null) {
    cur.i++;
    const inner = cur.enter(mut);
    const t = valType(inner, resolve);
    inner.end();
    return [...t, 1];
  }
  return [...valType(cur, resolve), 0];
}

/** The name of an identifier atom, for scopes. */
export function nameOf(cur: Cursor, a: Atom): string {
  return idName(cur.source, a);
}
