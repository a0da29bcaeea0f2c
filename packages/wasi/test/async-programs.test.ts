/**
 * Real C programs (wasi-libc) reading stdin and files from async sources through AsyncWASI, on
 * rt's own engine: `createWebAssembly()` of `@rt/interp`, whose namespace implements JSPI. The
 * cases are shared with tools/jspi-tests, which runs them on Deno's native JSPI.
 */
import { readFileSync } from 'node:fs';
import { createWebAssembly } from '@rt/interp';
import { describe, it } from 'vitest';
import * as wasi from '../src/index';
import { programCases, type JspiEngine } from './async/program-cases';

const engine = createWebAssembly() as unknown as Partial<JspiEngine>;
const hasJspi = typeof engine.Suspending === 'function' && typeof engine.promising === 'function';
if (!hasJspi) console.log("async-programs: skipped: rt's createWebAssembly() has no JSPI (WebAssembly.Suspending/promising) in this build");

const program = (name: string): Uint8Array => readFileSync(new URL(`./programs/${name}.wasm`, import.meta.url));

describe.skipIf(!hasJspi)("async WASI programs on rt's createWebAssembly()", () => {
  it.each(programCases)('$name', async (c) => {
    await c.run({ wasi, engine: engine as JspiEngine, program });
  }, 60_000);
});
