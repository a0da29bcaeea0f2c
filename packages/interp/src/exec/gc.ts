/**
 * The GC instructions (WebAssembly 3.0) in the interpreter: one lowered instruction
 * `[GC, opcode, immIndex, dst, n, in_0 … in_{n-1}]` per GC instruction (operands and destination
 * as frame words, immediates read from the module's instruction stream at `immIndex`), executed
 * here. Objects are {@link StructObject}s and {@link ArrayObject}s (see `runtime/gc.ts`).
 */
import {
  HeapType, heapTypeIndex, heapTypeOf, isNullable, isRefType, PackedType, ValType, type Module, type ValType as ValTypeT,
} from '@rt/binary';
import { ArrayObject, i31Value, i31Word, isI31Number, RuntimeType, StructObject } from '../runtime/gc.js';
import type { ModuleInstance } from '../runtime/instance.js';
import type { Store } from '../runtime/store.js';
import { Trap } from '../runtime/trap.js';
import type { Value } from '../runtime/values.js';
import { readValue, writeValue } from './value-io.js';

/** The GC opcodes' ids (`0xFB n` is `0x400 + n`). */
const G = 0x400;

/** The runtime types of a module's struct and array types, given the store's canonical ids of all its types. */
export function runtimeTypes(m: Module, typeIds: Int32Array): (RuntimeType | undefined)[] {
  const supersOf = (x: number): number[] => {
    const out = [typeIds[x]!];
    for (const s of m.types[x]?.sub?.supertypes ?? []) if (s < x) out.push(...supersOf(s));
    return out;
  };
  return m.types.map((t, x) => (t.kind === 'func' ? undefined : new RuntimeType(t, typeIds[x]!, supersOf(x))));
}

/** Canonical ids of a function type and its declared supertypes (for casts and `call_indirect`), by module. */
export function funcSupertypes(m: Module, typeIds: Int32Array, x: number): number[] {
  const out = [typeIds[x]!];
  for (const s of m.types[x]?.sub?.supertypes ?? []) if (s < x) out.push(...funcSupertypes(m, typeIds, s));
  return out;
}

/** How many operands GC instruction `op` (immediates at `k` of `m`'s stream) pops. */
export function gcInputCount(m: Module, op: number, k: number): number {
  const imms = m.instructions.imms;
  switch (op - G) {
    case 0: { const t = m.types[imms[k]!]; return t?.kind === 'struct' ? t.fields.length : 0; }
    case 1: return 0;
    case 8: return imms[k + 1]!;
    case 2: case 3: case 4: case 7: case 15: case 20: case 21: case 22: case 23: case 24: case 25: case 26: case 27: case 28: case 29: case 30:
      return 1;
    case 5: case 6: case 9: case 10: case 11: case 12: case 13: return 2;
    case 14: return 3;
    case 16: case 18: case 19: return 4;
    case 17: return 5;
    default: return 2; // ref.eq
  }
}

/** Whether GC instruction `op` pushes a result. */
export function gcHasResult(op: number): boolean {
  const n = op - G;
  return !(n === 5 || n === 14 || n === 16 || n === 17 || n === 18 || n === 19);
}

/** A field's value from a cell (packed: the low bits of the i32). */
function readField(store: Store, I: Int32Array, w: number, t: ValTypeT): Value {
  if (t === PackedType.i8) return I[w]! & 0xff;
  if (t === PackedType.i16) return I[w]! & 0xffff;
  return readValue(store, I, w, t);
}

/** A field's value to a cell, `signed` for `get_s` of a packed field. */
function writeField(store: Store, I: Int32Array, w: number, t: ValTypeT, v: Value, signed: boolean): void {
  if (t === PackedType.i8) I[w] = signed ? ((v as number) << 24) >> 24 : (v as number);
  else if (t === PackedType.i16) I[w] = signed ? ((v as number) << 16) >> 16 : (v as number);
  else writeValue(store, I, w, t, v);
}

/** The default value of a field of storage type `t` (0 of its kind, or null). */
export function defaultField(t: ValTypeT): Value {
  switch (t) {
    case ValType.i64: case ValType.f64: case ValType.v128: return 0n;
    default: return isRefType(t) ? null : 0;
  }
}

/** Bytes per element of a numeric or vector storage type. */
function elemSize(t: ValTypeT): number {
  switch (t) {
    case PackedType.i8: return 1;
    case PackedType.i16: return 2;
    case ValType.i64: case ValType.f64: return 8;
    case ValType.v128: return 16;
    default: return 4;
  }
}

/** The element of storage type `t` at byte `at` of `bytes` (little-endian). */
function dataElement(bytes: Uint8Array, at: number, t: ValTypeT): Value {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (t) {
    case PackedType.i8: return dv.getUint8(at);
    case PackedType.i16: return dv.getUint16(at, true);
    case ValType.i32: return dv.getInt32(at, true);
    case ValType.f32: return dv.getUint32(at, true);
    case ValType.i64: return dv.getBigInt64(at, true);
    case ValType.f64: return dv.getBigUint64(at, true);
    default: return dv.getBigUint64(at, true) | (dv.getBigUint64(at + 8, true) << 64n);
  }
}

function trap(message: string): never {
  throw new Trap(message);
}

function structAt(store: Store, word: number): StructObject {
  if (word === 0) trap('null structure reference');
  return store.deref(word) as StructObject;
}

function arrayAt(store: Store, word: number): ArrayObject {
  if (word === 0) trap('null array reference');
  return store.deref(word) as ArrayObject;
}

/** Whether the reference in cell word `word` has reference type `t` (a type of `inst`'s module). */
export function refTest(store: Store, inst: ModuleInstance, word: number, t: ValTypeT): boolean {
  if (word === 0) return isNullable(t);
  const h = heapTypeOf(t);
  // An i31 (also one `extern.convert_any` made an externref).
  if (word < 0) return h === HeapType.any || h === HeapType.eq || h === HeapType.i31 || h === HeapType.extern;
  const v = store.deref(word);
  const x = heapTypeIndex(h);
  if (x >= 0) {
    const id = inst.typeIds[x]!;
    if (v instanceof StructObject || v instanceof ArrayObject) return v.rtt.isSubtypeOf(id);
    const f = v as { typeId?: unknown };
    return typeof f.typeId === 'number' && store.isFuncSubtype(f.typeId, id);
  }
  switch (h) {
    case HeapType.eq: return v instanceof StructObject || v instanceof ArrayObject;
    case HeapType.struct: return v instanceof StructObject;
    case HeapType.array: return v instanceof ArrayObject;
    case HeapType.any: case HeapType.func: case HeapType.extern: case HeapType.exn: return true;
    default: return false;
  }
}

/** `any.convert_extern` of cell word `word`: a host number that fits in 31 bits becomes an i31. */
function internalize(store: Store, word: number): number {
  if (word <= 0) return word;
  const v = store.deref(word);
  return isI31Number(v) ? i31Word(v) : word;
}

/** Runs the lowered GC instruction at `pc` of `code` in the frame at word `fp`. */
export function execGc(store: Store, inst: ModuleInstance, code: Int32Array, pc: number, fp: number): void {
  const I = store.stack.i32;
  const op = code[pc + 1]!;
  const k = code[pc + 2]!;
  const dst = fp + code[pc + 3]!;
  const m = inst.module.module;
  const imms = m.instructions.imms;
  const w = (j: number): number => fp + code[pc + 5 + j]!;
  const u = (j: number): number => I[w(j)]! >>> 0;
  switch (op - G) {
    case 0: case 1: { // struct.new, struct.new_default
      const x = imms[k]!;
      const rtt = inst.rtts[x]!;
      const fields = (rtt.def as { fields: readonly { type: ValTypeT }[] }).fields;
      const values = fields.map((f, j) => (op === G ? readField(store, I, w(j), f.type) : defaultField(f.type)));
      I[dst] = store.externRef(new StructObject(rtt, values));
      return;
    }
    case 2: case 3: case 4: { // struct.get, struct.get_s, struct.get_u
      const s = structAt(store, I[w(0)]!);
      const f = imms[k + 1]!;
      writeField(store, I, dst, (s.rtt.def as { fields: readonly { type: ValTypeT }[] }).fields[f]!.type, s.fields[f]!, op === G + 3);
      return;
    }
    case 5: { // struct.set
      const s = structAt(store, I[w(0)]!);
      const f = imms[k + 1]!;
      s.fields[f] = readField(store, I, w(1), (s.rtt.def as { fields: readonly { type: ValTypeT }[] }).fields[f]!.type);
      return;
    }
    case 6: case 7: case 8: case 9: case 10: { // array.new, _default, _fixed, _data, _elem
      const x = imms[k]!;
      const rtt = inst.rtts[x]!;
      const t = (rtt.def as { element: { type: ValTypeT } }).element.type;
      let values: Value[];
      if (op === G + 6) values = new Array<Value>(u(1)).fill(readField(store, I, w(0), t));
      else if (op === G + 7) values = new Array<Value>(u(0)).fill(defaultField(t));
      else if (op === G + 8) values = Array.from({ length: imms[k + 1]! }, (_, j) => readField(store, I, w(j), t));
      else if (op === G + 9) {
        const bytes = inst.datas[imms[k + 1]!] ?? new Uint8Array(0);
        const at = u(0);
        const n = u(1);
        const size = elemSize(t);
        if (at + n * size > bytes.length) trap('out of bounds memory access');
        values = Array.from({ length: n }, (_, j) => dataElement(bytes, at + j * size, t));
      } else {
        const elems = inst.elems[imms[k + 1]!] ?? [];
        const at = u(0);
        const n = u(1);
        if (at + n > elems.length) trap('out of bounds table access');
        values = elems.slice(at, at + n).map((ref) => refValue(store, ref));
      }
      I[dst] = store.externRef(new ArrayObject(rtt, values));
      return;
    }
    case 11: case 12: case 13: { // array.get, array.get_s, array.get_u
      const a = arrayAt(store, I[w(0)]!);
      const i = u(1);
      if (i >= a.elements.length) trap('out of bounds array access');
      writeField(store, I, dst, (a.rtt.def as { element: { type: ValTypeT } }).element.type, a.elements[i]!, op === G + 12);
      return;
    }
    case 14: { // array.set
      const a = arrayAt(store, I[w(0)]!);
      const i = u(1);
      if (i >= a.elements.length) trap('out of bounds array access');
      a.elements[i] = readField(store, I, w(2), (a.rtt.def as { element: { type: ValTypeT } }).element.type);
      return;
    }
    case 15: // array.len
      I[dst] = arrayAt(store, I[w(0)]!).elements.length;
      return;
    case 16: { // array.fill a i v n
      const a = arrayAt(store, I[w(0)]!);
      const i = u(1);
      const n = u(3);
      if (i + n > a.elements.length) trap('out of bounds array access');
      a.elements.fill(readField(store, I, w(2), (a.rtt.def as { element: { type: ValTypeT } }).element.type), i, i + n);
      return;
    }
    case 17: { // array.copy dst di src si n
      const d = arrayAt(store, I[w(0)]!);
      const di = u(1);
      const s = arrayAt(store, I[w(2)]!);
      const si = u(3);
      const n = u(4);
      if (di + n > d.elements.length || si + n > s.elements.length) trap('out of bounds array access');
      const part = s.elements.slice(si, si + n);
      for (let j = 0; j < n; j++) d.elements[di + j] = part[j]!;
      return;
    }
    case 18: case 19: { // array.init_data, array.init_elem: a di si n
      const a = arrayAt(store, I[w(0)]!);
      const di = u(1);
      const si = u(2);
      const n = u(3);
      const t = (a.rtt.def as { element: { type: ValTypeT } }).element.type;
      if (di + n > a.elements.length) trap('out of bounds array access');
      if (op === G + 18) {
        const bytes = inst.datas[imms[k + 1]!] ?? new Uint8Array(0);
        const size = elemSize(t);
        if (si + n * size > bytes.length) trap('out of bounds memory access');
        for (let j = 0; j < n; j++) a.elements[di + j] = dataElement(bytes, si + j * size, t);
      } else {
        const elems = inst.elems[imms[k + 1]!] ?? [];
        if (si + n > elems.length) trap('out of bounds table access');
        for (let j = 0; j < n; j++) a.elements[di + j] = refValue(store, elems[si + j]!);
      }
      return;
    }
    case 20: case 21: // ref.test
      I[dst] = refTest(store, inst, I[w(0)]!, imms[k]!) ? 1 : 0;
      return;
    case 22: case 23: { // ref.cast
      const word = I[w(0)]!;
      if (!refTest(store, inst, word, imms[k]!)) trap('cast failure');
      I[dst] = word;
      return;
    }
    case 24: case 25: // br_on_cast, br_on_cast_fail: the test, for the branch that follows
      I[dst] = refTest(store, inst, I[w(0)]!, imms[k + 3]!) ? 1 : 0;
      return;
    case 26: // any.convert_extern
      I[dst] = internalize(store, I[w(0)]!);
      return;
    case 27: // extern.convert_any
      I[dst] = I[w(0)]!;
      return;
    case 28: // ref.i31
      I[dst] = i31Word(I[w(0)]!);
      return;
    case 29: case 30: { // i31.get_s, i31.get_u
      const word = I[w(0)]!;
      if (word === 0) trap('null i31 reference');
      I[dst] = op === G + 29 ? i31Value(word) : word & 0x7fffffff;
      return;
    }
    default: // ref.eq
      I[dst] = I[w(0)] === I[w(1)] ? 1 : 0;
  }
}

/** The {@link Value} of reference index (or i31 word) `ref`. */
function refValue(store: Store, ref: number): Value {
  return ref < 0 ? i31Value(ref) : store.deref(ref);
}

/**
 * Evaluates a GC constant instruction (`struct.new`, `array.new_fixed`, `ref.i31`, …) of a
 * constant expression on its stack of 4-word cells; returns `false` for any other instruction.
 */
export function evalGcConst(inst: ModuleInstance, op: number, k: number, stack: Int32Array[]): boolean {
  const store = inst.store;
  const m = inst.module.module;
  const imms = m.instructions.imms;
  const cell = (): Int32Array => new Int32Array(4);
  switch (op - G) {
    case 0: case 1: case 6: case 7: case 8: {
      const x = imms[k]!;
      const n = op === G ? gcInputCount(m, op, k) : op === G + 6 ? 2 : op === G + 7 ? 1 : op === G + 8 ? imms[k + 1]! : 0;
      const args = stack.splice(stack.length - n, n);
      // Lay the operands out as a frame and run the instruction itself.
      const base = store.stackTop * 4;
      const I = store.stack.i32;
      args.forEach((a, j) => I.set(a, base + 4 * j));
      const code = new Int32Array([0, op, k, 4 * n, n, ...args.map((_, j) => 4 * j)]);
      execGc(store, inst, code, 0, base);
      const out = cell();
      out.set(I.subarray(base + 4 * n, base + 4 * n + 4));
      stack.push(out);
      void x;
      return true;
    }
    case 26: case 27: case 28: {
      const a = stack.pop()!;
      const out = cell();
      out[0] = op === G + 28 ? i31Word(a[0]!) : op === G + 26 ? internalize(store, a[0]!) : a[0]!;
      stack.push(out);
      return true;
    }
  }
  return false;
}
