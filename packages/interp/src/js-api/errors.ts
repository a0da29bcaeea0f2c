/**
 * The three error classes of the JS API. Each is a distinct `Error` subclass whose `name` is the
 * class name, as `WebAssembly.CompileError` and friends are in a browser.
 */

/** Thrown (or rejected with) when a module's bytes fail to decode or validate. */
export class CompileError extends Error {
  /**
   * @param message - What is wrong (the decoder's or validator's text, plus the byte offset).
   * @param options - `cause`: the underlying `DecodeError`/`ValidationError`, when there is one.
   */
  constructor(message?: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Thrown when an instance's imports do not match its module ("unknown import", "incompatible import type"). */
export class LinkError extends Error {
  /** @param message - The spec suite's wording, then details. */
  constructor(message?: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * Thrown when WebAssembly code traps. The message is the spec's trap text ("integer divide by
 * zero", "out of bounds memory access", "call stack exhausted", …).
 */
export class RuntimeError extends Error {
  /** @param message - The trap's text. */
  constructor(message?: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

const NAMES: readonly [{ readonly prototype: Error }, string][] = [
  [CompileError, 'CompileError'],
  [LinkError, 'LinkError'],
  [RuntimeError, 'RuntimeError'],
];
for (const [C, name] of NAMES) {
  // As for the native classes: `name` and an empty `message` live on the prototype (not on each error).
  Object.defineProperty(C.prototype, 'name', { value: name, writable: true, configurable: true });
  Object.defineProperty(C.prototype, 'message', { value: '', writable: true, configurable: true });
  Object.defineProperty(C, 'length', { value: 1, configurable: true });
}
