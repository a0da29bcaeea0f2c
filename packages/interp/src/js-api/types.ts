/**
 * The types of the JS API, for `import type { JsApi } from '@rt/interp'` (`JsApi.Memory`,
 * `JsApi.Imports`, …). Types only (the classes appear as their instance types): the values live
 * on the `WebAssembly` namespace object.
 */
import type * as E from './errors.js';
import type * as G from './global.js';
import type * as I from './instance.js';
import type * as M from './memory.js';
import type * as Mod from './module.js';
import type * as T from './table.js';

export type { WasmErrorConstructor, WasmErrorOptions } from './errors.js';
export type { ExportedFunction } from './functions.js';
export type { GlobalDescriptor } from './global.js';
export type { ResponseLike, WebAssemblyInstantiatedSource, WebAssemblyNamespace } from './index.js';
export type { Exports, ExportValue, Imports } from './instance.js';
export type { MemoryDescriptor } from './memory.js';
export type { BufferSource, ImportExportKind, ModuleExportDescriptor, ModuleImportDescriptor } from './module.js';
export type { TableDescriptor } from './table.js';
export type { TableKindName, ValueTypeName } from './values.js';

/** A `WebAssembly.CompileError`. */
export type CompileError = E.CompileError;
/** A `WebAssembly.LinkError`. */
export type LinkError = E.LinkError;
/** A `WebAssembly.RuntimeError`. */
export type RuntimeError = E.RuntimeError;
/** A `WebAssembly.Global`. */
export type Global = G.Global;
/** A `WebAssembly.Instance`. */
export type Instance = I.Instance;
/** A `WebAssembly.Memory`. */
export type Memory = M.Memory;
/** A `WebAssembly.Module`. */
export type Module = Mod.Module;
/** A `WebAssembly.Table`. */
export type Table = T.Table;
