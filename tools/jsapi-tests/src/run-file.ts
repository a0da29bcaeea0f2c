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
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';
import { metaScripts } from './suite.js';
import { createHarness, type SubtestResult } from './testharness.js';

const [engine, dir, file] = process.argv.slice(2) as [string, string, string];

async function main(): Promise<SubtestResult[]> {
  if (engine === 'rt') {
    const { WebAssembly } = await import('@rt/interp');
    Object.defineProperty(globalThis, 'WebAssembly', { value: WebAssembly, writable: true, enumerable: false, configurable: true });
  }
  const g = globalThis as Record<string, unknown>;
  g['self'] = globalThis;
  const harness = createHarness();
  Object.assign(globalThis, harness.globals);

  const errors: SubtestResult[] = [];
  process.on('unhandledRejection', (e) => errors.push({ name: '(unhandled rejection)', status: 'FAIL', message: String(e) }));
  const source = readFileSync(join(dir, file), 'utf8');
  for (const path of [...metaScripts(source, dir, file), join(dir, file)]) {
    try {
      runInThisContext(readFileSync(path, 'utf8'), { filename: path });
    } catch (e) {
      // testharness.js reports an error thrown while a file is evaluated as the file's failure.
      errors.push({ name: `(evaluating ${path.slice(dir.length + 1)})`, status: 'FAIL', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    }
  }
  const results = await harness.run();
  return [...results, ...errors];
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
