import type { Module } from '@rt/binary';
import type { HandlerRecord } from './handlers.js';

/** Where one defined function's lowered code starts and how big its frame is. */
export interface LoweredFunction {
  /** Position of its first lowered instruction in {@link CompiledModule.code}. */
  readonly entry: number;
  /** One past its last lowered word. */
  readonly end: number;
  /** Frame word offsets of the function's i32 locals (the compiled tier keeps them in JS variables). */
  readonly i32Locals: readonly number[];
  /** Locals including parameters (value cells). */
  readonly localCount: number;
  /** Value cells the frame needs: locals plus the deepest operand stack. */
  readonly frameSize: number;
}

/**
 * A validated module together with its lowered code: what instantiation needs, computed once
 * per module and shared by all its instances.
 */
export interface CompiledModule {
  /** The decoded module. */
  readonly module: Module;
  /** Lowered code of all defined functions, concatenated. */
  readonly code: Int32Array;
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
  /**
   * Lowered with fuel checkpoints (for a metered store): each loop's checkpoint position by the
   * loop's byte offset. `undefined` for code without checkpoints.
   */
  readonly loopCheckpoints?: ReadonlyMap<number, number> | undefined;
  /** One entry per defined function (not imports), in module order. */
  readonly functions: readonly LoweredFunction[];
  /**
   * The exception handler records of each function that has any, by the function's entry
   * position (see `handlers.ts`).
   */
  readonly handlers: ReadonlyMap<number, readonly HandlerRecord[]>;
}
