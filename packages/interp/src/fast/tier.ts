/**
 * The fast tier's place among the tiers: compiling a function (once per module, instantiated per
 * instance), and the calling convention's boundaries with the interpreter and the host.
 *
 * Every function instance has a `fastCall`: the JavaScript function generated code calls it
 * through, with the fast calling convention (arguments as parameters, an i64 as two int32
 * halves, f32 as the f32's exact double; the first result returned, the rest in the store's
 * result area). Until a Wasm function is compiled its `fastCall` is a shared trampoline that
 * counts the call towards tier-up and otherwise runs the function in the interpreter; a host
 * function's trampoline converts to the host's {@link Value}s. Both go through value-stack cells,
 * so the interpreter's own boundary code (`execute`, `callHost`) is reused unchanged.
 */
import { ValType, type FuncType } from '@rt/binary';
import type { CompiledModule } from '../lower/compiled-module.js';
import { definedIndex, type HostFunction, type WasmFunction } from '../runtime/func.js';
import type { Store } from '../runtime/store.js';
import { Trap, TrapMessage } from '../runtime/trap.js';
import { generateFactory, moduleShape, type GeneratedFactory, type ModuleShape } from './codegen.js';
import { checkpoint } from '../fuel/checkpoint.js';
import { leaveFastFrame } from '../fuel/frames.js';
import { Stop } from '../fuel/stop.js';
import { f32b, f32n, HELPERS } from './helpers.js';
import { codeGenerationAllowed } from '../exec/codegen-allowed.js';

/**
 * A function with the fast calling convention: its call depth first (the frames below it, itself
 * included: the caller's depth plus one), then its arguments. The depth travels as an argument
 * rather than in the store, where incrementing and decrementing it on every call cost recursive
 * `fib` 148–157 ms against 132–138 ms (112 ms with no depth check at all); it is written to the
 * store only where the interpreter or the host takes over (the trampolines).
 */
export type FastCall = (depth: number, ...args: number[]) => number | undefined;

/**
 * What generated code calls: the helpers, and the stop plumbing (see `fuel/stop.ts`): the signal
 * class, the checkpoint's slow path, and the deoptimisation of a frame a stop leaves.
 */
let frameScratch = new Float64Array(64);

function tierHelpers(generated: GeneratedFactory) {
  return {
    ...HELPERS,
    Stop,
    checkpoint,
    /** Scratch for a deoptimising frame's values (at least `n`), filled by its `catch`. */
    frameValues(n: number): Float64Array {
      if (frameScratch.length < n) frameScratch = new Float64Array(Math.max(n, 2 * frameScratch.length));
      return frameScratch;
    },
    /** Deoptimises a frame of this very code, from the sites its generator recorded. */
    leave(stop: Stop, fn: WasmFunction, site: number, vals: Float64Array): void {
      leaveFastFrame(stop, fn, site, vals, generated.localTypes, generated.sites, generated.extrasStart);
    },
  };
}

/** A generated factory: instantiates its function for one instance. */
type Factory = (instance: unknown, self: WasmFunction, helpers: ReturnType<typeof tierHelpers>) => FastCall;

/**
 * One generated version of a function: a function is generated again, with one more entry loop,
 * when a running activation must continue in it at a loop it had none for (`loop-entry.ts`).
 */
export interface FastVersion {
  readonly factory: Factory;
  /** See `GeneratedFactory.callees`. */
  readonly callees: readonly number[];
  readonly helpers: ReturnType<typeof tierHelpers>;
  /** Its entry loops (instruction indices, sorted; see `entry-plan.ts`). */
  readonly loops: readonly number[];
}

/** A compiled module's generated functions for one kind of instance (see {@link factoriesFor}). */
interface ModuleFactories {
  readonly shape: ModuleShape;
  /** Per defined function: its latest version, `null` if the tier does not compile it, `undefined` if not tried. */
  readonly versions: (FastVersion | null | undefined)[];
  /** Per defined function: the loops it was refused an entry at. */
  readonly refusedLoops: Set<number>[];
  /** Whether these factories serve instances whose memory stays below 2 GiB. */
  readonly below2GiB: boolean;
}

/** The version each compiled function instance runs. */
const versionOf = new WeakMap<WasmFunction, FastVersion>();

/**
 * Generated factories by compiled module, shared by all its instances: one set for instances
 * whose memory stays below 2 GiB (almost all: the default engine limit is 2 GiB) and one for the
 * rest, whose addresses must be read as unsigned (see `FactoryOptions.memoryBelow2GiB`).
 */
const factoriesOf = new WeakMap<CompiledModule, { below2GiB?: ModuleFactories; any?: ModuleFactories }>();

/** Whether `fn`'s instance has no memory that could reach 2 GiB. */
function memoryBelow2GiB(fn: WasmFunction): boolean {
  const memory = fn.instance.memories[0];
  return memory === undefined || memory.maxPages <= 32768;
}

/** The factory set for `fn`'s instance. */
function factoriesFor(fn: WasmFunction): ModuleFactories {
  const compiled = fn.instance.module;
  let byMemory = factoriesOf.get(compiled);
  if (byMemory === undefined) {
    byMemory = {};
    factoriesOf.set(compiled, byMemory);
  }
  const below2GiB = memoryBelow2GiB(fn);
  let entry = below2GiB ? byMemory.below2GiB : byMemory.any;
  if (entry === undefined) {
    entry = { shape: moduleShape(compiled.module), versions: [], refusedLoops: [], below2GiB };
    if (below2GiB) byMemory.below2GiB = entry;
    else byMemory.any = entry;
  }
  return entry;
}

/**
 * Compiles `fn` to a JavaScript function and makes it the function's `fastCall`. Returns false
 * (and marks the function so that it is not tried again) when the tier does not compile it or
 * the host forbids code generation. With `callees`, also compiles the callees that have run
 * ({@link compileCallees}).
 */
export function compileFast(fn: WasmFunction, callees = true): boolean {
  if (fn.fast) return true;
  if (!fn.instance.store.fastTier) return false;
  if (fn.noFast || !codeGenerationAllowed()) {
    fn.noFast = true;
    return false;
  }
  const entry = factoriesFor(fn);
  const defined = definedIndex(fn);
  let version = entry.versions[defined];
  if (version === undefined) version = entry.versions[defined] = buildVersion(entry, fn, []);
  if (version === null) {
    fn.noFast = true;
    return false;
  }
  instantiateVersion(fn, version);
  fn.fast = true;
  if (callees) compileCallees(fn, version);
  return true;
}

/**
 * Compiles the callees of newly compiled `fn` that have run already, before its code runs: a
 * call site that first saw a callee's trampoline and then its compiled code is polymorphic to
 * the JavaScript engine, which then inlines neither. (On fnptr, whose loop calls through a table,
 * V8's outcome stayed bimodal either way, 256–490 ms per run; this removes the cause, not the
 * noise.) Callees that never ran (error paths) stay uncompiled; one level only.
 */
function compileCallees(fn: WasmFunction, version: FastVersion): void {
  const funcs = fn.instance.funcs;
  for (const index of version.callees) {
    const callee = funcs[index];
    if (callee !== undefined && callee.kind === 'wasm' && !callee.fast && callee.hotness > 0) compileFast(callee, false);
  }
}

function instantiateVersion(fn: WasmFunction, version: FastVersion): void {
  fn.fastCall = version.factory(fn.instance, fn, version.helpers);
  versionOf.set(fn, version);
}

/**
 * Makes compiled function `fn` run a version with an entry at the loop at instruction `loop`
 * (generating one if its module has none yet) and returns that version, or `null` if the tier
 * cannot enter there (then `fn` keeps its version).
 */
export function versionWithEntry(fn: WasmFunction, loop: number): FastVersion | null {
  const entry = factoriesFor(fn);
  const defined = definedIndex(fn);
  let version = entry.versions[defined];
  if (version === undefined || version === null) return null;
  if (!version.loops.includes(loop)) {
    const refused = entry.refusedLoops[defined] ?? (entry.refusedLoops[defined] = new Set());
    if (refused.has(loop)) return null;
    const next = buildVersion(entry, fn, [...version.loops, loop].sort((a, b) => a - b));
    if (next === null) {
      refused.add(loop);
      return null;
    }
    version = entry.versions[defined] = next;
  }
  if (versionOf.get(fn) !== version) instantiateVersion(fn, version);
  return version;
}

/**
 * Generates `fn` for the instances `entry` serves, with entries at `loops`, and evaluates its
 * factory; `null` if the tier or the JavaScript engine refuses it.
 */
function buildVersion(entry: ModuleFactories, fn: WasmFunction, loops: readonly number[]): FastVersion | null {
  const generated = generateFactory(entry.shape, fn.index, {
    metered: fn.instance.module.loopCheckpoints !== undefined,
    memoryBelow2GiB: entry.below2GiB,
    loopEntries: loops,
  });
  if (generated === null) return null;
  try {
    return { factory: new Function('$', 'SELF', 'H', generated.source) as Factory, callees: generated.callees, helpers: tierHelpers(generated), loops };
  } catch {
    // A body the JavaScript engine refuses (too large, too deep): it stays interpreted.
    return null;
  }
}

// ---- moving fast-convention values through value-stack cells ----

/** Writes fast-convention `args` of `params` to the cells from word `w`; returns how many args were read. */
function writeArgs(store: Store, params: readonly number[], args: readonly number[], w: number): void {
  const I = store.stack.i32;
  const F = store.stack.f64;
  let k = 0;
  for (let j = 0; j < params.length; j++, w += 4) {
    const t = params[j]!;
    if (t === ValType.i64) {
      I[w] = args[k++]!;
      I[w + 1] = args[k++]!;
    } else if (t === ValType.f64) F[w >> 1] = args[k++]!;
    else if (t === ValType.f32) I[w] = f32b(args[k++]!);
    else I[w] = args[k++]!;
  }
}

/** Reads the results of `results` from the cells from word `w` in the fast convention (first returned). */
function readResults(store: Store, results: readonly number[], w: number): number | undefined {
  const I = store.stack.i32;
  const F = store.stack.f64;
  const RI = store.fastInts;
  const RF = store.fastFloats;
  let first: number | undefined;
  let ii = 0;
  let ff = 0;
  for (let j = 0; j < results.length; j++, w += 4) {
    const t = results[j]!;
    let v: number;
    if (t === ValType.i64) {
      v = I[w]!;
      if (j === 0) RI[ii++] = I[w + 1]!;
      else {
        RI[ii++] = v;
        RI[ii++] = I[w + 1]!;
      }
    } else if (t === ValType.f64) {
      v = F[w >> 1]!;
      if (j > 0) RF[ff++] = v;
    } else {
      v = t === ValType.f32 ? f32n(I[w]!) : I[w]!;
      if (j > 0) {
        if (t === ValType.f32) RF[ff++] = v;
        else RI[ii++] = v;
      }
    }
    if (j === 0) first = v;
  }
  return first;
}

/** Flattens fast-convention results (first `r0`, the rest in the result area) back into cells from `w`. */
export function writeResults(store: Store, results: readonly number[], r0: number | undefined, w: number): void {
  const I = store.stack.i32;
  const F = store.stack.f64;
  const RI = store.fastInts;
  const RF = store.fastFloats;
  let ii = 0;
  let ff = 0;
  for (let j = 0; j < results.length; j++, w += 4) {
    const t = results[j]!;
    if (t === ValType.i64) {
      I[w] = j === 0 ? r0! : RI[ii++]!;
      I[w + 1] = RI[ii++]!;
    } else if (t === ValType.f64) F[w >> 1] = j === 0 ? r0! : RF[ff++]!;
    else if (t === ValType.f32) I[w] = f32b(j === 0 ? r0! : RF[ff++]!);
    else I[w] = j === 0 ? r0! : RI[ii++]!;
  }
}

/** Reads fast-convention arguments of `params` from the cells from word `w`. */
function readArgs(store: Store, params: readonly number[], w: number): number[] {
  const I = store.stack.i32;
  const F = store.stack.f64;
  const args: number[] = [];
  for (let j = 0; j < params.length; j++, w += 4) {
    const t = params[j]!;
    if (t === ValType.i64) args.push(I[w]!, I[w + 1]!);
    else if (t === ValType.f64) args.push(F[w >> 1]!);
    else if (t === ValType.f32) args.push(f32n(I[w]!));
    else args.push(I[w]!);
  }
  return args;
}

// ---- the boundaries ----

/**
 * Calls compiled function `fn` from the interpreter with its arguments in the cells from word `w`
 * and writes its results there. `store.callDepth` must count the caller's frames (the callee
 * counts itself); `store.stackTop` must be above every live interpreter frame.
 */
export function callCompiled(store: Store, fn: WasmFunction, w: number): void {
  const call = fn.cellCaller !== undefined ? fn.cellCaller : (fn.cellCaller = cellCallerOf(fn.type));
  const d = store.callDepth + 1;
  const r0 = call === null ? fn.fastCall(d, ...readArgs(store, fn.type.params, w)) : call(fn, store.stack.i32, store.stack.f64, w, f32n, d);
  writeResults(store, fn.type.results, r0, w);
}

/** Calls `fn.fastCall` at call depth `depth` with its arguments read from the cells at word `w` (one per signature). */
export type CellCaller = (fn: WasmFunction, I: Int32Array, F: Float64Array, w: number, f32: typeof f32n, depth: number) => number | undefined;

/** Cell callers by parameter list; `null` where none can be generated. */
const cellCallers = new Map<string, CellCaller | null>();

/**
 * The generated caller for functions with `type`'s parameters: the interpreter calls compiled
 * code on every transition between the tiers, and an argument array plus a spread call would
 * cost more than many small callees themselves.
 */
function cellCallerOf(type: FuncType): CellCaller | null {
  const key = type.params.join(',');
  let caller = cellCallers.get(key);
  if (caller === undefined) {
    try {
      caller = new Function('fn', 'I', 'F', 'w', 'f32', 'd', `return fn.fastCall(${['d', ...cellArguments(type.params)].join(', ')});`) as CellCaller;
    } catch {
      caller = null;
    }
    cellCallers.set(key, caller);
  }
  return caller;
}

/**
 * The arguments, in the fast convention, for values of `types` in the cells from word `w` (one
 * cell each; an i64 is two arguments), as source over `I` (the stack's `Int32Array`), `F` (its
 * `Float64Array`) and `f32` ({@link f32n}).
 */
export function cellArguments(types: readonly number[]): string[] {
  return types.flatMap((t, j) => {
    const w = `w + ${4 * j}`;
    if (t === ValType.i64) return [`I[${w}]`, `I[${w} + 1]`];
    if (t === ValType.f64) return [`F[(${w}) >> 1]`];
    if (t === ValType.f32) return [`f32(I[${w}])`];
    return [`I[${w}]`];
  });
}

/**
 * The `fastCall` of a Wasm function not compiled yet: counts the call towards tier-up (compiling
 * and calling the compiled function once it is hot), else runs the function in the interpreter
 * on a frame at the top of the value stack.
 */
export function wasmTrampoline(this: WasmFunction, d: number, ...args: number[]): number | undefined {
  const fn = this;
  const store = fn.instance.store;
  if (!fn.noFast && ++fn.hotness >= store.jitThreshold && compileFast(fn)) return fn.fastCall(d, ...args);
  if (d >= store.limits.maxCallDepth) throw new Trap(TrapMessage.callStackExhausted);
  const base = store.stackTop;
  if ((base + fn.frameSize) * 4 > store.stack.i32.length) throw new Trap(TrapMessage.callStackExhausted);
  writeArgs(store, fn.type.params, args, 4 * base);
  const depth = store.callDepth;
  store.callDepth = d;
  try {
    interpret(store, fn, base);
  } finally {
    store.callDepth = depth;
  }
  return readResults(store, fn.type.results, 4 * base);
}

/** The `fastCall` of a host function: the call through value cells and `callHost`. */
export function hostTrampoline(this: HostFunction, d: number, ...args: number[]): number | undefined {
  const f = this;
  const store = f.store!;
  const base = store.stackTop;
  const cells = Math.max(f.type.params.length, f.type.results.length);
  if ((base + cells) * 4 > store.stack.i32.length) throw new Trap(TrapMessage.callStackExhausted);
  writeArgs(store, f.type.params, args, 4 * base);
  const depth = store.callDepth;
  store.stackTop = base + cells;
  store.callDepth = d;
  try {
    host(store, f, 4 * base);
  } catch (e) {
    // Passed on unchanged by every frame it leaves (see `helpers.frame`) and by `invoke`.
    store.hostError = e;
    throw e;
  } finally {
    store.stackTop = base;
    store.callDepth = depth;
  }
  return readResults(store, f.type.results, 4 * base);
}

/** The interpreter's entry points, installed by the interpreter (which imports this module). */
let interpret: (store: Store, fn: WasmFunction, fpCell: number) => void;
let host: (store: Store, f: HostFunction, w: number) => void;

/** @internal Called once by `exec/interpreter.ts`. */
export function installInterpreter(execute: typeof interpret, callHost: typeof host): void {
  interpret = execute;
  host = callHost;
}
