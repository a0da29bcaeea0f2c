/**
 * The execution engine behind `rt run`: `@rt/interp`'s low-level {@link Engine}, which (unlike
 * the standard `WebAssembly` namespace) takes resource limits. This file adapts it to what the
 * CLI needs: instantiate with WASI host functions, expose exports the way `@rt/wasi` expects
 * (functions and a memory with a `buffer`), and call an export with command-line values.
 * @packageDocumentation
 */
import { funcTypeAt, type FuncType, type Module, type ValType } from '@rt/binary';
import { ValType as T } from '@rt/binary';
import {
  type EngineOptions,
  Engine, LinkError, Trap, UnsupportedError, type TagInstance, f32FromBits, f32ToBits, f64FromBits, f64ToBits,
  type EngineLimits, type Extern, type FuncInstance, type ModuleInstance, type Value,
} from '@rt/interp';
import { ValidationError } from '@rt/validate';
import { CliError } from './errors.js';
import type { WasmValue } from './values.js';

/**
 * Engine settings from the command line: the limits, and the tier (`--tier`, as
 * `jitThreshold`/`fastTier`); absent ones keep the engine's defaults.
 */
export type RunLimits = Partial<Pick<EngineLimits, 'maxCallDepth' | 'maxMemoryPages' | 'maxTableElements' | 'stackValues'>> &
  Partial<Pick<EngineOptions, 'jitThreshold' | 'fastTier' | 'fuel'>> & {
    /** `--timeout`, in milliseconds: the deadline of the whole run, start function included. */
    readonly timeoutMs?: number;
  };

/** A host function as `@rt/wasi` provides them: integers in, an errno (or nothing) out. */
export type HostImport = (...args: Array<number | bigint>) => unknown;

/** An instantiated module, ready to run. */
export interface RunInstance {
  /** Exports as `@rt/wasi` reads them: functions callable from JS, memories with a `buffer`. */
  readonly exports: Readonly<Record<string, unknown>>;
  /** Calls exported function `name` with JS API values (floats as numbers); returns its results. */
  call(name: string, args: readonly WasmValue[]): WasmValue[];
  /**
   * How a tag is named in messages: `tag N` (its index in this instance) and the names it is
   * exported as, or `a tag of another instance`.
   */
  tagName(tag: TagInstance): string;
}

/** JS value → engine value: floats travel as bit patterns in `@rt/interp`. */
function toEngine(type: ValType, v: WasmValue): Value {
  if (type === T.f32) return f32ToBits(v as number);
  if (type === T.f64) return f64ToBits(v as number);
  return v;
}

/** Engine value → JS value. */
function fromEngine(type: ValType, v: Value): WasmValue {
  if (type === T.f32) return f32FromBits(v as number);
  if (type === T.f64) return f64FromBits(v as bigint);
  if (type === T.i32 || type === T.i64) return v as number | bigint;
  return v === null ? null : (v as WasmValue);
}

/** V8's own stack overflow, which host → Wasm → host re-entry could still hit before the engine's limits. */
function isJsStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack size/i.test(e.message);
}

/**
 * Whether `e` ends the guest as a trap: the engine's {@link Trap}, or the JavaScript stack
 * overflowing underneath it (reported with the spec's wording by {@link trapMessage}).
 */
export function isEngineTrap(e: unknown): e is Error {
  return e instanceof Trap || isJsStackOverflow(e);
}

/** The message to print for a trap. */
export function trapMessage(e: Error): string {
  return isJsStackOverflow(e) ? 'call stack exhausted' : e.message;
}

/**
 * Compiles and instantiates `module` with `imports` (module name → field → host function).
 * Runs the start function, so it may throw a trap.
 * @throws {@link CliError} (exit 2) for an invalid module, an import that does not link, or
 * a construct the engine does not support.
 */
export function instantiate(
  module: Module,
  imports: Readonly<Record<string, Readonly<Record<string, HostImport>>>>,
  limits: RunLimits,
  file: string,
): RunInstance {
  const { timeoutMs, ...options } = limits;
  const engine = new Engine(timeoutMs !== undefined ? { ...options, interruptible: true } : options);
  if (timeoutMs !== undefined) engine.setDeadline(timeoutMs);
  let compiled: ReturnType<Engine['compile']>;
  try {
    compiled = engine.compile(module);
  } catch (e) {
    if (e instanceof ValidationError) throw new CliError(`${file}: invalid module: ${e.detail}`);
    if (e instanceof UnsupportedError) throw new CliError(`${file}: ${e.message}`);
    throw e;
  }
  const importObject: Record<string, Record<string, Extern>> = Object.create(null) as Record<string, Record<string, Extern>>;
  for (const imp of module.imports) {
    // Own properties only: a guest importing `toString` must not get Object.prototype's.
    const fields = Object.hasOwn(imports, imp.module) ? imports[imp.module] : undefined;
    const host = fields && Object.hasOwn(fields, imp.name) ? fields[imp.name] : undefined;
    if (imp.desc.kind !== 'func' || host === undefined) continue; // left for the engine's LinkError
    const type: FuncType | undefined = funcTypeAt(module, imp.desc.type);
    if (type === undefined) continue;
    const f = engine.hostFunction(type, (args) => {
      const r = host(...(args as Array<number | bigint>));
      return type.results.length === 0 ? undefined : [r as Value];
    });
    (importObject[imp.module] ??= Object.create(null) as Record<string, Extern>)[imp.name] = f;
  }
  let instance: ModuleInstance;
  try {
    instance = engine.instantiate(compiled, importObject);
  } catch (e) {
    if (e instanceof LinkError) throw new CliError(`${file}: ${e.message}`);
    // A memory or table whose initial size exceeds an engine limit (--max-memory-pages, …).
    if (e instanceof RangeError && !isJsStackOverflow(e)) throw new CliError(`${file}: cannot instantiate: ${e.message}`);
    throw e;
  }
  const funcs = new Map<string, FuncInstance>();
  // No prototype: an export named `__proto__` or `toString` is just an export.
  const exports: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [name, entry] of instance.exports) {
    if (entry.kind === 'func') {
      const f = entry.value as FuncInstance;
      funcs.set(name, f);
      exports[name] = (...args: Value[]) => engine.invoke(f, args);
    } else {
      exports[name] = entry.value; // a MemoryInstance has the `buffer` WASI reads
    }
  }
  return {
    exports,
    call(name, args) {
      const f = funcs.get(name);
      if (f === undefined) throw new CliError(`${file}: no exported function ${JSON.stringify(name)}`);
      const { params, results } = f.type;
      const out = engine.invoke(f, args.map((a, i) => toEngine(params[i]!, a)));
      return out.map((v, i) => fromEngine(results[i]!, v));
    },
    tagName(tag) {
      const index = instance.tags.indexOf(tag);
      if (index < 0) return 'a tag of another instance';
      const names = [...instance.exports].filter(([, entry]) => entry.value === tag).map(([name]) => JSON.stringify(name));
      return names.length === 0 ? `tag ${index}` : `tag ${index} (exported as ${names.join(', ')})`;
    },
  };
}
