/**
 * AsyncWASI's functions called as an engine calls them (on the fake JSPI of ./fake-jspi: no
 * stack switching, everything else real): async stdin, async file systems, errno mapping,
 * background closes, and poll_oneoff on a timer.
 */
import { describe, expect, it } from 'vitest';
import {
  AsyncWASI, DeferredFileSystem, Errno, MemoryFileSystem, WAITING_FUNCTIONS, WasiExit, collectOutput, realClock,
  type AsyncWASIOptions, type FileSystem,
} from '../../src/index';
import { callImport, FakeSuspending, fakeJspi } from './fake-jspi';

const ALL = (1n << 30n) - 1n;
const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

class AsyncGuest {
  readonly wasi: AsyncWASI;
  readonly memory = { buffer: new ArrayBuffer(65536) };
  private top = 1024;

  constructor(options: Omit<AsyncWASIOptions, 'WebAssembly'>) {
    this.wasi = new AsyncWASI({ ...options, WebAssembly: fakeJspi });
    this.wasi.setMemory(this.memory);
  }
  get view(): DataView {
    return new DataView(this.memory.buffer);
  }
  alloc(n: number): number {
    const p = this.top;
    this.top = (this.top + n + 7) & ~7;
    return p;
  }
  put(s: string): [number, number] {
    const b = new TextEncoder().encode(s);
    const p = this.alloc(Math.max(1, b.length));
    new Uint8Array(this.memory.buffer).set(b, p);
    return [p, b.length];
  }
  call(name: string, ...args: Array<number | bigint>): Promise<number> {
    return callImport(this.wasi.wasiImport, name, ...args);
  }
  /** fd_read into buffers of the given sizes; returns [errno, text]. */
  async read(fd: number, ...sizes: number[]): Promise<[number, string]> {
    const iov = this.alloc(8 * sizes.length);
    const bufs = sizes.map((n) => this.alloc(n));
    sizes.forEach((n, i) => {
      this.view.setUint32(iov + 8 * i, bufs[i]!, true);
      this.view.setUint32(iov + 8 * i + 4, n, true);
    });
    const out = this.alloc(4);
    const e = await this.call('fd_read', fd, iov, sizes.length, out);
    const n = this.view.getUint32(out, true);
    // The buffers are contiguous only by chance; gather them by size.
    let s = '';
    let left = n;
    for (let i = 0; i < sizes.length && left > 0; i++) {
      const take = Math.min(left, sizes[i]!);
      s += new TextDecoder().decode(new Uint8Array(this.memory.buffer, bufs[i]!, take));
      left -= take;
    }
    return [e, s];
  }
  async write(fd: number, data: string): Promise<number> {
    const [p, l] = this.put(data);
    const iov = this.alloc(8);
    this.view.setUint32(iov, p, true);
    this.view.setUint32(iov + 4, l, true);
    return this.call('fd_write', fd, iov, 1, this.alloc(4));
  }
  async open(path: string, oflags = 0): Promise<[number, number]> {
    const [p, l] = this.put(path);
    const out = this.alloc(4);
    const e = await this.call('path_open', 3, 1, p, l, oflags, ALL, ALL, 0, out);
    return [e, e === 0 ? this.view.getUint32(out, true) : -1];
  }
}

/** A file system spy: counts the operations that reach it. */
function counting<N>(fs: FileSystem<N>): { fs: FileSystem<N>; ops: string[] } {
  const ops: string[] = [];
  const wrapped = new Proxy(fs, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        ops.push(String(prop));
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { fs: wrapped, ops };
}

describe('AsyncWASI', () => {
  it('needs a namespace with JSPI', () => {
    expect(() => new AsyncWASI({ WebAssembly: {} as never })).toThrow(/WebAssembly.Suspending and WebAssembly.promising/);
  });

  it('imports exactly the functions that may wait through WebAssembly.Suspending', () => {
    const w = new AsyncWASI({ WebAssembly: fakeJspi });
    const suspending = Object.entries(w.wasiImport).filter(([, f]) => f instanceof FakeSuspending).map(([n]) => n).sort();
    expect(suspending).toEqual([...WAITING_FUNCTIONS].sort());
    expect(Object.keys(w.wasiImport)).toHaveLength(46);
    expect(typeof w.wasiImport['clock_time_get']).toBe('function');
    expect(typeof w.wasiImport['proc_exit']).toBe('function');
  });

  it('waits for stdin, then returns what has arrived without waiting to fill every buffer', async () => {
    const lines = ['first\n', 'second\n'];
    let asked = 0;
    const g = new AsyncGuest({ stdin: async () => (asked++, await tick(2), lines.shift() ?? null) });
    // Two buffers, as wasi-libc's stdio reads: the first gets the line, the second nothing.
    expect(await g.read(0, 4, 64)).toEqual([0, 'first\n']);
    expect(asked).toBe(1);
    expect(await g.read(0, 64)).toEqual([0, 'second\n']);
    expect(await g.read(0, 64)).toEqual([0, '']);
  });

  it('runs path resolution and file I/O over an async file system, each operation once', async () => {
    const { fs, ops } = counting(new MemoryFileSystem({ dir: { 'f.txt': 'async contents' } }));
    const g = new AsyncGuest({ preopens: { '/': new DeferredFileSystem(fs) } });
    const [e, fd] = await g.open('dir/../dir/f.txt');
    expect(e).toBe(0);
    // What the synchronous WASI does for this path, each once although the call was replayed.
    expect(ops).toEqual(['lookup', 'stat', 'lookup', 'stat', 'lookup', 'stat', 'open']);
    expect(await g.read(fd, 5, 100)).toEqual([0, 'async contents']);
    // One read per buffer: the second ends the file.
    expect(ops.filter((o) => o === 'open')).toHaveLength(1);
    expect(await g.read(fd, 100)).toEqual([0, '']);
  });

  it('maps failures of async operations to errnos; host errors become io and reach onHostError', async () => {
    const memory = new MemoryFileSystem({ 'f.txt': 'x' });
    const deferred = new DeferredFileSystem(memory);
    const hostErrors: string[] = [];
    const failing = Object.assign(Object.create(deferred) as DeferredFileSystem, {
      root: deferred.root,
      open: () => Promise.reject(new Error('storage went away')),
    });
    const g = new AsyncGuest({ preopens: { '/': failing }, onHostError: (fn, err) => void hostErrors.push(`${fn}: ${(err as Error).message}`) });
    expect((await g.open('missing'))[0]).toBe(Errno.noent);
    expect((await g.open('f.txt/x'))[0]).toBe(Errno.notdir);
    expect((await g.open('f.txt'))[0]).toBe(Errno.io);
    expect(hostErrors).toEqual(['path_open: storage went away']);
  });

  it('writes to an async sink, waiting for each write', async () => {
    const written: string[] = [];
    const g = new AsyncGuest({ stdout: async (b: Uint8Array) => { await tick(2); written.push(new TextDecoder().decode(b)); } });
    expect(await g.write(1, 'one')).toBe(0);
    expect(written).toEqual(['one']);
  });

  it('does not make the guest wait for a close, but the next operation waits for it to settle', async () => {
    const memory = new MemoryFileSystem();
    const events: string[] = [];
    const slowClose = new DeferredFileSystem(memory);
    const open = slowClose.open.bind(slowClose);
    slowClose.open = async (node, access) => {
      const f = await open(node, access);
      return { ...f, close: async () => { await tick(20); events.push('closed'); await f.close(); } };
    };
    const g = new AsyncGuest({ preopens: { '/': slowClose } });
    const [, fd] = await g.open('new.txt', 1 /* CREAT */);
    expect(await g.write(fd, 'data')).toBe(0);
    expect(await g.call('fd_close', fd)).toBe(0);
    events.push('fd_close returned');
    const [e] = await g.open('new.txt');
    events.push('reopened');
    expect(e).toBe(0);
    expect(events).toEqual(['fd_close returned', 'closed', 'reopened']);
  });

  it('sleeps in poll_oneoff on a timer: the event loop runs meanwhile', async () => {
    const g = new AsyncGuest({ clock: realClock() });
    const sub = g.alloc(48);
    g.view.setBigUint64(sub, 42n, true); // userdata
    g.view.setUint8(sub + 8, 0); // clock
    g.view.setUint32(sub + 16, 1, true); // monotonic
    g.view.setBigUint64(sub + 24, 40_000_000n, true); // 40 ms
    const out = g.alloc(32);
    const nevents = g.alloc(4);
    // A timer due long before the sleep ends: it fires before the call returns only if the
    // sleep leaves the event loop free (a blocking sleep would return first).
    let fired = false;
    setTimeout(() => void (fired = true), 1);
    const started = performance.now();
    const e = await g.call('poll_oneoff', sub, out, 1, nevents);
    expect(fired).toBe(true);
    expect(e).toBe(0);
    expect(g.view.getUint32(nevents, true)).toBe(1);
    expect(g.view.getBigUint64(out, true)).toBe(42n);
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
  });

  it('startAsync runs _start through promising and turns proc_exit into the exit code', async () => {
    const stdout = collectOutput();
    const w = new AsyncWASI({ WebAssembly: fakeJspi, stdout, stdin: 'ab' });
    const memory = { buffer: new ArrayBuffer(65536) };
    const instance = {
      exports: {
        memory,
        _start: async () => {
          // What a guest would do: fd_read then proc_exit (here from JavaScript).
          const v = new DataView(memory.buffer);
          v.setUint32(0, 100, true);
          v.setUint32(4, 8, true);
          expect(await callImport(w.wasiImport, 'fd_read', 0, 0, 1, 16)).toBe(0);
          (w.wasiImport['proc_exit'] as (c: number) => void)(v.getUint32(16, true));
        },
      },
    };
    expect(await w.startAsync(instance)).toBe(2);
    await expect(w.startAsync(instance)).rejects.toThrow(/already started/);
    const strict = new AsyncWASI({ WebAssembly: fakeJspi, returnOnExit: false });
    await expect(strict.startAsync({ exports: { memory, _start: () => (strict.wasiImport['proc_exit'] as (c: number) => void)(3) } })).rejects.toBeInstanceOf(WasiExit);
  });

  it('initializeAsync calls a reactor\'s _initialize through promising, once', async () => {
    const calls: string[] = [];
    const w = new AsyncWASI({ WebAssembly: fakeJspi });
    const memory = { buffer: new ArrayBuffer(65536) };
    await w.initializeAsync({ exports: { memory, _initialize: async () => void calls.push('init') } });
    expect(calls).toEqual(['init']);
    await expect(w.initializeAsync({ exports: { memory } })).rejects.toThrow(/already started/);
    await expect(new AsyncWASI({ WebAssembly: fakeJspi }).initializeAsync({ exports: { memory, _start: () => {} } })).rejects.toThrow(/must not export _start/);
  });

  it('checks preopened roots before starting', async () => {
    const notDir = new DeferredFileSystem(new MemoryFileSystem({ f: 'x' }));
    const file = notDir.lookup(notDir.root, 'f');
    const w = new AsyncWASI({ WebAssembly: fakeJspi, preopens: { '/': Object.assign(Object.create(notDir) as DeferredFileSystem, { root: await file }) } });
    await expect(w.startAsync({ exports: { memory: { buffer: new ArrayBuffer(0) }, _start: () => {} } })).rejects.toThrow(/not a directory/);
  });
});
