#!/usr/bin/env node
// Runs CoreMark (built by ./build.sh from EEMBC's repository; see README) on Node's native
// WebAssembly, on rt (default tier-up and each tier forced) and on polywasm, through @rt/wasi
// with a real clock, and prints each engine's Iterations/Sec and its share of native's.
//
//   node bench/coremark/run.mjs [--iterations N] [--engines native,rt,...] [--wasm path]
//   node --jitless bench/coremark/run.mjs --engines rt,polywasm   (a JS engine without a JIT)
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ENGINE_NAMES, engineNamespace } from '../lib/engines.mjs';

const { values: opt } = parseArgs({
  args: process.argv.slice(2),
  options: { iterations: { type: 'string', default: '4000' }, engines: { type: 'string' }, wasm: { type: 'string' } },
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
  // A short run is "not valid" by CoreMark's 10-second rule only; the work is checked by its CRCs:
  // no CRC error, and the same final CRC as every other engine.
  const crc = /crcfinal\s*:\s*(0x[0-9a-f]+)/.exec(text)?.[1];
  const valid = crc !== undefined && !/ERROR! (list|matrix|state) crc/.test(text);
  rows.push({ name, ips, valid, crc, text });
  process.stderr.write(`${name}: ${Number.isNaN(ips) ? 'failed' : ips.toFixed(0)} iterations/s, crcfinal ${crc}\n`);
}
const native = rows.find((r) => r.name === 'native')?.ips;
const nativeCrc = rows.find((r) => r.name === 'native')?.crc;
for (const r of rows) if (nativeCrc !== undefined && r.crc !== nativeCrc) r.valid = false;
console.log(`\nCoreMark 1.0, ${opt.iterations} iterations, Node ${process.version}${process.execArgv.length ? ' ' + process.execArgv.join(' ') : ''}`);
for (const r of rows) {
  const share = native ? ` (${((100 * r.ips) / native).toFixed(0)}% of native)` : '';
  console.log(`${r.name.padEnd(10)} ${Number.isNaN(r.ips) ? 'failed' : r.ips.toFixed(0).padStart(7) + ' iterations/s'}${share}${r.valid ? '' : '  WRONG (CRC differs)'}`);
  if (!r.valid) console.log(r.text.split('\n').slice(-5).join('\n'));
}
