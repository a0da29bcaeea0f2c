/**
 * Runs the async WASI program cases (packages/wasi/test/async/program-cases.ts) in this process,
 * on one engine, and prints one JSON line of results. Runs under Deno (engine `deno`: Deno's own
 * `WebAssembly`, with native JSPI) or under Node with tsx (engine `rt`: `createWebAssembly()` of
 * `@rt/interp`). `wasi-programs.ts` starts it.
 *
 *   deno run --allow-read --allow-env --sloppy-imports src/wasi-programs-run.ts deno
 *   tsx src/wasi-programs-run.ts rt
 */
import { readFileSync } from 'node:fs';
import { programCases, type JspiEngine } from '../../../packages/wasi/test/async/program-cases.js';

const engineName = (globalThis as { Deno?: { args: string[] } }).Deno?.args[0] ?? process.argv[2];

async function engine(): Promise<JspiEngine> {
  if (engineName === 'deno') return (globalThis as unknown as { WebAssembly: JspiEngine }).WebAssembly;
  const { createWebAssembly } = await import('@rt/interp');
  return createWebAssembly() as unknown as JspiEngine;
}

// The built package: the same files a user imports.
const wasi = (await import('../../../packages/wasi/dist/index.js')) as unknown as typeof import('../../../packages/wasi/src/index');
const ns = await engine();
const results: Array<{ name: string; ok: boolean; message?: string }> = [];
if (typeof ns.Suspending !== 'function' || typeof ns.promising !== 'function') {
  console.log(`RESULTS ${JSON.stringify({ skipped: `${engineName}'s WebAssembly has no JSPI (Suspending/promising)` })}`);
} else {
  const program = (name: string): Uint8Array =>
    readFileSync(new URL(`../../../packages/wasi/test/programs/${name}.wasm`, import.meta.url));
  for (const c of programCases) {
    try {
      await c.run({ wasi, engine: ns, program });
      results.push({ name: c.name, ok: true });
    } catch (e) {
      results.push({ name: c.name, ok: false, message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  }
  console.log(`RESULTS ${JSON.stringify({ results })}`);
}
