/**
 * The `WASI` class: options, the import object, and running a command or reactor.
 * @packageDocumentation
 */
import { Filetype } from './abi/constants';
import { GuestMemory, utf8, type MemoryLike } from './abi/memory';
import { virtualClock, type Clock } from './clock';
import type { WasiContext, WasiFunction } from './context';
import { Errno, WasiError } from './errno';
import { WasiExit } from './exit';
import { FdTable } from './fd-table';
import type { FileSystem } from './fs/interface';
import { argsEnvFunctions } from './functions/args-env';
import { clockFunctions } from './functions/clock';
import { fdAttributeFunctions } from './functions/fd-attributes';
import { fdIoFunctions } from './functions/fd-io';
import { fdLifecycleFunctions } from './functions/fd-lifecycle';
import { fdReaddirFunctions } from './functions/fd-readdir';
import { pathFunctions } from './functions/path';
import { pathOpenFunctions } from './functions/path-open';
import { pollFunctions } from './functions/poll';
import { procFunctions } from './functions/proc';
import { randomFunctions } from './functions/random';
import { sockFunctions } from './functions/sock';
import { cryptoRandom, type RandomSource } from './random';
import { CHARACTER_DEVICE_RIGHTS, DIRECTORY_RIGHTS, FILE_RIGHTS, Rights, SOCKET_RIGHTS } from './rights';
import type { WasiSocket } from './socket';
import { toInput, toOutput, type StdinOption, type StdoutOption } from './stdio';
import { WasiTrap } from './trap';
import { WasiSuspend } from './async/journal';
import { rootCheckDeferred } from './async/deferred-root';

/**
 * Options of {@link WASI}. Every capability is opt-in: by default the guest gets no files, no
 * environment, no real time, empty stdin and discarded output.
 */
export interface WASIOptions {
  /** Only `'preview1'` (`wasi_snapshot_preview1`) is supported; accepted for Node compatibility. */
  version?: 'preview1';
  /** Command-line arguments, `args[0]` being the program name by convention. Default `[]`. */
  args?: readonly string[];
  /** Environment variables; the guest sees exactly these. Default `{}`. */
  env?: Readonly<Record<string, string>>;
  /**
   * Directories to preopen: guest-visible name → file system (its root is the directory). They
   * become fds 3, 4, ... in this order. Default: none. For example
   * `{ '/': new MemoryFileSystem() }` or, from `@rt/wasi/node`, `{ '/data': new HostFileSystem('./data') }`.
   */
  preopens?: Readonly<Record<string, FileSystem>>;
  /** fd 0: a stream, or fixed content. Default: empty. */
  stdin?: StdinOption;
  /** fd 1: a stream or a function receiving each chunk. Default: discarded. */
  stdout?: StdoutOption;
  /** fd 2: a stream or a function receiving each chunk. Default: discarded. */
  stderr?: StdoutOption;
  /**
   * When the guest calls `proc_exit`, {@link WASI.start} returns its code (true, the default) or
   * rethrows the {@link WasiExit} so the host can end its own process (false).
   */
  returnOnExit?: boolean;
  /** Time. Default: {@link virtualClock} (deterministic, reveals no host time); grant {@link realClock} for real time. */
  clock?: Clock;
  /** Randomness. Default: `crypto.getRandomValues`. */
  random?: RandomSource;
  /** Host-provided sockets, given fds after the preopens. Default: none. */
  sockets?: readonly WasiSocket[];
  /**
   * Called when a host component (file system, stream, socket) throws something other than a
   * {@link WasiError}; the guest then gets `io`. Use it to log, or rethrow to debug.
   */
  onHostError?: (functionName: string, error: unknown) => void;
}

/** What {@link WASI.start} and {@link WASI.initialize} accept: any instance exporting its memory. */
export interface WasiInstance {
  /** The instance's exports; `memory` must have a `buffer`. */
  readonly exports: Readonly<Record<string, unknown>>;
}

/** The `wasi_snapshot_preview1` import module: function name → host function. */
export type WasiImport = Record<string, WasiFunction>;

function memoryOf(instance: WasiInstance): MemoryLike {
  const m = instance.exports['memory'];
  if (typeof m !== 'object' || m === null || !('buffer' in m)) {
    throw new TypeError('instance.exports.memory must be a memory with a buffer');
  }
  return m as MemoryLike;
}

/**
 * A WASI preview1 environment for one guest instance, usable with any engine whose instances
 * export `memory`. Create it, pass {@link getImportObject} when instantiating, then call
 * {@link start} (commands) or {@link initialize} (reactors).
 *
 * @example
 * ```ts
 * const wasi = new WASI({ args: ['hello'], stdout: (b) => console.log(new TextDecoder().decode(b)) });
 * const { instance } = await WebAssembly.instantiate(bytes, wasi.getImportObject());
 * const code = wasi.start(instance);
 * ```
 */
export class WASI {
  /** The import functions, for `{ wasi_snapshot_preview1: wasi.wasiImport }`. */
  readonly wasiImport: WasiImport;
  private memory: MemoryLike | null = null;
  private started = false;
  private readonly returnOnExit: boolean;
  private readonly fds = new FdTable();

  /** @param options - see {@link WASIOptions}. */
  constructor(options: WASIOptions = {}) {
    if (options.version !== undefined && options.version !== 'preview1') {
      throw new TypeError(`unsupported WASI version ${String(options.version)}: only 'preview1' is implemented`);
    }
    this.returnOnExit = options.returnOnExit ?? true;
    const common = { fdflags: 0, rightsInheriting: 0n };
    this.fds.set(0, { kind: 'stream', input: toInput(options.stdin), output: null, ...common, rightsBase: CHARACTER_DEVICE_RIGHTS & ~Rights.FD_WRITE });
    this.fds.set(1, { kind: 'stream', input: null, output: toOutput(options.stdout), ...common, rightsBase: CHARACTER_DEVICE_RIGHTS & ~Rights.FD_READ });
    this.fds.set(2, { kind: 'stream', input: null, output: toOutput(options.stderr), ...common, rightsBase: CHARACTER_DEVICE_RIGHTS & ~Rights.FD_READ });
    let fd = 3;
    for (const [name, fs] of Object.entries(options.preopens ?? {})) {
      if (!rootCheckDeferred(fs) && fs.stat(fs.root).filetype !== Filetype.DIRECTORY) throw new TypeError(`preopen ${name} is not a directory`);
      this.fds.set(fd++, {
        kind: 'directory', fs, node: fs.root, parent: null, preopenName: name, listing: null,
        rightsBase: DIRECTORY_RIGHTS, rightsInheriting: DIRECTORY_RIGHTS | FILE_RIGHTS, fdflags: 0,
      });
    }
    for (const socket of options.sockets ?? []) {
      this.fds.set(fd++, { kind: 'socket', socket, rightsBase: SOCKET_RIGHTS, rightsInheriting: 0n, fdflags: 0 });
    }
    const ctx: WasiContext = {
      memory: () => {
        if (!this.memory) throw new WasiTrap('WASI function called before start(), initialize() or setMemory()');
        return new GuestMemory(this.memory);
      },
      fds: this.fds,
      args: (options.args ?? []).map(utf8),
      env: Object.entries(options.env ?? {}).map(([k, v]) => utf8(`${k}=${v}`)),
      clock: options.clock ?? virtualClock(),
      random: options.random ?? cryptoRandom,
    };
    const impls: Record<string, (...args: never[]) => void> = {
      ...argsEnvFunctions(ctx), ...clockFunctions(ctx), ...fdAttributeFunctions(ctx), ...fdIoFunctions(ctx),
      ...fdLifecycleFunctions(ctx), ...fdReaddirFunctions(ctx), ...pathFunctions(ctx), ...pathOpenFunctions(ctx),
      ...pollFunctions(ctx), ...procFunctions(), ...randomFunctions(ctx), ...sockFunctions(ctx),
    };
    const onHostError = options.onHostError;
    const wasiImport: WasiImport = {};
    for (const [name, impl] of Object.entries(impls)) {
      const call = impl as (...args: Array<number | bigint>) => void;
      wasiImport[name] = (...args) => {
        try {
          call(...args);
          return Errno.success;
        } catch (e) {
          if (e instanceof WasiError) return e.errno;
          // A suspension (async mode) unwinds to the journal, which replays the call.
          if (e instanceof WasiExit || e instanceof WasiTrap || e instanceof WasiSuspend) throw e;
          onHostError?.(name, e);
          return Errno.io;
        }
      };
    }
    this.wasiImport = wasiImport;
  }

  /** `{ wasi_snapshot_preview1: wasiImport }`, ready for instantiation. */
  getImportObject(): { wasi_snapshot_preview1: WasiImport } {
    return { wasi_snapshot_preview1: this.wasiImport };
  }

  /**
   * Runs a command: binds the instance's memory and calls its `_start` export. Returns 0 when
   * `_start` returns, or the code passed to `proc_exit` (unless `returnOnExit` is false). Traps
   * propagate. May be called once.
   */
  start(instance: WasiInstance): number {
    const entry = instance.exports['_start'];
    if (typeof entry !== 'function') throw new TypeError('instance.exports._start is not a function');
    if (typeof instance.exports['_initialize'] === 'function') throw new TypeError('a command must not export _initialize');
    this.begin(instance);
    try {
      (entry as () => unknown)();
      return 0;
    } catch (e) {
      if (e instanceof WasiExit && this.returnOnExit) return e.code;
      throw e;
    }
  }

  /**
   * Prepares a reactor: binds the instance's memory and calls `_initialize` if exported. The host
   * then calls the instance's exports itself. May be called once, and not after {@link start}.
   * A `proc_exit` during `_initialize` (or any later export call) propagates as a {@link WasiExit}.
   */
  initialize(instance: WasiInstance): void {
    if (typeof instance.exports['_start'] === 'function') throw new TypeError('a reactor must not export _start');
    this.begin(instance);
    const init = instance.exports['_initialize'];
    if (typeof init === 'function') (init as () => unknown)();
  }

  /**
   * Binds a memory directly, for hosts that drive the guest themselves (for example a memory the
   * module imports rather than exports). {@link start} and {@link initialize} do this for you.
   */
  setMemory(memory: MemoryLike): void {
    this.memory = memory;
  }

  private begin(instance: WasiInstance): void {
    if (this.started) throw new Error('WASI instance already started');
    this.memory = memoryOf(instance);
    this.started = true;
  }
}

