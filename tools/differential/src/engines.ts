import { asFuncType, decode, ValType, type FuncType, type Module } from '@rt/binary';
import { Engine, Trap, TrapMessage, type Extern, type Value } from '@rt/interp';
import { f32Bits, f32Number, f64Bits, f64Number, i32, i64, type TraceEvent, type TracedEngine } from './trace.js';

/** The module that wasm-opt's fuzzer imports its logging functions from. */
const FUZZ_MODULE = 'fuzzing-support';

function funcTypeOf(m: Module, funcIndex: number): FuncType {
  let i = funcIndex;
  for (const imp of m.imports) {
    if (imp.desc.kind !== 'func') continue;
    if (i === 0) return asFuncType(m.types[imp.desc.type]);
    i--;
  }
  return asFuncType(m.types[m.functions[i]!]);
}

/** Whether a signature can cross the JS boundary at all (v128 cannot). */
function crossesJs(t: FuncType): boolean {
  return ![...t.params, ...t.results].includes(ValType.v128);
}

/** The exported functions of a module with their types, in export order. */
function exportedFuncs(m: Module): { name: string; type: FuncType }[] {
  return m.exports.filter((e) => e.kind === 'func').map((e) => ({ name: e.name, type: funcTypeOf(m, e.index) }));
}

/** Rejects modules whose imports the harness cannot provide, so a skip is never silent. */
export function unsupportedImport(m: Module): string | null {
  for (const imp of m.imports) {
    if (imp.module !== FUZZ_MODULE || imp.desc.kind !== 'func' || !imp.name.startsWith('log-')) return `${imp.module}.${imp.name}`;
  }
  return null;
}

function formatRaw(t: ValType, v: Value): string {
  switch (t) {
    case ValType.i32: return i32(v as number);
    case ValType.i64: return i64(v as bigint);
    case ValType.f32: return f32Bits(v as number);
    case ValType.f64: return f64Bits(v as bigint);
    case ValType.v128: return `v128:${(v as bigint).toString(16)}`;
    default: return v === null ? 'ref:null' : 'ref:nonnull';
  }
}

function formatJs(t: ValType, v: unknown): string {
  switch (t) {
    case ValType.i32: return i32(v as number);
    case ValType.i64: return i64(v as bigint);
    case ValType.f32: return f32Number(v as number);
    case ValType.f64: return f64Number(v as number);
    default: return v === null ? 'ref:null' : 'ref:nonnull';
  }
}

function zeroJs(t: ValType): unknown {
  return t === ValType.i64 ? 0n : t === ValType.funcref || t === ValType.externref ? null : 0;
}

function zeroRaw(t: ValType): Value {
  return t === ValType.i64 || t === ValType.f64 || t === ValType.v128 ? 0n : t === ValType.funcref || t === ValType.externref ? null : 0;
}

/** The part of Node's own `WebAssembly` this harness uses (ES2022's lib does not declare it). */
interface NativeWebAssembly {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  RuntimeError: new () => Error;
}
const NativeWasm = (globalThis as unknown as { WebAssembly: NativeWebAssembly }).WebAssembly;

/** Node's own engine through the standard JS API. */
export const native: TracedEngine = {
  name: 'native',
  run(bytes) {
    const m = decode(bytes);
    const trace: TraceEvent[] = [];
    const imports: Record<string, Record<string, unknown>> = { [FUZZ_MODULE]: {} };
    for (const imp of m.imports) {
      if (imp.desc.kind !== 'func') continue;
      const type = asFuncType(m.types[imp.desc.type]);
      imports[FUZZ_MODULE]![imp.name] = (...args: unknown[]) => {
        trace.push({ log: `${imp.name}(${type.params.map((p, k) => formatJs(p, args[k])).join(',')})` });
      };
    }
    const instance = new NativeWasm.Instance(new NativeWasm.Module(bytes), imports);
    for (const { name, type } of exportedFuncs(m)) {
      if (!crossesJs(type)) continue;
      const f = instance.exports[name] as (...a: unknown[]) => unknown;
      try {
        const r = f(...type.params.map(zeroJs));
        const values = type.results.length === 1 ? [r] : type.results.length === 0 ? [] : (r as unknown[]);
        trace.push({ call: name, results: type.results.map((t, k) => formatJs(t, values[k])) });
      } catch (e) {
        if (e instanceof NativeWasm.RuntimeError) trace.push({ call: name, trap: 'trap' });
        else if (e instanceof RangeError) trace.push({ call: name, trap: 'exhaustion' });
        else if (e instanceof TypeError) trace.push({ call: name, trap: 'host error' });
        else throw e;
      }
    }
    return trace;
  },
};

/**
 * rt's engine through its low-level API; `jitThreshold` picks the tier (0: compile everything,
 * Infinity: interpret only), `fastTier: false` compiles with the frame-layout tier instead;
 * `fuelSlice` stops every call after that much fuel and resumes it, again and again (compiled
 * frames deoptimise into the interpreter at each stop).
 */
export function rt(jitThreshold: number, fastTier = true, fuelSlice?: number): TracedEngine {
  return {
    name: `rt (jitThreshold ${jitThreshold}${fastTier ? '' : ', frame-layout tier'}${fuelSlice === undefined ? '' : `, fuel slices of ${fuelSlice}`})`,
    run(bytes) {
      const m = decode(bytes);
      const engine = new Engine({ jitThreshold, fastTier, ...(fuelSlice === undefined ? {} : { fuelSlice }) });
      const trace: TraceEvent[] = [];
      const fuzz: Record<string, Extern> = {};
      for (const imp of m.imports) {
        if (imp.desc.kind !== 'func') continue;
        const type = asFuncType(m.types[imp.desc.type]);
        fuzz[imp.name] = engine.hostFunction(type, (args) => {
          // Mirror the JS boundary: a v128 cannot be passed to JavaScript.
          if (!crossesJs(type)) throw new TypeError('type incompatibility when transforming from/to JS');
          trace.push({ log: `${imp.name}(${type.params.map((p, k) => formatRaw(p, args[k])).join(',')})` });
        });
      }
      const instance = engine.instantiate(engine.compile(bytes), { [FUZZ_MODULE]: fuzz });
      for (const { name, type } of exportedFuncs(m)) {
        if (!crossesJs(type)) continue;
        const entry = instance.exports.get(name)!;
        try {
          const results = engine.invoke(entry.value as Parameters<Engine['invoke']>[0], type.params.map(zeroRaw));
          trace.push({ call: name, results: type.results.map((t, k) => formatRaw(t, results[k])) });
        } catch (e) {
          if (e instanceof Trap) trace.push({ call: name, trap: e.message === TrapMessage.callStackExhausted ? 'exhaustion' : 'trap' });
          else if (e instanceof TypeError) trace.push({ call: name, trap: 'host error' });
          else throw e;
        }
      }
      return trace;
    },
  };
}
