/**
 * Real C programs (wasi-libc) reading stdin and files from async sources through AsyncWASI, on
 * rt's own engine: `createWebAssembly()` of `@rt/interp`, whose namespace implements JSPI, under
 * Node 20 (whose own V8 has no final JSPI). Also on a namespace that pauses every call after 7
 * units of fuel and resumes it (`fuelSlice`), so suspensions for I/O meet fuel pauses everywhere.
 * The cases are shared with tools/jspi-tests, which runs them on Deno's native JSPI.
 */
import { readFileSync } from 'node:fs';
import { createWebAssembly } from '@rt/interp';
import { describe, it } from 'vitest';
import * as wasi from '../src/index';
import { programCases, type JspiEngine } from './async/program-cases';

const namespaces: Array<{ name: string; engine: Partial<JspiEngine> }> = [
  { name: 'createWebAssembly()', engine: createWebAssembly() as unknown as Partial<JspiEngine> },
  { name: 'createWebAssembly({ fuelSlice: 7 })', engine: createWebAssembly({ fuelSlice: 7 }) as unknown as Partial<JspiEngine> },
];
const hasJspi = typeof namespaces[0]!.engine.Suspending === 'function' && typeof namespaces[0]!.engine.promising === 'function';
if (!hasJspi) console.log("async-programs: skipped: rt's createWebAssembly() has no JSPI (WebAssembly.Suspending/promising) in this build");

const program = (name: string): Uint8Array => readFileSync(new URL(`./programs/${name}.wasm`, import.meta.url));

describe.skipIf(!hasJspi).each(namespaces)('async WASI programs on rt: $name', ({ engine }) => {
  it.each(programCases)('$name', async (c) => {
    await c.run({ wasi, engine: engine as JspiEngine, program });
  }, 60_000);
});
