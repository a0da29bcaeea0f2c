/**
 * The execution engine behind `rt run`: `@rt/interp`'s standard-shaped `WebAssembly` namespace.
 * Only the parts of the JS API the CLI uses are described here, so the CLI depends on the
 * standard shape, not on the engine's internals.
 * @packageDocumentation
 */
import * as interp from '@rt/interp';
import { CliError } from './errors.js';
import { ExitCode } from './exit-codes.js';

/** The instance exports, as the JS API exposes them. */
export type Exports = Readonly<Record<string, unknown>>;

/** The subset of the `WebAssembly` namespace that `rt run` uses. */
export interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { readonly exports: Exports };
  readonly CompileError: new (...args: never[]) => Error;
  readonly LinkError: new (...args: never[]) => Error;
  readonly RuntimeError: new (...args: never[]) => Error;
}

/** Engine limits `rt run` can set from the command line; `null` keeps the engine's default. */
export interface RunLimits {
  readonly maxCallDepth: number | null;
}

function isApi(x: unknown): x is WasmApi {
  if (typeof x !== 'object' || x === null) return false;
  const ns = x as Record<string, unknown>;
  return ['Module', 'Instance', 'CompileError', 'LinkError', 'RuntimeError'].every((k) => typeof ns[k] === 'function');
}

/**
 * The engine's `WebAssembly` namespace, configured with `limits`.
 * @throws {@link CliError} when this build of `@rt/interp` cannot provide what is asked.
 */
export function loadEngine(limits: RunLimits): WasmApi {
  // Read through the namespace object so that the CLI builds against any @rt/interp, and says
  // plainly what is missing rather than failing with an import error.
  const ns = (interp as Record<string, unknown>)['WebAssembly'];
  if (!isApi(ns)) {
    throw new CliError('this build of @rt/interp does not provide a WebAssembly engine yet; rt run cannot execute modules', ExitCode.internal);
  }
  if (limits.maxCallDepth !== null) {
    throw new CliError('--max-call-depth: this build of @rt/interp offers no call depth limit');
  }
  return ns;
}
