#!/usr/bin/env node
// Runs sqlite.wasm's built-in SQL demo under Node's native WebAssembly and,
// when it is available, under @rt/interp, and compares each engine's stdout
// with sqlite.expected.txt byte for byte.
//
//   node bench/large/check.mjs            check
//   node bench/large/check.mjs --update   rewrite the expectation from native
//                                         (after changing sqlite_demo.c)
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadRt, native } from '../lib/engines.mjs';
import { miniWasi } from './mini-wasi.mjs';

const wasmPath = new URL('./sqlite.wasm', import.meta.url);
const expectedPath = new URL('./sqlite.expected.txt', import.meta.url);
const bytes = readFileSync(wasmPath);

async function runOn(W) {
  const t0 = performance.now();
  const module = await W.compile(bytes);
  const t1 = performance.now();
  const wasi = miniWasi(['sqlite']);
  const instance = await W.instantiate(module, wasi.imports);
  const result = wasi.run(instance);
  return { ...result, compileMs: t1 - t0, runMs: performance.now() - t1 };
}

const engines = [['native', native]];
const rt = await loadRt();
if (rt.unavailable) console.log(`rt: not available (${rt.unavailable}); checking native only`);
else engines.push(['rt', rt.WebAssembly]);

if (process.argv.includes('--update')) {
  const r = await runOn(native);
  if (r.code !== 0) throw new Error(`native run failed (${r.code}): ${r.stderr}`);
  writeFileSync(expectedPath, r.stdout);
  console.log(`wrote ${expectedPath.pathname} (${r.stdout.length} bytes)`);
  process.exit(0);
}

const expected = readFileSync(expectedPath, 'utf8');
let failed = false;
for (const [name, W] of engines) {
  let r;
  try {
    r = await runOn(W);
  } catch (err) {
    console.log(`${name}: FAILED: ${err?.stack ?? err}`);
    failed = true;
    continue;
  }
  const ok = r.code === 0 && r.stdout === expected;
  failed ||= !ok;
  console.log(
    `${name}: ${ok ? 'ok' : 'MISMATCH'} (exit ${r.code}, ${r.stdout.length} bytes of output; ` +
      `compile ${r.compileMs.toFixed(0)} ms, run ${r.runMs.toFixed(0)} ms)`,
  );
  if (!ok && r.stderr) console.log(`  stderr: ${r.stderr.trim()}`);
}
process.exit(failed ? 1 : 0);
