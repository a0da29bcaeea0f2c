import type { Module } from '@rt/binary';
import type { HandlerRecord } from './handlers.js';

/** One defined function's lowered code, produced on its first run (see `lower/compile.ts`). */
export interface LoweredFunction {
  /** The function's lowered code. */
  readonly code: Int32Array;
  /** Position of its first lowered instruction in {@link code}. */
  readonly entry: number;
  /** One past its last lowered word. */
  readonly end: number;
  /** Value cells the frame needs: locals plus the deepest operand stack. */
  readonly frameSize: number;
  /**
   * Flags over {@link code}: 1 at the destination word of an instruction whose result is read
   * only by the next instruction (the compiled tier keeps such values in JS variables).
   */
  readonly singleUse: Uint8Array;
  /**
   * Where each instruction that can trap or call came from: `(end, byte offset)` pairs over
   * {@link code} (see `trap-sites.ts`). Read only to build a trap's backtrace.
   */
  readonly trapSites: Int32Array;
  /** Its exception handler records (see `handlers.ts`), empty for most functions. */
  readonly handlers: readonly HandlerRecord[];
  /**
   * Its loops: `(position of the LOOP instruction, index of the \`loop\` in the module's
   * instruction stream)` pairs, for entering the fast tier at a running loop (`fast/loop-entry.ts`).
   */
  readonly loops: Int32Array;
}

/** What is known of a defined function before it is lowered. */
export interface FunctionShape {
  /** Locals including parameters (value cells). */
  readonly localCount: number;
  /** Frame word offsets of the function's i32 locals (the compiled tier keeps them in JS variables). */
  readonly i32Locals: readonly number[];
}

/**
 * A validated module, ready to instantiate: computed once per module and shared by all its
 * instances. Its functions are lowered one at a time, on their first run ({@link lower}).
 */
export interface CompiledModule {
  /** The decoded module. */
  readonly module: Module;
  /** One entry per defined function (not imports), in module order. */
  readonly functions: readonly FunctionShape[];
  /** Defined function `defined`'s lowered code (lowered now on the first request). */
  lower(defined: number): LoweredFunction;
  /**
   * Lowered with fuel checkpoints (for a metered store): each loop's checkpoint position in its
   * function's code, by the loop's byte offset, filled as functions are lowered. `undefined` for
   * code without checkpoints.
   */
  readonly loopCheckpoints?: ReadonlyMap<number, number> | undefined;
}
