/**
 * `AsyncWASI`: WASI for programs whose I/O is asynchronous, through the JS Promise Integration
 * API (JSPI) of whichever `WebAssembly` namespace the host passes.
 * @packageDocumentation
 */
import { Filetype } from '../abi/constants';
import type { MemoryLike } from '../abi/memory';
import { virtualClock, type Clock } from '../clock';
import type { WasiFunction } from '../context';
import { WasiExit } from '../exit';
import type { FileSystem } from '../fs/interface';
import { WASI, type WASIOptions, type WasiInstance } from '../wasi';
import { deferRootCheck } from './deferred-root';
import type { AsyncFileSystem } from './fs-interface';
import { Journal } from './journal';
import { JournaledFileSystem } from './journaled-fs';
import { journaledInput, journaledOutput, toAsyncInput, toAsyncOutput, type AsyncStdinOption, type AsyncStdoutOption } from './stdio';

/**
 * The part of the JSPI API (`WebAssembly.Suspending` and `WebAssembly.promising`, as the JS
 * Promise Integration proposal defines them) that {@link AsyncWASI} uses: a native `WebAssembly`
 * that has JSPI, or rt's `createWebAssembly()`.
 */
export interface JspiNamespace {
  /** Marks a JavaScript function as an import that suspends the guest while its promise is pending. */
  Suspending: new (fn: (...args: never[]) => unknown) => object;
  /** Wraps an exported function so that it may suspend; the wrapper returns a promise of its result. */
  promising(fn: never): (...args: never[]) => Promise<unknown>;
}

/**
 * The WASI functions that may wait, and so are imported through `WebAssembly.Suspending` in async
 * mode: every function that reaches a file system, a standard stream or the clock's sleep. The
 * others stay plain synchronous imports: arguments, environment, clocks, randomness, `proc_exit`,
 * the fd-table bookkeeping, `fd_advise` (which only validates) and the socket functions (whose
 * interface is synchronous). `fd_close` and `fd_renumber` are among those too: a close is started
 * in the background (see {@link AsyncOpenFile.close}).
 */
export const WAITING_FUNCTIONS: readonly string[] = [
  'fd_allocate', 'fd_datasync', 'fd_filestat_get', 'fd_filestat_set_size', 'fd_filestat_set_times',
  'fd_pread', 'fd_pwrite', 'fd_read', 'fd_readdir', 'fd_seek', 'fd_sync', 'fd_write',
  'path_create_directory', 'path_filestat_get', 'path_filestat_set_times', 'path_link', 'path_open',
  'path_readlink', 'path_remove_directory', 'path_rename', 'path_symlink', 'path_unlink_file', 'poll_oneoff',
];

/** Options of {@link AsyncWASI}: those of {@link WASIOptions}, with asynchronous sources and sinks allowed. */
export interface AsyncWASIOptions extends Omit<WASIOptions, 'stdin' | 'stdout' | 'stderr' | 'preopens'> {
  /**
   * The `WebAssembly` namespace the guest is instantiated with, which must implement JSPI: the
   * host's own where it has JSPI (recent V8: Chromium, Deno 2.x), or rt's
   * (`createWebAssembly()` from `@rt/interp`) anywhere.
   */
  WebAssembly: JspiNamespace;
  /** fd 0: fixed content, a stream, an async iterable, a `ReadableStream`, or a function producing chunks. */
  stdin?: AsyncStdinOption;
  /** fd 1: a sink whose writes may return promises (the guest waits for each), or a `WritableStream`. */
  stdout?: AsyncStdoutOption;
  /** fd 2: as `stdout`. */
  stderr?: AsyncStdoutOption;
  /** Directories to preopen, as for {@link WASI}: synchronous or asynchronous file systems. */
  preopens?: Readonly<Record<string, FileSystem | AsyncFileSystem>>;
}

/** The import module of an {@link AsyncWASI}: plain functions and `WebAssembly.Suspending` markers. */
export type AsyncWasiImport = Record<string, WasiFunction | object>;

function memoryOf(instance: WasiInstance): MemoryLike {
  const m = instance.exports['memory'];
  if (typeof m !== 'object' || m === null || !('buffer' in m)) throw new TypeError('instance.exports.memory must be a memory with a buffer');
  return m as MemoryLike;
}

/**
 * WASI preview1 for a guest whose I/O is asynchronous: stdin from an async source, file systems
 * whose operations return promises, output sinks that apply backpressure, and `poll_oneoff`
 * sleeping without blocking the event loop. The guest is a normal synchronous WASI program: the
 * functions that may wait ({@link WAITING_FUNCTIONS}) are imported as
 * `new WebAssembly.Suspending(...)`, and {@link startAsync} calls `_start` through
 * `WebAssembly.promising`, so the guest's stack is suspended while the host waits and the event
 * loop keeps running. Errors map to errnos exactly as in {@link WASI} (the same implementation runs).
 *
 * @example
 * ```ts
 * const wasi = new AsyncWASI({ WebAssembly, stdin: response.body, stdout: (b) => console.log(b) });
 * const { instance } = await WebAssembly.instantiate(bytes, wasi.getImportObject());
 * const code = await wasi.startAsync(instance);
 * ```
 */
export class AsyncWASI {
  /** The import functions, for `{ wasi_snapshot_preview1: wasi.wasiImport }`. */
  readonly wasiImport: AsyncWasiImport;
  private readonly inner: WASI;
  private readonly jspi: JspiNamespace;
  private readonly fileSystems: JournaledFileSystem[] = [];
  private readonly returnOnExit: boolean;
  private started = false;

  /** @param options - see {@link AsyncWASIOptions}. */
  constructor(options: AsyncWASIOptions) {
    const jspi = options.WebAssembly;
    if (typeof jspi?.Suspending !== 'function' || typeof jspi.promising !== 'function') {
      throw new TypeError('AsyncWASI needs a WebAssembly namespace with JSPI (WebAssembly.Suspending and WebAssembly.promising)');
    }
    this.jspi = jspi;
    this.returnOnExit = options.returnOnExit ?? true;
    const journal = new Journal();
    const preopens: Record<string, FileSystem> = {};
    for (const [name, fs] of Object.entries(options.preopens ?? {})) {
      // Every preopen goes through the journal: a synchronous one simply never waits.
      const facade = new JournaledFileSystem(fs as AsyncFileSystem, journal);
      deferRootCheck(facade);
      this.fileSystems.push(facade);
      preopens[name] = facade;
    }
    const clock: Clock = options.clock ?? virtualClock();
    const { WebAssembly: _ns, stdin, stdout, stderr, preopens: _p, ...rest } = options;
    this.inner = new WASI({
      ...rest,
      preopens,
      stdin: journaledInput(toAsyncInput(stdin), journal),
      stdout: journaledOutput(toAsyncOutput(stdout), journal),
      stderr: journaledOutput(toAsyncOutput(stderr), journal),
      clock: {
        now: (id) => journal.perform('clock.now', () => clock.now(id)),
        resolution: (id) => clock.resolution(id),
        sleep: (ns) => journal.perform('clock.sleep', () => (clock.sleepAsync ? clock.sleepAsync(ns) : clock.sleep(ns))),
      },
    });
    const waiting = new Set(WAITING_FUNCTIONS);
    const wasiImport: AsyncWasiImport = {};
    for (const [name, fn] of Object.entries(this.inner.wasiImport)) {
      wasiImport[name] = waiting.has(name) ? new jspi.Suspending((...args: Array<number | bigint>) => journal.run(() => fn(...args))) : fn;
    }
    this.wasiImport = wasiImport;
  }

  /** `{ wasi_snapshot_preview1: wasiImport }`, ready for instantiation with the same namespace. */
  getImportObject(): { wasi_snapshot_preview1: AsyncWasiImport } {
    return { wasi_snapshot_preview1: this.wasiImport };
  }

  /**
   * Runs a command: binds the instance's memory, checks the preopened roots, and calls `_start`
   * through `WebAssembly.promising`. Resolves to 0 when `_start` returns, or to the code passed to
   * `proc_exit` (unless `returnOnExit` is false: then it rejects with the {@link WasiExit}). Traps
   * reject. Resolves only after the closes the guest started have settled. May be called once.
   */
  async startAsync(instance: WasiInstance): Promise<number> {
    const entry = instance.exports['_start'];
    if (typeof entry !== 'function') throw new TypeError('instance.exports._start is not a function');
    if (typeof instance.exports['_initialize'] === 'function') throw new TypeError('a command must not export _initialize');
    await this.begin(instance);
    try {
      await this.jspi.promising(entry as never)();
      return 0;
    } catch (e) {
      if (e instanceof WasiExit && this.returnOnExit) return e.code;
      throw e;
    } finally {
      await Promise.all(this.fileSystems.map((fs) => fs.settled()));
    }
  }

  /**
   * Prepares a reactor: binds the memory, checks the preopens, and calls `_initialize` (if
   * exported) through `WebAssembly.promising`. Call the reactor's other exports through
   * `WebAssembly.promising` too when they may reach a waiting function.
   */
  async initializeAsync(instance: WasiInstance): Promise<void> {
    if (typeof instance.exports['_start'] === 'function') throw new TypeError('a reactor must not export _start');
    await this.begin(instance);
    const init = instance.exports['_initialize'];
    if (typeof init === 'function') await this.jspi.promising(init as never)();
  }

  /** Binds a memory directly, for hosts that drive the guest themselves (see {@link WASI.setMemory}). */
  setMemory(memory: MemoryLike): void {
    this.inner.setMemory(memory);
  }

  private async begin(instance: WasiInstance): Promise<void> {
    if (this.started) throw new Error('WASI instance already started');
    this.started = true;
    this.inner.setMemory(memoryOf(instance));
    for (const fs of this.fileSystems) {
      const st = await fs.fs.stat(fs.fs.root);
      if (st.filetype !== Filetype.DIRECTORY) throw new TypeError('a preopened file system\'s root is not a directory');
    }
  }
}
