/**
 * JS API: glue code written for `globalThis.WebAssembly` runs unchanged on rt's `WebAssembly`.
 * Each pattern below is written once, in the style of emscripten's, wasm-bindgen's or a WASI
 * shim's generated JavaScript, receives the namespace as its `WebAssembly` binding, and is run
 * on Node's native API and on ours: the outcomes must be the same.
 */
import { describe, expect, it } from 'vitest';
import type { JsApi } from '../src/index.js';
import { NATIVE, RT, type Api } from './js-api-apis.js';
import { wat } from './wat.js';


/** A small "C program": bump allocator that asks the host to grow the heap, WASI output, function pointers, stack pointer. */
const PROGRAM = `(module
  (import "env" "emscripten_resize_heap" (func $resize (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1 100)
  (global $sp (export "__stack_pointer") (mut i32) (i32.const 4096))
  (global $heap (mut i32) (i32.const 8192))
  (table (export "__indirect_function_table") 3 funcref)
  (elem (i32.const 1) $double $square)
  (data (i32.const 1024) "hello, world\\n")
  (func $double (param i32) (result i32) local.get 0 i32.const 2 i32.mul)
  (func $square (param i32) (result i32) local.get 0 local.get 0 i32.mul)
  (func (export "malloc") (param $n i32) (result i32) (local $p i32)
    global.get $heap local.set $p
    local.get $p local.get $n i32.add
    memory.size i32.const 65536 i32.mul
    i32.gt_u
    if
      local.get $p local.get $n i32.add call $resize
      i32.eqz if i32.const 0 return end
    end
    local.get $p local.get $n i32.add global.set $heap
    local.get $p)
  (func (export "write_hello") (param $p i32) (result i32)
    local.get $p i32.const 1024 i32.const 13 memory.copy
    local.get $p i32.const 16 i32.add local.get $p i32.store
    local.get $p i32.const 20 i32.add i32.const 13 i32.store
    i32.const 1 local.get $p i32.const 16 i32.add i32.const 1 local.get $p i32.const 24 i32.add call $fd_write)
  (func (export "apply") (param $fp i32) (param $x i32) (result i32) local.get $x local.get $fp call_indirect (param i32) (result i32))
  (func (export "sum") (param $p i32) (param $n i32) (result i32) (local $s i32)
    block loop local.get $n i32.eqz br_if 1
      local.get $s local.get $p i32.load8_u i32.add local.set $s
      local.get $p i32.const 1 i32.add local.set $p local.get $n i32.const 1 i32.sub local.set $n br 0 end end
    local.get $s))`;

/** emscripten-style glue: HEAP views refreshed after growth, WASI fd_write reading iovecs, table.get of function pointers. */
async function emscriptenGlue(WebAssembly: Api, binary: Uint8Array): Promise<unknown> {
  let wasmMemory: JsApi.Memory;
  let HEAPU8 = new Uint8Array(0);
  let HEAP32 = new Int32Array(0);
  let out = '';
  const updateMemoryViews = (): void => {
    const b = wasmMemory.buffer;
    HEAPU8 = new Uint8Array(b);
    HEAP32 = new Int32Array(b);
  };
  const info = {
    env: {
      emscripten_resize_heap(requestedSize: number): number {
        const oldSize = HEAPU8.length;
        const pages = Math.ceil((requestedSize - oldSize) / 65536);
        try {
          wasmMemory.grow(pages);
          updateMemoryViews();
          return 1;
        } catch {
          return 0;
        }
      },
    },
    wasi_snapshot_preview1: {
      fd_write(fd: number, iov: number, iovcnt: number, pnum: number): number {
        if (HEAPU8.buffer !== wasmMemory.buffer) updateMemoryViews();
        let num = 0;
        for (let i = 0; i < iovcnt; i++) {
          const ptr = HEAP32[iov >> 2]!;
          const len = HEAP32[(iov + 4) >> 2]!;
          iov += 8;
          out += `[${fd}]` + String.fromCharCode(...HEAPU8.subarray(ptr, ptr + len));
          num += len;
        }
        HEAP32[pnum >> 2] = num;
        return 0;
      },
    },
  };
  const output = await WebAssembly.instantiate(binary, info);
  const wasmExports = output.instance.exports as Record<string, (...args: number[]) => number> & JsApi.Exports;
  wasmMemory = wasmExports['memory'] as unknown as JsApi.Memory;
  updateMemoryViews();
  const before = HEAPU8;
  const p = wasmExports['malloc']!(300_000); // grows the heap from JS, called by Wasm
  const staleLength = before.length; // a view over the replaced buffer: detached, so 0
  const errno = wasmExports['write_hello']!(p);
  const wasmTable = wasmExports['__indirect_function_table'] as unknown as JsApi.Table;
  const getWasmTableEntry = (funcPtr: number): ((x: number) => number) => wasmTable.get(funcPtr) as (x: number) => number;
  const sp = wasmExports['__stack_pointer'] as unknown as JsApi.Global;
  sp.value = (sp.value as number) - 16;
  return {
    out,
    errno,
    p,
    staleLength,
    heap: HEAPU8.length,
    written: HEAP32[(p + 24) >> 2],
    viaTable: [getWasmTableEntry(1)(21), getWasmTableEntry(2)(9), wasmExports['apply']!(2, 12)],
    tableNull: wasmTable.get(0),
    names: [getWasmTableEntry(1).name, getWasmTableEntry(2).length],
    sp: sp.value,
    tooBig: wasmExports['malloc']!(200 * 65536),
  };
}

/** wasm-bindgen-style glue: a cached Uint8Array re-created when its buffer was detached (byteLength 0), initSync. */
function wasmBindgenGlue(WebAssembly: Api, bytes: Uint8Array): unknown {
  let wasm!: Record<string, (...args: number[]) => number> & { memory?: JsApi.Memory };
  let cachedUint8Memory0: Uint8Array | null = null;
  function getUint8Memory0(): Uint8Array {
    if (cachedUint8Memory0 === null || cachedUint8Memory0.byteLength === 0) cachedUint8Memory0 = new Uint8Array(wasm.memory!.buffer);
    return cachedUint8Memory0;
  }
  function passStringToWasm0(arg: string, malloc: (n: number) => number): [number, number] {
    const buf = new TextEncoder().encode(arg);
    const ptr = malloc(buf.length) >>> 0;
    getUint8Memory0()
      .subarray(ptr, ptr + buf.length)
      .set(buf);
    return [ptr, buf.length];
  }
  function initSync(module: Uint8Array | JsApi.Module): void {
    if (!(module instanceof WebAssembly.Module)) module = new WebAssembly.Module(module);
    const imports = {
      env: { emscripten_resize_heap: (size: number) => (wasm.memory!.grow(Math.ceil((size - wasm.memory!.buffer.byteLength) / 65536)), 1) },
      wasi_snapshot_preview1: { fd_write: () => 52 },
    };
    const instance = new WebAssembly.Instance(module, imports);
    wasm = instance.exports as unknown as typeof wasm;
  }
  initSync(bytes);
  getUint8Memory0(); // cache a view of the first buffer
  const results: number[] = [];
  for (const s of ['abc', 'x'.repeat(70_000), 'é'.repeat(50_000)]) {
    const [ptr, len] = passStringToWasm0(s, wasm['malloc']!);
    results.push(wasm['sum']!(ptr, len));
  }
  return { results, pages: wasm.memory!.buffer.byteLength / 65536, isModule: (wasm as object) instanceof Object };
}

describe('JS API: glue code runs unchanged', () => {
  it('emscripten-style: heap growth from an import, HEAP views, fd_write, function pointers, __stack_pointer', async () => {
    const binary = await wat(PROGRAM);
    const ours = await emscriptenGlue(RT, binary);
    expect(ours).toEqual(await emscriptenGlue(NATIVE, binary));
    expect(ours).toMatchObject({ out: '[1]hello, world\n', errno: 0, staleLength: 0, written: 13, viaTable: [42, 81, 144], tableNull: null, names: ['2', 1], sp: 4080, tooBig: 0 });
  });

  it('wasm-bindgen-style: detached-buffer check re-creates the cached view; initSync', async () => {
    const binary = await wat(PROGRAM);
    const ours = wasmBindgenGlue(RT, binary);
    expect(ours).toEqual(wasmBindgenGlue(NATIVE, binary));
    expect((ours as { results: number[] }).results[0]).toBe(97 + 98 + 99);
  });

  it('WASI-shim style: the instance handed to a shim that reads exports.memory lazily, _start via instantiate(Module)', async () => {
    const text = `(module (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
      (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
      (memory (export "memory") 1) (data (i32.const 8) "\\10\\00\\00\\00\\03\\00\\00\\00ok\\n")
      (func (export "_start") i32.const 1 i32.const 8 i32.const 1 i32.const 32 call $w drop i32.const 3 call $exit unreachable))`;
    const run = async (WebAssembly: Api): Promise<unknown> => {
      class ExitStatus {
        constructor(readonly code: number) {}
      }
      let memory: JsApi.Memory | undefined;
      let out = '';
      const wasiImport = {
        fd_write(_fd: number, iovs: number, n: number, nwritten: number): number {
          const view = new DataView(memory!.buffer);
          let total = 0;
          for (let i = 0; i < n; i++) {
            const ptr = view.getUint32(iovs + 8 * i, true);
            const len = view.getUint32(iovs + 8 * i + 4, true);
            out += new TextDecoder().decode(new Uint8Array(memory!.buffer, ptr, len));
            total += len;
          }
          view.setUint32(nwritten, total, true);
          return 0;
        },
        proc_exit(code: number): never {
          throw new ExitStatus(code);
        },
      };
      const module = await WebAssembly.compile(await wat(text));
      const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasiImport });
      memory = instance.exports['memory'] as JsApi.Memory;
      try {
        (instance.exports['_start'] as () => void)();
        return 'returned';
      } catch (e) {
        // The shim's own exception comes back as thrown (not wrapped in a RuntimeError).
        return { out, exit: e instanceof ExitStatus ? e.code : `wrong: ${String(e)}` };
      }
    };
    const ours = await run(RT);
    expect(ours).toEqual(await run(NATIVE));
    expect(ours).toEqual({ out: 'ok\n', exit: 3 });
  });

  it('externref heap table, wasm-bindgen style: grow + set from JS, objects come back by identity', async () => {
    const text = `(module (table (export "__wbindgen_export_0") 4 externref)
      (func (export "get") (param i32) (result externref) local.get 0 table.get 0)
      (func (export "size") (result i32) table.size 0))`;
    const run = async (WebAssembly: Api): Promise<unknown> => {
      const { instance } = await WebAssembly.instantiate(await wat(text), {});
      const table = instance.exports['__wbindgen_export_0'] as JsApi.Table;
      const objs = [{ a: 1 }, 'str', 42, undefined, null, Symbol.for('s')];
      const idx = table.grow(objs.length);
      objs.forEach((o, j) => table.set(idx + j, o));
      const get = instance.exports['get'] as (i: number) => unknown;
      return { same: objs.map((o, j) => Object.is(get(idx + j), o)), size: (instance.exports['size'] as () => number)(), initial: table.get(0) };
    };
    const ours = await run(RT);
    expect(ours).toEqual(await run(NATIVE));
    expect((ours as { same: boolean[] }).same.every((x) => x)).toBe(true);
  });
});
