/** Printing a mutation run's counts and findings. */
import type { Tally } from './campaign.js';

/** Prints the counts, then each class of finding with its first mutant. */
export function printTally(t: Tally, seconds: number): void {
  console.log(`${t.mutants} mutants in ${seconds.toFixed(1)} s (slowest ${Math.round(t.slowest)} ms)`);
  console.log(`  both accept: ${t.bothValid}, both reject: ${t.bothInvalid}`);
  console.log(`  crashes: ${t.count('crash')}`);
  const acceptedExplained = [...t.acceptedByFeature.values()].reduce((a, b) => a + b, 0);
  console.log(`  rt accepts, V8 rejects: ${acceptedExplained + t.count('accepted-v8-rejects')} (unexplained: ${t.count('accepted-v8-rejects')})`);
  for (const [feature, n] of t.acceptedByFeature) console.log(`    ${feature}: ${n}`);
  const explained = [...t.byFeature.values()].reduce((a, b) => a + b, 0);
  console.log(`  rt rejects (or accepts 3.0 part 2 that) V8 accepts (rejects), explained by a feature: ${explained}; rejects unexplained: ${t.count('rejected-unexplained')}`);
  for (const [feature, n] of [...t.byFeature].sort((a, b) => b[1] - a[1])) console.log(`    ${feature}: ${n}`);
  for (const [key, f] of t.findings) {
    console.log(`\nFINDING ${key} (${f.count}x), first: mutant ${f.first.index} of ${f.first.seed.origin} with ${f.first.ops.join(', ')}`);
    console.log(`  ${f.finding.detail.split('\n').slice(0, 4).join('\n  ')}`);
  }
}

/** A run's tally as plain data (what `--json` prints and `mutate-long.ts` adds up). */
export interface TallyJson {
  mutants: number;
  bothValid: number;
  bothInvalid: number;
  slowestMs: number;
  suiteMissing: boolean;
  byFeature: Record<string, number>;
  findings: { key: string; count: number; first: { index: number; origin: string; ops: string[] }; detail: string }[];
}

/** The tally as {@link TallyJson}. */
export function tallyJson(t: Tally, suiteMissing: boolean): TallyJson {
  return {
    mutants: t.mutants,
    bothValid: t.bothValid,
    bothInvalid: t.bothInvalid,
    slowestMs: Math.round(t.slowest),
    suiteMissing,
    byFeature: Object.fromEntries(t.byFeature),
    findings: [...t.findings].map(([key, f]) => ({
      key,
      count: f.count,
      first: { index: f.first.index, origin: f.first.seed.origin, ops: [...f.first.ops] },
      detail: f.finding.detail.split('\n').slice(0, 4).join('\n'),
    })),
  };
}
