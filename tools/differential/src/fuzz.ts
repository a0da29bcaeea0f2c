/**
 * Fresh differential fuzzing (needs binaryen's `wasm-opt`): generates modules for new seeds and
 * compares Node's engine with rt's interpreter and its compiled tier.
 *
 *   pnpm --filter @rt/differential fuzz [first-seed] [count]
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareOnAllEngines } from './run.js';
import { generate } from './generate.js';

const first = Number(process.argv[2] ?? 1000);
const count = Number(process.argv[3] ?? 100);
const dir = mkdtempSync(join(tmpdir(), 'rt-fuzz-corpus-'));
let failed = 0;
let skipped = 0;
for (let s = first; s < first + count; s++) {
  const file = generate(s, dir);
  const outcome = compareOnAllEngines(new Uint8Array(readFileSync(file)));
  if (outcome.kind === 'skipped') skipped++;
  if (outcome.kind === 'differs') {
    failed++;
    console.log(`seed ${s} (${file}): ${outcome.detail}`);
  }
}
console.log(`${count - failed - skipped} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 ? 1 : 0;
