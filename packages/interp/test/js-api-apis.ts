/**
 * The two `WebAssembly` namespaces the JS API tests run side by side: Node's native one (the
 * oracle) and rt's.
 */
import { WebAssembly as RT, type JsApi } from '../src/index.js';

/** The standard namespace's type, as rt declares it. */
export type Api = JsApi.WebAssemblyNamespace;
/** Any exported function, called loosely. */
export type Fn = (...args: unknown[]) => unknown;
/** Node's own `WebAssembly` (ES2022's lib does not declare it). */
export const NATIVE = (globalThis as unknown as { WebAssembly: Api }).WebAssembly;
/** rt's `WebAssembly`. */
export { RT };
/** Both namespaces, named, for `describe.each`-style loops. */
export const APIS: readonly [string, Api][] = [
  ['native', NATIVE],
  ['rt', RT],
];

/** `'ok'`, or the constructor name of what `f` threw: how two engines' failures are compared. */
export function outcome(f: () => unknown): string {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as Error).constructor.name;
  }
}
