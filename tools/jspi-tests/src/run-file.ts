/**
 * Runs one JSPI test file in this process, on one engine, and prints its subtests' results as one
 * JSON line (`main.ts` starts one process per file and engine). Runs under Deno (engine `deno`:
 * Deno's own `WebAssembly`) or under Node with tsx (engine `rt`: rt's `WebAssembly`; `native`:
 * Node's). The harness is tools/jsapi-tests' testharness.js-compatible one; the files named by
 * `// META: script=` lines and the test are evaluated as classic scripts of this realm.
 *
 *   deno run --allow-read --allow-env --sloppy-imports src/run-file.ts deno <js-api folder> <file>
 *   tsx src/run-file.ts rt|native <js-api folder> <file>
 */
import { runTestFileHere } from '../../jsapi-tests/src/suite.js';
import type { SubtestResult } from '../../jsapi-tests/src/testharness.js';

const argv = (globalThis as { Deno?: { args: string[] } }).Deno?.args ?? process.argv.slice(2);
const [engine, dir, file] = argv as [string, string, string];

/** Replaces the global `WebAssembly` by rt's, with the native property's attributes. */
async function installRt(): Promise<void> {
  const { WebAssembly } = await import('@rt/interp');
  Object.defineProperty(globalThis, 'WebAssembly', { value: WebAssembly, writable: true, enumerable: false, configurable: true });
}

async function main(): Promise<SubtestResult[]> {
  if (engine === 'rt') await installRt();
  return runTestFileHere(dir, file);
}

main().then(
  (results) => {
    console.log(`RESULTS ${JSON.stringify(results)}`);
    process.exit(0);
  },
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
