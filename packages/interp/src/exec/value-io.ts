/**
 * Moving {@link Value}s between the API's JavaScript representation and the raw words of a
 * value cell (stack cell or global). Only used at boundaries (invoke, host calls, globals).
 */
import { HEAP_INDEX_BASE, HeapType, heapTypeOf, ValType } from '@rt/binary';
import type { FuncInstance } from '../runtime/func.js';
import type { Store } from '../runtime/store.js';
import { isFuncRefType, type Value } from '../runtime/values.js';
import { i31Value, i31Word, isI31Number } from '../runtime/gc.js';

const M32 = 0xffffffffn;

/** Reads the value of type `t` at word `w` of `I` (an Int32Array over a value cell store). */
export function readValue(store: Store, I: Int32Array, w: number, t: ValType): Value {
  switch (t) {
    case ValType.i32:
      return I[w]!;
    case ValType.f32:
      return I[w]! >>> 0;
    case ValType.i64:
      return (BigInt(I[w + 1]!) << 32n) | BigInt(I[w]! >>> 0);
    case ValType.f64:
      return (BigInt(I[w + 1]! >>> 0) << 32n) | BigInt(I[w]! >>> 0);
    case ValType.v128:
      return (
        (BigInt(I[w + 3]! >>> 0) << 96n) |
        (BigInt(I[w + 2]! >>> 0) << 64n) |
        (BigInt(I[w + 1]! >>> 0) << 32n) |
        BigInt(I[w]! >>> 0)
      );
    default: {
      const r = I[w]!;
      // An i31 (3.0's GC) is its number, also after `extern.convert_any`.
      return r < 0 ? i31Value(r) : store.deref(r);
    }
  }
}

function toBig(v: Value, what: string): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  throw new TypeError(`expected a bigint for ${what}, got ${typeof v}`);
}

function toNum(v: Value, what: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(BigInt.asUintN(32, v));
  throw new TypeError(`expected a number for ${what}, got ${typeof v}`);
}

/** Writes `v` (of type `t`) to the cell at word `w` of `I`. */
export function writeValue(store: Store, I: Int32Array, w: number, t: ValType, v: Value): void {
  switch (t) {
    case ValType.i32:
    case ValType.f32:
      I[w] = toNum(v, t === ValType.i32 ? 'i32' : 'f32 bits') | 0;
      return;
    case ValType.i64:
    case ValType.f64: {
      const b = toBig(v, t === ValType.i64 ? 'i64' : 'f64 bits');
      I[w] = Number(b & M32) | 0;
      I[w + 1] = Number((b >> 32n) & M32) | 0;
      return;
    }
    case ValType.v128: {
      const b = toBig(v, 'v128');
      for (let j = 0; j < 4; j++) I[w + j] = Number((b >> BigInt(32 * j)) & M32) | 0;
      return;
    }
    default: {
      // A defined type's reference is a function's only if it is a function instance.
      if (!isFuncRefType(t) || (heapTypeOf(t) >= HEAP_INDEX_BASE && !isFuncInstance(v))) {
        // A number that fits in 31 bits is an i31 in the `any` hierarchy (the JS API's rule).
        I[w] = isI31Number(v) && isAnyHierarchy(t) ? i31Word(v) : store.externRef(v);
        return;
      }
      if (v === null) I[w] = 0;
      else if (typeof v === 'object' && v !== null && 'ref' in v && typeof (v as { ref: unknown }).ref === 'number') {
        I[w] = (v as FuncInstance).ref;
        // Wherever the index goes next (a table, a global), it must not depend on the caller
        // still holding the function: strong until the next collection (see Store.collectFuncs).
        store.holdFunc(v as FuncInstance);
      } else throw new TypeError('expected a function instance or null for funcref');
    }
  }
}

/** Whether reference type `t` is in the `any` hierarchy (any, eq, i31, struct, array, none, defined GC types). */
function isAnyHierarchy(t: ValType): boolean {
  const h = heapTypeOf(t);
  return h !== HeapType.extern && h !== HeapType.noextern && h !== HeapType.exn && h !== HeapType.noexn && h !== HeapType.func && h !== HeapType.nofunc;
}

function isFuncInstance(v: Value): boolean {
  return typeof v === 'object' && v !== null && 'ref' in v && typeof (v as { ref: unknown }).ref === 'number';
}
