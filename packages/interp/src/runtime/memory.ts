import type { MemoryType } from '@rt/binary';

/** Bytes per WebAssembly page. */
export const PAGE_SIZE = 65536;

/**
 * The most pages a 64-bit memory (memory64) may reach here: one page short of 4 GiB, so that
 * every byte address fits 32 bits and an address whose high word is not 0 is out of bounds
 * (the engine's 32-bit bounds checks stay exact). Growth beyond it returns -1, as the spec
 * allows a host to.
 */
export const MAX_PAGES_64 = 65535;

/**
 * A linear memory instance. The bytes live in {@link buffer}; growing replaces the buffer
 * (and the views), so holders of a view must re-read it after anything that may have grown
 * the memory (the interpreter does so after every call and `memory.grow`).
 */
export class MemoryInstance {
  /** The current backing store; replaced by {@link grow}. */
  buffer: ArrayBuffer;
  /** A byte view of {@link buffer}. */
  u8: Uint8Array;
  /** A DataView of {@link buffer} (little-endian accesses). */
  dv: DataView;
  /** Current size in pages. */
  pages: number;
  /** The effective maximum in pages: the type's maximum, capped by the engine limit. */
  readonly maxPages: number;
  /** The memory's type as declared (its `limits.min` is the initial size). */
  readonly type: MemoryType;
  /** Called after each successful growth (the JS API detaches/replaces its buffer object here). */
  onGrow: ((memory: MemoryInstance) => void) | null = null;

  /**
   * Allocates a memory of `type.limits.min` zeroed pages.
   * @param limitPages - The engine's cap on pages; allocation beyond it throws a `RangeError`.
   */
  constructor(type: MemoryType, limitPages: number) {
    this.type = type;
    const wide = type.address === 'i64';
    const max = type.limits.max ?? (wide ? MAX_PAGES_64 : 65536);
    this.maxPages = Math.min(max, limitPages, wide ? MAX_PAGES_64 : 65536);
    if (type.limits.min > this.maxPages) throw new RangeError('memory size exceeds the engine limit');
    this.pages = type.limits.min;
    this.buffer = new ArrayBuffer(this.pages * PAGE_SIZE);
    this.u8 = new Uint8Array(this.buffer);
    this.dv = new DataView(this.buffer);
  }

  /** Current size in bytes. */
  get byteLength(): number {
    return this.buffer.byteLength;
  }

  /**
   * Grows by `delta` pages. Returns the previous size in pages, or -1 (leaving the memory
   * unchanged) when the new size would exceed the maximum or cannot be allocated.
   */
  grow(delta: number): number {
    const old = this.pages;
    const next = old + delta;
    if (delta < 0 || next > this.maxPages) return -1;
    if (delta === 0) return old;
    let buffer: ArrayBuffer;
    try {
      buffer = new ArrayBuffer(next * PAGE_SIZE);
    } catch {
      return -1;
    }
    const u8 = new Uint8Array(buffer);
    u8.set(this.u8);
    this.buffer = buffer;
    this.u8 = u8;
    this.dv = new DataView(buffer);
    this.pages = next;
    if (this.onGrow !== null) this.onGrow(this);
    return old;
  }
}
