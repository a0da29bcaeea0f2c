/**
 * GC objects (WebAssembly 3.0): structs and arrays as plain JavaScript objects, so the JavaScript
 * collector reclaims them like any other object: frames, tables and globals hold them by reference
 * index (interned like externref values, released by `Store.collectExterns` once no table or
 * global holds them), fields and elements hold them as {@link Value}s (the objects themselves).
 *
 * `i31` references are no objects: a cell holds one as `0x80000000 | (value & 0x7fffffff)`
 * (a negative word, which no reference index is), and as a {@link Value} it is a JavaScript
 * number, as the JS API shows it.
 */
import type { ArrayType, StructType } from '@rt/binary';
import type { Value } from './values.js';

/** The runtime type of a struct or array: its definition and canonical ids of it and its supertypes. */
export class RuntimeType {
  /**
   * @param def - The struct or array definition (field storage types are the defining module's).
   * @param id - The store's canonical type id.
   * @param supers - Canonical ids of this type and every supertype (declared, transitively).
   */
  constructor(
    readonly def: StructType | ArrayType,
    readonly id: number,
    readonly supers: readonly number[],
  ) {}

  /** Whether the type is the type with canonical id `id` or one of its subtypes. */
  isSubtypeOf(id: number): boolean {
    return this.supers.includes(id);
  }
}

/** A struct instance. */
export class StructObject {
  /** @param rtt - Its type. @param fields - Field values (packed fields as unsigned numbers). */
  constructor(
    readonly rtt: RuntimeType,
    readonly fields: Value[],
  ) {}
}

/** An array instance. */
export class ArrayObject {
  /** @param rtt - Its type. @param elements - Element values (packed elements as unsigned numbers). */
  constructor(
    readonly rtt: RuntimeType,
    readonly elements: Value[],
  ) {}
}

/** Whether a cell word is an `i31` reference. */
export function isI31Word(word: number): boolean {
  return word < 0;
}

/** The cell word of `i31` value `v` (its low 31 bits). */
export function i31Word(v: number): number {
  return (v & 0x7fffffff) | 0x80000000;
}

/** The signed value of an `i31` cell word. */
export function i31Value(word: number): number {
  return (word << 1) >> 1;
}

/** Whether JavaScript value `v` is an `i31` when it enters Wasm as an `anyref` (an integer in −2^30 … 2^30−1). */
export function isI31Number(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= -0x40000000 && v < 0x40000000 && !Object.is(v, -0);
}
