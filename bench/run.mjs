#!/usr/bin/env node
// Runs every benchmark program under Node's native WebAssembly and under our
// engine (@rt/interp, from its built dist), checks that both return the same
// checksum bit for bit, and prints a table of median times and ratios with
// their geometric mean. See bench/README.md.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { programs } from './programs.mjs';
import { ENGINE_NAMES, loadRt } from './lib/engines.mjs';
import { measureInWorker } from './lib/worker.mjs';
import { geomean, median } from './lib/stats.mjs';
import { sameResult, showResult } from './lib/compare.mjs';
import { machineLine, machineBusy } from './lib/noise.mjs';

const USAGE = `usage: node bench/run.mjs [options]
  --filter <names>  only programs whose name contains one of these (comma-separated)
  --scale <factor>  multiply the work of every program (default 1; 0.01 for a smoke run)
  --runs <n>        timed runs per engine and program; the median is reported (default 5)
  --warmup <n>      untimed runs before timing (default 1)
  --timeout <s>     give up on one program on one engine after this many seconds (default 600)
  --engines <list>  columns to measure (comma-separated; default: all of
                    native,rt,rt-fast,rt-frame,rt-interp,rt-fuel,polywasm). rt is the default
                    tier-up; rt-fast, rt-frame and rt-interp force one tier each;
                    rt-fuel is the default on a metered engine (fuel checkpoints on)
  --native-only     do not run our engine
  --require-rt      exit with failure if our engine is not available
  --help`;

// `pnpm bench -- --scale 0.1` passes the `--` through; parseArgs would
// take everything after it as positionals.
const argv = process.argv.slice(2);
if (argv[0] === '--') argv.shift();
const { values: opt } = parseArgs({
  args: argv,
  options: {
    filter: { type: 'string' },
    scale: { type: 'string', default: '1' },
    runs: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    timeout: { type: 'string', default: '600' },
    engines: { type: 'string' },
    'native-only': { type: 'boolean', default: false },
    'require-rt': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (opt.help) {
  console.log(USAGE);
  process.exit(0);
}
const scale = Number(opt.scale);
const runs = Number.parseInt(opt.runs, 10);
const warmup = Number.parseInt(opt.warmup, 10);
const timeoutMs = Number(opt.timeout) * 1000;
if (!(scale > 0) || !(runs >= 1) || !(warmup >= 0) || !(timeoutMs > 0)) {
  console.error(USAGE);
  process.exit(2);
}

const filters = opt.filter ? opt.filter.split(',').map((s) => s.trim()).filter(Boolean) : [];
const selected = programs.filter((p) => filters.length === 0 || filters.some((f) => p.name.includes(f)));
if (selected.length === 0) {
  console.error(`no program matches --filter ${opt.filter}; programs: ${programs.map((p) => p.name).join(', ')}`);
  process.exit(2);
}

const rt = opt['native-only'] ? { unavailable: 'skipped (--native-only)' } : await loadRt();
if (rt.unavailable && opt['require-rt']) {
  console.error(`rt is not available: ${rt.unavailable}`);
  process.exit(1);
}

const requested = opt.engines ? opt.engines.split(',').map((s) => s.trim()).filter(Boolean) : ENGINE_NAMES;
const unknown = requested.filter((e) => !ENGINE_NAMES.includes(e));
if (unknown.length > 0) {
  console.error(`unknown engine(s) ${unknown.join(', ')}; engines: ${ENGINE_NAMES.join(', ')}`);
  process.exit(2);
}
// Native always runs: it is the reference every ratio and every result is checked against.
const others = requested.filter((e) => e !== 'native' && !(rt.unavailable && e.startsWith('rt')));

const progress = (msg) => process.stderr.write(`${msg}\n`);
const rows = [];
let failed = false;

for (const p of selected) {
  const wasmPath = fileURLToPath(new URL(`./wasm/${p.name}.wasm`, import.meta.url));
  const arg = p.arg(scale);
  const job = (engine) => measureInWorker({ engine, wasmPath, arg, warmup, runs, timeoutMs });
  const row = { name: p.name, arg, native: null, engines: {} };
  progress(`${p.name}(${arg}): native...`);
  // Native must work: if it does not, the program or the runner is broken.
  row.native = await job('native');
  for (const e of others) {
    progress(`${p.name}(${arg}): ${e}...`);
    const cell = { m: null, error: null, match: null };
    try {
      cell.m = await job(e);
      cell.match = sameResult(cell.m.result, row.native.result);
    } catch (err) {
      cell.error = err?.message ?? String(err);
    }
    // Only rt's own columns fail the run; polywasm is measured, not judged.
    if (e.startsWith('rt') && (cell.error || !cell.match)) failed = true;
    row.engines[e] = cell;
  }
  rows.push(row);
}

// ---- report ----
const fmtMs = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const header = ['program', 'arg', 'native ms', ...others.map((e) => `${e}`), 'result'];
const table = rows.map((r) => {
  const cells = others.map((e) => {
    const c = r.engines[e];
    if (c.error) return 'ERROR';
    const ratio = `${(c.m.ms / r.native.ms).toFixed(1)}x`;
    return c.match ? ratio : `${ratio} WRONG`;
  });
  return [r.name, String(r.arg), fmtMs(r.native.ms), ...cells, showResult(r.native.result)];
});
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();

console.log(`\nrt benchmarks: time relative to native, median of ${runs} run(s) after ${warmup} warm-up, scale ${scale}`);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of table) console.log(line(row));

if (rt.unavailable) {
  console.log(`\nrt: NOT AVAILABLE: ${rt.unavailable}. No rt numbers are shown.`);
}
console.log('');
for (const e of others) {
  const ok = rows.filter((r) => r.engines[e].m && r.engines[e].match);
  const ratios = ok.map((r) => r.engines[e].m.ms / r.native.ms);
  console.log(`${e.padEnd(10)} geometric mean ${ratios.length ? `${geomean(ratios).toFixed(2)}x` : '-'} over ${ok.length} of ${rows.length} program(s) that ran and matched`);
  for (const r of rows) {
    const c = r.engines[e];
    if (c.error) console.log(`  ${r.name}: ${e} failed: ${c.error}`);
    else if (!c.match) console.log(`  ${r.name}: ${e} returned ${showResult(c.m.result)}, native ${showResult(r.native.result)}`);
  }
}

const spreads = rows.flatMap((r) => [
  { what: `${r.name} native`, spread: r.native.spread },
  ...others.filter((e) => r.engines[e].m).map((e) => ({ what: `${r.name} ${e}`, spread: r.engines[e].m.spread })),
]);
const worst = spreads.reduce((a, b) => (b.spread > a.spread ? b : a));
const pct = (x) => `${(x * 100).toFixed(0)}%`;
console.log(`\nmachine: ${machineLine()}`);
console.log(
  `noise: runs of one program spread over ${pct(median(spreads.map((s) => s.spread)))} of their median typically,` +
    ` ${pct(worst.spread)} at worst (${worst.what})` +
    `${machineBusy() ? '; the machine is busy, so expect inflated times' : ''}.` +
    ' This machine is shared: treat differences under ~20% as noise. These are measurements, not pass/fail tests;' +
    ' only a result mismatch or an rt error fails the run.',
);
process.exit(failed ? 1 : 0);
