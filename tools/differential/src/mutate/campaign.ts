/**
 * A mutation run: mutants `[first, first + count)` of a run seed, each compiled by rt and by
 * Node's V8, tallied by what they disagree on.
 */
import { explainAcceptance, explainRejection, type Feature } from './features.js';
import { mutate, type MutatorName } from './mutators.js';
import { nativeMessage, nativeValid, rtVerdict, type RtVerdict } from './outcome.js';
import { mutantSeed, Prng } from './prng.js';
import { SeedPicker, type Seed } from './seeds.js';

/** One mutant: how it was made and its bytes. */
export interface Mutant {
  readonly index: number;
  readonly seed: Seed;
  readonly ops: readonly MutatorName[];
  readonly bytes: Uint8Array;
}

/** What is wrong with one mutant, if anything. */
export type Finding =
  /** rt threw something other than a CompileError, hung, or its validate disagreed with Module. */
  | { readonly kind: 'crash'; readonly key: string; readonly detail: string }
  /** rt accepted a module V8 rejects. */
  | { readonly kind: 'accepted-v8-rejects'; readonly key: string; readonly detail: string }
  /** rt rejected a module V8 accepts, and no feature beyond 2.0 explains it. */
  | { readonly kind: 'rejected-unexplained'; readonly key: string; readonly detail: string };

/** Builds mutant `index` of run `runSeed` (the same bytes every time). */
export function makeMutant(picker: SeedPicker, runSeed: number, index: number): Mutant {
  const rng = new Prng(mutantSeed(runSeed, index));
  const seed = picker.pick(rng.next() / 0x100000000);
  const donors = [seed.bytes, picker.pick(rng.next() / 0x100000000).bytes];
  const { bytes, ops } = mutate(seed.bytes, rng, donors);
  return { index, seed, ops, bytes };
}

/** The two verdicts on one binary and what they mean. */
export interface Judgement {
  readonly rt: RtVerdict;
  readonly native: boolean;
  /** For rt-rejects-V8-accepts: the feature that explains it. */
  readonly feature: Feature | null;
  readonly finding: Finding | null;
}

/** Compiles `bytes` with both engines and judges the pair. */
export function judge(bytes: Uint8Array): Judgement {
  const rt = rtVerdict(bytes);
  const native = nativeValid(bytes);
  if (rt.kind === 'crash') return { rt, native, feature: null, finding: { kind: 'crash', key: rt.key, detail: rt.detail } };
  if (rt.kind === 'valid' && !native) {
    const feature = explainAcceptance(bytes);
    if (feature) return { rt, native, feature, finding: null };
    return { rt, native, feature: null, finding: { kind: 'accepted-v8-rejects', key: 'rt accepts, V8 rejects', detail: nativeMessage(bytes) } };
  }
  if (rt.kind === 'invalid' && native) {
    const feature = explainRejection(bytes, rt.cause);
    if (feature) return { rt, native, feature, finding: null };
    const key = `rt rejects (${rt.message.replace(/0x[0-9a-f]+|\d+/gi, 'N')}), V8 accepts`;
    return { rt, native, feature: null, finding: { kind: 'rejected-unexplained', key, detail: rt.message } };
  }
  return { rt, native, feature: null, finding: null };
}

/** Counts of a run. */
export class Tally {
  mutants = 0;
  bothValid = 0;
  bothInvalid = 0;
  /** rt rejects, V8 accepts, by the feature that explains it. */
  readonly byFeature = new Map<Feature, number>();
  /** Findings by class: the first mutant of each class and how many there were. */
  readonly findings = new Map<string, { finding: Finding; first: Mutant; count: number }>();
  slowest = 0;

  record(m: Mutant, j: Judgement, ms: number): void {
    this.mutants++;
    if (ms > this.slowest) this.slowest = ms;
    if (j.finding) {
      const k = `${j.finding.kind}: ${j.finding.key}`;
      const f = this.findings.get(k);
      if (f) f.count++;
      else this.findings.set(k, { finding: j.finding, first: m, count: 1 });
    } else if (j.feature) this.byFeature.set(j.feature, (this.byFeature.get(j.feature) ?? 0) + 1);
    else if (j.rt.kind === 'valid') this.bothValid++;
    else this.bothInvalid++;
  }

  /** Findings of one kind. */
  count(kind: Finding['kind']): number {
    let n = 0;
    for (const f of this.findings.values()) if (f.finding.kind === kind) n += f.count;
    return n;
  }
}

/** Runs mutants `[first, first + count)` of `runSeed`. */
export function runCampaign(picker: SeedPicker, runSeed: number, first: number, count: number, onMutant?: (index: number) => void): Tally {
  const tally = new Tally();
  for (let i = first; i < first + count; i++) {
    onMutant?.(i);
    const m = makeMutant(picker, runSeed, i);
    const t0 = performance.now();
    const j = judge(m.bytes);
    tally.record(m, j, performance.now() - t0);
  }
  return tally;
}
