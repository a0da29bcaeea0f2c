/**
 * The standard WebAssembly JS API over rt's engine: `import { WebAssembly } from '@rt/interp'`
 * gives an object shaped like `globalThis.WebAssembly`, so that glue code written for the
 * native API (emscripten, wasm-bindgen, WASI shims) runs on it unchanged.
 *
 * All objects created through it share one engine (one store): modules, instances, memories,
 * tables and globals can be linked freely, and a function exported by one instance and imported
 * by another is called directly by the interpreter, without a JavaScript round trip.
 */
import { CompileError, LinkError, RuntimeError, SuspendError } from './errors.js';
import { promising, Suspending } from './jspi.js';
import { Global } from './global.js';
import { Instance, type Imports } from './instance.js';
import { Memory } from './memory.js';
import { compileBytes, Module, moduleBytes, moduleFromCompiled, validateBytes, type BufferSource } from './module.js';
import { enterEngine, isObject, leaveEngine, registerEngine } from './shared.js';
import { Engine, type EngineOptions } from '../engine.js';
import { Table } from './table.js';
import { Exception, JSTag, Tag } from './exception.js';

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
  /** See {@link SuspendError} (JS Promise Integration). */
  readonly SuspendError: typeof SuspendError;
  /** `new WebAssembly.Suspending(asyncFn)`: an import whose calls suspend the Wasm caller until `asyncFn`'s promise settles (JSPI). */
  readonly Suspending: typeof Suspending;
  /** `WebAssembly.promising(exported)`: a function returning a promise of `exported`'s results, which suspending imports may suspend (JSPI). */
  promising(wasmFunc: Function): (...args: unknown[]) => Promise<unknown>;
  /** See {@link Tag}. */
  readonly Tag: typeof Tag;
  /** See {@link Exception}. */
  readonly Exception: typeof Exception;
  /** The tag of JavaScript exceptions inside Wasm (see {@link JSTag}). */
  readonly JSTag: Tag;
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

/** The classes a namespace is made of: the shared ones, or subclasses bound to one engine. */
interface Classes {
  readonly Instance: typeof Instance;
  readonly Memory: typeof Memory;
  readonly Table: typeof Table;
  readonly Global: typeof Global;
}

type Instantiate = WebAssemblyNamespace['instantiate'];

function makeInstantiate(classes: Classes): Instantiate {
  async function instantiate(source: BufferSource | Module, importObject?: Imports): Promise<WebAssemblyInstantiatedSource | Instance> {
    if (source instanceof Module) return new classes.Instance(source, importObject);
    const module = await compile(source as BufferSource);
    return { module, instance: new classes.Instance(module, importObject) };
  }
  return instantiate as Instantiate;
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

function makeNamespace(classes: Classes): WebAssemblyNamespace {
  const ns = {};
  const instantiate = makeInstantiate(classes);
  async function instantiateStreaming(
    source: ResponseLike | PromiseLike<ResponseLike>,
    importObject?: Imports,
  ): Promise<WebAssemblyInstantiatedSource> {
    return instantiate(await responseBytes(source), importObject);
  }
  const { Instance, Table, Memory, Global } = classes;
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
    SuspendError,
    Suspending,
    promising,
    Tag,
    Exception,
    JSTag,
  };
  // As on globalThis.WebAssembly (a WebIDL namespace): writable and configurable; the
  // operations enumerable, the interfaces not.
  const interfaces = new Set<unknown>([Module, Instance, Table, Memory, Global, CompileError, LinkError, RuntimeError, SuspendError, Suspending, Tag, Exception, JSTag]);
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
export const WebAssembly: WebAssemblyNamespace = makeNamespace({ Instance, Memory, Table, Global });

/**
 * A subclass of `Base` whose constructor runs on `engine`: what it creates (an instance, a
 * memory, a table, a global, and the functions they hand out) belongs to that engine.
 */
function bound<C extends new (...args: never[]) => object>(Base: C, engine: Engine): C {
  const Sub = class extends (Base as unknown as new (...args: unknown[]) => object) {
    constructor(...args: unknown[]) {
      const saved = enterEngine(engine);
      try {
        super(...args);
      } finally {
        leaveEngine(saved);
      }
    }
  };
  Object.defineProperty(Sub, 'name', { value: Base.name });
  // Objects made by any namespace (an instance's exported globals, say) are of the one interface.
  Object.defineProperty(Sub, Symbol.hasInstance, { value: (x: unknown) => x instanceof Base });
  Object.defineProperty(Sub, 'length', { value: Base.length });
  return Sub as unknown as C;
}

/**
 * A standard `WebAssembly` namespace on an engine of its own, with `options` (limits, and the
 * tiers: `{ jitThreshold: 0 }` compiles every function with the fastest tier that takes it
 * before its first call, `{ jitThreshold: Infinity }` runs everything in the interpreter).
 * Modules compiled by any namespace can be instantiated by any other; instances, memories,
 * tables and globals belong to the namespace that created them and link only within it.
 *
 * ```ts
 * import { createWebAssembly } from '@rt/interp';
 * const WA = createWebAssembly({ jitThreshold: Infinity });
 * const { instance } = await WA.instantiate(bytes, imports);
 * ```
 */
export function createWebAssembly(options: EngineOptions = {}): WebAssemblyNamespace {
  const engine = new Engine(options);
  registerEngine(engine);
  return makeNamespace({
    Instance: bound(Instance, engine),
    Memory: bound(Memory, engine),
    Table: bound(Table, engine),
    Global: bound(Global, engine),
  });
}
