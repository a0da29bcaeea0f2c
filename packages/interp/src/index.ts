/**
 * `@rt/interp`: a WebAssembly 2.0 execution engine in TypeScript.
 *
 * This entry point exports the low-level API: {@link Engine} (compile, instantiate, invoke with
 * exact raw values, host functions, limits) and the runtime objects it hands out.
 *
 * @packageDocumentation
 */
export { Engine, type EngineOptions } from './engine.js';
export { Interrupted, SuspendError } from './fuel/interrupted.js';
export type { StopReason } from './fuel/meter.js';
export type { ImportObject } from './instantiate.js';
export type { CompiledModule, LoweredFunction } from './lower/compiled-module.js';
export { UnsupportedError } from './lower/lowerer.js';
export { Trap, TrapMessage, LinkError } from './runtime/trap.js';
export { WasmException, TagInstance, JS_TAG } from './runtime/exception.js';
export { MAX_WASM_FRAMES, type WasmFrame } from './runtime/backtrace.js';
export { DEFAULT_LIMITS, type EngineLimits } from './runtime/limits.js';
export { WasmFunction, HostFunction, type FuncInstance, type HostCallback } from './runtime/func.js';
export { MemoryInstance, PAGE_SIZE } from './runtime/memory.js';
export { TableInstance } from './runtime/table.js';
export { GlobalInstance } from './runtime/global.js';
export { ModuleInstance, type Extern, type ExportEntry } from './runtime/instance.js';
export { Store } from './runtime/store.js';
export type { StackViews } from './runtime/stack-views.js';
export { NULL_REF, f32FromBits, f32ToBits, f64FromBits, f64ToBits, type Value } from './runtime/values.js';
/**
 * The standard WebAssembly JS API (`Module`, `Instance`, `Memory`, `Table`, `Global`,
 * `validate`, `compile`, `instantiate`, `CompileError`, `LinkError`, `RuntimeError`) over this
 * engine: a drop-in for `globalThis.WebAssembly`. Its types are exported as `JsApi`.
 */
export { WebAssembly, createWebAssembly } from './js-api/index.js';
export type * as JsApi from './js-api/types.js';
