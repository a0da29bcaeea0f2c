/**
 * An {@link EngineAdapter} over any implementation of the standard WebAssembly JS API: Node's own
 * `WebAssembly` (the runner's self-check, see `native.ts`), or rt's `WebAssembly` from
 * `@rt/interp` once it exists (see `rt.ts`).
 *
 * Values are exact even though the JS API turns floats into JS numbers and refuses v128: calls and
 * global reads go through generated wrapper modules that pass floats and vectors as integers
 * (see `jsapi-wrap.ts`), and the types they need are read from the module's binary
 * (`jsapi-types.ts`), since the JS API has no type reflection.
 */
import type { EngineAdapter, GetResult, ImportRegistry, InstantiateResult, InvokeResult, RunFailure } from './adapter.js';
import type { Value, ValType } from '../values.js';
import { parseWat } from '@rt/text';
import { readExportTypes, type ExportTypes, type FuncType, type GlobalType } from './jsapi-types.js';
import { buildCallWrapper, buildGlobalGetter } from './jsapi-wrap.js';

type ErrorClass = abstract new (...args: never[]) => Error;

/** The part of the JS API namespace this adapter uses. */
export interface JsApi {
  readonly Module: {
    new (bytes: Uint8Array): object;
    imports(module: object): readonly { readonly module: string; readonly name: string }[];
  };
  readonly Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { readonly exports: Record<string, unknown> };
  readonly Global: abstract new (...args: never[]) => object;
  readonly CompileError: ErrorClass;
  readonly LinkError: ErrorClass;
  readonly RuntimeError: ErrorClass;
  /** 3.0's `WebAssembly.Exception`: an uncaught Wasm exception (engines without it lack it). */
  readonly Exception?: abstract new (...args: never[]) => object;
}

export interface JsApiOptions {
  readonly name: string;
  /** See {@link EngineAdapter.specMessages}. */
  readonly specMessages: boolean;
}

interface JsApiInstance {
  readonly exports: Record<string, unknown>;
  readonly types: ExportTypes;
}

/** The spectest host module, as real Wasm so that its exports carry exact types for linking. */
export const SPECTEST_WAT = `(module
  (func (export "print"))
  (func (export "print_i32") (param i32))
  (func (export "print_i64") (param i64))
  (func (export "print_f32") (param f32))
  (func (export "print_f64") (param f64))
  (func (export "print_i32_f32") (param i32 f32))
  (func (export "print_f64_f64") (param f64 f64))
  (global (export "global_i32") i32 (i32.const 666))
  (global (export "global_i64") i64 (i64.const 666))
  (global (export "global_f32") f32 (f32.const 666.6))
  (global (export "global_f64") f64 (f64.const 666.6))
  (table (export "table") 10 20 funcref)
  (memory (export "memory") 1 2)
)`;

/**
 * The spectest host module's 3.0 additions, hand-encoded (wabt 1.0.39 cannot write them):
 * `(table (export "table64") i64 10 20 funcref)`. Engines without table64 (Node 20's native one)
 * do not get it; a script importing it then fails to link, which is reported as such.
 */
export const SPECTEST_3_0 = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x04, 0x05, 0x01, 0x70, 0x05, 0x0a, 0x14, // table section: funcref, flags i64 + max, 10, 20
  0x07, 0x0b, 0x01, 0x07, ...[...'table64'].map((c) => c.charCodeAt(0)), 0x01, 0x00, // export "table64" table 0
]);

function typeKey(t: FuncType | GlobalType): string {
  return 'params' in t ? `${t.params.join(',')}->${t.results.join(',')}` : `${t.mutable ? 'mut ' : ''}${t.type}`;
}

/**
 * Classifies what a call or an instantiation threw. Stack exhaustion is V8's `RangeError`
 * ("Maximum call stack size exceeded"), or a `RuntimeError` with the spec's "call stack exhausted".
 */
function failure(api: JsApi, e: unknown): RunFailure {
  if (api.Exception !== undefined && e instanceof api.Exception) return { ok: false, kind: 'exception', message: 'uncaught exception' };
  if (e instanceof RangeError && /call stack/i.test(e.message)) return { ok: false, kind: 'exhaustion', message: e.message };
  if (e instanceof api.RuntimeError) {
    const kind = e.message.startsWith('call stack exhausted') ? 'exhaustion' : 'trap';
    return { ok: false, kind, message: e.message };
  }
  return { ok: false, kind: 'error', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
}

function isRef(v: Value): v is Extract<Value, { ref: unknown }> {
  return v.type === 'funcref' || v.type === 'externref';
}

const f32Bits = new Float32Array(1);
const f32U32 = new Uint32Array(f32Bits.buffer);
const f64Bits = new Float64Array(1);
const f64U64 = new BigUint64Array(f64Bits.buffer);

/** One value as the JS API converts it (floats as numbers: NaN payloads may change). */
function toDirect(v: Value): unknown {
  switch (v.type) {
    case 'f32':
      f32U32[0] = v.bits;
      return f32Bits[0];
    case 'f64':
      f64U64[0] = BigInt.asUintN(64, v.bits);
      return f64Bits[0];
    default:
      return toWire(v)[0];
  }
}

/** A result of a direct call back to a value. */
function fromDirect(t: ValType, r: unknown): Value {
  switch (t) {
    case 'f32':
      f32Bits[0] = r as number;
      return { type: 'f32', bits: f32U32[0]! };
    case 'f64':
      f64Bits[0] = r as number;
      return { type: 'f64', bits: f64U64[0]! };
    default:
      return fromWire(t, [r]);
  }
}

/** One value to its wire form (see jsapi-wrap.ts): the JS arguments for a wrapper. */
function toWire(v: Value): unknown[] {
  switch (v.type) {
    case 'i32':
    case 'f32':
      return [v.bits | 0];
    case 'i64':
    case 'f64':
      return [BigInt.asIntN(64, v.bits)];
    case 'v128': {
      const dv = new DataView(v.bytes.buffer, v.bytes.byteOffset, 16);
      return [dv.getBigInt64(0, true), dv.getBigInt64(8, true)];
    }
    case 'funcref':
      return [v.ref];
    case 'externref':
      return [v.ref === null ? null : hostValue(v.ref)];
  }
}

/**
 * The JavaScript value standing for the script's host value `N` (`(ref.extern N)`, `(ref.host N)`):
 * an object, the same for the same `N`, not the number itself, which 3.0's `anyref` would take
 * for an `i31`.
 */
const hostValues = new Map<number, object>();
const hostNumbers = new WeakMap<object, number>();
function hostValue(n: number): object {
  let o = hostValues.get(n);
  if (o === undefined) {
    o = Object.freeze({ host: n });
    hostValues.set(n, o);
    hostNumbers.set(o, n);
  }
  return o;
}

/** Wire-form results back to values; `wire` is consumed from the front. */
function fromWire(t: ValType, wire: unknown[]): Value {
  const next = (): unknown => wire.shift();
  switch (t) {
    case 'i32': return { type: 'i32', bits: (next() as number) >>> 0 };
    case 'f32': return { type: 'f32', bits: (next() as number) >>> 0 };
    case 'i64': return { type: 'i64', bits: BigInt.asUintN(64, next() as bigint) };
    case 'f64': return { type: 'f64', bits: BigInt.asUintN(64, next() as bigint) };
    case 'v128': {
      const bytes = new Uint8Array(16);
      const dv = new DataView(bytes.buffer);
      dv.setBigInt64(0, next() as bigint, true);
      dv.setBigInt64(8, next() as bigint, true);
      return { type: 'v128', bytes };
    }
    case 'funcref': {
      const r = next();
      return { type: 'funcref', ref: r === null ? null : (r as object) };
    }
    case 'externref': {
      const r = next();
      const host = typeof r === 'object' && r !== null ? hostNumbers.get(r) : undefined;
      return { type: 'externref', ref: r === null ? null : host ?? (r as number) };
    }
  }
}

class JsApiAdapter implements EngineAdapter<JsApiInstance> {
  readonly name: string;
  readonly specMessages: boolean;
  readonly exactBits = true;

  private spectestBytes: Uint8Array | undefined;
  private readonly wrapperModules = new Map<string, object>();
  /** Wrapped exports, by the export object (a function or a WebAssembly.Global). */
  private readonly wrapped = new WeakMap<object, (...args: unknown[]) => unknown>();

  constructor(
    private readonly api: JsApi,
    options: JsApiOptions,
  ) {
    this.name = options.name;
    this.specMessages = options.specMessages;
  }

  async createSpectest(): Promise<JsApiInstance> {
    this.spectestBytes ??= parseWat(SPECTEST_WAT);
    const r = this.instantiate(this.spectestBytes, new Map());
    if (!r.ok) throw new Error(`spectest module: ${r.message}`);
    const extra = this.instantiate(SPECTEST_3_0, new Map());
    if (!extra.ok) return r.instance;
    return { exports: { ...r.instance.exports, ...extra.instance.exports }, types: r.instance.types };
  }

  instantiate(bytes: Uint8Array, registry: ImportRegistry<JsApiInstance>): InstantiateResult<JsApiInstance> {
    const api = this.api;
    let module: object;
    try {
      module = new api.Module(bytes);
    } catch (e) {
      if (e instanceof api.CompileError) return { ok: false, kind: 'compile', message: e.message };
      return failure(api, e);
    }
    const imports: Record<string, Record<string, unknown>> = {};
    for (const imp of api.Module.imports(module)) {
      const value = registry.get(imp.module)?.exports[imp.name];
      if (value === undefined) return { ok: false, kind: 'link', message: `unknown import ${imp.module}.${imp.name}` };
      (imports[imp.module] ??= {})[imp.name] = value;
    }
    try {
      const instance = new api.Instance(module, imports);
      return { ok: true, instance: { exports: instance.exports, types: readExportTypes(bytes) } };
    } catch (e) {
      if (e instanceof api.LinkError) return { ok: false, kind: 'link', message: e.message };
      return failure(api, e);
    }
  }

  /** The wrapper of an export (function or global), built once per export object. */
  private wrapper(target: object, type: FuncType | GlobalType): (...args: unknown[]) => unknown {
    let fn = this.wrapped.get(target);
    if (fn) return fn;
    const isFunc = 'params' in type;
    const key = (isFunc ? 'f ' : 'g ') + typeKey(type);
    let module = this.wrapperModules.get(key);
    if (!module) {
      module = new this.api.Module(isFunc ? buildCallWrapper(type) : buildGlobalGetter(type));
      this.wrapperModules.set(key, module);
    }
    const field = isFunc ? 'f' : 'g';
    const instance = new this.api.Instance(module, { m: { [field]: target } });
    fn = instance.exports['w'] as (...args: unknown[]) => unknown;
    this.wrapped.set(target, fn);
    return fn;
  }

  invoke(instance: JsApiInstance, name: string, args: readonly Value[]): InvokeResult {
    const fn = instance.exports[name];
    const type = instance.types.funcs.get(name);
    if (typeof fn !== 'function' || !type) return { ok: false, kind: 'error', message: `no exported function "${name}"` };
    // A null argument goes to any reference parameter (3.0's `(ref.null ht)` of any heap type).
    const fits = (a: Value, t: ValType): boolean => a.type === t || (isRef(a) && a.ref === null && (t === 'funcref' || t === 'externref'));
    if (args.length !== type.params.length || args.some((a, i) => !fits(a, type.params[i]!))) {
      return { ok: false, kind: 'error', message: `arguments [${args.map((a) => a.type)}] do not match [${type.params}]` };
    }
    let raw: unknown;
    try {
      // A signature with 3.0 reference types cannot be repeated by a wrapper: call it directly.
      raw = type.typed ? (fn as (...a: unknown[]) => unknown)(...args.map(toDirect)) : this.wrapper(fn, type)(...args.flatMap(toWire));
    } catch (e) {
      return failure(this.api, e);
    }
    const wire = type.results.length === 0 ? [] : Array.isArray(raw) ? [...(raw as unknown[])] : [raw];
    if (type.typed) return { ok: true, values: type.results.map((t) => fromDirect(t, wire.shift())) };
    return { ok: true, values: type.results.map((t) => fromWire(t, wire)) };
  }

  getGlobal(instance: JsApiInstance, name: string): GetResult {
    const g = instance.exports[name];
    const type = instance.types.globals.get(name);
    if (!(g instanceof this.api.Global) || !type) return { ok: false, kind: 'error', message: `no exported global "${name}"` };
    try {
      if (type.typed) return { ok: true, value: fromDirect(type.type, (g as { value: unknown }).value) };
      const raw = this.wrapper(g, type)();
      const wire = Array.isArray(raw) ? [...(raw as unknown[])] : [raw];
      return { ok: true, value: fromWire(type.type, wire) };
    } catch (e) {
      return failure(this.api, e);
    }
  }
}

export function createJsApiAdapter(api: JsApi, options: JsApiOptions): EngineAdapter {
  return new JsApiAdapter(api, options) as EngineAdapter<JsApiInstance> as EngineAdapter;
}
