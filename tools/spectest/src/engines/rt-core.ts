/**
 * An adapter over `@rt/interp`'s low-level `Engine` instead of its JS API, so that the engine's
 * options apply: `--engine rt-interp` keeps every function in the interpreter
 * (`jitThreshold: Infinity`), `--engine rt-jit` compiles every function the compiled tier can
 * before it first runs (`jitThreshold: 0`). The spec suite must pass the same in every tier.
 *
 * The package is loaded at run time and used through the small structural types below (see
 * `stages/load.ts` for why the runner does not import its types).
 */
import type { EngineAdapter, GetResult, ImportRegistry, InstantiateResult, InvokeResult } from './adapter.js';
import type { Value, ValType } from '../values.js';
import { loadPackage } from '../stages/load.js';
import { watToBinary } from '../wabt.js';
import { SPECTEST_3_0, SPECTEST_WAT } from './jsapi.js';

/** What this adapter uses of a runtime function, global and export. */
interface CoreFunc {
  readonly type: { readonly params: readonly number[]; readonly results: readonly number[] };
}
interface CoreGlobal {
  readonly type: { readonly type: number };
}
interface CoreExport {
  readonly kind: 'func' | 'table' | 'memory' | 'global';
  readonly value: unknown;
}
interface CoreInstance {
  readonly exports: ReadonlyMap<string, CoreExport>;
}
interface CoreCompiled {
  readonly module: { readonly imports: readonly { readonly module: string; readonly name: string }[] };
}
interface CoreEngine {
  compile(bytes: Uint8Array): CoreCompiled;
  instantiate(module: CoreCompiled, imports: Record<string, Record<string, unknown>>): CoreInstance;
  invoke(func: unknown, args: readonly unknown[]): unknown[];
  getGlobal(g: unknown): unknown;
}
type EngineClass = new (options: { jitThreshold: number }) => CoreEngine;

/** Value type codes of the binary format. */
const TYPE_OF_CODE: Readonly<Record<number, ValType>> = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128', 0x70: 'funcref', 0x6f: 'externref' };

/** A runner value to the engine's raw value (i32 signed, f32 bits, f64/v128 bits as bigint). */
function toCore(v: Value): unknown {
  switch (v.type) {
    case 'i32': return v.bits | 0;
    case 'f32': return v.bits >>> 0;
    case 'i64': return BigInt.asIntN(64, v.bits);
    case 'f64': return BigInt.asUintN(64, v.bits);
    case 'v128': {
      let x = 0n;
      for (let i = 15; i >= 0; i--) x = (x << 8n) | BigInt(v.bytes[i]!);
      return x;
    }
    case 'funcref':
    case 'externref':
      return v.ref;
  }
}

/** The engine's raw value of type code `t` to a runner value. */
function fromCore(t: number, x: unknown): Value {
  switch (TYPE_OF_CODE[t]) {
    case 'i32': return { type: 'i32', bits: (x as number) >>> 0 };
    case 'f32': return { type: 'f32', bits: (x as number) >>> 0 };
    case 'i64': return { type: 'i64', bits: BigInt.asUintN(64, x as bigint) };
    case 'f64': return { type: 'f64', bits: BigInt.asUintN(64, x as bigint) };
    case 'v128': {
      const bytes = new Uint8Array(16);
      let v = BigInt.asUintN(128, x as bigint);
      for (let i = 0; i < 16; i++, v >>= 8n) bytes[i] = Number(v & 0xffn);
      return { type: 'v128', bytes };
    }
    case 'funcref': return { type: 'funcref', ref: x === null ? null : (x as object) };
    case 'externref': return { type: 'externref', ref: x === null ? null : (x as number) };
    default: throw new Error(`value type 0x${t.toString(16)} cannot cross the spec runner's interface`);
  }
}

class CoreAdapter implements EngineAdapter<CoreInstance> {
  readonly specMessages = true;
  readonly exactBits = true;
  private spectest: Uint8Array | undefined;
  private readonly engine: CoreEngine;

  constructor(
    readonly name: string,
    Engine: EngineClass,
    jitThreshold: number,
    /** The core's error classes, to tell failures apart. */
    private readonly errors: { readonly Trap: unknown; readonly LinkError: unknown },
  ) {
    this.engine = new Engine({ jitThreshold });
  }

  private failure(e: unknown): { ok: false; kind: 'compile' | 'link' | 'trap' | 'exhaustion' | 'error'; message: string } {
    const message = e instanceof Error ? e.message : String(e);
    const is = (c: unknown): boolean => typeof c === 'function' && e instanceof (c as abstract new () => unknown);
    if (is(this.errors.Trap)) return { ok: false, kind: message.startsWith('call stack exhausted') ? 'exhaustion' : 'trap', message };
    if (is(this.errors.LinkError)) return { ok: false, kind: 'link', message };
    if (e instanceof Error && (e.name === 'DecodeError' || e.name === 'ValidationError' || e.name === 'UnsupportedError')) return { ok: false, kind: 'compile', message };
    return { ok: false, kind: 'error', message: e instanceof Error ? `${e.name}: ${message}` : message };
  }

  async createSpectest(): Promise<CoreInstance> {
    this.spectest ??= await watToBinary(SPECTEST_WAT, 'spectest.wat');
    const base = this.engine.instantiate(this.engine.compile(this.spectest), {});
    const extra = this.engine.instantiate(this.engine.compile(SPECTEST_3_0), {});
    return { exports: new Map([...base.exports, ...extra.exports]) };
  }

  instantiate(bytes: Uint8Array, registry: ImportRegistry<CoreInstance>): InstantiateResult<CoreInstance> {
    let compiled: CoreCompiled;
    try {
      compiled = this.engine.compile(bytes);
    } catch (e) {
      return this.failure(e);
    }
    const imports: Record<string, Record<string, unknown>> = {};
    for (const imp of compiled.module.imports) {
      const value = registry.get(imp.module)?.exports.get(imp.name)?.value;
      if (value !== undefined) (imports[imp.module] ??= {})[imp.name] = value;
    }
    try {
      return { ok: true, instance: this.engine.instantiate(compiled, imports) };
    } catch (e) {
      return this.failure(e);
    }
  }

  invoke(instance: CoreInstance, name: string, args: readonly Value[]): InvokeResult {
    const exp = instance.exports.get(name);
    if (exp?.kind !== 'func') return { ok: false, kind: 'error', message: `no exported function "${name}"` };
    const f = exp.value as CoreFunc;
    if (args.length !== f.type.params.length || args.some((a, i) => a.type !== TYPE_OF_CODE[f.type.params[i]!])) {
      return { ok: false, kind: 'error', message: `arguments [${args.map((a) => a.type)}] do not match the function's parameters` };
    }
    try {
      const results = this.engine.invoke(f, args.map(toCore));
      return { ok: true, values: f.type.results.map((t, i) => fromCore(t, results[i])) };
    } catch (e) {
      const r = this.failure(e);
      // Running code cannot fail to compile or link: anything else is an error.
      return r.kind === 'trap' || r.kind === 'exhaustion' ? { ok: false, kind: r.kind, message: r.message } : { ok: false, kind: 'error', message: r.message };
    }
  }

  getGlobal(instance: CoreInstance, name: string): GetResult {
    const exp = instance.exports.get(name);
    if (exp?.kind !== 'global') return { ok: false, kind: 'error', message: `no exported global "${name}"` };
    const g = exp.value as CoreGlobal;
    return { ok: true, value: fromCore(g.type.type, this.engine.getGlobal(g)) };
  }
}

/** The adapter over `@rt/interp`'s `Engine` with the given tier-up threshold, or why there is none. */
export async function createRtCoreAdapter(name: string, jitThreshold: number): Promise<EngineAdapter | string> {
  const pkg = await loadPackage('@rt/interp');
  if (!pkg.ok) return pkg.reason;
  const { Engine, Trap, LinkError } = pkg.exports;
  if (typeof Engine !== 'function') return '@rt/interp does not export Engine';
  return new CoreAdapter(name, Engine as EngineClass, jitThreshold, { Trap, LinkError }) as EngineAdapter<CoreInstance> as EngineAdapter;
}
