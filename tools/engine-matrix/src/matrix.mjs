#!/usr/bin/env node
// The engine matrix: rt's core packages (one bundle: hello world, a WASI program with files, a
// short benchmark) and the CLI's run path on Node 20, a current Node, Deno, Bun, QuickJS and
// Hermes. Prints a table of what runs where and how fast; exits 1 if any engine row fails.
//
//   pnpm test:engines                      all engines (installs missing ones with npm first)
//   node src/matrix.mjs --engines node20,quickjs
//   node src/matrix.mjs --markdown         the table as Markdown, for the README
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildBundles } from './bundle.mjs';
import { ENGINES, ensureEngines } from './engines.mjs';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const cli = `${repo}packages/cli/dist/bin.js`;
const args = process.argv.slice(2);
const markdown = args.includes('--markdown');
const only = args.includes('--engines') ? args[args.indexOf('--engines') + 1].split(',') : null;
const engines = ENGINES.filter((e) => only === null || only.includes(e.id));

/** Runs `command`, returns stdout (throws with stderr on a non-zero exit or a timeout). */
function run(command, timeout = 180_000) {
  const r = spawnSync(command[0], command.slice(1), { cwd: repo, encoding: 'utf8', timeout, maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${command.join(' ')}: exit ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
  return r.stdout;
}

/** The CLI's run path: hello world, and cat reading a preopened host directory. */
function cliRun(engine) {
  if (engine.cli === null) return { ok: null, detail: 'no file system or process API' };
  try {
    const hello = run([...engine.cli(cli), 'run', 'examples/hello/hello.wasm']);
    const cat = run([...engine.cli(cli), 'run', '--dir', 'examples/cat::/data', 'examples/cat/cat.wasm', '/data/input.txt']);
    const ok = hello === 'Hello, world!\n' && cat === readFileSync(`${repo}examples/cat/input.txt`, 'utf8');
    return { ok, detail: ok ? 'hello, cat --dir' : `unexpected output ${JSON.stringify(hello + cat)}` };
  } catch (e) {
    return { ok: false, detail: e.message };
  }
}

function guestRun(engine, bundles) {
  try {
    if (engine.prepare !== undefined) run(engine.prepare(bundles));
    const out = run(engine.guest(bundles)).trim().split('\n').pop();
    const report = JSON.parse(out);
    if (report.fatal !== undefined) return { fatal: report.fatal };
    return report;
  } catch (e) {
    return { fatal: e.message };
  }
}

function engineVersion(engine) {
  if (engine.id === 'spidermonkey') {
    try {
      return `${run([engine.binary, '--version']).trim().split(/\s+/).pop()} (SpiderMonkey 102)`;
    } catch {
      return '';
    }
  }
  if (engine.package === null) return process.version.slice(1);
  if (engine.id === 'quickjs' || engine.id === 'hermes') return engine.version;
  try {
    return run([engine.binary, '--version']).trim().split(/\s+/).find((w) => /^v?\d/.test(w)).replace(/^v/, '');
  } catch {
    return engine.version;
  }
}

ensureEngines(engines);
execFileSync('pnpm', ['--filter', '@rt/cli...', '--filter', '@rt/engine-matrix...', 'build'], { cwd: repo, stdio: 'ignore' });
const { outDir } = await buildBundles();
const footer = (print) => `\n${print}(JSON.stringify(rtMatrix.runCases()));\n`;
const modern = readFileSync(`${outDir}/guest.js`, 'utf8');
const bundles = {
  modern: `${outDir}/guest.js`,
  hermes: `${outDir}/guest.hermes.js.run.js`,
  console: `${outDir}/guest.console.js`,
  hermesBytecode: `${outDir}/guest.hermes.hbc`,
  print: `${outDir}/guest.print.js`,
};
writeFileSync(bundles.print, modern + footer('print'));
writeFileSync(bundles.console, modern + footer('console.log'));
writeFileSync(bundles.hermes, readFileSync(`${outDir}/guest.hermes.js`, 'utf8') + footer('print'));

// The benchmark's right answer, from this Node's own WebAssembly: every engine must return it.
const { BENCH_N } = new Function(`${modern}\nreturn rtMatrix;`)();
const sha256 = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(`${repo}bench/wasm/sha256.wasm`)), {});
const expectedChecksum = sha256.exports.bench_run(BENCH_N);

const rows = [];
let failed = 0;
for (const engine of engines) {
  const report = guestRun(engine, bundles);
  if (report.bench?.ok && report.bench.checksum !== expectedChecksum) {
    report.bench = { ...report.bench, ok: false, detail: `checksum ${report.bench.checksum}, expected ${expectedChecksum}` };
  }
  const cliResult = cliRun(engine);
  const cases = report.fatal === undefined ? [report.hello, report.files, report.bench] : [];
  const ok = report.fatal === undefined && cases.every((c) => c.ok) && cliResult.ok !== false;
  if (!ok) failed++;
  const mark = (c) => (c === undefined ? '✗' : c.ok ? '✓' : `✗ ${c.detail}`);
  const b = report.bench ?? {};
  rows.push({
    engine: `${engine.name} ${engineVersion(engine)}`,
    hello: report.fatal ?? mark(report.hello),
    files: report.fatal === undefined ? mark(report.files) : '✗',
    cli: cliResult.ok === null ? '—' : cliResult.ok ? '✓' : `✗ ${cliResult.detail}`,
    rtMs: report.bench !== undefined && !b.ok ? mark(b) : b.rtMs === undefined ? '—' : b.rtMs.toFixed(1),
    nativeMs: b.nativeMs === undefined ? '—' : b.nativeMs.toFixed(2),
    ratio: b.rtMs !== undefined && b.nativeMs !== undefined ? `${(b.rtMs / b.nativeMs).toFixed(1)}×` : '—',
    tiers: report.tiers ?? '—',
    missing: report.missing === undefined ? '' : report.missing.filter((m) => m !== 'WebAssembly').join(', ') || 'nothing',
    native: report.missing === undefined ? '' : report.missing.includes('WebAssembly') ? 'none' : 'yes',
  });
}

const HEADERS = [
  ['engine', 'engine'], ['hello', 'hello world'], ['files', 'WASI + files'], ['cli', '`rt run` (CLI)'],
  ['rtMs', 'sha256 on rt (ms)'], ['nativeMs', 'native Wasm (ms)'], ['ratio', 'rt / native'], ['tiers', 'rt tier'], ['missing', 'lacks (rt degrades)'],
];
if (markdown) {
  console.log(`| ${HEADERS.map(([, h]) => h).join(' | ')} |`);
  console.log(`| ${HEADERS.map(() => '---').join(' | ')} |`);
  for (const r of rows) console.log(`| ${HEADERS.map(([k]) => r[k]).join(' | ')} |`);
} else {
  const widths = HEADERS.map(([k, h]) => Math.max(h.length, ...rows.map((r) => String(r[k]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  console.log(line(HEADERS.map(([, h]) => h)));
  for (const r of rows) console.log(line(HEADERS.map(([k]) => r[k])));
}
console.log(`\nengines: ${rows.length - failed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
