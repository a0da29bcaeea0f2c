/** A growable Int32Array the lowerer appends lowered code to. */
export class CodeBuffer {
  /** The storage; valid up to {@link length}. */
  data = new Int32Array(1024);
  /** Number of words written. */
  length = 0;

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

  /** A right-sized copy of the code. */
  finish(): Int32Array {
    return this.data.slice(0, this.length);
  }
}
