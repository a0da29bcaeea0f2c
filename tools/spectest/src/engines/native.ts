/**
 * An {@link EngineAdapter} over Node's own `WebAssembly`: a self-check of the runner.
 *
 * Running the whole suite against a mature engine tests the reader, the constant parsing, the
 * result matching and the bookkeeping end to end, before rt's engine exists. Values are exact:
 * floats and vectors cross through generated wrapper modules (see `native-wrap.ts`). What is only
 * approximate is the failure messages: V8 words traps and link errors its own way, so this adapter
 * declares `specMessages: false` and the runner compares only the kind of failure.
 */
import type { EngineAdapter, GetResult, ImportRegistry, InstantiateResult, InvokeResult, RunFailure } from './adapter.js';
import type { Value, ValType } from '../values.js';
import { watToBinary } from '../wabt.js';
import { readExportTypes, type ExportTypes, type FuncType, type GlobalType } from './native-types.js';
import { buildCallWrapper, buildGlobalGetter } from './native-wrap.js';

interface NativeInstance {
  readonly exports: WebAssembly.Exports;
  readonly types: ExportTypes;
}

/** The spectest host module, as real Wasm so that its exports carry exact types for linking. */
const SPECTEST_WAT = `(module
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

function typeKey(t: FuncType | GlobalType): string {
  return 'params' in t ? `${t.params.join(',')}->${t.results.join(',')}` : `${t.mutable ? 'mut ' : ''}${t.type}`;
}

/** Classifies what a native call or instantiation threw. */
function failure(e: unknown): RunFailure {
  if (e instanceof WebAssembly.RuntimeError) return { ok: false, kind: 'trap', message: e.message };
  if (e instanceof RangeError && /call stack/i.test(e.message)) return { ok: false, kind: 'exhaustion', message: e.message };
  return { ok: false, kind: 'error', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
}

/** One value to its wire form (see native-wrap.ts): the JS arguments for a wrapper. */
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
    case 'externref':
      return [v.ref];
  }
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
      return { type: 'externref', ref: r === null ? null : (r as number) };
    }
  }
}

class NativeAdapter implements EngineAdapter<NativeInstance> {
  readonly name = 'native';
  readonly specMessages = false;
  readonly exactBits = true;

  private spectestBytes: Uint8Array | undefined;
  private readonly wrapperModules = new Map<string, WebAssembly.Module>();
  /** Wrapped exports, by the export object (a function or a WebAssembly.Global). */
  private readonly wrapped = new WeakMap<object, (...args: unknown[]) => unknown>();

  async createSpectest(): Promise<NativeInstance> {
    this.spectestBytes ??= await watToBinary(SPECTEST_WAT, 'spectest.wat');
    const r = this.instantiate(this.spectestBytes, new Map());
    if (!r.ok) throw new Error(`spectest module: ${r.message}`);
    return r.instance;
  }

  instantiate(bytes: Uint8Array, registry: ImportRegistry<NativeInstance>): InstantiateResult<NativeInstance> {
    let module: WebAssembly.Module;
    try {
      module = new WebAssembly.Module(bytes);
    } catch (e) {
      return { ok: false, kind: 'compile', message: e instanceof Error ? e.message : String(e) };
    }
    const imports: Record<string, Record<string, WebAssembly.ImportValue>> = {};
    for (const imp of WebAssembly.Module.imports(module)) {
      const value = registry.get(imp.module)?.exports[imp.name];
      if (value === undefined) return { ok: false, kind: 'link', message: `unknown import ${imp.module}.${imp.name}` };
      (imports[imp.module] ??= {})[imp.name] = value;
    }
    try {
      const instance = new WebAssembly.Instance(module, imports);
      return { ok: true, instance: { exports: instance.exports, types: readExportTypes(bytes) } };
    } catch (e) {
      if (e instanceof WebAssembly.LinkError) return { ok: false, kind: 'link', message: e.message };
      return failure(e);
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
      module = new WebAssembly.Module(isFunc ? buildCallWrapper(type) : buildGlobalGetter(type));
      this.wrapperModules.set(key, module);
    }
    const field = isFunc ? 'f' : 'g';
    const instance = new WebAssembly.Instance(module, { m: { [field]: target as WebAssembly.ImportValue } });
    fn = instance.exports['w'] as (...args: unknown[]) => unknown;
    this.wrapped.set(target, fn);
    return fn;
  }

  invoke(instance: NativeInstance, name: string, args: readonly Value[]): InvokeResult {
    const fn = instance.exports[name];
    const type = instance.types.funcs.get(name);
    if (typeof fn !== 'function' || !type) return { ok: false, kind: 'error', message: `no exported function "${name}"` };
    if (args.length !== type.params.length || args.some((a, i) => a.type !== type.params[i])) {
      return { ok: false, kind: 'error', message: `arguments [${args.map((a) => a.type)}] do not match [${type.params}]` };
    }
    let raw: unknown;
    try {
      raw = this.wrapper(fn, type)(...args.flatMap(toWire));
    } catch (e) {
      return failure(e);
    }
    const wire = type.results.length === 0 ? [] : Array.isArray(raw) ? [...(raw as unknown[])] : [raw];
    return { ok: true, values: type.results.map((t) => fromWire(t, wire)) };
  }

  getGlobal(instance: NativeInstance, name: string): GetResult {
    const g = instance.exports[name];
    const type = instance.types.globals.get(name);
    if (!(g instanceof WebAssembly.Global) || !type) return { ok: false, kind: 'error', message: `no exported global "${name}"` };
    try {
      const raw = this.wrapper(g, type)();
      const wire = Array.isArray(raw) ? [...(raw as unknown[])] : [raw];
      return { ok: true, value: fromWire(type.type, wire) };
    } catch (e) {
      return failure(e);
    }
  }
}

export function createNativeAdapter(): EngineAdapter<NativeInstance> {
  return new NativeAdapter();
}
