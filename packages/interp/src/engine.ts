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
import { i31Value, isI31Word } from './runtime/gc.js';
import { GlobalInstance } from './runtime/global.js';
import type { ModuleInstance } from './runtime/instance.js';
import type { EngineLimits } from './runtime/limits.js';
import { MemoryInstance } from './runtime/memory.js';
import { Store, UNITS_PER_PAGE } from './runtime/store.js';
import { TableInstance } from './runtime/table.js';
import { Trap, TrapMessage } from './runtime/trap.js';
import type { Value } from './runtime/values.js';
import { Meter, type StopReason } from './fuel/meter.js';
import { Interrupted, SuspendError } from './fuel/interrupted.js';
import { Stop, type Continuation } from './fuel/stop.js';
import { detach, reattach, release } from './fuel/frames.js';

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
  /**
   * Meters execution with this much fuel (see {@link Engine.fuel}): code compiled for the engine
   * gets fuel checkpoints, and a call stops with {@link Interrupted} (reason `'fuel'`) when the
   * fuel is spent; `Infinity` meters without a limit. Unmetered engines have no checkpoints and
   * pay nothing.
   */
  readonly fuel?: number;
  /**
   * Gives code the same checkpoints as {@link fuel} without a fuel limit, so that
   * {@link Engine.setDeadline} and {@link Engine.interrupt} can stop it. Implied by `fuel`.
   */
  readonly interruptible?: boolean;
  /**
   * A testing mode that proves resumption: every call from the host ({@link Engine.invoke},
   * {@link Engine.invokeAsync}, start functions) runs on this much fuel at a time and is resumed
   * after each stop until it completes, with the same results as an unsliced run (`1` stops at
   * every checkpoint; wasmi re-runs the spec suite this way). Implies a metered engine.
   */
  readonly fuelSlice?: number;
}

/**
 * A call that stopped, as {@link Engine.enter} reports it: why, its continuation, and for a
 * suspension what it waits for. Not an `Error` (the sliced mode makes thousands of them).
 */
class Stopped {
  constructor(
    readonly reason: Stop['reason'],
    readonly continuation: Continuation,
    readonly promise: Promise<unknown> | undefined,
  ) {}
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
    const { jitThreshold, fastTier, fuel, interruptible, fuelSlice, ...limits } = options;
    this.store = new Store(limits);
    if (jitThreshold !== undefined) this.store.jitThreshold = jitThreshold;
    if (fastTier !== undefined) this.store.fastTier = fastTier;
    if (fuelSlice !== undefined && !(fuelSlice >= 1)) throw new RangeError('fuelSlice must be at least 1');
    this.fuelSlice = fuelSlice;
    if (fuel !== undefined || interruptible === true || fuelSlice !== undefined) this.store.meter = new Meter(this.store, fuel ?? Infinity);
  }

  /** See {@link EngineOptions.fuelSlice}. */
  private readonly fuelSlice: number | undefined;

  /** Whether the engine meters execution (`EngineOptions.fuel` or `interruptible`). */
  get metered(): boolean {
    return this.store.meter !== null;
  }

  /**
   * Fuel left: what remains of the budget (negative after the last checkpoint overdrew it; see
   * `fuel/costs.ts` for what fuel counts). `Infinity` on an engine without a fuel limit. Setting
   * it needs a metered engine.
   */
  get fuel(): number {
    return this.store.meter === null ? Infinity : this.store.meter.fuel;
  }

  set fuel(value: number) {
    this.meter().fuel = value;
  }

  /** Adds `amount` to the fuel left (e.g. before resuming a call that ran out). */
  addFuel(amount: number): void {
    const meter = this.meter();
    meter.fuel = meter.fuel + amount;
  }

  /** Fuel consumed since the engine was created (0 when not metered). */
  get fuelConsumed(): number {
    return this.store.meter === null ? 0 : this.store.meter.consumed;
  }

  /**
   * Stops running code at its next checkpoint once `ms` milliseconds from now have passed
   * (reason `'deadline'`), or clears the deadline (`undefined`). A deadline stops a call once; set
   * a new one before resuming if it should stop again. Needs a metered engine.
   */
  setDeadline(ms: number | undefined): void {
    this.meter().setDeadline(ms);
  }

  /**
   * Makes running code stop at its next checkpoint (reason `'interrupt'`): from a host function,
   * a timer between the slices of an async call, or a UI event. Needs a metered engine.
   */
  interrupt(): void {
    this.meter().interrupt();
  }

  private meter(): Meter {
    const meter = this.store.meter;
    if (meter === null) throw new Error('this engine does not meter execution: create it with { fuel } or { interruptible: true }');
    return meter;
  }

  /**
   * Decodes (when given bytes), validates and lowers a module. Throws `DecodeError` (from
   * `@rt/binary`) or `ValidationError` (from `@rt/validate`).
   */
  compile(source: Uint8Array | Module): CompiledModule {
    const module = source instanceof Uint8Array ? decode(source) : source;
    return compileModule(module, { metered: this.metered });
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
   * On a metered engine the call may stop with {@link Interrupted}, whose `resume()` continues it
   * and returns these results. A suspending host function cannot suspend here: it throws
   * {@link SuspendError} (use {@link invokeAsync}).
   */
  invoke(func: FuncInstance, args: readonly Value[]): Value[] {
    if (this.fuelSlice !== undefined) this.fuel = this.fuelSlice;
    return this.runSync(func, args, undefined);
  }

  /** Runs (or resumes) a call that cannot suspend, resuming it itself after each slice. */
  private runSync(func: FuncInstance, args: readonly Value[], from: Continuation | undefined): Value[] {
    const store = this.store;
    let cont = from;
    for (;;) {
      let stopped: Stopped;
      const saved = store.suspendable;
      store.suspendable = false;
      try {
        return this.enter(func, args, cont, undefined);
      } catch (e) {
        if (!(e instanceof Stopped)) throw e;
        stopped = e;
      } finally {
        store.suspendable = saved;
      }
      if (this.fuelSlice === undefined || stopped.reason !== 'fuel') throw this.interrupted(stopped, func, false);
      store.pendingContinuations--;
      this.fuel = this.fuelSlice;
      cont = stopped.continuation;
    }
  }

  /**
   * Calls `func` as {@link invoke} does, except that suspending host functions
   * ({@link suspendingHostFunction}) called in it suspend it until their promise settles, while
   * other calls may run: the JS Promise Integration API's `promising`. An {@link Interrupted}
   * rejection's `resume()` returns a promise of the results.
   */
  invokeAsync(func: FuncInstance, args: readonly Value[]): Promise<Value[]> {
    if (this.fuelSlice !== undefined) this.fuel = this.fuelSlice;
    return this.runAsync(func, args, undefined);
  }

  private async runAsync(func: FuncInstance, args: readonly Value[], from: Continuation | undefined): Promise<Value[]> {
    const store = this.store;
    let cont = from;
    let results: readonly Value[] | undefined;
    let thrown: { readonly error: unknown } | undefined;
    for (;;) {
      let stopped: Stopped;
      const saved = store.suspendable;
      store.suspendable = true;
      try {
        return this.enter(func, args, cont, results, thrown);
      } catch (e) {
        if (!(e instanceof Stopped)) throw e;
        stopped = e;
      } finally {
        store.suspendable = saved;
      }
      cont = stopped.continuation;
      results = undefined;
      thrown = undefined;
      if (stopped.reason === 'suspend') {
        try {
          results = (await stopped.promise) as readonly Value[];
        } catch (error) {
          // The suspending import's promise rejected: its call throws that, into the Wasm caller.
          thrown = { error };
        } finally {
          store.pendingContinuations--;
        }
      } else if (this.fuelSlice !== undefined && stopped.reason === 'fuel') {
        store.pendingContinuations--;
        this.fuel = this.fuelSlice;
      } else throw this.interrupted(stopped, func, true);
    }
  }

  /**
   * The boundary of every call from the host: runs `func` on `args`, or resumes `cont` (after
   * writing `results`, a suspended host call's, where they belong, or throwing `thrown` from that
   * call), and turns a {@link Stop}
   * into a {@link Stopped}.
   */
  private enter(func: FuncInstance, args: readonly Value[], cont: Continuation | undefined, results: readonly Value[] | undefined, thrown?: { readonly error: unknown }): Value[] {
    const store = this.store;
    const type = func.type;
    if (cont === undefined && args.length !== type.params.length) throw new TypeError(`expected ${type.params.length} arguments, got ${args.length}`);
    if (store.callDepth >= store.limits.maxCallDepth || store.hostDepth >= store.limits.maxHostReentry)
      throw new Trap(TrapMessage.callStackExhausted);
    const base = store.stackTop;
    const I = store.stack.i32;
    const need = Math.max(type.params.length, type.results.length, func.kind === 'wasm' ? func.frameSize : 0);
    if ((base + need) * 4 > I.length) throw new Trap(TrapMessage.callStackExhausted);
    // A stopped call whose frames are still where this call will run: copy them out first.
    if (store.attached !== null && store.attached !== cont) detach(store, store.attached);
    const savedDepth = store.callDepth;
    let stop: Stop | undefined;
    store.callDepth++;
    store.hostDepth++;
    try {
      if (cont !== undefined) {
        const top = reattach(store, cont, base);
        if (results !== undefined) {
          const types = cont.results!;
          const w = 4 * top.fpCell + top.calleeOffset;
          for (let j = 0; j < types.length; j++) writeValue(store, I, w + 4 * j, types[j]!, results[j]);
        }
        execute(store, top.fn, top.fpCell, top.pc, top.depth, thrown);
      } else {
        for (let j = 0; j < args.length; j++) writeValue(store, I, 4 * (base + j), type.params[j]!, args[j]);
        if (func.kind === 'wasm') execute(store, func, base);
        else callHost(store, func, 4 * base);
      }
    } catch (e) {
      if (e instanceof Stop) stop = e;
      // The engine's own JavaScript stack running out (deep host ↔ Wasm nesting started with
      // little stack left) is call-stack exhaustion; a host function's exception is not touched.
      else if (e !== store.hostError && e instanceof RangeError && e.message.includes('call stack')) {
        throw new Trap(TrapMessage.callStackExhausted);
      } else throw e;
    } finally {
      store.callDepth = savedDepth;
      store.hostDepth--;
      store.stackTop = base;
    }
    if (stop !== undefined) throw this.stopped(stop, base, savedDepth + 1);
    const out: Value[] = new Array(type.results.length);
    for (let j = 0; j < out.length; j++) out[j] = readValue(store, I, 4 * (base + j), type.results[j]!);
    // The outermost call is over: no frame holds a reference index, the results are JS values.
    if (store.hostDepth === 0) store.collect();
    return out;
  }

  /** Makes the continuation of a call that stopped (attached unless a host frame is below it). */
  private stopped(stop: Stop, base: number, baseDepth: number): Stopped {
    const store = this.store;
    const cont: Continuation = { frames: stop.frames, base, baseDepth, results: stop.results };
    // Inside a host function the caller's frames go on running where these are: copy them now.
    if (store.hostDepth > 0) detach(store, cont);
    else store.attached = cont;
    store.pendingContinuations++;
    return new Stopped(stop.reason, cont, stop.promise);
  }

  /** The {@link Interrupted} a host sees of a call that stopped at a checkpoint. */
  private interrupted(stopped: Stopped, func: FuncInstance, async: boolean): Interrupted {
    const store = this.store;
    const cont = stopped.continuation;
    const resume = (): Value[] | Promise<Value[]> => {
      store.pendingContinuations--;
      return async ? this.runAsync(func, [], cont) : this.runSync(func, [], cont);
    };
    const abandon = (): void => {
      store.pendingContinuations--;
      release(store, cont);
    };
    return new Interrupted(stopped.reason as StopReason, this.fuelConsumed, resume, abandon);
  }

  /**
   * Creates a *suspending* host function of Wasm type `type` (JSPI's `WebAssembly.Suspending`):
   * called from a call made with {@link invokeAsync}, it suspends that call until the promise
   * `callback` returns settles (a value that is not a promise is awaited too), then returns the
   * promise's values (or throws its rejection into the caller). Called anywhere else it throws
   * {@link SuspendError}.
   */
  suspendingHostFunction(type: FuncType, callback: (args: Value[]) => PromiseLike<readonly Value[] | void> | readonly Value[] | void): HostFunction {
    const store = this.store;
    return this.hostFunction(type, (args) => {
      if (!store.suspendable) throw new SuspendError('a suspending import was called outside a promising call, or with a JavaScript frame in between');
      const stop = new Stop('suspend', Promise.resolve(callback(args)).then((v) => v ?? []));
      stop.results = type.results;
      throw stop;
    });
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

  /**
   * The value (function instance, GC object, host value or `null`) a reference index stands for;
   * an i31 reference (a negative word) is its number.
   */
  fromRef(ref: number): unknown {
    return isI31Word(ref) ? i31Value(ref) : this.store.deref(ref);
  }
}
