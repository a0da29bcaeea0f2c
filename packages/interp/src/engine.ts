/**
 * The low-level API: an {@link Engine} owns a store (limits, value stack, references) and
 * compiles, instantiates and invokes with exact raw values.
 */
import { decode, type FuncType, type GlobalType, type MemoryType, type Module, type TableType } from '@rt/binary';
import { callHost, execute } from './exec/interpreter.js';
import { readValue, writeValue } from './exec/value-io.js';
import { instantiate, type ImportObject } from './instantiate.js';
import { compileModule } from './lower/compile.js';
import type { CompiledModule } from './lower/compiled-module.js';
import { HostFunction, type FuncInstance, type HostCallback } from './runtime/func.js';
import { GlobalInstance } from './runtime/global.js';
import type { ModuleInstance } from './runtime/instance.js';
import type { EngineLimits } from './runtime/limits.js';
import { MemoryInstance } from './runtime/memory.js';
import { Store, UNITS_PER_PAGE } from './runtime/store.js';
import { TableInstance } from './runtime/table.js';
import { Trap, TrapMessage } from './runtime/trap.js';
import type { Value } from './runtime/values.js';

/** Options of an {@link Engine}: its limits, and when functions move to the compiled tier. */
export interface EngineOptions extends Partial<EngineLimits> {
  /**
   * Calls plus loop iterations after which a function (or, for a very large function, a loop)
   * is compiled to JavaScript. Default 1000; `0` compiles before the first run; `Infinity`
   * keeps everything in the interpreter (for hosts that forbid `new Function`, compilation
   * fails silently and the interpreter is used anyway).
   */
  readonly jitThreshold?: number;
  /**
   * Whether hot functions compile to the fast tier (plain JavaScript functions with direct
   * calls, `fast/`), default `true`. `false` keeps compiled code in the frame-layout tier
   * (`exec/jit.ts`), to measure or test that tier alone; it also serves functions the fast tier
   * does not compile, and hot loops of functions that are already running.
   */
  readonly fastTier?: boolean;
}

/**
 * A WebAssembly engine: a store plus the operations on it. Everything created by one engine
 * (instances, functions, memories, tables, globals) may be linked together; objects of different
 * engines must not be mixed.
 *
 * ```ts
 * const engine = new Engine({ maxCallDepth: 5000 });
 * const module = engine.compile(bytes);
 * const instance = engine.instantiate(module, { env: { log: engine.hostFunction(type, ([x]) => { console.log(x); }) } });
 * const [result] = engine.invoke(instance.exports.get('fib')!.value as FuncInstance, [30]);
 * ```
 */
export class Engine {
  /** The engine's store. */
  readonly store: Store;

  /** Creates an engine; unspecified limits take `DEFAULT_LIMITS`. */
  constructor(options: EngineOptions = {}) {
    const { jitThreshold, fastTier, ...limits } = options;
    this.store = new Store(limits);
    if (jitThreshold !== undefined) this.store.jitThreshold = jitThreshold;
    if (fastTier !== undefined) this.store.fastTier = fastTier;
  }

  /**
   * Decodes (when given bytes), validates and lowers a module. Throws `DecodeError` (from
   * `@rt/binary`) or `ValidationError` (from `@rt/validate`).
   */
  compile(source: Uint8Array | Module): CompiledModule {
    const module = source instanceof Uint8Array ? decode(source) : source;
    return compileModule(module);
  }

  /**
   * Instantiates a compiled module: imports are matched ({@link LinkError} "unknown import" /
   * "incompatible import type"), segments applied, the start function run ({@link Trap} on a trap).
   */
  instantiate(module: CompiledModule, imports: ImportObject = {}): ModuleInstance {
    const inst = instantiate(this.store, module, imports, (f) => {
      this.invoke(f, []);
    });
    // No Wasm code runs (unless a host function instantiates): a program that instantiates
    // without calling anything still lets dropped instances go.
    if (this.store.hostDepth === 0) this.store.collect();
    return inst;
  }

  /**
   * Calls `func` with `args` (see {@link Value} for the representation of each type) and returns
   * its results. Traps throw {@link Trap}; exceptions thrown by host functions propagate unchanged.
   */
  invoke(func: FuncInstance, args: readonly Value[]): Value[] {
    const store = this.store;
    const type = func.type;
    if (args.length !== type.params.length) throw new TypeError(`expected ${type.params.length} arguments, got ${args.length}`);
    if (store.callDepth >= store.limits.maxCallDepth || store.hostDepth >= store.limits.maxHostReentry)
      throw new Trap(TrapMessage.callStackExhausted);
    const base = store.stackTop;
    const I = store.stack.i32;
    const need = Math.max(type.params.length, type.results.length, func.kind === 'wasm' ? func.frameSize : 0);
    if ((base + need) * 4 > I.length) throw new Trap(TrapMessage.callStackExhausted);
    for (let j = 0; j < args.length; j++) writeValue(store, I, 4 * (base + j), type.params[j]!, args[j]);
    const savedDepth = store.callDepth;
    store.callDepth++;
    store.hostDepth++;
    try {
      if (func.kind === 'wasm') execute(store, func, base);
      else callHost(store, func, 4 * base);
    } catch (e) {
      // The engine's own JavaScript stack running out (deep host ↔ Wasm nesting started with
      // little stack left) is call-stack exhaustion; a host function's exception is not touched.
      if (e !== store.hostError && e instanceof RangeError && e.message.includes('call stack')) {
        throw new Trap(TrapMessage.callStackExhausted);
      }
      throw e;
    } finally {
      store.callDepth = savedDepth;
      store.hostDepth--;
      store.stackTop = base;
    }
    const results: Value[] = new Array(type.results.length);
    for (let j = 0; j < results.length; j++) results[j] = readValue(store, I, 4 * (base + j), type.results[j]!);
    // The outermost call is over: no frame holds a reference index, the results are JS values.
    if (store.hostDepth === 0) store.collect();
    return results;
  }

  /** Creates a host function of Wasm type `type`. */
  hostFunction(type: FuncType, callback: HostCallback): HostFunction {
    const ref = this.store.allocRef();
    const f = new HostFunction(type, this.store.typeId(type), ref, callback);
    f.store = this.store;
    this.store.setRef(ref, f);
    return f;
  }

  /** Creates a memory (for import). Throws `RangeError` if its initial size exceeds the engine limit. */
  createMemory(type: MemoryType): MemoryInstance {
    const memory = new MemoryInstance(type, this.store.limits.maxMemoryPages);
    this.store.noteAllocation(memory.pages * UNITS_PER_PAGE);
    return memory;
  }

  /** Creates a table whose elements are all `init` (a funcref/externref value, default null). */
  createTable(type: TableType, init: Value = null): TableInstance {
    const table = new TableInstance(type, this.store.limits.maxTableElements);
    this.store.registerHolder(table);
    const ref = this.toRef(type.element, init);
    if (ref !== 0) table.elements.fill(ref);
    return table;
  }

  /** Creates a global with an initial value. */
  createGlobal(type: GlobalType, value: Value): GlobalInstance {
    const g = new GlobalInstance(type);
    this.store.registerHolder(g);
    writeValue(this.store, g.i32, 0, type.type, value);
    return g;
  }

  /** The value of a global. */
  getGlobal(g: GlobalInstance): Value {
    return readValue(this.store, g.i32, 0, g.type.type);
  }

  /** Sets a global's value (regardless of mutability: the JS API checks that). */
  setGlobal(g: GlobalInstance, value: Value): void {
    writeValue(this.store, g.i32, 0, g.type.type, value);
  }

  /**
   * The reference index a funcref (`FuncInstance | null`) or externref value is stored as, to
   * write into a {@link TableInstance}'s `elements` (or a global) right away: an index names its
   * value only while a table or global holds it (or, for a function, while the function is
   * reachable), since unreachable functions and externref values are collected after calls.
   */
  toRef(type: number, value: Value): number {
    const w = new Int32Array(1);
    writeValue(this.store, w, 0, type, value);
    return w[0]!;
  }

  /** The value (function instance, host value or `null`) a reference index stands for. */
  fromRef(ref: number): unknown {
    return this.store.deref(ref);
  }
}
