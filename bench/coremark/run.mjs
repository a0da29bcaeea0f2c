#!/usr/bin/env node
// Runs CoreMark (built by ./build.sh from EEMBC's repository; see README) on Node's native
// WebAssembly, on rt (default tier-up and each tier forced) and on polywasm, through @rt/wasi
// with a real clock, and prints each engine's Iterations/Sec and its share of native's.
//
//   node bench/coremark/run.mjs [--iterations N] [--engines native,rt,...] [--wasm path]
//
// By default (`--iterations 0`) CoreMark calibrates itself as its run rules want: it runs 10,
// 100, 1000, … iterations until one run takes a second, then times enough iterations for at
// least ten seconds. The calibration runs warm every engine up, so a short benchmark does not
// measure how fast an engine starts instead of how fast it runs. `--iterations N` fixes the
// count (quicker, and not valid by the 10-second rule).
//   node --jitless bench/coremark/run.mjs --engines rt,polywasm   (a JS engine without a JIT)
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ENGINE_NAMES, engineNamespace } from '../lib/engines.mjs';

const { values: opt } = parseArgs({
  args: process.argv.slice(2),
  options: { iterations: { type: 'string', default: '0' }, engines: { type: 'string' }, wasm: { type: 'string' } },
});
const wasmPath = opt.wasm ?? fileURLToPath(new URL('./coremark.wasm', import.meta.url));
if (!existsSync(wasmPath)) {
  console.error(`${wasmPath} does not exist: build it with bench/coremark/build.sh <eembc/coremark checkout>`);
  process.exit(2);
}
const wasi = await import(fileURLToPath(new URL('../../packages/wasi/dist/index.js', import.meta.url)));
const bytes = readFileSync(wasmPath);
const engines = opt.engines ? opt.engines.split(',') : ENGINE_NAMES.filter((e) => e !== 'rt-interp');

const rows = [];
for (const name of engines) {
  const W = await engineNamespace(name);
  const out = wasi.collectOutput();
  const w = new wasi.WASI({ args: ['coremark', '0x0', '0x0', '0x66', opt.iterations], stdout: out, stderr: out, clock: wasi.realClock() });
  let text;
  try {
    const { instance } = await W.instantiate(bytes, w.getImportObject());
    w.start(instance);
    text = out.text();
  } catch (e) {
    text = `${out.text()}\nerror: ${e?.message ?? e}`;
  }
  const ips = Number(/Iterations\/Sec\s*:\s*([\d.]+)/.exec(text)?.[1] ?? NaN);
  // The work is checked by CoreMark's own CRCs (the seeds recognised as the performance run's,
  // list, matrix and state against their known values), and the final CRC, which depends on
  // the number of iterations, against native's where both ran as many. A run under ten seconds
  // is flagged as short (CoreMark counts it as an error), not as wrong.
  const crc = /crcfinal\s*:\s*(0x[0-9a-f]+)/.exec(text)?.[1];
  const iterations = Number(/^Iterations\s*:\s*(\d+)/m.exec(text)?.[1] ?? NaN);
  const valid = crc !== undefined && /performance run parameters/.test(text) && !/ERROR! (list|matrix|state) crc/.test(text);
  const short = /Must execute for at least 10 secs/.test(text);
  rows.push({ name, ips, valid, short, crc, iterations, text });
  process.stderr.write(`${name}: ${Number.isNaN(ips) ? 'failed' : ips.toFixed(0)} iterations/s over ${iterations} iterations, crcfinal ${crc}\n`);
}
const native = rows.find((r) => r.name === 'native')?.ips;
const nativeRow = rows.find((r) => r.name === 'native');
for (const r of rows) if (nativeRow !== undefined && r.iterations === nativeRow.iterations && r.crc !== nativeRow.crc) r.valid = false;
const count = opt.iterations === '0' ? 'iterations calibrated by CoreMark (runs of at least 10 s)' : `${opt.iterations} iterations`;
console.log(`\nCoreMark 1.0, ${count}, Node ${process.version}${process.execArgv.length ? ' ' + process.execArgv.join(' ') : ''}`);
for (const r of rows) {
  const share = native ? ` (${((100 * r.ips) / native).toFixed(0)}% of native)` : '';
  const flag = !r.valid ? '  WRONG (CRC differs)' : r.short ? '  (under 10 s: not a valid CoreMark run)' : '';
  console.log(`${r.name.padEnd(10)} ${Number.isNaN(r.ips) ? 'failed' : r.ips.toFixed(0).padStart(7) + ' iterations/s'}${share}  ${String(r.iterations).padStart(7)} iterations${flag}`);
  if (!r.valid) console.log(r.text.split('\n').slice(-5).join('\n'));
}
