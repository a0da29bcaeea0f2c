/**
 * The interface between the spec-suite runner and an execution engine.
 *
 * The runner drives an engine through the script commands `module`, `register`, `invoke`, `get`,
 * `assert_return`, `assert_trap`, `assert_exhaustion`, `assert_unlinkable` and
 * `assert_uninstantiable`. Everything it needs from the engine is below; everything else (parsing
 * scripts, encoding text modules, comparing results, NaN patterns, message matching, reporting)
 * is the runner's job.
 *
 * Values cross this interface as exact bits ({@link Value}): i64 as bigint, f32/f64 as their raw
 * IEEE-754 encodings, v128 as 16 bytes, references as null / opaque / host number. The suite
 * asserts NaN payloads bit for bit, which a JS number cannot carry reliably, so an adapter must
 * never convert floats through JS numbers.
 *
 * ## Writing an adapter
 *
 * 1. Implement {@link EngineAdapter} with your own instance handle type `I`.
 * 2. `createSpectest()` builds the host module every script may import from (see
 *    {@link EngineAdapter.createSpectest}); the runner registers it as `"spectest"`.
 * 3. `instantiate()` receives a module's binary and the registry of instances registered so far
 *    (by `(register "name")` and `"spectest"`); imports `(import "M" "x" ...)` resolve to the export
 *    `x` of `registry.get("M")`. Report failures as {@link InstantiateResult} values, do not throw.
 * 4. `invoke()` and `getGlobal()` run an export of an instance the adapter returned.
 * 5. Add it to `src/engines/index.ts` so that `--engine <name>` selects it (`rt.ts` is where
 *    `--engine rt`, the default, gets its adapter).
 *
 * An engine that implements the standard JS API needs no adapter of its own: `jsapi.ts` adapts any
 * `WebAssembly`-shaped namespace exactly (floats and vectors cross through generated wrapper
 * modules), and `rt.ts` uses it as soon as `@rt/interp` exports `WebAssembly`. Write a dedicated
 * adapter when you want to bypass the JS API (speed, engine options such as the stack limit).
 *
 * The runner calls the adapter in script order, one call at a time, and checks for hangs from
 * another thread (`--timeout`), so a synchronous engine needs no special care.
 *
 * Every method may return a promise or a plain value; the runner awaits either.
 *
 * Thrown exceptions are treated as adapter bugs: the command fails with the exception's message.
 *
 * @packageDocumentation
 */
import type { Value } from '../values.js';

export type { FuncRef, Value, ValType } from '../values.js';

export type Awaitable<T> = T | Promise<T>;

/**
 * Why running code did not complete normally (`exception`: an uncaught Wasm exception, what 3.0's
 * `assert_exception` expects).
 *
 * - `trap`: a WebAssembly trap. `message` should use the spec's wording ("integer divide by zero",
 *   "out of bounds memory access", "undefined element", ...): the runner checks that it starts
 *   with the script's expected text, as the reference interpreter does.
 * - `exhaustion`: the call stack (or another resource the spec allows to run out) was exhausted;
 *   `assert_exhaustion` expects this, e.g. with the message "call stack exhausted".
 * - `error`: anything that is neither: an unknown export, an export of the wrong kind, a wrong
 *   argument count. The runner always reports it as a failure.
 */
export interface RunFailure {
  readonly ok: false;
  readonly kind: 'trap' | 'exhaustion' | 'exception' | 'error';
  readonly message: string;
}

/** The result of `invoke`: the results (in order, as exact bits) or a failure. */
export type InvokeResult = { readonly ok: true; readonly values: readonly Value[] } | RunFailure;

/** The result of `getGlobal`: the global's current value (exact bits) or a failure. */
export type GetResult = { readonly ok: true; readonly value: Value } | RunFailure;

/**
 * The result of `instantiate`.
 *
 * - `compile`: the engine rejected the binary (malformed or invalid). The suite only instantiates
 *   well-formed valid modules, so the runner reports this as a failure.
 * - `link`: the imports do not match (an unknown import, or one of the wrong kind or type). Its
 *   `message` is compared with `assert_unlinkable`'s ("unknown import", "incompatible import type").
 * - `trap` / `exhaustion`: the module linked, but initialisation trapped (segment initialisation out
 *   of bounds, or the start function trapped). Compared with `assert_uninstantiable` /
 *   `(assert_trap (module ...))`. As WebAssembly 2.0 requires, effects of the initialisation that
 *   ran before the trap (writes into imported tables and memories) must persist.
 * - `error`: an adapter or harness problem; always a failure.
 */
export type InstantiateResult<I> =
  | { readonly ok: true; readonly instance: I }
  | { readonly ok: false; readonly kind: 'compile' | 'link' | 'trap' | 'exhaustion' | 'exception' | 'error'; readonly message: string };

/** Instances by registered module name (`"spectest"` and the script's `(register ...)` names). */
export interface ImportRegistry<I> {
  get(moduleName: string): I | undefined;
}

/**
 * An execution engine as the spec runner sees it.
 *
 * @typeParam I - the adapter's handle for an instantiated module. Opaque to the runner, which only
 *   stores it, passes it back, and puts it in the import registry.
 */
export interface EngineAdapter<I = unknown> {
  /** A short name for reports, e.g. `"rt"` or `"native"`. */
  readonly name: string;

  /**
   * Whether the engine reports the spec's trap and link messages. When `false` (the native
   * self-check, whose messages are V8's), the runner only checks the kind of failure, and says so.
   */
  readonly specMessages: boolean;

  /**
   * Whether float and v128 values come back bit-exact. When `false`, NaN payload checks of exact
   * expected NaNs are relaxed to "is a NaN" and counted separately (the native self-check only).
   */
  readonly exactBits: boolean;

  /**
   * Creates a fresh instance of the `spectest` host module (one per script, so state such as its
   * table and memory does not leak between scripts). It exports:
   *
   * - functions `print: [] -> []`, `print_i32: [i32] -> []`, `print_i64: [i64] -> []`,
   *   `print_f32: [f32] -> []`, `print_f64: [f64] -> []`, `print_i32_f32: [i32 f32] -> []`,
   *   `print_f64_f64: [f64 f64] -> []` (they may print or do nothing);
   * - globals `global_i32: i32 = 666`, `global_i64: i64 = 666`, `global_f32: f32 = 666.6`,
   *   `global_f64: f64 = 666.6`, all immutable;
   * - `table`: a funcref table with limits min 10, max 20;
   * - `memory`: a memory with limits min 1, max 2 pages.
   */
  createSpectest(): Awaitable<I>;

  /**
   * Decodes, validates, links and instantiates `bytes` (a whole binary module), running its
   * segment initialisation and start function.
   *
   * @param bytes - the module binary; the adapter must not mutate it.
   * @param registry - the instances imports resolve against, by module name.
   */
  instantiate(bytes: Uint8Array, registry: ImportRegistry<I>): Awaitable<InstantiateResult<I>>;

  /**
   * Calls the exported function `name` of `instance` with `args` (already of the function's
   * parameter types, as exact bits) and returns its results as exact bits, in order.
   *
   * - `i32` results may be signed or unsigned numbers; `i64` signed or unsigned bigints.
   * - `externref` results must be the host number the reference was created from
   *   (`(ref.extern N)` arrives as `{ type: 'externref', ref: N }`), or `null`.
   * - `funcref` results are `null` or any non-null object of the engine's choosing.
   */
  invoke(instance: I, name: string, args: readonly Value[]): Awaitable<InvokeResult>;

  /** Reads the current value of the exported global `name` of `instance`, as exact bits. */
  getGlobal(instance: I, name: string): Awaitable<GetResult>;
}
