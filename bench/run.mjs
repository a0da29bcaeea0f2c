#!/usr/bin/env node
// Runs every benchmark program under Node's native WebAssembly and under our
// engine (@rt/interp, from its built dist), checks that both return the same
// checksum bit for bit, and prints a table of median times and ratios with
// their geometric mean. See bench/README.md.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { programs } from './programs.mjs';
import { loadRt } from './lib/engines.mjs';
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

const progress = (msg) => process.stderr.write(`${msg}\n`);
const rows = [];
let failed = false;

for (const p of selected) {
  const wasmPath = fileURLToPath(new URL(`./wasm/${p.name}.wasm`, import.meta.url));
  const arg = p.arg(scale);
  const job = (engine) => measureInWorker({ engine, wasmPath, arg, warmup, runs, timeoutMs });
  const row = { name: p.name, arg, native: null, rt: null, error: null, match: null };
  progress(`${p.name}(${arg}): native...`);
  // Native must work: if it does not, the program or the runner is broken.
  row.native = await job('native');
  if (!rt.unavailable) {
    progress(`${p.name}(${arg}): rt...`);
    try {
      row.rt = await job('rt');
      row.match = sameResult(row.rt.result, row.native.result);
    } catch (err) {
      row.error = err?.message ?? String(err);
    }
    if (row.error || !row.match) failed = true;
  }
  rows.push(row);
}

// ---- report ----
const fmtMs = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const header = ['program', 'arg', 'native ms', 'rt ms', 'ratio', 'check', 'result'];
const table = rows.map((r) => {
  let rtMs = '-', ratio = '-', check = 'n/a';
  if (r.error) {
    check = 'ERROR';
  } else if (r.rt) {
    rtMs = fmtMs(r.rt.ms);
    ratio = `${(r.rt.ms / r.native.ms).toFixed(1)}x`;
    check = r.match ? 'ok' : `MISMATCH (rt ${showResult(r.rt.result)})`;
  }
  return [r.name, String(r.arg), fmtMs(r.native.ms), rtMs, ratio, check, showResult(r.native.result)];
});
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells) => cells.map((c, i) => (i === 0 || i >= 5 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();

console.log(`\nrt benchmarks: median of ${runs} run(s) after ${warmup} warm-up, scale ${scale}`);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of table) console.log(line(row));

const ratios = rows.filter((r) => r.rt && r.match).map((r) => r.rt.ms / r.native.ms);
if (rt.unavailable) {
  console.log(`\nrt: NOT AVAILABLE: ${rt.unavailable}. Only native timings were measured; no rt numbers are shown.`);
} else {
  console.log(`\ngeometric mean of rt/native ratios: ${ratios.length ? `${geomean(ratios).toFixed(1)}x` : '-'} over ${ratios.length} of ${rows.length} program(s) that ran and matched`);
  for (const r of rows.filter((r) => r.error)) console.log(`  ${r.name}: rt failed: ${r.error}`);
}

const spreads = rows.flatMap((r) => [
  { what: `${r.name} native`, spread: r.native.spread },
  ...(r.rt ? [{ what: `${r.name} rt`, spread: r.rt.spread }] : []),
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
