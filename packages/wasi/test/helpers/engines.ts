import { WebAssembly as interpWebAssembly } from '@rt/interp';

/**
 * The engines the C programs run on. Each provides the standard WebAssembly JS API surface the
 * tests use: Node's native engine and rt's own (`@rt/interp`, a test-only dependency: the
 * package itself depends on no engine).
 */
export interface Engine {
  name: string;
  /** Compiles and instantiates a module; returns its exports. */
  instantiate(bytes: Uint8Array, imports: Record<string, Record<string, unknown>>): Promise<{ exports: Record<string, unknown> }>;
}

/** The part of the WebAssembly JS API the tests use (the ES2022 lib does not declare it). */
interface WebAssemblyApi {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<{ exports: Record<string, unknown> }>;
}

/** Builds an engine from any object implementing the WebAssembly JS API. */
export function engineFromApi(name: string, api: WebAssemblyApi): Engine {
  return {
    name,
    async instantiate(bytes, imports) {
      return api.instantiate(await api.compile(bytes), imports);
    },
  };
}

/** Node's native WebAssembly. */
export const native: Engine = engineFromApi('native', (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly);

/** rt's own engine, through its standard JS API. */
export const interp: Engine = engineFromApi('interp', interpWebAssembly as unknown as WebAssemblyApi);

/** Every engine the program tests run on. */
export const engines: Engine[] = [native, interp];
