/**
 * The compile path under mutation: a short seeded run of the mutation mode (the long runs are
 * `pnpm --filter @rt/differential mutate`, see the README), and every minimised finding kept in
 * `regressions/`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { judge, runCampaign, type Tally } from '../src/mutate/campaign.js';
import { printTally } from '../src/mutate/report.js';
import { collectSeeds, SeedPicker, SUITE_DIR } from '../src/mutate/seeds.js';

const dir = new URL('../regressions/', import.meta.url);
const regressions = readdirSync(dir).filter((f) => f.endsWith('.wasm')).sort();

describe('minimised mutation findings', () => {
  for (const file of regressions) {
    it(`${file}: no crash, and rt and V8 agree or a feature beyond 2.0 explains it`, () => {
      const j = judge(new Uint8Array(readFileSync(new URL(file, dir))));
      expect(j.finding).toBeNull();
    });
  }
});

/** The CI run: fixed seed, a few tens of thousands of mutants. */
const CI_SEED = 20261203;
const CI_MUTANTS = 30000;

describe(`a seeded mutation run (seed ${CI_SEED}, ${CI_MUTANTS} mutants)`, () => {
  let tally: Tally;
  beforeAll(async () => {
    const { seeds, suiteMissing } = await collectSeeds();
    if (suiteMissing) console.log(`mutation run: the 2.0 suite is not at ${SUITE_DIR}; seeding from the repository's programs only`);
    const t0 = performance.now();
    tally = runCampaign(new SeedPicker(seeds), CI_SEED, 0, CI_MUTANTS);
    printTally(tally, (performance.now() - t0) / 1000);
  }, 300_000); // about 10 s alone; generous for a loaded, shared machine

  it('compiles every mutant', () => expect(tally.mutants).toBe(CI_MUTANTS));
  it('never crashes rt (anything but a CompileError, a hang, validate disagreeing with Module)', () => {
    expect([...tally.findings.keys()].filter((k) => k.startsWith('crash'))).toEqual([]);
  });
  it('never has rt accept a module V8 rejects', () => {
    expect([...tally.findings.keys()].filter((k) => k.startsWith('accepted'))).toEqual([]);
  });
  it('has rt reject what V8 accepts only for features beyond 2.0', () => {
    expect([...tally.findings.keys()].filter((k) => k.startsWith('rejected'))).toEqual([]);
  });
});
