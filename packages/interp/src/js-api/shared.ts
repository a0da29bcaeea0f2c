/**
 * State shared by every object of the JS API: one {@link Engine} (so that all modules, instances,
 * memories, tables and globals created through `WebAssembly` can be linked together), created
 * on first use, and the mapping of core errors to the JS API's.
 */
import { Engine } from '../engine.js';
import type { FuncInstance } from '../runtime/func.js';
import type { Store } from '../runtime/store.js';
import { LinkError as CoreLinkError, Trap } from '../runtime/trap.js';
import { LinkError, RuntimeError, SuspendError } from './errors.js';
import { SuspendError as CoreSuspendError } from '../fuel/interrupted.js';
import { runtimeErrorOf } from './trap-error.js';
import { WasmException } from '../runtime/exception.js';
import { exceptionToJs } from './exception.js';

let defaultEngine: Engine | undefined;
/** The engine of the namespace whose operation is running (see {@link withEngine}), if not the default. */
let current: Engine | undefined;
/** Each namespace engine by its store, to find the engine of a function or a core object. */
const engineOfStore = new WeakMap<Store, Engine>();
/** The engine each core table, global or memory was created in (by the JS API). */
const engineOfCore = new WeakMap<object, Engine>();

/**
 * The engine behind the JS API operation that is running: the default namespace's (allocated on
 * first use: its value stack is 16 MiB), or that of a namespace made by `createWebAssembly`.
 */
export function getEngine(): Engine {
  if (current !== undefined) return current;
  if (defaultEngine === undefined) {
    defaultEngine = new Engine();
    engineOfStore.set(defaultEngine.store, defaultEngine);
  }
  return defaultEngine;
}

/** Registers a namespace's engine, so that its functions and objects find it again. */
export function registerEngine(engine: Engine): void {
  engineOfStore.set(engine.store, engine);
}

/** Makes `engine` the JS API's engine until {@link leaveEngine}; returns what to restore. */
export function enterEngine(engine: Engine): Engine | undefined {
  const saved = current;
  current = engine;
  return saved;
}

/** Restores the engine {@link enterEngine} replaced. */
export function leaveEngine(saved: Engine | undefined): void {
  current = saved;
}

/** Runs `f` with `engine` as the JS API's engine (a `createWebAssembly` namespace's operations). */
export function withEngine<T>(engine: Engine | undefined, f: () => T): T {
  const saved = current;
  current = engine;
  try {
    return f();
  } finally {
    current = saved;
  }
}

/** The engine a function instance belongs to. */
export function engineOfFunc(f: FuncInstance): Engine {
  const store = f.kind === 'wasm' ? f.instance.store : f.store;
  return (store !== undefined ? engineOfStore.get(store) : undefined) ?? getEngine();
}

/** Records that core object `core` belongs to the running operation's engine (first caller wins). */
export function ownCore(core: object): void {
  if (!engineOfCore.has(core)) engineOfCore.set(core, getEngine());
}

/** The engine core object `core` belongs to. */
export function engineOfObject(core: object): Engine {
  return engineOfCore.get(core) ?? getEngine();
}

/** Exceptions thrown by imported JavaScript functions (never converted, whatever they are). */
const hostThrown = new WeakSet<object>();

/** Records that `e` was thrown by an imported JavaScript function (so it propagates unchanged). */
export function markHostThrown(e: unknown): void {
  if (isObject(e)) hostThrown.add(e);
}

/**
 * Whether `e` is the JavaScript engine's own stack overflow (V8 and JavaScriptCore: a
 * `RangeError` "Maximum call stack size exceeded"; SpiderMonkey: an `InternalError` "too much
 * recursion").
 */
function isJsStackOverflow(e: unknown): boolean {
  // No regular expressions here: with the stack exhausted, compiling one throws a SyntaxError.
  if (!(e instanceof Error)) return false;
  if (e instanceof RangeError) return e.message.includes('call stack');
  return e.name === 'InternalError' && e.message.includes('recursion');
}

/**
 * The JS API's view of an exception thrown by the core: a {@link Trap} becomes a
 * {@link RuntimeError} with the same message (and backtrace: see `trap-error.ts`), the core's link error a {@link LinkError}, and the
 * JavaScript engine's stack overflow *inside the engine* (when nested host → Wasm calls run out
 * of JavaScript stack before the engine's own limits) the `call stack exhausted` trap. Anything
 * else, in particular whatever an imported function threw (a stack overflow of its own
 * included), is returned unchanged.
 */
export function toApiError(e: unknown): unknown {
  if (e instanceof Trap) return runtimeErrorOf(e);
  if (e instanceof WasmException) return exceptionToJs(e);
  if (e instanceof CoreLinkError) return new LinkError(e.message);
  if (e instanceof CoreSuspendError) return new SuspendError(e.message);
  if (isJsStackOverflow(e) && !hostThrown.has(e as object)) return new RuntimeError('call stack exhausted');
  return e;
}

/** Whether `x` is an object or a function (the spec's `Type(x) is Object`). */
export function isObject(x: unknown): x is object {
  return (typeof x === 'object' && x !== null) || typeof x === 'function';
}

/**
 * WebIDL `[EnforceRange] unsigned long`: a `TypeError` unless `v` converts to a finite number in
 * `0 … 2^32-1` (after truncation).
 */
export function enforceU32(v: unknown, what: string): number {
  const n = +(v as number); // ToNumber: a TypeError for a BigInt or a Symbol
  if (!Number.isFinite(n)) throw new TypeError(`${what} must be a finite number`);
  const x = Math.trunc(n);
  if (x < 0 || x > 0xffffffff) throw new TypeError(`${what} must be in the range 0 to 2^32-1`);
  return x;
}

const byteLengthOf = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength')!.get!;

/**
 * Whether `x` is an `ArrayBuffer` (of any realm): the brand check of its `byteLength` getter.
 * `ArrayBuffer.prototype` itself is not one, though `Object.prototype.toString` says so.
 */
function isArrayBuffer(x: unknown): x is ArrayBuffer {
  if (!isObject(x)) return false;
  try {
    byteLengthOf.call(x);
    return true;
  } catch {
    return false;
  }
}

/** The byte length of a BufferSource (an `ArrayBuffer` or a view); `TypeError` for anything else. */
export function bufferSourceLength(source: unknown): number {
  if (ArrayBuffer.isView(source)) return source.byteLength;
  if (isArrayBuffer(source)) return source.byteLength;
  throw new TypeError('argument must be a BufferSource (an ArrayBuffer or an ArrayBuffer view)');
}

/** Copies the bytes of a BufferSource (an `ArrayBuffer` or a view); `TypeError` for anything else. */
export function bufferSourceBytes(source: unknown): Uint8Array {
  if (ArrayBuffer.isView(source)) {
    return new Uint8Array(source.buffer, source.byteOffset, source.byteLength).slice();
  }
  if (isArrayBuffer(source)) return new Uint8Array(source).slice();
  throw new TypeError('argument must be a BufferSource (an ArrayBuffer or an ArrayBuffer view)');
}

/**
 * Gives a class the property shape WebIDL gives an interface (what the native `WebAssembly`
 * classes have): enumerable prototype members and static operations, the constructor's `length`
 * counting only its required arguments, and the `Symbol.toStringTag` of the interface.
 */
export function webidlInterface(cls: { readonly prototype: object }, tag: string, length: number, operationLengths: Readonly<Record<string, number>> = {}): void {
  const targets: object[] = [cls.prototype, cls];
  for (const target of targets) {
    for (const key of Object.getOwnPropertyNames(target)) {
      if (key === 'constructor' || (target === cls && (key === 'prototype' || key === 'length' || key === 'name'))) continue;
      const d = Object.getOwnPropertyDescriptor(target, key)!;
      // Sloppy-mode functions on some engines (Hermes) own non-configurable `caller`/`arguments`.
      if (!d.configurable) continue;
      Object.defineProperty(target, key, { ...d, enumerable: true });
      const fn = d.value as unknown;
      if (typeof fn === 'function' && Object.prototype.hasOwnProperty.call(operationLengths, key))
        Object.defineProperty(fn, 'length', { value: operationLengths[key], configurable: true });
    }
  }
  Object.defineProperty(cls, 'length', { value: length, configurable: true });
  Object.defineProperty(cls.prototype, Symbol.toStringTag, { value: tag, configurable: true });
}
