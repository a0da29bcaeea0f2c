/**
 * A WebAssembly trap: execution aborted because an instruction's semantics say so
 * (division by zero, out-of-bounds access, `unreachable`, call-stack exhaustion, …).
 *
 * The message is exactly the wording of the WebAssembly spec suite, so embedders and the spec
 * runner can match it. The JS API maps this class to `WebAssembly.RuntimeError`.
 */
export class Trap extends Error {
  /** Creates a trap with one of the {@link TrapMessage} texts (or another explanatory text). */
  constructor(message: string) {
    super(message);
    this.name = 'Trap';
  }
}

/** The trap messages of WebAssembly 2.0, as the spec suite spells them. */
export const TrapMessage = {
  unreachable: 'unreachable',
  divideByZero: 'integer divide by zero',
  integerOverflow: 'integer overflow',
  invalidConversion: 'invalid conversion to integer',
  memoryOutOfBounds: 'out of bounds memory access',
  tableOutOfBounds: 'out of bounds table access',
  undefinedElement: 'undefined element',
  uninitializedElement: 'uninitialized element',
  indirectCallTypeMismatch: 'indirect call type mismatch',
  callStackExhausted: 'call stack exhausted',
} as const;

/**
 * Thrown by instantiation when imports do not match the module ("unknown import",
 * "incompatible import type"). The JS API maps it to `WebAssembly.LinkError`.
 */
export class LinkError extends Error {
  /** Creates a link error with the spec suite's wording. */
  constructor(message: string) {
    super(message);
    this.name = 'LinkError';
  }
}
