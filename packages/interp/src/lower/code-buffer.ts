/** A growable Int32Array the lowerer appends lowered code (and the trap-site table) to. */
export class CodeBuffer {
  /** The storage; valid up to {@link length}. */
  data: Int32Array;
  /** Number of words written. */
  length = 0;

  /** `expected`: how many words are likely (the buffer doubles when they are not enough). */
  constructor(expected = 1024) {
    this.data = new Int32Array(Math.max(1024, expected));
  }

  /** Appends one word; returns its position. */
  push(word: number): number {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length] = word | 0;
    return this.length++;
  }

  /** Overwrites the word at `pos`. */
  set(pos: number, word: number): void {
    this.data[pos] = word | 0;
  }

  /**
   * The code: a view of the buffer when at most a third of it is unused, else a right-sized
   * copy (copying a large module's code cost as much as a good part of lowering it).
   */
  finish(): Int32Array {
    const n = this.length;
    return this.data.length - n <= n >> 1 ? this.data.subarray(0, n) : this.data.slice(0, n);
  }
}
