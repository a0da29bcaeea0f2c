/**
 * The JS Promise Integration API (JSPI): `WebAssembly.Suspending`, which marks a JavaScript
 * function imported by Wasm as one whose calls suspend the Wasm caller until its promise settles,
 * and `WebAssembly.promising`, which turns an exported Wasm function into one that returns a
 * promise and may be suspended that way. As the proposal specifies, on rt's own engine: the
 * suspended Wasm frames (whatever tier ran them) are detached from the value stack and rebuilt
 * when the promise settles, so other calls run meanwhile.
 */
import type { FuncType } from '@rt/binary';
import type { FuncInstance } from '../runtime/func.js';
import { callFromJsAsync, callJs, funcInstanceOf, resultsToJs, resultsToWasm } from './functions.js';
import { engineOfFunc, getEngine, markHostThrown } from './shared.js';
import { exceptionFromJs } from './exception.js';
import { toWasmValue } from './values.js';
import type { Value } from '../runtime/values.js';

/** The JavaScript function behind each `WebAssembly.Suspending` marker (its \[[WrappedFunction]]). */
const wrapped = new WeakMap<object, Function>();

/** `WebAssembly.Suspending`: a marker object for an import whose calls suspend (JSPI). */
export class Suspending {
  /** Marks `jsFun` (a callable) as suspending. */
  constructor(jsFun: Function) {
    if (typeof jsFun !== 'function') throw new TypeError('WebAssembly.Suspending(): Argument 0 must be a function');
    wrapped.set(this, jsFun);
  }
}
Object.defineProperty(Suspending.prototype, Symbol.toStringTag, { value: 'WebAssembly.Suspending', configurable: true });

/** The function a `Suspending` marker wraps, or `undefined` if `v` is not one. */
export function suspendingFunctionOf(v: unknown): Function | undefined {
  return typeof v === 'object' && v !== null ? wrapped.get(v) : undefined;
}

/**
 * The JS API's "create a suspending function": a host function of `type` that calls `fn` and
 * suspends the promising call it is in until the returned value (a promise or not) settles.
 */
export function importSuspending(fn: Function, type: FuncType): FuncInstance {
  return getEngine().suspendingHostFunction(type, (args) => {
    const ret = callJs(fn, args, type.params);
    return Promise.resolve(ret).then(
      (v) => resultsToWasm(v, type.results),
      (e: unknown) => {
        // Thrown into the Wasm caller as a host function's exception would be.
        markHostThrown(e);
        throw exceptionFromJs(e);
      },
    );
  });
}

/**
 * `WebAssembly.promising(wasmFunc)`: a function that calls the exported Wasm function `wasmFunc`
 * as a promising call and returns a promise of its results.
 */
export function promising(wasmFunc: unknown): (...args: unknown[]) => Promise<unknown> {
  if (typeof wasmFunc !== 'function') throw new TypeError('WebAssembly.promising(): Argument 0 must be a function');
  const f = funcInstanceOf(wasmFunc);
  if (f === undefined) throw new TypeError('WebAssembly.promising(): Argument 0 must be a WebAssembly exported function');
  const engine = engineOfFunc(f);
  const { params, results } = f.type;
  const run = (...args: unknown[]): Promise<unknown> => {
    let raw: Value[];
    try {
      raw = params.map((t, j) => toWasmValue(args[j], t));
    } catch (e) {
      return Promise.reject(e);
    }
    return callFromJsAsync(engine, f, raw, (out) => resultsToJs(out, results));
  };
  Object.defineProperty(run, 'length', { value: 1, configurable: true });
  Object.defineProperty(run, 'name', { value: '', configurable: true });
  return run;
}
