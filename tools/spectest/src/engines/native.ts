/**
 * The runner's self-check: the JS-API adapter over Node's own `WebAssembly`.
 *
 * Running the whole suite against a mature engine tests the reader, the constant parsing, the
 * result matching and the bookkeeping end to end, independently of rt's engine. Values are exact
 * (see `jsapi.ts`). What is approximate is the failure messages: V8 words traps and link errors
 * its own way ("memory access out of bounds", "null function or function signature mismatch" for
 * two different spec traps), so this adapter sets `specMessages: false` and the runner compares
 * only the kind of failure (trap, exhaustion, link error).
 */
import type { EngineAdapter } from './adapter.js';
import { createJsApiAdapter, type JsApi } from './jsapi.js';

export function createNativeAdapter(): EngineAdapter {
  // TypeScript declares `WebAssembly` only in the DOM library, which this Node tool does not load.
  const api = (globalThis as unknown as { WebAssembly: JsApi }).WebAssembly;
  return createJsApiAdapter(api, { name: 'native', specMessages: false });
}
