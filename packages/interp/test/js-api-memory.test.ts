/**
 * JS API: `Memory` (descriptor checks, `buffer` identity and replacement, detaching on growth,
 * `grow` from JavaScript and from Wasm), compared with Node's native `WebAssembly`.
 */
import { describe, expect, it } from 'vitest';
import type { JsApi } from '../src/index.js';
import { APIS, NATIVE, RT, type Fn, outcome } from './js-api-apis.js';
import { wat } from './wat.js';



describe('JS API: Memory', () => {
  it('descriptor checks agree with native', () => {
    const descriptors: unknown[] = [
      undefined, null, 5, {}, { initial: 0 }, { initial: 1, maximum: 2 }, { initial: 2, maximum: 1 },
      { initial: -1 }, { initial: NaN }, { initial: Infinity }, { initial: 2 ** 32 }, { initial: 65537 },
      { initial: 0, maximum: 65537 }, { initial: '3' }, { initial: 1.9 }, { initial: 1n }, { maximum: 3 },
      { minimum: 2 },
    ];
    for (const d of descriptors) {
      expect(outcome(() => new RT.Memory(d as never)), JSON.stringify(d, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))).toBe(outcome(() => new NATIVE.Memory(d as never)));
    }
    expect(outcome(() => (RT.Memory as unknown as () => void)())).toBe('TypeError');
  });

  it('buffer: an ArrayBuffer of initial pages, the same object until growth', () => {
    for (const [label, api] of APIS) {
      const m = new api.Memory({ initial: 2, maximum: 4 });
      const b = m.buffer;
      expect(b, label).toBeInstanceOf(ArrayBuffer);
      expect(b.byteLength).toBe(2 * 65536);
      expect(m.buffer).toBe(b);
      new Uint8Array(b)[70000] = 7;
      expect(m.grow(1)).toBe(2);
      expect(m.buffer).not.toBe(b);
      expect(b.byteLength).toBe(0); // the old buffer is detached
      expect(m.buffer.byteLength).toBe(3 * 65536);
      expect(new Uint8Array(m.buffer)[70000]).toBe(7);
      const c = m.buffer;
      expect(m.grow(0)).toBe(3); // still a new buffer
      expect(m.buffer).not.toBe(c);
      expect(c.byteLength).toBe(0);
      expect(new Uint8Array(m.buffer)[70000]).toBe(7);
      expect(outcome(() => m.grow(2))).toBe('RangeError');
      expect(m.buffer.byteLength).toBe(3 * 65536);
      expect(outcome(() => m.grow(-1))).toBe('TypeError');
    }
  });

  it('grow beyond 65536 pages without a maximum: RangeError', () => {
    for (const [label, api] of APIS) {
      const m = new api.Memory({ initial: 0 });
      expect(outcome(() => m.grow(65537)), label).toBe('RangeError');
    }
  });

  it('methods and the buffer getter check their receiver', () => {
    const get = Object.getOwnPropertyDescriptor(RT.Memory.prototype, 'buffer')!.get!;
    expect(outcome(() => get.call({}))).toBe('TypeError');
    expect(outcome(() => RT.Memory.prototype.grow.call({} as never, 1))).toBe('TypeError');
  });

  it('shared memories are refused (not supported)', () => {
    expect(() => new RT.Memory({ initial: 1, maximum: 1, shared: true })).toThrow(TypeError);
  });

  it('memory.grow in Wasm replaces (and detaches) the buffer JS holds, like native', async () => {
    const bytes = await wat(`(module (memory (export "mem") 1 10)
      (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
      (func (export "store") (param i32 i32) local.get 0 local.get 1 i32.store8))`);
    for (const [label, api] of APIS) {
      const ex = new api.Instance(new api.Module(bytes), {}).exports;
      const mem = ex['mem'] as JsApi.Memory;
      const before = mem.buffer;
      expect((ex['grow'] as Fn)(2), label).toBe(1);
      expect(before.byteLength).toBe(0);
      expect(mem.buffer.byteLength).toBe(3 * 65536);
      (ex['store'] as Fn)(3 * 65536 - 1, 9);
      expect(new Uint8Array(mem.buffer)[3 * 65536 - 1]).toBe(9);
      const same = mem.buffer;
      expect((ex['grow'] as Fn)(100)).toBe(-1); // failure: no new buffer
      expect(mem.buffer).toBe(same);
    }
  });

  it('a JS-created memory imported by Wasm: writes are visible both ways; JS grow is seen by Wasm', async () => {
    const bytes = await wat(`(module (import "env" "memory" (memory 1))
      (func (export "load") (param i32) (result i32) local.get 0 i32.load8_u)
      (func (export "size") (result i32) memory.size))`);
    for (const [label, api] of APIS) {
      const memory = new api.Memory({ initial: 1, maximum: 3 });
      const ex = new api.Instance(new api.Module(bytes), { env: { memory } }).exports;
      new Uint8Array(memory.buffer)[5] = 55;
      expect((ex['load'] as Fn)(5), label).toBe(55);
      memory.grow(1);
      expect((ex['size'] as Fn)()).toBe(2);
      new Uint8Array(memory.buffer)[65536 + 1] = 66;
      expect((ex['load'] as Fn)(65537)).toBe(66);
    }
  });

  it('a host function growing the memory during a Wasm call: Wasm sees the new size and bytes', async () => {
    const bytes = await wat(`(module (import "env" "memory" (memory 1)) (import "env" "more" (func $more))
      (func (export "f") (result i32) call $more i32.const 70000 i32.load8_u))`);
    for (const [label, api] of APIS) {
      const memory = new api.Memory({ initial: 1 });
      const more = (): void => {
        memory.grow(1);
        new Uint8Array(memory.buffer)[70000] = 123;
      };
      const ex = new api.Instance(new api.Module(bytes), { env: { memory, more } }).exports;
      expect((ex['f'] as Fn)(), label).toBe(123);
    }
  });
  it('a burst of growths nobody looks at between: bytes kept, new pages zero, buffer exactly the size', async () => {
    // The core grows an unobserved store with room to spare (amortised copies); what JS sees
    // must not show it: the buffer is exactly the memory, and every page beyond is zero.
    const bytes = await wat(`(module (memory (export "mem") 1 400)
      (func (export "burst") (param $n i32) (result i32) (local $i i32) (local $sum i32)
        (loop $l
          ;; mark the last word of every page before growing past it
          (i32.store (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 4)) (i32.const -1))
          (drop (memory.grow (i32.const 1)))
          ;; the last word of the new page is fresh memory: it must read 0
          (local.set $sum (i32.add (local.get $sum)
            (i32.load (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 4)))))
          (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
        (local.get $sum))
      (func (export "store") (param i32 i32) local.get 0 local.get 1 i32.store))`);
    for (const [label, api] of APIS) {
      const ex = new api.Instance(new api.Module(bytes), {}).exports;
      const mem = ex['mem'] as JsApi.Memory;
      new Uint32Array(mem.buffer)[1] = 0xabcd;
      const early = mem.buffer;
      expect(mem.grow(1), label).toBe(1);
      expect(early.byteLength, label).toBe(0);
      expect((ex['burst'] as Fn)(100), label).toBe(0);
      const b = mem.buffer;
      expect(b.byteLength, label).toBe(102 * 65536);
      const words = new Int32Array(b);
      expect(words[1], label).toBe(0xabcd);
      expect(words[words.length - 1], label).toBe(0);
      for (let page = 2; page <= 101; page++) expect(words[(page * 65536) / 4 - 1], `${label} page ${page}`).toBe(-1);
      expect(words[65536 / 4 - 1], label).toBe(0); // page 1's end was never marked
      (ex['store'] as Fn)(101 * 65536 + 8, 7);
      expect(new Int32Array(mem.buffer)[(101 * 65536 + 8) / 4], label).toBe(7);
      expect(mem.buffer, label).toBe(b);
      expect(mem.grow(0), label).toBe(102);
      expect(b.byteLength, label).toBe(0);
      expect(mem.buffer.byteLength, label).toBe(102 * 65536);
      expect(new Int32Array(mem.buffer)[(101 * 65536 + 8) / 4], label).toBe(7);
    }
  });
});
