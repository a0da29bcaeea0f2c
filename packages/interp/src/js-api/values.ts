/**
 * Value conversions at the JS API boundary: `ToWebAssemblyValue` and `ToJSValue` of the
 * WebAssembly JS API specification, to and from the core's exact {@link Value} representation
 * (floats as bit patterns, i64 as a signed BigInt, references as function instances or host values).
 */
import { HeapType, heapTypeIndex, heapTypeOf, isNullable, isRefType, ValType } from '@rt/binary';
import { ArrayObject, isI31Number, StructObject } from '../runtime/gc.js';
import type { ModuleInstance } from '../runtime/instance.js';
import type { FuncInstance } from '../runtime/func.js';
import { f32FromBits, f32ToBits, f64FromBits, f64ToBits, isFuncRefType, type Value } from '../runtime/values.js';
import { exportedFunction, funcInstanceOf } from './functions.js';
import { gcObjectFromJs, gcObjectToJs, isGcObject } from './gc-objects.js';

/**
 * The value type names of the JS API (`GlobalDescriptor.value`): `'anyfunc'` is the older
 * spelling of `'funcref'`.
 */
export type ValueTypeName = 'i32' | 'i64' | 'f32' | 'f64' | 'v128' | 'externref' | 'funcref' | 'anyfunc';

/** The reference type names a table may hold (`TableDescriptor.element`). */
export type TableKindName = 'anyfunc' | 'funcref' | 'externref';

const TYPE_BY_NAME: Readonly<Record<string, ValType>> = {
  i32: ValType.i32,
  i64: ValType.i64,
  f32: ValType.f32,
  f64: ValType.f64,
  v128: ValType.v128,
  externref: ValType.externref,
  funcref: ValType.funcref,
  anyfunc: ValType.funcref,
};

/** The value type named `name` (ToString'd), or a `TypeError`. */
export function valueTypeFromName(name: unknown, what: string): ValType {
  const s = String(name);
  const t = Object.prototype.hasOwnProperty.call(TYPE_BY_NAME, s) ? TYPE_BY_NAME[s] : undefined;
  if (t === undefined) throw new TypeError(`${what} must be a WebAssembly value type, got "${s}"`);
  return t;
}

/** The reference type named `name` (`anyfunc`, `funcref`, `externref`), or a `TypeError`. */
export function refTypeFromName(name: unknown, what: string): ValType {
  const s = String(name);
  if (s === 'anyfunc' || s === 'funcref') return ValType.funcref;
  if (s === 'externref') return ValType.externref;
  throw new TypeError(`${what} must be "anyfunc", "funcref" or "externref", got "${s}"`);
}

/**
 * Stands for the externref `-0` in the core: the store interns externref values in a `Map`,
 * which does not tell `-0` from `0`; the JS API must give `-0` back as `-0`.
 */
const MINUS_ZERO: unique symbol = Symbol('-0');

/**
 * ToWebAssemblyValue: `v` as a value of type `t`.
 *
 * - i32: ToInt32 (so `"7"`, `true`, `undefined` → 0 all convert; a BigInt is a `TypeError`);
 * - i64: ToBigInt64 (a Number is a `TypeError`, as are `undefined` and `null`);
 * - f32: ToNumber then rounded to f32; f64: ToNumber;
 * - funcref: `null` or a function exported by a WebAssembly instance, else `TypeError`;
 * - externref: any value (`null` is the null reference);
 * - v128: always a `TypeError`;
 * - 3.0's reference types: see {@link toWasmReference}.
 *
 * @param scope - The module instance whose type section `t`'s type indices refer to, when known
 *   (an exported Wasm function's own instance): a value of a concrete type `(ref $t)` is then
 *   checked against `$t`, as the spec's ToWebAssemblyValue does.
 */
export function toWasmValue(v: unknown, t: ValType, scope?: ModuleInstance): Value {
  switch (t) {
    case ValType.i32:
      return (v as number) | 0;
    case ValType.i64:
      return BigInt.asIntN(64, v as bigint); // BigInt.asIntN applies ToBigInt: Number → TypeError
    case ValType.f32:
      return f32ToBits(+(v as number));
    case ValType.f64:
      return f64ToBits(+(v as number));
    case ValType.funcref: {
      if (v === null) return null;
      const f = funcInstanceOf(v);
      if (f === undefined) throw new TypeError('a funcref must be null or a function exported by a WebAssembly instance');
      return f;
    }
    case ValType.externref:
      return Object.is(v, -0) ? MINUS_ZERO : gcObjectFromJs(v);
    case ValType.v128:
      throw new TypeError('a v128 value cannot cross the JavaScript boundary');
    default:
      return toWasmReference(gcObjectFromJs(v), t, scope);
  }
}

/**
 * ToWebAssemblyValue for 3.0's reference types (typed function references, `exnref`, GC): `null`
 * only for nullable types; `anyref` takes any value (a number in the i31 range becomes an i31,
 * anything else a host value, as `any.convert_extern` makes); `eqref` only GC objects and
 * i31 numbers; `structref`, `arrayref`, `i31ref` only those; a concrete type (when `scope`
 * says what it is) only a struct, array or function of that type or a subtype. Anything else is
 * a `TypeError`.
 */
function toWasmReference(v: unknown, t: ValType, scope?: ModuleInstance): Value {
  if (!isRefType(t)) throw new TypeError(`unsupported value type 0x${t.toString(16)}`);
  if (v === null) {
    if (!isNullable(t)) throw new TypeError('null is not a value of a non-nullable reference type');
    return null;
  }
  const h = heapTypeOf(t);
  if (h === HeapType.exn || h === HeapType.noexn) throw new TypeError('an exnref value cannot cross the JavaScript boundary');
  if (h === HeapType.noextern || h === HeapType.nofunc || h === HeapType.none) throw new TypeError('only null is a value of a bottom reference type');
  const x = heapTypeIndex(h);
  if (x >= 0 && scope !== undefined && x < scope.typeIds.length) return concreteReference(v, x, scope);
  if (isFuncRefType(t)) {
    const f = funcInstanceOf(v);
    if (f !== undefined) return f;
    // A defined type may be a struct or array type: its values are GC objects (opaque to JS).
    if (heapTypeIndex(h) >= 0 && (v instanceof StructObject || v instanceof ArrayObject)) return v;
    throw new TypeError('a function reference must be a function exported by a WebAssembly instance');
  }
  const gc = v instanceof StructObject || v instanceof ArrayObject;
  switch (h) {
    case HeapType.eq:
      if (!gc && !isI31Number(v)) throw new TypeError('an eqref must be a struct, an array or an integer in the i31 range');
      break;
    case HeapType.struct:
      if (!(v instanceof StructObject)) throw new TypeError('a structref must be a struct');
      break;
    case HeapType.array:
      if (!(v instanceof ArrayObject)) throw new TypeError('an arrayref must be an array');
      break;
    case HeapType.i31:
      if (!isI31Number(v)) throw new TypeError('an i31ref must be an integer from -2^30 to 2^30 - 1');
      break;
  }
  return Object.is(v, -0) ? MINUS_ZERO : v;
}

/** A value of concrete type `x` of `scope`'s module: a struct or array of that type, or a function. */
function concreteReference(v: unknown, x: number, scope: ModuleInstance): Value {
  const id = scope.typeIds[x]!;
  if (scope.rtts[x] !== undefined) {
    if ((v instanceof StructObject || v instanceof ArrayObject) && v.rtt.isSubtypeOf(id)) return v;
    throw new TypeError(`the value is not a struct or array of type ${x} or a subtype`);
  }
  const f = funcInstanceOf(v) as { typeId?: unknown } | undefined;
  if (f !== undefined && typeof f.typeId === 'number' && scope.store.isFuncSubtype(f.typeId, id)) return f as FuncInstance;
  throw new TypeError(`the value is not a function of type ${x} or a subtype`);
}

/** ToJSValue: the JavaScript value of a core value `v` of type `t` (`TypeError` for v128). */
export function toJsValue(v: Value, t: ValType): unknown {
  switch (t) {
    case ValType.i32:
    case ValType.i64:
      return v;
    case ValType.f32:
      return f32FromBits(v as number);
    case ValType.f64:
      return f64FromBits(v as bigint);
    case ValType.funcref:
      return v === null ? null : exportedFunction(v as FuncInstance);
    case ValType.externref:
      return v === MINUS_ZERO ? -0 : isGcObject(v) ? gcObjectToJs(v) : v;
    case ValType.v128:
      throw new TypeError('a v128 value cannot cross the JavaScript boundary');
    default: {
      if (!isRefType(t)) throw new TypeError(`unsupported value type 0x${t.toString(16)}`);
      if (v === null) return null;
      const h = heapTypeOf(t);
      if (h === HeapType.exn || h === HeapType.noexn) throw new TypeError('an exnref value cannot cross the JavaScript boundary');
      if (isGcObject(v)) return gcObjectToJs(v);
      if (isFuncRefType(t)) return exportedFunction(v as FuncInstance);
      return v === MINUS_ZERO ? -0 : v;
    }
  }
}

/**
 * DefaultValue of the JS API: the value of an omitted argument (`undefined` for externref, `null`
 * for every other reference type, which a non-nullable one then rejects with a `TypeError`, else 0).
 */
export function defaultValue(t: ValType): unknown {
  switch (t) {
    case ValType.i64:
      return 0n;
    case ValType.externref:
      return undefined;
    default:
      return isRefType(t) ? null : 0;
  }
}
