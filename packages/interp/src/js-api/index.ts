/**
 * The standard WebAssembly JS API over rt's engine: `import { WebAssembly } from '@rt/interp'`
 * gives an object shaped like `globalThis.WebAssembly`, so that glue code written for the
 * native API (emscripten, wasm-bindgen, WASI shims) runs on it unchanged.
 *
 * All objects created through it share one engine (one store): modules, instances, memories,
 * tables and globals can be linked freely, and a function exported by one instance and imported
 * by another is called directly by the interpreter, without a JavaScript round trip.
 */
import { CompileError, LinkError, RuntimeError } from './errors.js';
import { Global } from './global.js';
import { Instance, type Imports } from './instance.js';
import { Memory } from './memory.js';
import { compileBytes, Module, moduleBytes, moduleFromCompiled, validateBytes, type BufferSource } from './module.js';
import { isObject } from './shared.js';
import { Table } from './table.js';

/** The result of `WebAssembly.instantiate(bytes, imports)`. */
export interface WebAssemblyInstantiatedSource {
  /** The compiled module. */
  readonly module: Module;
  /** Its instance. */
  readonly instance: Instance;
}

/**
 * What `compileStreaming`/`instantiateStreaming` accept: a `Response` (or anything with an
 * `arrayBuffer()` method, and optionally `ok` and `headers`), or a promise of one.
 */
export interface ResponseLike {
  /** The body. */
  arrayBuffer(): Promise<ArrayBuffer>;
  /** `false` for an HTTP error status (then a `TypeError`). */
  readonly ok?: boolean;
  /**
   * The response headers: when given (as a `Response` always has them), `Content-Type` must be
   * exactly `application/wasm` (case-insensitive, no parameters). Without them no check is made.
   */
  readonly headers?: { get(name: string): string | null };
}

/** The type of the {@link WebAssembly} namespace object. */
export interface WebAssemblyNamespace {
  /** See {@link Module}. */
  readonly Module: typeof Module;
  /** See {@link Instance}. */
  readonly Instance: typeof Instance;
  /** See {@link Memory}. */
  readonly Memory: typeof Memory;
  /** See {@link Table}. */
  readonly Table: typeof Table;
  /** See {@link Global}. */
  readonly Global: typeof Global;
  /** See {@link CompileError}. */
  readonly CompileError: typeof CompileError;
  /** See {@link LinkError}. */
  readonly LinkError: typeof LinkError;
  /** See {@link RuntimeError}. */
  readonly RuntimeError: typeof RuntimeError;
  /**
   * Whether `bytes` are a valid module (decode and validate, without compiling).
   * @throws TypeError - when `bytes` is not a BufferSource.
   */
  validate(bytes: BufferSource): boolean;
  /** Compiles `bytes`; rejects with a `CompileError` (or a `TypeError` for a non-BufferSource). */
  compile(bytes: BufferSource): Promise<Module>;
  /**
   * Compiles and instantiates `bytes`, resolving to the module and the instance; or, given a
   * `Module`, instantiates it, resolving to the instance.
   */
  instantiate(bytes: BufferSource, importObject?: Imports): Promise<WebAssemblyInstantiatedSource>;
  instantiate(module: Module, importObject?: Imports): Promise<Instance>;
  /** Compiles the body of a `Response` (its `Content-Type` must be `application/wasm`). */
  compileStreaming(source: ResponseLike | PromiseLike<ResponseLike>): Promise<Module>;
  /** Compiles and instantiates the body of a `Response`. */
  instantiateStreaming(
    source: ResponseLike | PromiseLike<ResponseLike>,
    importObject?: Imports,
  ): Promise<WebAssemblyInstantiatedSource>;
}

function validate(bytes: BufferSource): boolean {
  return validateBytes(bytes);
}

async function compile(bytes: BufferSource): Promise<Module> {
  return moduleFromCompiled(compileBytes(moduleBytes(bytes)));
}

function instantiate(bytes: BufferSource, importObject?: Imports): Promise<WebAssemblyInstantiatedSource>;
function instantiate(module: Module, importObject?: Imports): Promise<Instance>;
async function instantiate(
  source: BufferSource | Module,
  importObject?: Imports,
): Promise<WebAssemblyInstantiatedSource | Instance> {
  if (source instanceof Module) return new Instance(source, importObject);
  const module = await compile(source as BufferSource);
  return { module, instance: new Instance(module, importObject) };
}

async function responseBytes(source: ResponseLike | PromiseLike<ResponseLike>): Promise<ArrayBuffer> {
  const response = await source;
  if (!isObject(response) || typeof (response as ResponseLike).arrayBuffer !== 'function')
    throw new TypeError('WebAssembly streaming: argument must be a Response');
  if (response.ok === false) throw new TypeError('WebAssembly streaming: the response status is not ok');
  if (response.headers !== undefined) {
    // The Web API spec: a missing Content-Type is an error, and the value, stripped of HTTP tabs
    // and spaces, must match `application/wasm` case-insensitively, with no parameters.
    const type = response.headers.get('Content-Type');
    if (type === null || type.replace(/^[\t ]+|[\t ]+$/g, '').toLowerCase() !== 'application/wasm')
      throw new TypeError(`WebAssembly streaming: incorrect response MIME type ${JSON.stringify(type)} (expected application/wasm)`);
  }
  return response.arrayBuffer();
}

async function compileStreaming(source: ResponseLike | PromiseLike<ResponseLike>): Promise<Module> {
  return compile(await responseBytes(source));
}

async function instantiateStreaming(
  source: ResponseLike | PromiseLike<ResponseLike>,
  importObject?: Imports,
): Promise<WebAssemblyInstantiatedSource> {
  return instantiate(await responseBytes(source), importObject);
}

function makeNamespace(): WebAssemblyNamespace {
  const ns = {};
  const members: Record<string, unknown> = {
    compile,
    validate,
    instantiate,
    compileStreaming,
    instantiateStreaming,
    Module,
    Instance,
    Table,
    Memory,
    Global,
    CompileError,
    LinkError,
    RuntimeError,
  };
  // As on globalThis.WebAssembly (a WebIDL namespace): writable and configurable; the
  // operations enumerable, the interfaces not.
  const interfaces = new Set<unknown>([Module, Instance, Table, Memory, Global, CompileError, LinkError, RuntimeError]);
  for (const [name, value] of Object.entries(members)) {
    // The operations' names explicitly: a bundler may rename them (`validate2`).
    if (!interfaces.has(value)) Object.defineProperties(value as object, { length: { value: 1, configurable: true }, name: { value: name, configurable: true } });
    Object.defineProperty(ns, name, { value, writable: true, enumerable: !interfaces.has(value), configurable: true });
  }
  Object.defineProperty(ns, Symbol.toStringTag, { value: 'WebAssembly', configurable: true });
  return ns as WebAssemblyNamespace;
}

/**
 * The standard WebAssembly JS API, running on rt's interpreter: a drop-in for
 * `globalThis.WebAssembly`.
 *
 * ```ts
 * import { WebAssembly } from '@rt/interp';
 * const { instance } = await WebAssembly.instantiate(bytes, { env: { log: (x: number) => console.log(x) } });
 * (instance.exports.main as () => void)();
 * ```
 */
export const WebAssembly: WebAssemblyNamespace = makeNamespace();
