/**
 * Runs a WASI command on rt anywhere: a browser page, Node, Deno, Bun, QuickJS, Hermes. Only
 * the core packages are used (no `node:` imports), files live in `@rt/wasi`'s in-memory file
 * system, and the result says which of rt's tiers ran the program, so a test can tell the
 * interpreter from compiled code.
 * @packageDocumentation
 */
import { Engine, Interrupted, type EngineOptions, type FuncInstance, type ModuleInstance, type Value } from '@rt/interp';
import { MemoryFileSystem, WASI, seededRandom, type InputStream, type MemoryTree, type StdoutOption } from '@rt/wasi';
import { tierReport, type TierReport } from './tier-report.js';

export type { TierReport } from './tier-report.js';

/** What to run and with what. */
export interface ProgramOptions {
  /** The module's bytes (a WASI preview1 command). */
  readonly bytes: Uint8Array;
  /** argv, `args[0]` being the program name. */
  readonly args: readonly string[];
  /** The guest's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Files preopened as the guest's `/` (an in-memory file system). */
  readonly files?: MemoryTree;
  /** fd 0: fixed content or a stream. */
  readonly stdin?: string | Uint8Array | InputStream;
  /** fd 1, each chunk as the guest writes it. */
  readonly stdout?: StdoutOption;
  /** fd 2, each chunk as the guest writes it. */
  readonly stderr?: StdoutOption;
  /** Engine options (tier, limits). Default: rt's defaults (tier-up from the interpreter). */
  readonly engine?: EngineOptions;
  /** A clock in milliseconds for the timings. Default: `performance.now`, else `Date.now`. */
  readonly now?: () => number;
  /**
   * Meter the run: the engine gets this much fuel at a time (about one unit per instruction) and
   * {@link onFuel} is called each time it is used up. Default: unmetered (no checkpoints, no cost).
   */
  readonly fuelSlice?: number;
  /**
   * Called with the fuel consumed so far each time a slice is used up; the run goes on with
   * another slice unless this returns `'stop'`, which abandons it ({@link ProgramStopped}).
   */
  readonly onFuel?: (fuelConsumed: number) => 'continue' | 'stop';
}

/** Thrown by {@link runProgram} when `onFuel` stopped the run. */
export class ProgramStopped extends Error {
  constructor(readonly fuelConsumed: number) {
    super(`stopped after ${fuelConsumed} units of fuel`);
    this.name = 'ProgramStopped';
  }
}

/** How a run went. */
export interface ProgramResult {
  /** The exit code (`proc_exit`'s, or 0 when `_start` returns). */
  readonly exitCode: number;
  /** Decode, validate and lower, in milliseconds. */
  readonly compileMs: number;
  /** Instantiate and run `_start`, in milliseconds. */
  readonly runMs: number;
  /** Fuel consumed by the whole run, where it was metered. */
  readonly fuelConsumed?: number;
  /** Which tiers ran the program's functions. */
  readonly tiers: TierReport;
  /** The guest's `/` after the run (files it wrote are there). */
  readonly files: MemoryFileSystem;
}

/** The best clock the host has. */
function hostClock(): () => number {
  const perf = (globalThis as { performance?: { now(): number } }).performance;
  return perf !== undefined && typeof perf.now === 'function' ? () => perf.now() : () => Date.now();
}

/**
 * Randomness for the guest: WASI's default (Web Crypto) where the host has it, else a seeded
 * generator, because embedded engines (QuickJS, Hermes) have no `crypto`. That costs
 * unpredictability: the guest's `random_get` repeats from run to run there.
 */
function guestRandom(): ((buf: Uint8Array) => void) | undefined {
  const crypto = (globalThis as { crypto?: { getRandomValues?: unknown } }).crypto;
  return crypto !== undefined && typeof crypto.getRandomValues === 'function' ? undefined : seededRandom(0x5eed);
}

/**
 * Calls `f`, giving a metered engine another slice of fuel each time it stops until `onFuel`
 * says stop. A `proc_exit` or a trap during a resumed part propagates as from an ordinary call.
 */
function invokeMetered(engine: Engine, f: FuncInstance, args: Value[], slice: number, onFuel: ProgramOptions['onFuel']): Value[] {
  let stop: unknown;
  try {
    return engine.invoke(f, args);
  } catch (e) {
    stop = e;
  }
  for (;;) {
    if (!(stop instanceof Interrupted) || stop.reason !== 'fuel') throw stop;
    if (onFuel?.(engine.fuelConsumed) === 'stop') {
      stop.abandon();
      throw new ProgramStopped(engine.fuelConsumed);
    }
    engine.addFuel(slice);
    try {
      return stop.resume() as Value[];
    } catch (e) {
      stop = e;
    }
  }
}

/** Exports as `@rt/wasi` reads them: functions callable from JavaScript, memories with a `buffer`. */
function wasiExports(engine: Engine, instance: ModuleInstance, options: ProgramOptions): Record<string, unknown> {
  const exports: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const slice = options.fuelSlice;
  for (const [name, entry] of instance.exports) {
    if (entry.kind === 'func') {
      const f = entry.value as FuncInstance;
      exports[name] = slice === undefined ? (...args: Value[]) => engine.invoke(f, args) : (...args: Value[]) => invokeMetered(engine, f, args, slice, options.onFuel);
    } else {
      exports[name] = entry.value;
    }
  }
  return exports;
}

/**
 * Compiles and runs `options.bytes` as a WASI command on an rt {@link Engine}.
 * @throws what the engine throws: a `DecodeError`/`ValidationError` for a bad module, a
 * `LinkError` for an import that is not WASI, a `Trap` when the guest traps; a
 * {@link ProgramStopped} when `onFuel` stopped a metered run.
 */
export function runProgram(options: ProgramOptions): ProgramResult {
  const now = options.now ?? hostClock();
  const files = new MemoryFileSystem(options.files ?? {});
  const random = guestRandom();
  const wasi = new WASI({
    args: options.args,
    env: options.env ?? {},
    preopens: { '/': files },
    stdin: options.stdin ?? '',
    stdout: options.stdout,
    stderr: options.stderr,
    ...(random === undefined ? {} : { random }),
  });
  const t0 = now();
  const engine = new Engine(options.fuelSlice === undefined ? options.engine : { ...options.engine, fuel: options.fuelSlice });
  const compiled = engine.compile(options.bytes);
  const t1 = now();
  const imports: Record<string, Record<string, FuncInstance>> = { wasi_snapshot_preview1: {} };
  for (const imp of compiled.module.imports) {
    const host = wasi.wasiImport[imp.name as keyof typeof wasi.wasiImport] as ((...a: Value[]) => unknown) | undefined;
    const def = imp.desc.kind === 'func' ? compiled.module.types[imp.desc.type] : undefined;
    const type = def?.kind === 'func' ? def : undefined;
    if (imp.module !== 'wasi_snapshot_preview1' || host === undefined || type === undefined) continue; // the engine's LinkError names it
    imports.wasi_snapshot_preview1![imp.name] = engine.hostFunction(type, (args) => {
      const r = host(...args);
      return type.results.length === 0 ? undefined : [r as Value];
    });
  }
  const instance = engine.instantiate(compiled, imports);
  const exitCode = wasi.start({ exports: wasiExports(engine, instance, options) });
  const t2 = now();
  return {
    exitCode, compileMs: t1 - t0, runMs: t2 - t1, tiers: tierReport(instance), files,
    ...(options.fuelSlice === undefined ? {} : { fuelConsumed: engine.fuelConsumed }),
  };
}
