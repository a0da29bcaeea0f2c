/**
 * Fresh differential fuzzing (needs binaryen's `wasm-opt`): generates modules for new seeds and
 * compares Node's engine with rt's interpreter and its compiled tier.
 *
 *   pnpm --filter @rt/differential fuzz [first-seed] [count] [--with tail-call]
 *
 * `--with <feature>` lets binaryen use a 3.0 feature too (see `EXTRA_FEATURES` in generate.ts).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareOnAllEngines } from './run.js';
import { generate } from './generate.js';

const args = process.argv.slice(2).filter((a) => a !== '--');
const extra: string[] = [];
for (let i = args.indexOf('--with'); i >= 0; i = args.indexOf('--with')) extra.push(...args.splice(i, 2).slice(1));
const first = Number(args[0] ?? 1000);
const count = Number(args[1] ?? 100);
const dir = mkdtempSync(join(tmpdir(), 'rt-fuzz-corpus-'));
let failed = 0;
let skipped = 0;
for (let s = first; s < first + count; s++) {
  const file = generate(s, dir, extra);
  const outcome = compareOnAllEngines(new Uint8Array(readFileSync(file)));
  if (outcome.kind === 'skipped') skipped++;
  if (outcome.kind === 'differs') {
    failed++;
    console.log(`seed ${s} (${file}): ${outcome.detail}`);
  }
}
console.log(`${count - failed - skipped} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 ? 1 : 0;
