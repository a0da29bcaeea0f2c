/**
 * Runs one JSPI test file in this process, on one engine, and prints its subtests' results as one
 * JSON line (`main.ts` starts one process per file and engine). Runs under Deno (engine `deno`:
 * Deno's own `WebAssembly`) or under Node with tsx (engine `rt`: rt's `WebAssembly`; `native`:
 * Node's). The harness is tools/jsapi-tests' testharness.js-compatible one; the files named by
 * `// META: script=` lines and the test are evaluated as classic scripts of this realm.
 *
 *   deno run --allow-read --allow-env src/run-file.ts deno <js-api folder> <file>
 *   tsx src/run-file.ts rt|native <js-api folder> <file>
 */
// Imports name their .ts files: Deno runs this file as it is, without a resolver mapping .js to .ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';
import { metaScripts } from '../../jsapi-tests/src/suite.ts';
import { createHarness, type SubtestResult } from '../../jsapi-tests/src/testharness.ts';

const argv = (globalThis as { Deno?: { args: string[] } }).Deno?.args ?? process.argv.slice(2);
const [engine, dir, file] = argv as [string, string, string];

/** Replaces the global `WebAssembly` by rt's, with the native property's attributes. */
async function installRt(): Promise<void> {
  const { WebAssembly } = await import('@rt/interp');
  Object.defineProperty(globalThis, 'WebAssembly', { value: WebAssembly, writable: true, enumerable: false, configurable: true });
}

async function main(): Promise<SubtestResult[]> {
  if (engine === 'rt') await installRt();
  const g = globalThis as Record<string, unknown>;
  g['self'] = globalThis;
  const harness = createHarness();
  Object.assign(globalThis, harness.globals);

  const errors: SubtestResult[] = [];
  const onRejection = (e: unknown): void => void errors.push({ name: '(unhandled rejection)', status: 'FAIL', message: String(e) });
  // Deno implements Node's process events too.
  process.on('unhandledRejection', onRejection);

  const source = readFileSync(join(dir, file), 'utf8');
  for (const path of [...metaScripts(source, dir, file), join(dir, file)]) {
    try {
      // A classic script of this realm (its top-level classes and lets are seen by the next
      // script, as in a browser); Deno implements node:vm's runInThisContext the same way.
      runInThisContext(readFileSync(path, 'utf8'), { filename: path });
    } catch (e) {
      errors.push({ name: `(evaluating ${path.slice(dir.length + 1)})`, status: 'FAIL', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    }
  }
  const results = await harness.run();
  // Rejections the tests left unhandled surface after their turn: give them one.
  await new Promise((resolve) => setTimeout(resolve, 10));
  return [...results, ...errors];
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
