#!/usr/bin/env node
// Decoder and validator throughput on a large real module: @rt/binary's
// decode() and @rt/validate's validate() (from their built dist) on
// large/sqlite.wasm (-O2, 1.3 MB of code) and large/sqlite-debug.wasm (the same
// program at -O0, 2.9 MB of code), beside Node's native WebAssembly.validate and
// new WebAssembly.Module on the same bytes as a reference point.
//
//   node bench/decode.mjs [--runs N] [file.wasm ...]
//
// MB/s counts the whole file. The fair native reference is
// WebAssembly.validate, which decodes and validates every function body.
// new WebAssembly.Module is shown once, cold: Node 20's V8 compiles function
// bodies lazily (on first call), and it caches modules by their bytes, so
// repeating it would only measure the cache.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { median } from './lib/stats.mjs';

const argv = process.argv.slice(2);
if (argv[0] === '--') argv.shift();
const { values: opt, positionals } = parseArgs({
  args: argv,
  allowPositionals: true,
  options: { runs: { type: 'string', default: '10' } },
});
const runs = Number.parseInt(opt.runs, 10);
const files = positionals.length
  ? positionals
  : ['./large/sqlite.wasm', './large/sqlite-debug.wasm'].map((f) => fileURLToPath(new URL(f, import.meta.url)));

/** Imports a workspace package's built entry, or explains why it cannot. */
async function loadDist(pkg, name) {
  const path = fileURLToPath(new URL(`../packages/${pkg}/dist/index.js`, import.meta.url));
  if (!existsSync(path)) return { unavailable: `${path} not built` };
  try {
    const mod = await import(pathToFileURL(path).href);
    if (typeof mod[name] !== 'function') return { unavailable: `@rt/${pkg} does not export ${name}()` };
    return { fn: mod[name] };
  } catch (err) {
    return { unavailable: `importing @rt/${pkg} failed: ${err?.message ?? err}` };
  }
}

const decode = await loadDist('binary', 'decode');
const validate = await loadDist('validate', 'validate');

/** Median wall time of `runs` calls after one warm-up call; null if it throws. */
function time(fn) {
  try {
    fn();
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      fn();
      times.push(performance.now() - t0);
    }
    return { ms: median(times) };
  } catch (err) {
    return { error: `${err?.name ?? 'Error'}: ${err?.message ?? err}` };
  }
}

/** One cold call, for things that a cache makes meaningless to repeat. */
function timeOnce(fn) {
  try {
    const t0 = performance.now();
    fn();
    return { ms: performance.now() - t0 };
  } catch (err) {
    return { error: `${err?.name ?? 'Error'}: ${err?.message ?? err}` };
  }
}

for (const file of files) {
  const bytes = new Uint8Array(readFileSync(file));
  // First, before anything else native touches these bytes.
  const nativeModule = timeOnce(() => new WebAssembly.Module(bytes));
  const mb = bytes.length / 1e6;
  console.log(`\n${basename(file)}: ${(bytes.length / 1024).toFixed(0)} KiB, median of ${runs} run(s)`);
  const rows = [];
  if (decode.fn) {
    rows.push(['@rt/binary decode', time(() => decode.fn(bytes))]);
    if (validate.fn) {
      const module = decode.fn(bytes);
      rows.push(['@rt/validate validate', time(() => validate.fn(module))]);
      rows.push(['rt decode + validate', time(() => validate.fn(decode.fn(bytes)))]);
    }
  }
  rows.push(['native WebAssembly.validate', time(() => { if (!WebAssembly.validate(bytes)) throw new Error('invalid'); })]);
  rows.push(['native new WebAssembly.Module', nativeModule, 'cold, once; lazy compilation']);
  for (const [what, r, note] of rows) {
    const result = r.error ? `FAILED: ${r.error}` : `${r.ms.toFixed(1).padStart(8)} ms  ${(mb / (r.ms / 1000)).toFixed(0).padStart(6)} MB/s`;
    console.log(`  ${what.padEnd(30)} ${result}${note ? `  (${note})` : ''}`);
  }
  for (const m of [decode, validate]) if (m.unavailable) console.log(`  (not measured: ${m.unavailable})`);
}
