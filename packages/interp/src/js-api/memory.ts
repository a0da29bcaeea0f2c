/**
 * `WebAssembly.Memory`: a linear memory as the JS API shows it.
 */
import { MAX_PAGES_64, type MemoryInstance } from '../runtime/memory.js';
import { addressTypeOf, addressValue, enforceAddress, type AddressType, type AddressValue } from './address.js';
import { getEngine, isObject, webidlInterface } from './shared.js';

/** The descriptor of `new WebAssembly.Memory(descriptor)`. */
export interface MemoryDescriptor {
  /** `'i64'` for a 64-bit memory (memory64), whose sizes are BigInts; default `'i32'`. */
  readonly address?: AddressType;
  /** Initial size in pages of 64 KiB (at most 65 536; 65 535 for a 64-bit memory). */
  readonly initial?: AddressValue;
  /** Maximum size in pages; growth beyond it fails. */
  readonly maximum?: AddressValue;
  /** Shared memories (threads) are not supported: `true` is a `TypeError`. */
  readonly shared?: boolean;
}

const MAX_PAGES = 65536;
/** The most pages a 64-bit memory may declare as its maximum (2^64 bytes). */
const MAX_PAGES_64_TYPE = 2 ** 48;

const instances = new WeakMap<object, MemoryInstance>();
const wrappers = new WeakMap<MemoryInstance, Memory>();

interface Transferable {
  transfer?: () => ArrayBuffer;
}
type StructuredClone = (value: unknown, options: { transfer: unknown[] }) => unknown;

/**
 * Detaches `buffer` (so that it reads as empty, as the JS API requires of a buffer that `grow`
 * replaced) and returns a buffer with its contents, moved without a copy. Uses
 * `ArrayBuffer.prototype.transfer` (Node 21+, recent browsers) or `structuredClone` with a
 * transfer list (Node 17+, all browsers); returns `undefined` when neither exists (the old
 * buffer then stays attached, with the old contents: stale, but harmless).
 */
function detach(buffer: ArrayBuffer): ArrayBuffer | undefined {
  const t = (buffer as Transferable).transfer;
  if (typeof t === 'function') return t.call(buffer);
  const clone = (globalThis as { structuredClone?: StructuredClone }).structuredClone;
  if (typeof clone === 'function') return clone(buffer, { transfer: [buffer] }) as ArrayBuffer;
  return undefined;
}

/** The buffer JavaScript was last given of each wrapped memory (the one to detach when it is replaced). */
const exposed = new WeakMap<MemoryInstance, ArrayBuffer>();

/** The core's growth hook: the bytes moved to a new store; a buffer JavaScript holds must read as detached. */
function onGrow(m: MemoryInstance): void {
  const old = exposed.get(m);
  if (old === undefined) return;
  exposed.delete(m);
  try {
    detach(old); // the moved-out copy is dropped: the new store already holds the bytes
  } catch {
    // Already detached by someone else (e.g. transferred to a worker): nothing to do.
  }
}

/** `mem`'s buffer, remembered as the one JavaScript holds. */
function show(mem: MemoryInstance): ArrayBuffer {
  const buffer = mem.buffer;
  exposed.set(mem, buffer);
  return buffer;
}

function attach(wrapper: Memory, mem: MemoryInstance): void {
  instances.set(wrapper, mem);
  wrappers.set(mem, wrapper);
  mem.onGrow = onGrow;
}

function memoryOf(self: unknown): MemoryInstance {
  const m = isObject(self) ? instances.get(self) : undefined;
  if (m === undefined) throw new TypeError('receiver is not a WebAssembly.Memory');
  return m;
}

/**
 * A linear memory. {@link buffer} is an `ArrayBuffer` over its bytes; {@link grow} replaces it
 * (and detaches the previous one), so glue code re-reads `memory.buffer` after anything that may
 * have grown the memory, as it must with native WebAssembly.
 */
export class Memory {
  /**
   * Creates a zeroed memory of `descriptor.initial` pages.
   * @throws TypeError - when the descriptor is not an object or its sizes are not numbers in range.
   * @throws RangeError - when `initial` or `maximum` exceeds 65 536 or `maximum < initial`.
   */
  constructor(descriptor: MemoryDescriptor) {
    if (!isObject(descriptor)) throw new TypeError('WebAssembly.Memory(): the descriptor must be an object');
    const d = descriptor as MemoryDescriptor;
    // Members are read and converted in WebIDL's order (lexicographic).
    const address = addressTypeOf(d.address, 'WebAssembly.Memory()');
    const rawInitial = d.initial;
    if (rawInitial === undefined) throw new TypeError('WebAssembly.Memory(): the descriptor needs "initial"');
    const initial = enforceAddress(rawInitial, address, 'initial');
    const rawMax = d.maximum;
    const maximum = rawMax === undefined ? null : enforceAddress(rawMax, address, 'maximum');
    const shared = Boolean(d.shared);
    const wide = address === 'i64';
    // A 64-bit memory may declare up to 2^48 pages; this engine allocates at most MAX_PAGES_64.
    if (initial > (wide ? MAX_PAGES_64 : MAX_PAGES)) throw new RangeError(`WebAssembly.Memory(): initial exceeds ${wide ? MAX_PAGES_64 : MAX_PAGES} pages`);
    if (maximum !== null && maximum > (wide ? MAX_PAGES_64_TYPE : MAX_PAGES)) throw new RangeError(`WebAssembly.Memory(): maximum exceeds ${wide ? '2^48' : MAX_PAGES} pages`);
    if (maximum !== null && maximum < initial) throw new RangeError('WebAssembly.Memory(): maximum is below initial');
    if (shared) throw new TypeError('WebAssembly.Memory(): shared memories are not supported');
    const mem = getEngine().createMemory({ limits: { min: initial, max: maximum }, shared: false, address });
    attach(this, mem);
  }

  /** The memory's bytes. The same object until the memory grows; then a new one (the old one detached). */
  get buffer(): ArrayBuffer {
    return show(memoryOf(this));
  }

  /**
   * Grows the memory by `delta` pages and returns the previous size in pages (BigInts for a
   * 64-bit memory). The buffer is replaced even when `delta` is 0, as the JS API specifies.
   * @throws RangeError - when the maximum (or the engine's limit) would be exceeded.
   */
  grow(delta: bigint): bigint;
  grow(delta: number): number;
  grow(delta: AddressValue): AddressValue {
    const mem = memoryOf(this);
    const d = enforceAddress(delta, mem.type.address, 'delta');
    const old = mem.grow(d);
    if (old === -1) throw new RangeError('WebAssembly.Memory.grow(): maximum memory size exceeded');
    if (d === 0) {
      // No new size, but still a new buffer (the old one detached); the core only replaces it on growth.
      const moved = detach(mem.buffer);
      if (moved !== undefined) mem.buffer = moved;
      exposed.delete(mem);
    }
    return addressValue(old, mem.type.address);
  }
}

webidlInterface(Memory, 'WebAssembly.Memory', 1);

/** The JS API object of a memory instance (always the same object for the same instance). */
export function wrapMemory(mem: MemoryInstance): Memory {
  let w = wrappers.get(mem);
  if (w === undefined) {
    w = Object.create(Memory.prototype) as Memory;
    attach(w, mem);
  }
  return w;
}

/** The memory instance behind `value`, or `undefined` if it is not a `WebAssembly.Memory`. */
export function unwrapMemory(value: unknown): MemoryInstance | undefined {
  return isObject(value) ? instances.get(value) : undefined;
}
