/**
 * Bounds-checked access to guest linear memory.
 * @packageDocumentation
 */
import { Errno, WasiError } from '../errno';
import { WasiTrap } from '../trap';
import { utf8Decoder, utf8Encoder } from '@rt/binary';

/** Anything with the shape of `WebAssembly.Memory` as far as WASI needs: a `buffer`. */
export interface MemoryLike {
  /** The current backing buffer; replaced when memory grows, so it is re-read on every call. */
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
}

/** Most iovecs one call may pass. */
export const MAX_IOVECS = 16384;

// Built-in codecs where the host has them (Hermes and QuickJS do not: see @rt/binary's utf8.ts).
const decoder = utf8Decoder({ fatal: true });
const encoder = utf8Encoder();

/**
 * A view of guest memory taken at the start of one WASI call. Memory can only grow during a call
 * if the host calls back into the guest, which WASI never does, so one view per call is enough.
 * Every access checks its range and traps when it is out of bounds, as wasmtime does.
 */
export class GuestMemory {
  /** Little-endian accessor over the whole buffer. */
  readonly view: DataView;
  /** Byte accessor over the whole buffer. */
  readonly bytes: Uint8Array;

  /** @param memory - the guest's memory export. */
  constructor(memory: MemoryLike) {
    this.view = new DataView(memory.buffer);
    this.bytes = new Uint8Array(memory.buffer);
  }

  /** Traps unless `[ptr, ptr + len)` lies inside memory. */
  check(ptr: number, len: number): void {
    if (ptr < 0 || len < 0 || ptr + len > this.bytes.length) {
      throw new WasiTrap(`out of bounds memory access: ${ptr}+${len} > ${this.bytes.length}`);
    }
  }

  /** A live subarray of memory (writes go to the guest). */
  slice(ptr: number, len: number): Uint8Array {
    this.check(ptr, len);
    return this.bytes.subarray(ptr, ptr + len);
  }

  u8(ptr: number): number { this.check(ptr, 1); return this.view.getUint8(ptr); }
  u16(ptr: number): number { this.check(ptr, 2); return this.view.getUint16(ptr, true); }
  u32(ptr: number): number { this.check(ptr, 4); return this.view.getUint32(ptr, true); }
  u64(ptr: number): bigint { this.check(ptr, 8); return this.view.getBigUint64(ptr, true); }
  setU8(ptr: number, v: number): void { this.check(ptr, 1); this.view.setUint8(ptr, v); }
  setU16(ptr: number, v: number): void { this.check(ptr, 2); this.view.setUint16(ptr, v, true); }
  setU32(ptr: number, v: number): void { this.check(ptr, 4); this.view.setUint32(ptr, v >>> 0, true); }
  setU64(ptr: number, v: bigint): void { this.check(ptr, 8); this.view.setBigUint64(ptr, BigInt.asUintN(64, v), true); }

  /** Decodes a UTF-8 string; invalid UTF-8 is `ILSEQ` (as wasmtime reports it). */
  string(ptr: number, len: number): string {
    const raw = this.slice(ptr, len);
    try {
      // Copy first: TextDecoder refuses views of a SharedArrayBuffer.
      return decoder.decode(raw.slice());
    } catch {
      throw new WasiError(Errno.ilseq, 'invalid UTF-8');
    }
  }

  /**
   * The iovec array at `ptr` as live subarrays of memory. More than {@link MAX_IOVECS} entries is
   * `inval` (POSIX `writev` beyond `IOV_MAX`), so a guest cannot make the host build millions of
   * views; wasi-libc and Rust never pass more than 1024.
   */
  iovecs(ptr: number, count: number): Uint8Array[] {
    if (count > MAX_IOVECS) throw new WasiError(Errno.inval, 'too many iovecs');
    this.check(ptr, count * 8);
    const out: Uint8Array[] = [];
    for (let i = 0; i < count; i++) {
      const buf = this.u32(ptr + i * 8);
      const len = this.u32(ptr + i * 8 + 4);
      out.push(this.slice(buf, len));
    }
    return out;
  }
}

/** UTF-8 encoding shared by the WASI layer. */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}
