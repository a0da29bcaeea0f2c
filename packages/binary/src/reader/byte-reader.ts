import { DecodeError } from '../errors.js';
import { utf8Decoder } from '../utf8.js';

const utf8 = utf8Decoder({ fatal: true, ignoreBOM: true });

/**
 * A cursor over the module's bytes with the binary format's primitive readers (LEB128 integers,
 * floats as raw bits, names). Reads are bounded by the end of the whole module, not of the
 * current section, as in the reference interpreter: a section that claims too little is caught
 * afterwards ("section size mismatch"), and the first byte read past it gives the same error the
 * reference decoder reports.
 */
export class ByteReader {
  /** Current position. */
  pos: number;
  /** Scratch for 64-bit reads: the high word of the last `s64`/`u64`/`f64` read. */
  hi = 0;

  constructor(
    readonly bytes: Uint8Array,
    pos = 0,
    readonly end: number = bytes.length,
  ) {
    this.pos = pos;
  }

  /** Throws a decode error at `offset` (default: the current position). */
  fail(message: string, offset: number = this.pos): never {
    throw new DecodeError(message, offset);
  }

  /** Whether every byte has been read. */
  atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** Fails unless `n` more bytes are available. */
  need(n: number): void {
    if (this.pos + n > this.end) this.fail('unexpected end of section or function', this.end);
  }

  /** Reads one byte. */
  u8(): number {
    if (this.pos >= this.end) this.fail('unexpected end of section or function', this.end);
    return this.bytes[this.pos++]!;
  }

  /** Reads an unsigned LEB128 integer of at most 32 bits. */
  u32(): number {
    let result = 0;
    let shift = 0;
    const start = this.pos;
    for (;;) {
      const byte = this.u8();
      if (shift === 28) {
        if (byte & 0x80) this.fail('integer representation too long', start);
        if (byte & 0x70) this.fail('integer too large', start);
        return (result | (byte << 28)) >>> 0;
      }
      result |= (byte & 0x7f) << shift;
      if (!(byte & 0x80)) return result >>> 0;
      shift += 7;
    }
  }

  /** Reads a signed LEB128 integer of at most 32 bits. */
  s32(): number {
    let result = 0;
    let shift = 0;
    const start = this.pos;
    for (;;) {
      const byte = this.u8();
      if (shift === 28) {
        if (byte & 0x80) this.fail('integer representation too long', start);
        // The 4 unused bits must repeat the sign bit (bit 3 of this byte).
        const rest = byte & 0x70;
        if (rest !== (byte & 0x08 ? 0x70 : 0)) this.fail('integer too large', start);
        return result | (byte << 28);
      }
      result |= (byte & 0x7f) << shift;
      shift += 7;
      if (!(byte & 0x80)) {
        return shift < 32 && byte & 0x40 ? result | (-1 << shift) : result;
      }
    }
  }

  /**
   * Reads a signed 33-bit LEB128 integer (block types). Returns it as a JS number, exact
   * since 33 bits fit a double.
   */
  s33(): number {
    let result = 0;
    let mul = 1;
    const start = this.pos;
    for (let i = 0; ; i++) {
      const byte = this.u8();
      if (i === 4) {
        if (byte & 0x80) this.fail('integer representation too long', start);
        // Bits 0-4 carry bits 28-32; bits 5-6 must repeat the sign (bit 4).
        const rest = byte & 0x60;
        if (rest !== (byte & 0x10 ? 0x60 : 0)) this.fail('integer too large', start);
        result += (byte & 0x1f) * mul;
        return byte & 0x10 ? result - 2 ** 33 : result;
      }
      result += (byte & 0x7f) * mul;
      mul *= 128;
      if (!(byte & 0x80)) return byte & 0x40 ? result - mul : result;
    }
  }

  /**
   * Reads a signed LEB128 integer of at most 64 bits. Returns the low 32 bits; the high 32 bits
   * are left in {@link hi}. No BigInt is involved.
   */
  s64(): number {
    return this.leb64(true);
  }

  /**
   * Reads an unsigned LEB128 integer of at most 64 bits (3.0's memory64 offsets and limits).
   * Returns the low 32 bits (unsigned); the high 32 bits are left in {@link hi} (unsigned).
   */
  u64(): number {
    const lo = this.leb64(false);
    this.hi >>>= 0;
    return lo >>> 0;
  }

  /** {@link s64} and {@link u64}: they differ in the last byte's check and the sign extension. */
  private leb64(signed: boolean): number {
    let lo = 0;
    let hi = 0;
    let shift = 0;
    const start = this.pos;
    for (;;) {
      const byte = this.u8();
      const bits = byte & 0x7f;
      if (shift === 63) {
        if (byte & 0x80) this.fail('integer representation too long', start);
        // Only bit 0 is payload (bit 63); for a signed integer the other six must repeat it.
        if (signed ? bits !== 0 && bits !== 0x7f : bits > 1) this.fail('integer too large', start);
        hi |= bits << 31;
        this.hi = hi;
        return lo;
      }
      if (shift < 32) {
        lo |= bits << shift;
        if (shift > 25) hi |= bits >>> (32 - shift);
      } else {
        hi |= bits << (shift - 32);
      }
      shift += 7;
      if (!(byte & 0x80)) {
        if (signed && byte & 0x40) {
          // Sign-extend from bit `shift`.
          if (shift < 32) {
            lo |= -1 << shift;
            hi = -1;
          } else {
            hi |= -1 << (shift - 32);
          }
        }
        this.hi = hi;
        return lo;
      }
    }
  }

  /** Reads an unsigned LEB128 integer of at most 64 bits as a number (exact below 2^53, rounded above). */
  u64Number(): number {
    const lo = this.u64();
    return this.hi * 4294967296 + lo;
  }

  /** Reads 4 bytes little-endian as a 32-bit word (f32 bit patterns). */
  word(): number {
    this.need(4);
    const b = this.bytes;
    const p = this.pos;
    this.pos = p + 4;
    return b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24);
  }

  /**
   * Reads a vector length. Not checked against the bytes left: elements are read one by one,
   * so a dishonest count fails at the first missing element, as the reference decoder does.
   */
  count(): number {
    return this.u32();
  }

  /** Reads `n` bytes (a copy, so the result never aliases the input). */
  bytesCopy(n: number): Uint8Array {
    if (n > this.end - this.pos) this.fail('unexpected end of section or function', this.end);
    const out = this.bytes.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** Reads a name: a length-prefixed UTF-8 string, strictly validated. */
  name(): string {
    const at = this.pos;
    const n = this.u32();
    if (n > this.end - this.pos) this.fail('length out of bounds', at);
    const start = this.pos;
    this.pos += n;
    try {
      return utf8.decode(this.bytes.subarray(start, start + n));
    } catch {
      return this.fail('malformed UTF-8 encoding', start);
    }
  }
}
