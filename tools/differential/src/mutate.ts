/**
 * Mutation mode for the compile path: mutants of every module of the 2.0 suite and of the
 * repository's programs, compiled by rt and by Node's V8.
 *
 *   pnpm --filter @rt/differential mutate [--seed N] [--first N] [--count N] [--minimise DIR] [--only N] [--json]
 *
 * Prints the counts and every class of finding (crashes, modules rt accepts that V8 rejects,
 * rejections no unimplemented feature explains) with the mutant that shows it first. Exits 1
 * when there is any finding. `--only N` rebuilds and judges mutant N alone (and writes it to
 * the temporary folder); `--minimise DIR` shrinks each class's first mutant and writes it to DIR.
 * `--json` prints the tally as one JSON line instead (for `mutate-long.ts`), and the index of
 * every thousandth mutant on stderr as it starts (so a hang or a fatal crash can be located).
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { judge, makeMutant, runCampaign } from './mutate/campaign.js';
import { minimise } from './mutate/minimise.js';
import { collectSeeds, SeedPicker, SUITE_DIR } from './mutate/seeds.js';
import { printTally, tallyJson } from './mutate/report.js';

function option(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const runSeed = Number(option('seed', '1'));
const first = Number(option('first', '0'));
const count = Number(option('count', '10000'));
const minimiseDir = option('minimise');
const only = option('only');
const json = process.argv.includes('--json');

const { seeds, suiteMissing } = await collectSeeds();
const log = json ? (_: string): void => undefined : (s: string): void => console.log(s);
if (suiteMissing) log(`The 2.0 suite is not at ${SUITE_DIR}: mutating the repository's programs only.`);
const picker = new SeedPicker(seeds);
log(`${seeds.length} seed binaries; run seed ${runSeed}, mutants ${first}..${first + count - 1}`);

if (only !== undefined) {
  const m = makeMutant(picker, runSeed, Number(only));
  const file = join(tmpdir(), `mutant-${runSeed}-${only}.wasm`);
  writeFileSync(file, m.bytes);
  console.log(`mutant ${only}: ${m.seed.origin} with ${m.ops.join(', ')} -> ${file} (${m.bytes.length} bytes)`);
  console.log(judge(m.bytes));
} else {
  const t0 = performance.now();
  const progress = json ? (i: number): void => void (i % 1000 === 0 && process.stderr.write(`mutant ${i}\n`)) : undefined;
  const tally = runCampaign(picker, runSeed, first, count, progress);
  if (json) console.log(JSON.stringify(tallyJson(tally, suiteMissing)));
  else printTally(tally, (performance.now() - t0) / 1000);
  if (minimiseDir !== undefined) {
    for (const [key, f] of tally.findings) {
      const small = minimise(f.first.bytes, (b) => {
        const j = judge(b);
        return j.finding !== null && `${j.finding.kind}: ${j.finding.key}` === key;
      });
      const file = join(minimiseDir, `mutant-${runSeed}-${f.first.index}.wasm`);
      writeFileSync(file, small);
      console.log(`minimised ${key}: ${f.first.bytes.length} -> ${small.length} bytes: ${file}`);
    }
  }
  process.exitCode = tally.findings.size > 0 ? 1 : 0;
}
