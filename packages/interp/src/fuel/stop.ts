/**
 * Stopping a running call and resuming it later: the signal that unwinds every tier, and the
 * frames it collects on its way out.
 *
 * A call stops at a fuel checkpoint (fuel spent, deadline passed, interrupt requested: see
 * `meter.ts`) or where it calls a suspending host function (JS Promise Integration). Whatever
 * tier runs each frame, the stop is thrown as a {@link Stop}, and every frame it leaves is kept:
 * - the interpreter's frames (and the frame-layout tier's, which share them) stay where they are,
 *   on the value stack and in the frame arrays; each `execute` they belong to adds one
 *   {@link InterpSegment} saying where its innermost frame stands;
 * - the fast tier's JavaScript frames deoptimise: each adds a {@link ResumeFrame}, its locals and
 *   operand stack values written into the cells the interpreter would have used.
 *
 * At the call's boundary they become a {@link Continuation}, *attached* to the value stack.
 * Resumed before anything else runs (a host adding fuel and resuming at once, the sliced mode of
 * the JS API), it continues in place; any other call first *detaches* it (copies its frames
 * out), and resuming it later rebuilds the frames on top of the stack, wherever that is then.
 * Either way it continues in the interpreter (functions tier up again from there as usual).
 * @packageDocumentation
 */
import type { ValType } from '@rt/binary';
import type { WasmFunction } from '../runtime/func.js';
import type { StopReason } from './meter.js';

/** One frame of a stopped call, in the interpreter's layout, detached from the value stack. */
export interface ResumeFrame {
  readonly kind: 'frame';
  readonly fn: WasmFunction;
  /** Lowered code position to continue at. */
  readonly pc: number;
  /**
   * Word offset, from this frame's first cell, of the frame it called (whose first cells hold
   * the call's results once it returns); for the innermost frame, of a pending host call's results.
   */
  readonly calleeOffset: number;
  /** The frame's cells (`4 × frameSize` words). */
  readonly words: Int32Array;
}

/** The frames one `execute` left on the value stack: from `baseDepth` to its innermost, `fn` at word `fp`. */
export interface InterpSegment {
  readonly kind: 'interp';
  readonly fn: WasmFunction;
  /** Where `fn` continues. */
  readonly pc: number;
  /** `fn`'s frame (a word offset into the value stack). */
  readonly fp: number;
  /** Word offset from `fp` of the frame `fn` called, or of the results of its pending host call. */
  readonly argw: number;
  /** Frame-array depth of the segment's outermost frame. */
  readonly baseDepth: number;
  /** Frame-array depth of `fn`. */
  readonly depth: number;
}

/** What a stop collects: detached frames and attached segments, innermost first. */
export type StoppedFrame = ResumeFrame | InterpSegment;

/** The signal that unwinds a stopping call through every tier (never seen by guests or hosts). */
export class Stop {
  /** The frames left so far, innermost first. */
  readonly frames: StoppedFrame[] = [];
  /** For a suspension: the host call's result types, written when it resumes. */
  results: readonly ValType[] | undefined = undefined;

  constructor(
    /** Why: a checkpoint's reason, or `'suspend'` for a suspending host call. */
    readonly reason: StopReason | 'suspend',
    /** For a suspension: what it waits for. */
    readonly promise?: Promise<unknown>,
  ) {}
}

/** A stopped call: its frames, and the result types of a suspended host call (written on resume). */
export interface Continuation {
  /**
   * Innermost first. Attached while it holds an {@link InterpSegment} (see
   * `frames.ts`: `detach`); only {@link ResumeFrame}s once detached.
   */
  frames: StoppedFrame[];
  /** The value-stack cell and frame depth the call started at (where its frames are while attached). */
  readonly base: number;
  readonly baseDepth: number;
  readonly results: readonly ValType[] | undefined;
}
