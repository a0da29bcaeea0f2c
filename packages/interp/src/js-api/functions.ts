/**
 * Functions across the JS API boundary: "Exported Functions" (the callable JavaScript functions
 * that stand for WebAssembly function instances) and host functions made from JavaScript
 * callables given as imports.
 */
import { ValType, type FuncType } from '@rt/binary';
import type { FuncInstance, HostFunction } from '../runtime/func.js';
import type { Value } from '../runtime/values.js';
import { engineOfFunc, getEngine, isObject, markHostThrown, toApiError } from './shared.js';
import type { Engine } from '../engine.js';
import { Interrupted } from '../fuel/interrupted.js';
import { toJsValue, toWasmValue } from './values.js';
import { exceptionFromJs } from './exception.js';

/**
 * A function exported by a WebAssembly instance (or read from a table or a funcref global): a
 * plain JavaScript function, not a constructor, whose `name` is the function's index and whose
 * `length` is its number of parameters. Arguments are converted with ToWebAssemblyValue; the
 * result is `undefined`, the single value, or an array for several results.
 */
export type ExportedFunction = (...args: unknown[]) => unknown;

/** Exported Function cache: one JavaScript function per function instance. */
const jsOf = new WeakMap<FuncInstance, ExportedFunction>();
/** The function instance behind each Exported Function. */
const funcOf = new WeakMap<object, FuncInstance>();
/** For host functions: their index in the function index space of the module that imported them first. */
const hostIndex = new WeakMap<HostFunction, number>();

function hasV128(type: FuncType): boolean {
  return type.params.includes(ValType.v128) || type.results.includes(ValType.v128);
}

/** The function instance behind `v` when `v` is an Exported Function, else `undefined`. */
export function funcInstanceOf(v: unknown): FuncInstance | undefined {
  return isObject(v) ? funcOf.get(v) : undefined;
}

/**
 * The Exported Function of `f` (created on first request, then always the same object).
 * @param index - The function's index in the exporting module, used for `name` when `f` is a host function.
 */
export function exportedFunction(f: FuncInstance, index?: number): ExportedFunction {
  const cached = jsOf.get(f);
  if (cached !== undefined) return cached;
  const type = f.type;
  const params = type.params;
  const results = type.results;
  const v128 = hasV128(type);
  const engine = engineOfFunc(f);
  // Concrete reference types of the parameters are the defining module's types.
  const scope = f.kind === 'wasm' ? f.instance : undefined;
  const fn: ExportedFunction = (...args: unknown[]): unknown => {
    if (v128) throw new TypeError('a function with v128 parameters or results cannot be called from JavaScript');
    const raw: Value[] = new Array<Value>(params.length);
    for (let j = 0; j < params.length; j++) raw[j] = toWasmValue(args[j], params[j]!, scope);
    return callFromJs(engine, f, raw, (out) => resultsToJs(out, results));
  };
  const name = f.kind === 'wasm' ? f.index : (hostIndex.get(f) ?? index ?? 0);
  Object.defineProperty(fn, 'name', { value: String(name), configurable: true });
  Object.defineProperty(fn, 'length', { value: params.length, configurable: true });
  jsOf.set(f, fn);
  funcOf.set(fn, f);
  return fn;
}

/**
 * The function instance to import for `value` as a function of type `type`: the instance itself
 * when `value` is an Exported Function (so that Wasm calls it directly, without leaving the
 * interpreter), else a new host function that calls `value` with `this` undefined.
 * `index` is the import's index in the importing module's function index space.
 */
export function importFunction(value: (...args: never[]) => unknown, type: FuncType, index: number): FuncInstance {
  const f = funcInstanceOf(value);
  if (f !== undefined) return f;
  const params = type.params;
  const results = type.results;
  const v128 = hasV128(type);
  const host = getEngine().hostFunction(type, (args) => {
    if (v128) throw new TypeError('a function with v128 parameters or results cannot be called from JavaScript');
    return resultsToWasm(callJs(value, args, params), results);
  });
  hostIndex.set(host, index);
  return host;
}

/**
 * Calls the JavaScript function `fn` (with `this` undefined) on Wasm values `args` of types
 * `params`; what it throws is marked as the host's (see `markHostThrown`) and passed on.
 */
export function callJs(fn: Function, args: readonly Value[], params: readonly ValType[]): unknown {
  const jsArgs: unknown[] = new Array<unknown>(args.length);
  for (let j = 0; j < args.length; j++) jsArgs[j] = toJsValue(args[j], params[j]!);
  try {
    return Reflect.apply(fn, undefined, jsArgs);
  } catch (e) {
    markHostThrown(e);
    // A WebAssembly.Exception becomes its exception inside Wasm (same tag and payload).
    throw exceptionFromJs(e);
  }
}

/** The Wasm values of what a host function returned (the JS API's "coerce a JavaScript return"). */
export function resultsToWasm(ret: unknown, results: readonly ValType[]): Value[] | undefined {
  if (results.length === 0) return undefined;
  if (results.length === 1) return [toWasmValue(ret, results[0]!)];
  // GetMethod(ret, @@iterator), then IterableToList: any iterable (a string too), else TypeError.
  const iterator: unknown = ret === null || ret === undefined ? undefined : (ret as { [Symbol.iterator]?: unknown })[Symbol.iterator];
  if (typeof iterator !== 'function') throw new TypeError('a function with several results must return an iterable');
  const list = iterableToList(ret, iterator);
  if (list.length !== results.length)
    throw new TypeError(`a function with ${results.length} results returned ${list.length} values`);
  return list.map((v, j) => toWasmValue(v, results[j]!));
}

/** The JavaScript value of a call's results: `undefined`, the single value, or an array. */
export function resultsToJs(out: readonly Value[], results: readonly ValType[]): unknown {
  if (results.length === 0) return undefined;
  if (results.length === 1) return toJsValue(out[0], results[0]!);
  return out.map((v, j) => toJsValue(v, results[j]!));
}

/**
 * Calls `f` from JavaScript; a stop the host must handle comes out as an {@link Interrupted}
 * whose `resume()` returns the JS value (a promise of it for `async`).
 */
export function callFromJs(engine: Engine, f: FuncInstance, raw: Value[], toJs: (out: Value[]) => unknown): unknown {
  try {
    return toJs(engine.invoke(f, raw));
  } catch (e) {
    throw apiStop(e, (resumed) => toJs(resumed as Value[]));
  }
}

/** `e` for the host of the JS API: an {@link Interrupted} resuming to `toJs` of the results, or {@link toApiError}'s. */
function apiStop(e: unknown, toJs: (resumed: unknown) => unknown): unknown {
  if (!(e instanceof Interrupted)) return toApiError(e);
  const stopped: Interrupted = e;
  return new Interrupted(stopped.reason, stopped.fuelConsumed, () => {
    try {
      return toJs(stopped.resume());
    } catch (next) {
      throw apiStop(next, toJs);
    }
  }, () => stopped.abandon());
}

/** {@link callFromJs} for a promising call (`WebAssembly.promising`): suspending imports may suspend it. */
export async function callFromJsAsync(engine: Engine, f: FuncInstance, raw: Value[], toJs: (out: Value[]) => unknown): Promise<unknown> {
  const resumed = async (p: unknown): Promise<unknown> => {
    try {
      return toJs(await (p as Promise<Value[]>));
    } catch (next) {
      throw apiStop(next, resumed);
    }
  };
  try {
    return toJs(await engine.invokeAsync(f, raw));
  } catch (e) {
    throw apiStop(e, resumed);
  }
}

/**
 * ECMAScript's IterableToList(items, method) with the `@@iterator` method already read (the JS
 * API reads it once: spreading `items` would read it a second time, which a getter can see):
 * `next` is read once, then called until a result says `done`.
 */
function iterableToList(items: unknown, method: Function): unknown[] {
  const iterator: unknown = Reflect.apply(method, items, []);
  if (!isObject(iterator)) throw new TypeError('the @@iterator method of a result did not return an object');
  const next: unknown = (iterator as { next?: unknown }).next;
  const list: unknown[] = [];
  for (;;) {
    const result: unknown = Reflect.apply(next as Function, iterator, []);
    if (!isObject(result)) throw new TypeError('an iterator result is not an object');
    if ((result as { done?: unknown }).done) return list;
    list.push((result as { value?: unknown }).value);
  }
}
