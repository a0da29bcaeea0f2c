/**
 * Bit-exact calls through the WebAssembly JS API.
 *
 * The JS API converts f32/f64 to JS numbers (NaN payloads may not survive) and refuses v128
 * altogether. So the adapter never calls an export directly: it calls a small generated
 * Wasm module that imports the export with its exact type and re-exports it with only
 * integer-typed floats and vectors:
 *
 * - f32 crosses as i32 and f64 as i64 (`reinterpret` inside Wasm, bits untouched);
 * - v128 crosses as two i64 (low half first), rebuilt with `i64x2.splat`/`replace_lane` and split
 *   with `i64x2.extract_lane`;
 * - i32, i64 and references cross unchanged.
 *
 * The same trick reads globals: a getter function that imports the global.
 */
import type { ValType } from '../values.js';
import { VALTYPE_CODES, type FuncType, type GlobalType } from './jsapi-types.js';

/** How a value type crosses the JS boundary in a wrapper. */
export function wireTypes(t: ValType): ValType[] {
  switch (t) {
    case 'f32': return ['i32'];
    case 'f64': return ['i64'];
    case 'v128': return ['i64', 'i64'];
    default: return [t];
  }
}

function u32(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function vec(items: number[][]): number[] {
  return [...u32(items.length), ...items.flat()];
}

function name(s: string): number[] {
  const b = [...new TextEncoder().encode(s)];
  return [...u32(b.length), ...b];
}

function section(id: number, content: number[]): number[] {
  return [id, ...u32(content.length), ...content];
}

function funcType(params: readonly ValType[], results: readonly ValType[]): number[] {
  return [0x60, ...vec(params.map((t) => [VALTYPE_CODES[t]])), ...vec(results.map((t) => [VALTYPE_CODES[t]]))];
}

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const SIMD = 0xfd;
const I64X2_SPLAT = 18;
const I64X2_EXTRACT_LANE = 29;
const I64X2_REPLACE_LANE = 30;

/** Converts the value in local `l` of type `t` to its wire form on the stack. */
function toWire(t: ValType, l: number): number[] {
  const get = [0x20, ...u32(l)];
  switch (t) {
    case 'f32': return [...get, 0xbc]; // i32.reinterpret_f32
    case 'f64': return [...get, 0xbd]; // i64.reinterpret_f64
    case 'v128': return [...get, SIMD, ...u32(I64X2_EXTRACT_LANE), 0, ...get, SIMD, ...u32(I64X2_EXTRACT_LANE), 1];
    default: return get;
  }
}

/**
 * A module importing `m.f` of type `type` and exporting `w`, the same function with wire-typed
 * parameters and results.
 */
export function buildCallWrapper(type: FuncType): Uint8Array {
  const wireParams = type.params.flatMap(wireTypes);
  const wireResults = type.results.flatMap(wireTypes);
  const body: number[] = [];
  // Parameters: wire form to the original type.
  let w = 0;
  for (const t of type.params) {
    const get = (i: number): number[] => [0x20, ...u32(i)];
    switch (t) {
      case 'f32': body.push(...get(w++), 0xbe); break; // f32.reinterpret_i32
      case 'f64': body.push(...get(w++), 0xbf); break; // f64.reinterpret_i64
      case 'v128':
        body.push(...get(w++), SIMD, ...u32(I64X2_SPLAT), ...get(w++), SIMD, ...u32(I64X2_REPLACE_LANE), 1);
        break;
      default: body.push(...get(w++));
    }
  }
  body.push(0x10, 0); // call the import
  // Results: park them in locals (last result is on top), then push their wire forms in order.
  const firstLocal = wireParams.length;
  for (let i = type.results.length - 1; i >= 0; i--) body.push(0x21, ...u32(firstLocal + i));
  type.results.forEach((t, i) => body.push(...toWire(t, firstLocal + i)));
  body.push(0x0b);
  const locals = vec(type.results.map((t) => [1, VALTYPE_CODES[t]]));
  const code = [...locals, ...body];
  return Uint8Array.from([
    ...HEADER,
    ...section(1, vec([funcType(type.params, type.results), funcType(wireParams, wireResults)])),
    ...section(2, vec([[...name('m'), ...name('f'), 0x00, 0]])),
    ...section(3, vec([[1]])),
    ...section(7, vec([[...name('w'), 0x00, 1]])),
    ...section(10, vec([[...u32(code.length), ...code]])),
  ]);
}

/** A module importing global `m.g` of type `type` and exporting `w`, a getter of its wire form. */
export function buildGlobalGetter(type: GlobalType): Uint8Array {
  const wire = wireTypes(type.type);
  // global.get into a local, then the same conversion as for results.
  const body = [0x23, 0, 0x21, 0, ...toWire(type.type, 0), 0x0b];
  const code = [...vec([[1, VALTYPE_CODES[type.type]]]), ...body];
  return Uint8Array.from([
    ...HEADER,
    ...section(1, vec([funcType([], wire)])),
    ...section(2, vec([[...name('m'), ...name('g'), 0x03, VALTYPE_CODES[type.type], type.mutable ? 1 : 0]])),
    ...section(3, vec([[0]])),
    ...section(7, vec([[...name('w'), 0x00, 0]])),
    ...section(10, vec([[...u32(code.length), ...code]])),
  ]);
}
