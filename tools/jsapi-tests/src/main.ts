/**
 * Runs the WebAssembly JS-API tests (the `test/js-api/` folder of the public WebAssembly/spec
 * repository, which web-platform-tests runs as `wasm/jsapi`) on rt's `WebAssembly` and on
 * Node's, with this package's testharness.js-compatible harness. The tests are not part of
 * this repository: give their location with `--tests <dir>` or `WASM_JSAPI_TESTS=<dir>`, either
 * the `test/js-api` folder itself, a checkout of the spec repository, or a bare clone of it
 * (then the folder is extracted from its HEAD with `git archive`). Without them it says so and
 * skips.
 *
 *   tsx src/main.ts [--engine rt|native]... [--tests <dir>] [--check] [--write-summary] [--verbose] [filter...]
 *
 * The tests of WebAssembly 2.0 are run, and those of 3.0's exception handling, tags and GC,
 * counted apart (see `./selection.ts`). `--check` compares rt's
 * results with the known differences (`./expected.ts`) and exits 1 on anything else;
 * `--write-summary` rewrites `RESULTS.md`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXPECTED_RT_FAILURES } from './expected.js';
import { is30File, isPost20File, post20Reason } from './selection.js';
import { locate, runTestProcess, testFiles } from './suite.js';
import type { SubtestResult } from './testharness.js';

type Engine = 'rt' | 'native';

const args = process.argv.slice(2).filter((a) => a !== '--');
const engines: Engine[] = [];
let testsArg: string | undefined = process.env['WASM_JSAPI_TESTS'];
let check = false;
let writeSummary = false;
let verbose = false;
const filters: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--engine') engines.push(args[++i] as Engine);
  else if (a === '--tests') testsArg = args[++i];
  else if (a === '--check') check = true;
  else if (a === '--write-summary') writeSummary = true;
  else if (a === '--verbose') verbose = true;
  else filters.push(a);
}
if (engines.length === 0) engines.push('rt');

const here = fileURLToPath(new URL('.', import.meta.url));

/** Runs one file in its own process. */
function runFile(engine: Engine, dir: string, file: string): Promise<SubtestResult[]> {
  // The limits tests build modules of up to 1 GiB.
  return runTestProcess([process.execPath, '--import', 'tsx', join(here, 'run-file.ts'), engine, dir, file], { ...process.env, NODE_OPTIONS: '--max-old-space-size=8192' });
}

interface Row {
  file: string;
  name: string;
  status: SubtestResult['status'];
  message?: string;
}

async function main(): Promise<number> {
  const located = testsArg === undefined ? null : locate(testsArg);
  if (located === null) {
    console.log(testsArg === undefined
      ? 'The WebAssembly JS-API tests are not given: skipping them.'
      : `No WebAssembly JS-API tests at ${testsArg}: skipping them.`);
    console.log('They are the test/js-api folder of https://github.com/WebAssembly/spec; pass a checkout');
    console.log('(or the folder, or a bare clone) with --tests <dir> or WASM_JSAPI_TESTS=<dir>.');
    console.log('0 passed, 0 failed, 0 skipped');
    return 0;
  }
  const { dir, commit } = located;
  const all = testFiles(dir).filter((f) => filters.length === 0 || filters.some((p) => f.includes(p)));
  const files = all.filter((f) => !isPost20File(f));
  const files30 = all.filter(is30File);
  const leftOut = all.length - files.length - files30.length;
  console.log(`JS-API tests: ${dir}${commit ? ` (WebAssembly/spec ${commit})` : ''}`);
  console.log(`${files.length} files of WebAssembly 2.0, ${files30.length} of 3.0 (exception handling, tags, GC); ${leftOut} files of other proposals left out`);

  const summary: string[] = [];
  let notCounted: Row[] = [];
  let unexpected = 0;
  const failedRt = new Set<string>();
  const ranRt = new Set<string>();
  for (const engine of engines) {
    const rows: Row[] = [];
    const rows30: Row[] = [];
    const started = performance.now();
    for (const file of files) {
      for (const r of await runFile(engine, dir, file)) rows.push({ file, ...r });
    }
    for (const file of files30) {
      for (const r of await runFile(engine, dir, file)) rows30.push({ file, ...r });
    }
    const post20 = rows.filter((r) => post20Reason(r.file, r.name) !== null);
    const counted = rows.filter((r) => post20Reason(r.file, r.name) === null);
    const failed = counted.filter((r) => r.status !== 'PASS');
    const passed = counted.length - failed.length;
    const failed30 = rows30.filter((r) => r.status !== 'PASS');
    const passed30 = rows30.length - failed30.length;
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    console.log(`\n${engine}: ${passed} passed, ${failed.length} failed of ${counted.length} subtests for 2.0 (${post20.length} subtests of later proposals not counted) in ${seconds} s`);
    console.log(`${engine}: ${passed30} passed, ${failed30.length} failed of ${rows30.length} subtests for 3.0 (exception handling, tags, GC)`);
    summary.push(`## ${engine === 'rt' ? "rt's `WebAssembly`" : "Node's native `WebAssembly` (V8)"}\n\n2.0: ${passed} passed, ${failed.length} failed of ${counted.length} subtests. 3.0 (exception handling, tags, GC): ${passed30} passed, ${failed30.length} failed of ${rows30.length} subtests.\n`);
    if (engine === 'rt') {
      for (const r of [...counted, ...rows30]) ranRt.add(`${r.file}: ${r.name}`);
      for (const r of [...failed, ...failed30]) failedRt.add(`${r.file}: ${r.name}`);
    }
    for (const r of [...failed, ...failed30]) {
      const known = engine === 'rt' ? EXPECTED_RT_FAILURES.get(`${r.file}: ${r.name}`) : undefined;
      if (engine === 'rt' && known === undefined) unexpected++;
      const tag = engine === 'rt' ? (known === undefined ? 'UNEXPECTED ' : 'known ') : '';
      console.log(`  ${tag}${r.status} ${r.file}: ${r.name}\n      ${r.message ?? ''}${known ? `\n      (${known})` : ''}`);
      summary.push(`- ${r.status} \`${r.file}\`: ${r.name}${known ? ` — ${known}` : ''}\n  (${(r.message ?? '').replace(/\n/g, ' ')})`);
    }
    if (notCounted.length === 0) notCounted = post20;
    if (verbose) for (const r of post20) console.log(`  not counted: ${r.file}: ${r.name} (${post20Reason(r.file, r.name)})`);
    summary.push('');
  }
  if (notCounted.length > 0) {
    summary.push('## Subtests of later proposals, run but not counted\n');
    for (const r of notCounted) summary.push(`- \`${r.file}\`: ${r.name} — ${post20Reason(r.file, r.name)}`);
    summary.push('');
  }
  if (writeSummary) {
    const path = join(here, '../RESULTS.md');
    const head = [
      '# JS-API test results',
      '',
      `Written by \`pnpm --filter @rt/jsapi-tests run summary\` over the \`test/js-api\` folder of the WebAssembly/spec repository${commit ? ` at commit \`${commit}\`` : ''}.`,
      `${files.length} files of WebAssembly 2.0 and ${files30.length} of 3.0 (\`exception/\`, \`tag/\`, \`gc/\`), counted apart, run (${leftOut} files of other proposals left out); subtests of later proposals in the 2.0 files are not counted (\`src/selection.ts\`).`,
      "rt's known failures are only where the specification and V8 differ and rt follows the specification (\`src/expected.ts\`).",
      '',
      '',
    ].join('\n');
    writeFileSync(path, head + summary.join('\n'));
    console.log(`\nwrote ${path}`);
  }
  if (check && unexpected > 0) console.log(`\n${unexpected} unexpected failures of rt`);
  if (check) {
    // A known failure that passes now is stale: say so, so that the list stays true.
    const stale = [...EXPECTED_RT_FAILURES.keys()].filter((k) => !failedRt.has(k) && ranRt.has(k));
    for (const k of stale) console.log(`note: known failure passes now: ${k}`);
  }
  return check && unexpected > 0 ? 1 : 0;
}

main().then((code) => process.exit(code));
