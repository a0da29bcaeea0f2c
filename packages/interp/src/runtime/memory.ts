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
 * A linear memory instance. The bytes live in a backing store that may be larger than the
 * memory (room to grow into); {@link u8} and {@link dv} are views of exactly the memory's bytes,
 * and growing replaces them, so holders of a view must re-read it after anything that may have
 * grown the memory (the interpreter does so after every call and `memory.grow`).
 *
 * Why room to grow: a host `ArrayBuffer` cannot grow in place where the memory must also be
 * shown as a fixed-length buffer, so every growth copies. `malloc` grows a page at a time, and
 * CPython building a large dict grew 133 times, copying 2.3 GB (17% of its run). Growing a
 * store nobody has looked at since the last growth by half again makes the copies amortised
 * linear. {@link buffer} is what hosts see: exactly the memory's bytes, so reading it trims the
 * store to the memory's size (one copy, only if there is room left), and the growth after that
 * is exact again, so a host that reads the buffer between every two growths (a WASI call each
 * time) still costs one copy per growth, as before.
 */
export class MemoryInstance {
  /** The backing store: the memory's bytes at its start, then room to grow. */
  private store: ArrayBuffer;
  /** Whether {@link buffer} was read since the store was last replaced. */
  private shown = false;
  /** A byte view of exactly the memory's bytes. */
  u8: Uint8Array;
  /** A DataView of exactly the memory's bytes (little-endian accesses). */
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
    this.store = new ArrayBuffer(this.pages * PAGE_SIZE);
    this.u8 = new Uint8Array(this.store);
    this.dv = new DataView(this.store);
  }

  /** Current size in bytes. */
  get byteLength(): number {
    return this.pages * PAGE_SIZE;
  }

  /**
   * The memory's bytes as one `ArrayBuffer` of exactly its size: the same object until the
   * memory grows (or {@link buffer} is assigned).
   */
  get buffer(): ArrayBuffer {
    if (this.store.byteLength !== this.byteLength) this.replace(this.u8.slice().buffer);
    this.shown = true;
    return this.store;
  }

  /** Replaces the bytes with `buffer` (of exactly the memory's size), e.g. after moving them. */
  set buffer(buffer: ArrayBuffer) {
    this.replace(buffer);
    this.shown = true;
  }

  private replace(store: ArrayBuffer): void {
    this.store = store;
    this.u8 = new Uint8Array(store, 0, this.byteLength);
    this.dv = new DataView(store, 0, this.byteLength);
    this.shown = false;
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
    if (next * PAGE_SIZE > this.store.byteLength || this.shown) {
      // A store the host saw is replaced exactly (it reads the new one anyway); an unseen one
      // gets room for half as much again.
      const room = this.shown ? next : Math.min(this.maxPages, Math.max(next, old + (old >> 1)));
      let store: ArrayBuffer | undefined;
      for (const pages of room > next ? [room, next] : [next]) {
        try {
          store = new ArrayBuffer(pages * PAGE_SIZE);
          break;
        } catch {
          // Fall back to the exact size, then fail.
        }
      }
      if (store === undefined) return -1;
      new Uint8Array(store).set(this.u8);
      this.pages = next;
      this.replace(store);
    } else {
      // Room in the store: the bytes beyond the old size are still zero.
      this.pages = next;
      this.replace(this.store);
    }
    if (this.onGrow !== null) this.onGrow(this);
    return old;
  }
}
