/**
 * Runs the JS Promise Integration (JSPI) proposal's own JS API tests (the
 * `test/js-api/js-promise-integration/` folder of the public WebAssembly/js-promise-integration
 * repository) on the `WebAssembly` namespaces given, with tools/jsapi-tests' harness, and prints
 * passed/failed/skipped counts per engine:
 * - `deno`: Deno's native `WebAssembly` (V8 with the final JSPI API), the baseline;
 * - `rt`: rt's `WebAssembly` (`@rt/interp`) under Node;
 * - `native`: Node's own (Node 20 has no final JSPI: for comparison only).
 *
 * The tests are not in this repository. Their location: `--tests <dir>` or `JSPI_TESTS=<dir>` (the
 * `test/js-api` folder, a checkout, or a bare clone of the repository), else
 * `../shared/js-promise-integration` beside the repository if present. Without them it says so
 * and skips.
 *
 *   tsx src/main.ts [--engine deno|rt|native]... [--tests <dir>] [--check] [--verbose] [filter...]
 *
 * `--check` exits 1 when an engine that has JSPI fails a subtest, except rt's known failures
 * (`./expected.ts`). An engine whose namespace has no JSPI at all (`Suspending`/`promising`) is
 * reported as skipped, not failed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { locate, runTestProcess, testFiles } from '../../jsapi-tests/src/suite.js';
import type { SubtestResult } from '../../jsapi-tests/src/testharness.js';
import { findDeno } from './deno.js';
import { EXPECTED_RT_FAILURES } from './expected.js';

type Engine = 'deno' | 'rt' | 'native';

const { values: opts, positionals: filters } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  allowPositionals: true,
  options: { engine: { type: 'string', multiple: true }, tests: { type: 'string' }, check: { type: 'boolean' }, verbose: { type: 'boolean' } },
});
const engines = (opts.engine ?? ['deno', 'rt']) as Engine[];
const testsArg = opts.tests ?? process.env['JSPI_TESTS'];
const check = opts.check === true;
const verbose = opts.verbose === true;

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = join(here, '../../..');
/** The folder of the JSPI tests inside `test/js-api`. */
const JSPI_FOLDER = 'js-promise-integration';

/** How to start one test file on `engine`, or why it cannot run. */
function command(engine: Engine, dir: string, file: string): string[] | { skip: string } {
  const runFile = join(here, 'run-file.ts');
  if (engine === 'deno') {
    const deno = findDeno();
    if ('missing' in deno) return { skip: deno.missing };
    return [deno.path, 'run', '--allow-read', '--allow-env', '--sloppy-imports', runFile, engine, dir, file];
  }
  return [process.execPath, '--import', 'tsx', runFile, engine, dir, file];
}

/** Whether `engine`'s namespace has the JSPI API at all (else its run is skipped). */
async function hasJspi(engine: Engine): Promise<boolean> {
  if (engine === 'deno') return true;
  const ns = (engine === 'rt' ? (await import('@rt/interp')).WebAssembly : (globalThis as unknown as Record<string, unknown>)['WebAssembly']) as Record<string, unknown>;
  return typeof ns['Suspending'] === 'function' && typeof ns['promising'] === 'function';
}

async function main(): Promise<number> {
  const given = testsArg ?? [join(repoRoot, '../shared/js-promise-integration')].find((p) => existsSync(p));
  const located = given === undefined ? null : locate(given);
  if (located === null || !existsSync(join(located.dir, JSPI_FOLDER))) {
    console.log(given === undefined
      ? 'The JSPI proposal\'s JS API tests are not given: skipping them.'
      : `No JSPI JS API tests (test/js-api/${JSPI_FOLDER}) at ${given}: skipping them.`);
    console.log('They are in https://github.com/WebAssembly/js-promise-integration; pass a checkout (or its');
    console.log('test/js-api folder, or a bare clone) with --tests <dir> or JSPI_TESTS=<dir>, or place it at');
    console.log('../shared/js-promise-integration beside this repository.');
    console.log('0 passed, 0 failed, 0 skipped');
    return 0;
  }
  const { dir, commit } = located;
  const files = testFiles(dir, JSPI_FOLDER).filter((f) => filters.length === 0 || filters.some((p) => f.includes(p)));
  console.log(`JSPI JS API tests: ${join(dir, JSPI_FOLDER)}${commit ? ` (WebAssembly/js-promise-integration ${commit})` : ''}, ${files.length} files`);

  let totalPassed = 0;
  let totalFailed = 0;
  let totalSkipped = 0;
  let unexpected = 0;
  for (const engine of engines) {
    const probe = command(engine, dir, files[0] ?? '');
    const reason = Array.isArray(probe) ? ((await hasJspi(engine)) ? null : `${engine}'s WebAssembly has no JSPI (Suspending/promising)`) : probe.skip;
    const rows: Array<SubtestResult & { file: string }> = [];
    const started = performance.now();
    if (reason === null) {
      for (const file of files) {
        for (const r of await runTestProcess(command(engine, dir, file) as string[], { ...process.env, NO_COLOR: '1' })) rows.push({ file, ...r });
      }
    }
    const failed = rows.filter((r) => r.status !== 'PASS');
    const passed = rows.length - failed.length;
    if (reason !== null) {
      console.log(`\n${engine}: skipped: ${reason}`);
      totalSkipped++;
      continue;
    }
    console.log(`\n${engine}: ${passed} passed, ${failed.length} failed of ${rows.length} subtests in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    for (const r of failed) {
      const known = engine === 'rt' ? EXPECTED_RT_FAILURES.get(`${r.file}: ${r.name}`) : undefined;
      if (known === undefined) unexpected++;
      console.log(`  ${known === undefined ? '' : 'known '}${r.status} ${r.file}: ${r.name}\n      ${r.message ?? ''}${known ? `\n      (${known})` : ''}`);
    }
    if (verbose) for (const r of rows.filter((x) => x.status === 'PASS')) console.log(`  PASS ${r.file}: ${r.name}`);
    totalPassed += passed;
    totalFailed += failed.length;
  }
  if (check && unexpected > 0) console.log(`\n${unexpected} unexpected failures`);
  console.log(`\n${totalPassed} passed, ${totalFailed} failed, ${totalSkipped} skipped`);
  return check && unexpected > 0 ? 1 : 0;
}

main().then((code) => process.exit(code));
