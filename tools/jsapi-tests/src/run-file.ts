/**
 * Runs one JS-API test file in this process and prints its subtests' results as one JSON line
 * (`main.ts` starts one process per file, so that no file sees another's globals).
 *
 *   tsx src/run-file.ts <engine: rt|native> <js-api folder> <file relative to it>
 *
 * With `rt`, the global `WebAssembly` is replaced by rt's (same property attributes as the
 * native one) before anything runs. The harness, the files named by `// META: script=` lines
 * and the test itself are evaluated as classic scripts of this realm, as a browser would.
 */
import { runTestFileHere } from './suite.js';
import type { SubtestResult } from './testharness.js';

const [engine, dir, file] = process.argv.slice(2) as [string, string, string];

async function main(): Promise<SubtestResult[]> {
  if (engine === 'rt') {
    const { WebAssembly } = await import('@rt/interp');
    Object.defineProperty(globalThis, 'WebAssembly', { value: WebAssembly, writable: true, enumerable: false, configurable: true });
  }
  return runTestFileHere(dir, file);
}

main().then(
  (results) => {
    process.stdout.write(`RESULTS ${JSON.stringify(results)}\n`);
    process.exit(0);
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
