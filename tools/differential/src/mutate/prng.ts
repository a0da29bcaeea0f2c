/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same numbers on
 * every machine, which is what makes a mutation run reproducible.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** The next 32-bit unsigned integer. */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** An integer in `[0, n)` (n ≥ 1). */
  below(n: number): number {
    return Math.floor((this.next() / 0x100000000) * n);
  }

  /** `true` with probability `p`. */
  chance(p: number): boolean {
    return this.next() / 0x100000000 < p;
  }

  /** One element of `items`. */
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }
}

/**
 * The seed of mutant `index` of a run seeded with `runSeed`: every mutant has its own generator,
 * so any one of them can be rebuilt alone (`--only`) without replaying the run.
 */
export function mutantSeed(runSeed: number, index: number): number {
  let h = (Math.imul(runSeed >>> 0, 0x9e3779b1) ^ Math.imul(index >>> 0, 0x85ebca77)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}
