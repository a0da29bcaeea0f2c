import type { WasmFrame } from './backtrace.js';

/**
 * A WebAssembly trap: execution aborted because an instruction's semantics say so
 * (division by zero, out-of-bounds access, `unreachable`, call-stack exhaustion, …).
 *
 * The message is exactly the wording of the WebAssembly spec suite, so embedders and the spec
 * runner can match it. The JS API maps this class to `WebAssembly.RuntimeError`.
 */
export class Trap extends Error {
  /**
   * The Wasm frames that were active when the trap was raised, innermost first: for each, the
   * function (index in its module's function index space, and the module) and the byte offset in
   * the module binary of the instruction executing in it — the trapping instruction in the
   * innermost frame, the call instruction in the others. Host frames between Wasm frames (host →
   * Wasm re-entry) are not listed.
   *
   * `undefined` for a trap raised outside any Wasm frame (e.g. by instantiation's segment
   * initialisation). At most `MAX_WASM_FRAMES` (100) frames are kept (the innermost ones); the
   * number left out is {@link wasmFramesOmitted}.
   */
  declare wasmFrames: WasmFrame[] | undefined;
  /** How many frames (the outermost ones) were left out of {@link wasmFrames}; 0 if none. */
  declare wasmFramesOmitted: number;
  /**
   * @internal Set by compiled code when it raises the trap: the lowered-code position of the
   * trapping instruction (the interpreter's own position is only the compiled body's entry).
   * -1 otherwise; consumed when the frames are recorded.
   */
  declare sitePc: number;

  /** Creates a trap with one of the {@link TrapMessage} texts (or another explanatory text). */
  constructor(message: string) {
    super(message);
    this.name = 'Trap';
    // Not enumerable (like `stack`): a trap still equals another with the same message where
    // errors are compared by their enumerable properties (test matchers, structured logs).
    const hidden = { writable: true, enumerable: false, configurable: true };
    Object.defineProperties(this, {
      wasmFrames: { ...hidden, value: undefined },
      wasmFramesOmitted: { ...hidden, value: 0 },
      sitePc: { ...hidden, value: -1 },
    });
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
  nullFunctionReference: 'null function reference',
  nullReference: 'null reference',
  nullExceptionReference: 'null exception reference',
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
