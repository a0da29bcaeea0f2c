// Decode throughput of @rt/binary on a large real module, beside Node's own
// `new WebAssembly.Module` on the same bytes as a reference point. Not a test: the machines are
// shared and noisy, so this prints numbers and never fails on them.
//
// Usage: node bench/throughput.mjs [module.wasm] [--runs N]
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { decode } from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 15;

function defaultModule() {
  const dir = join(here, '../../../bench/large');
  if (!existsSync(dir)) return undefined;
  const wasm = readdirSync(dir).filter((f) => f.endsWith('.wasm')).map((f) => join(dir, f));
  return wasm.sort((a, b) => readFileSync(b).length - readFileSync(a).length)[0];
}

const file = args[0] ?? defaultModule();
if (!file) {
  console.log('no large module found: pass a .wasm path (bench/large/ holds the committed one)');
  process.exit(0);
}
const bytes = new Uint8Array(readFileSync(file));
const mb = bytes.length / (1024 * 1024);

function median(fn) {
  fn(); // warm-up
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

const ours = median(() => decode(bytes));
const native = median(() => new WebAssembly.Module(bytes));
const m = decode(bytes);
console.log(`module: ${file} (${mb.toFixed(2)} MiB, ${m.codes.length} functions, ${m.instructions.length} instructions)`);
console.log(`@rt/binary decode:           ${ours.toFixed(1)} ms  ${(mb / (ours / 1000)).toFixed(1)} MiB/s`);
console.log(`new WebAssembly.Module (V8): ${native.toFixed(1)} ms  ${(mb / (native / 1000)).toFixed(1)} MiB/s  (lazy compile: reference only)`);
