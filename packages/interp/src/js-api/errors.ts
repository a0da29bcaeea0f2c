/**
 * The three error classes of the JS API. Each is a distinct `Error` subclass whose `name` is the
 * class name, and, like the native `WebAssembly.CompileError` and friends (and `Error` itself),
 * each may be called with or without `new`, and subclassed.
 */
import type { WasmFrame } from '../runtime/backtrace.js';

/** Options of the error constructors (as for `Error`). */
export interface WasmErrorOptions {
  /** The underlying error. */
  readonly cause?: unknown;
}

/** The constructor of one of the JS API's error classes: callable with or without `new`. */
export interface WasmErrorConstructor<T extends Error> {
  /** Creates an error with `message`. */
  new (message?: string, options?: WasmErrorOptions): T;
  /** Creates an error with `message` (same as with `new`). */
  (message?: string, options?: WasmErrorOptions): T;
  /** The prototype of the errors (it holds `name`). */
  readonly prototype: T;
}

/** A `WebAssembly.CompileError`: a module's bytes failed to decode or validate. */
export interface CompileError extends Error {
  /** `"CompileError"`. */
  readonly name: string;
}
/** A `WebAssembly.LinkError`: imports do not match the module. */
export interface LinkError extends Error {
  /** `"LinkError"`. */
  readonly name: string;
}
/** A `WebAssembly.RuntimeError`: WebAssembly code trapped. */
export interface RuntimeError extends Error {
  /** `"RuntimeError"`. */
  readonly name: string;
  /**
   * For an error made from a trap: the Wasm frames active when it was raised, innermost first
   * (see `Trap.wasmFrames`, which this is). Absent on errors created by user code.
   */
  readonly wasmFrames?: readonly WasmFrame[];
  /** How many outermost frames were left out of {@link wasmFrames} (see `Trap.wasmFramesOmitted`). */
  readonly wasmFramesOmitted?: number;
}

function errorClass<T extends Error>(name: string): WasmErrorConstructor<T> {
  // A plain function (not a class) so that it can be called without `new`, as NativeErrors can.
  const C = function (this: unknown, message?: string, options?: WasmErrorOptions): T {
    const args: unknown[] = options === undefined ? [message] : [message, options];
    return Reflect.construct(Error, args, new.target ?? C) as T;
  } as unknown as WasmErrorConstructor<T>;
  Object.setPrototypeOf(C, Error);
  Object.defineProperty(C, 'name', { value: name, configurable: true });
  Object.defineProperty(C, 'length', { value: 1, configurable: true });
  const proto = Object.create(Error.prototype) as T;
  // As for the native classes: `constructor`, `name` and an empty `message` on the prototype.
  Object.defineProperty(proto, 'constructor', { value: C, writable: true, configurable: true });
  Object.defineProperty(proto, 'name', { value: name, writable: true, configurable: true });
  Object.defineProperty(proto, 'message', { value: '', writable: true, configurable: true });
  Object.defineProperty(C, 'prototype', { value: proto, writable: false, enumerable: false, configurable: false });
  return C;
}

/**
 * Thrown (or rejected with) when a module's bytes fail to decode or validate; the message is
 * the decoder's or validator's, followed by the byte offset, and `cause` is the original error.
 */
export const CompileError: WasmErrorConstructor<CompileError> = errorClass<CompileError>('CompileError');

/** Thrown when an instance's imports do not match its module ("unknown import", "incompatible import type"). */
export const LinkError: WasmErrorConstructor<LinkError> = errorClass<LinkError>('LinkError');

/**
 * Thrown when WebAssembly code traps. The message is the spec's trap text ("integer divide by
 * zero", "out of bounds memory access", "call stack exhausted", …).
 */
export const RuntimeError: WasmErrorConstructor<RuntimeError> = errorClass<RuntimeError>('RuntimeError');

/** A `WebAssembly.SuspendError` (JS Promise Integration): a suspending import was called where it cannot suspend. */
export interface SuspendError extends Error {
  /** `"SuspendError"`. */
  readonly name: string;
}
/** The `WebAssembly.SuspendError` class. */
export const SuspendError: WasmErrorConstructor<SuspendError> = errorClass<SuspendError>('SuspendError');
