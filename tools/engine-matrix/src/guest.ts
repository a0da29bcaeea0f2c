/**
 * What every engine of the matrix runs: rt's core packages bundled into one script with the test
 * programs inlined (embedded engines have no file system), exposing {@link runCases}. The host
 * script of each engine evaluates the bundle and prints the report it returns.
 * @packageDocumentation
 */
import { Engine, type FuncInstance } from '@rt/interp';
import { collectOutput } from '@rt/wasi';
import helloWasm from '../../../examples/hello/hello.wasm';
import catWasm from '../../../examples/cat/cat.wasm';
import teeWasm from '../../../examples/tee/tee.wasm';
import benchWasm from '../../../bench/wasm/sha256.wasm';
import { runProgram } from './run-program.js';

/** The benchmark: SHA-256 of a 64 KiB buffer, this many times (about 5 ms on Node 20's native WebAssembly). */
export const BENCH_N = 16;
/** Timed repetitions of the benchmark, the fastest counting: at least this many… */
const BENCH_MIN_RUNS = 3;
/** …and more until this many milliseconds have been spent (at most {@link BENCH_MAX_RUNS}), against shared machines' noise. */
const BENCH_MIN_MS = 400;
const BENCH_MAX_RUNS = 60;

/** One case's outcome. */
export interface CaseResult {
  readonly ok: boolean;
  /** What went wrong, or what was measured. */
  readonly detail: string;
}

/** What {@link runCases} returns, printed as JSON by the host. */
export interface MatrixReport {
  readonly hello: CaseResult;
  readonly files: CaseResult;
  readonly bench: CaseResult & {
    /** rt's best time in milliseconds (default tier-up). */
    readonly rtMs?: number;
    /** The host's own WebAssembly, where it has one. */
    readonly nativeMs?: number;
    readonly checksum?: number;
  };
  /** Which tiers ran the benchmark. */
  readonly tiers?: string;
  /** What this host lacks that rt would use, and so went without. */
  readonly missing: readonly string[];
}

const now: () => number = (() => {
  const perf = (globalThis as { performance?: { now(): number } }).performance;
  return perf !== undefined && typeof perf.now === 'function' ? () => perf.now() : () => Date.now();
})();

function attempt<T extends CaseResult>(run: () => T): T | CaseResult {
  try {
    return run();
  } catch (e) {
    return { ok: false, detail: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

function hello(): CaseResult {
  const stdout = collectOutput();
  const r = runProgram({ bytes: helloWasm, args: ['hello'], stdout });
  const text = stdout.text();
  return { ok: r.exitCode === 0 && text === 'Hello, world!\n', detail: JSON.stringify(text) };
}

function files(): CaseResult {
  const content = 'line one\nline two: ünïcødé\n';
  const cat = collectOutput();
  const r1 = runProgram({ bytes: catWasm, args: ['cat', '/data/in.txt'], files: { data: { 'in.txt': content } }, stdout: cat });
  if (r1.exitCode !== 0 || cat.text() !== content) return { ok: false, detail: `cat: exit ${r1.exitCode}, ${JSON.stringify(cat.text())}` };
  const r2 = runProgram({ bytes: teeWasm, args: ['tee', '/copy.txt'], stdin: content });
  const node = r2.files.lookup(r2.files.root, 'copy.txt');
  const size = Number(r2.files.stat(node).size);
  return { ok: r2.exitCode === 0 && size === cat.bytes().length, detail: `cat read ${cat.bytes().length} bytes, tee wrote ${size}` };
}

function fastest(run: () => number): { ms: number; checksum: number } {
  let ms = Infinity;
  let checksum = 0;
  const start = now();
  for (let i = 0; i <= BENCH_MAX_RUNS; i++) {
    if (i > BENCH_MIN_RUNS && now() - start >= BENCH_MIN_MS) break;
    const t0 = now();
    checksum = run();
    // The first run is a warm-up (tier-up, the host's JIT).
    if (i > 0) ms = Math.min(ms, now() - t0);
  }
  return { ms, checksum };
}

/** The part of a host's own `WebAssembly` the benchmark uses. */
interface NativeWebAssembly {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

/** The host's own WebAssembly, if it has one and it compiles. */
function nativeBench(): number | undefined {
  const native = (globalThis as { WebAssembly?: NativeWebAssembly }).WebAssembly;
  if (native === undefined) return undefined;
  const instance = new native.Instance(new native.Module(benchWasm), {});
  const run = instance.exports.bench_run as (n: number) => number;
  return fastest(() => run(BENCH_N)).ms;
}

function bench(): MatrixReport['bench'] & { tiers: string } {
  const engine = new Engine();
  const instance = engine.instantiate(engine.compile(benchWasm));
  const f = instance.exports.get('bench_run')!.value as FuncInstance;
  const rt = fastest(() => engine.invoke(f, [BENCH_N])[0] as number);
  let nativeMs: number | undefined;
  let nativeNote = '';
  try {
    nativeMs = nativeBench();
  } catch (e) {
    nativeNote = `; native refused: ${e instanceof Error ? e.message : String(e)}`;
  }
  const tiers = instance.funcs.filter((fn) => fn.kind === 'wasm').map((fn) => (fn.fast ? 'fast' : fn.jit !== null ? 'frame' : 'interpreter'));
  return {
    ok: true,
    detail: `checksum ${rt.checksum}${nativeNote}`,
    rtMs: rt.ms,
    ...(nativeMs === undefined ? {} : { nativeMs }),
    checksum: rt.checksum,
    tiers: [...new Set(tiers)].join('+'),
  };
}

/** The built-ins rt uses where present, and which of them this host lacks. */
function missingBuiltins(): string[] {
  const g = globalThis as Record<string, unknown>;
  const names = ['WebAssembly', 'WeakRef', 'FinalizationRegistry', 'TextDecoder', 'TextEncoder', 'structuredClone', 'performance', 'crypto'];
  const missing = names.filter((n) => g[n] === undefined);
  if (typeof (ArrayBuffer.prototype as { transfer?: unknown }).transfer !== 'function') missing.push('ArrayBuffer.prototype.transfer');
  if (typeof (ArrayBuffer.prototype as { resize?: unknown }).resize !== 'function') missing.push('resizable ArrayBuffer');
  return missing;
}

/** Runs every case and reports; never throws (a failing case says why). */
export function runCases(): MatrixReport {
  const b = attempt(bench);
  return {
    hello: attempt(hello),
    files: attempt(files),
    bench: b,
    ...('tiers' in b ? { tiers: (b as { tiers: string }).tiers } : {}),
    missing: missingBuiltins(),
  };
}
