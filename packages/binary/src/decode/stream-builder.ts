import type { InstructionStream } from '../types/module.js';

/**
 * Accumulates decoded instructions into growable typed arrays, so a module's instructions end
 * up in a handful of contiguous buffers instead of one object per instruction.
 */
export class StreamBuilder {
  ops: Uint16Array;
  offsets: Uint32Array;
  immStart: Uint32Array;
  imms: Uint32Array;
  /** Instructions written. */
  n = 0;
  /** Immediate words written. */
  m = 0;

  constructor(expectedInstructions: number) {
    const cap = Math.max(64, expectedInstructions);
    this.ops = new Uint16Array(cap);
    this.offsets = new Uint32Array(cap);
    this.immStart = new Uint32Array(cap);
    this.imms = new Uint32Array(cap);
  }

  /** Appends an instruction; its immediates follow with {@link imm}. */
  op(id: number, offset: number): void {
    const n = this.n;
    if (n === this.ops.length) this.growOps();
    this.ops[n] = id;
    this.offsets[n] = offset;
    this.immStart[n] = this.m;
    this.n = n + 1;
  }

  /** Appends one immediate word to the current instruction. */
  imm(word: number): void {
    if (this.m === this.imms.length) {
      const bigger = new Uint32Array(this.imms.length * 2);
      bigger.set(this.imms);
      this.imms = bigger;
    }
    this.imms[this.m++] = word;
  }

  /** Overwrites an immediate word written earlier (counts known only after their items). */
  patch(index: number, word: number): void {
    this.imms[index] = word;
  }

  private growOps(): void {
    const cap = this.ops.length * 2;
    const ops = new Uint16Array(cap);
    ops.set(this.ops);
    this.ops = ops;
    const offsets = new Uint32Array(cap);
    offsets.set(this.offsets);
    this.offsets = offsets;
    const immStart = new Uint32Array(cap);
    immStart.set(this.immStart);
    this.immStart = immStart;
  }

  /**
   * The finished stream. Each array is a view of its buffer when at most a third of that is
   * unused, else a copy trimmed to size: copying a large module's stream (fresh buffers of
   * hundreds of megabytes, which the collector accounts for) took as long as decoding it.
   */
  finish(): InstructionStream {
    return {
      length: this.n,
      ops: trimmed(this.ops, this.n),
      offsets: trimmed(this.offsets, this.n),
      immStart: trimmed(this.immStart, this.n),
      imms: trimmed(this.imms, this.m),
    };
  }
}

/** The first `n` elements of `a`: a view if little of `a` is past them, else a copy. */
function trimmed<T extends Uint16Array | Uint32Array>(a: T, n: number): T {
  return (a.length - n <= n >> 1 ? a.subarray(0, n) : a.slice(0, n)) as T;
}
