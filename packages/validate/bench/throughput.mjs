// Validation throughput of @rt/validate on a large real module, beside V8's
// `WebAssembly.validate` on the same bytes. Not a test: the machines are shared and noisy, so
// this prints numbers and never fails on them. Decoding is timed separately and excluded from
// the validation figure (the engine decodes once and validates the decoded module).
//
// Usage: node bench/throughput.mjs [module.wasm] [--runs N]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode } from '@rt/binary';
import { validate } from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2).filter((a) => a !== '--');
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 15;

/** The largest .wasm under bench/large/ (the repository's large module), else under bench/. */
function defaultModule() {
  for (const sub of ['bench/large', 'bench/wasm']) {
    const dir = join(here, '../../..', sub);
    if (!existsSync(dir)) continue;
    const wasm = readdirSync(dir).filter((f) => f.endsWith('.wasm')).map((f) => join(dir, f));
    if (wasm.length > 0) return wasm.sort((a, b) => statSync(b).size - statSync(a).size)[0];
  }
  return undefined;
}

const file = args[0] ?? defaultModule();
if (!file) {
  console.log('no module found: pass a .wasm path');
  process.exit(0);
}
const bytes = new Uint8Array(readFileSync(file));
const mib = bytes.length / (1024 * 1024);

/**
 * Median and best time of `runs` calls after warming the JIT up (the first, cold call is
 * reported apart). On a shared, loaded machine the best run is the steadier figure.
 */
function time(fn) {
  for (let i = 0; i < 20; i++) fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[times.length >> 1], best: times[0] };
}

const m = decode(bytes);
const t0 = performance.now();
validate(decode(bytes));
const coldMs = performance.now() - t0;
const rate = (ms) => `${ms.toFixed(1).padStart(7)} ms ${(mib / (ms / 1000)).toFixed(1).padStart(7)} MiB/s`;
const both = (t) => `median ${rate(t.median)}   best ${rate(t.best)}`;
const decodeT = time(() => decode(bytes));
const validateT = time(() => validate(m));
const nativeT = time(() => {
  if (!WebAssembly.validate(bytes)) throw new Error('WebAssembly.validate rejected the module');
});
console.log(`module: ${file} (${mib.toFixed(2)} MiB, ${m.codes.length} functions, ${m.instructions.length} instructions)`);
console.log(`@rt/validate validate (decoded module): ${both(validateT)}`);
console.log(`@rt/binary decode (for scale):          ${both(decodeT)}`);
console.log(`WebAssembly.validate (V8, decodes too): ${both(nativeT)}`);
console.log(`@rt/validate first call, cold JIT:      ${rate(coldMs)}  (decode + validate)`);
console.log(`validate / native: ${(validateT.median / nativeT.median).toFixed(2)}x the time (median), ${(validateT.best / nativeT.best).toFixed(2)}x (best)`);
