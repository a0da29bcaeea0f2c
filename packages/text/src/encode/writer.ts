/** A growable byte buffer with the binary format's integer encodings. */
export class ByteWriter {
  private buf = new Uint8Array(256);
  /** Number of bytes written. */
  length = 0;

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  /** Appends one byte. */
  byte(b: number): this {
    this.ensure(1);
    this.buf[this.length++] = b;
    return this;
  }

  /** Appends bytes. */
  bytes(b: ArrayLike<number>): this {
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
    return this;
  }

  /** Appends an unsigned LEB128 of a number below 2^53. */
  u32(v: number): this {
    this.ensure(8);
    do {
      let b = v % 128;
      v = Math.floor(v / 128);
      if (v !== 0) b |= 0x80;
      this.buf[this.length++] = b;
    } while (v !== 0);
    return this;
  }

  /** Appends an unsigned LEB128 of a bigint. */
  u64(v: bigint): this {
    this.ensure(10);
    do {
      let b = Number(v & 0x7fn);
      v >>= 7n;
      if (v !== 0n) b |= 0x80;
      this.buf[this.length++] = b;
    } while (v !== 0n);
    return this;
  }

  /** Appends a signed LEB128 of a 32-bit (or 33-bit) integer given as a number. */
  s32(v: number): this {
    this.ensure(8);
    for (;;) {
      const b = v & 0x7f;
      v = Math.floor(v / 128);
      if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
        this.buf[this.length++] = b;
        return this;
      }
      this.buf[this.length++] = b | 0x80;
    }
  }

  /** Appends a signed LEB128 of a signed bigint. */
  s64(v: bigint): this {
    this.ensure(10);
    for (;;) {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) {
        this.buf[this.length++] = b;
        return this;
      }
      this.buf[this.length++] = b | 0x80;
    }
  }

  /** Appends the low `n` bytes of `v`, little-endian. */
  fixed(v: bigint, n: number): this {
    this.ensure(n);
    for (let i = 0; i < n; i++) {
      this.buf[this.length++] = Number(v & 0xffn);
      v >>= 8n;
    }
    return this;
  }

  /** Appends a length-prefixed byte string. */
  name(b: Uint8Array): this {
    return this.u32(b.length).bytes(b);
  }

  /** Appends another writer's bytes, prefixed by their length. */
  sized(w: ByteWriter): this {
    this.u32(w.length);
    return this.bytes(w.view());
  }

  /** The bytes written so far (a view, not a copy). */
  view(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }

  /** A copy of the bytes written. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}
