/**
 * Runs one WASI program of `programs/` on one `WebAssembly` namespace and prints one JSON line,
 * `RESULT {"code":…,"stdout":…,"stderr":…}` (or `{"error":…}` when it fails to compile or traps).
 * The same file runs under Deno (its native `WebAssembly`, the oracle: Deno's V8 has final GC and
 * exnref, which Node 20's lacks), under Node (its native `WebAssembly`: enough for legacy
 * exceptions) and under Node with rt (`createWebAssembly(options)` of `@rt/interp`, as built).
 * WASI is `@rt/wasi` in every case, so the engines differ in nothing but WebAssembly.
 *
 *   deno run --allow-read --allow-env src/run-program.ts native PROGRAM.wasm
 *   tsx src/run-program.ts native|rt-default|rt-interpreter|rt-compiled|rt-frame-layout PROGRAM.wasm
 */
import { readFileSync } from 'node:fs';
import { WASI, collectOutput } from '@rt/wasi';

/** What `createWebAssembly` takes for each of rt's engines: the default, and each tier forced. */
const rtOptions: Record<string, Record<string, unknown>> = {
  'rt-default': {},
  'rt-interpreter': { jitThreshold: Infinity },
  'rt-compiled': { jitThreshold: 0 },
  'rt-frame-layout': { jitThreshold: 0, fastTier: false },
};

/** What this file uses of a `WebAssembly` namespace (the global one, or rt's). */
interface Instance {
  readonly exports: Record<string, unknown>;
}
interface WasmExceptionObject {
  is(tag: object): boolean;
  getArg(tag: object, index: number): unknown;
}
interface Namespace {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: Instance }>;
  readonly Exception: abstract new (...args: never[]) => WasmExceptionObject;
  readonly Tag: abstract new (...args: never[]) => object;
}

const deno = (globalThis as { Deno?: { args: string[] } }).Deno;
const [engine, file] = deno ? deno.args : process.argv.slice(2);
if (!engine || !file) throw new Error('usage: run-program.ts ENGINE PROGRAM.wasm');

async function namespace(): Promise<Namespace> {
  if (engine === 'native') return (globalThis as unknown as { WebAssembly: Namespace }).WebAssembly;
  const options = rtOptions[engine!];
  if (!options) throw new Error(`unknown engine ${engine} (native, ${Object.keys(rtOptions).join(', ')})`);
  const { createWebAssembly } = await import('@rt/interp');
  return createWebAssembly(options) as unknown as Namespace;
}

const stdout = collectOutput();
const stderr = collectOutput();
let result: Record<string, unknown>;
const ns = await namespace();
let instance: Instance | undefined;
try {
  const wasi = new WASI({ args: [file.replace(/.*\//, '')], stdout, stderr });
  ({ instance } = await ns.instantiate(readFileSync(file), wasi.getImportObject()));
  const code = wasi.start(instance as Parameters<typeof wasi.start>[0]);
  result = { code, stdout: stdout.text(), stderr: stderr.text() };
} catch (e) {
  result = { ...describe(e, instance), stdout: stdout.text(), stderr: stderr.text() };
}

/**
 * What escaped `_start`: a WebAssembly exception (for a C++ program that exports its tag,
 * `__cpp_exception`, also whether it carries that tag and, through the program's export
 * `eh_error_code`, what the payload says), or another error by name. Messages are left out:
 * they are engine-specific.
 */
function describe(e: unknown, instance: Instance | undefined): Record<string, unknown> {
  if (!(e instanceof ns.Exception)) return { error: e instanceof Error ? e.name : typeof e };
  const exports = (instance?.exports ?? {}) as Record<string, unknown>;
  const tag = exports['__cpp_exception'];
  if (!(tag instanceof ns.Tag)) return { error: 'WebAssembly.Exception' };
  const cpp = e.is(tag);
  const errorCode = exports['eh_error_code'];
  return {
    error: 'WebAssembly.Exception',
    cppTag: cpp,
    ...(cpp && typeof errorCode === 'function' ? { errorCode: (errorCode as (p: number) => number)(e.getArg(tag, 0) as number) } : {}),
  };
}
console.log(`RESULT ${JSON.stringify(result)}`);
