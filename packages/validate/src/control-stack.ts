import type { ValType } from '@rt/binary';
import type { FrameKind } from './function-visitor.js';

/**
 * The control-frame stack of the validation algorithm, as parallel arrays reused across all
 * functions of a module. The params/results slots hold references to the module's own type
 * arrays (or shared constants), so pushing a frame allocates nothing once the arrays are grown.
 */
export class ControlStack {
  /** Frame kinds ({@link FrameKind}). */
  kinds: Uint8Array = new Uint8Array(32);
  /** Operand-stack height at which each frame starts, its params excluded. */
  heights: Uint32Array = new Uint32Array(32);
  /** 1 when the rest of the frame is unreachable (the stack is polymorphic). */
  unreachable: Uint8Array = new Uint8Array(32);
  /** Length of the validator's local-initialisation log when each frame opened (3.0's non-defaultable locals). */
  inits: Uint32Array = new Uint32Array(32);
  /** Parameter types of each frame. */
  readonly params: (readonly ValType[])[] = [];
  /** Result types of each frame. */
  readonly results: (readonly ValType[])[] = [];
  /** Number of open frames. */
  size = 0;

  constructor() {
    // Growing once right away makes V8 see the array fields as mutable from the start: a field
    // first reassigned mid-validation (deep nesting) would invalidate optimised code built on
    // the assumption that it never changes, and throw away a costly compile of the hot loop.
    this.grow();
  }

  /** Opens a frame starting at operand height `height`. */
  push(kind: FrameKind, params: readonly ValType[], results: readonly ValType[], height: number, inits = 0): void {
    const f = this.size;
    if (f === this.kinds.length) this.grow();
    this.kinds[f] = kind;
    this.heights[f] = height;
    this.unreachable[f] = 0;
    this.inits[f] = inits;
    this.params[f] = params;
    this.results[f] = results;
    this.size = f + 1;
  }

  private grow(): void {
    const n = this.kinds.length * 2;
    const kinds = new Uint8Array(n);
    kinds.set(this.kinds);
    this.kinds = kinds;
    const heights = new Uint32Array(n);
    heights.set(this.heights);
    this.heights = heights;
    const unreachable = new Uint8Array(n);
    unreachable.set(this.unreachable);
    this.unreachable = unreachable;
    const inits = new Uint32Array(n);
    inits.set(this.inits);
    this.inits = inits;
  }
}
