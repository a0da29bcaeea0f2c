/**
 * The binaries mutants are made from: every module of the WebAssembly 2.0 suite (encoded as
 * tools/spectest encodes them) and every `.wasm` program committed to the repository. A run
 * seed and mutant index make the same mutant for the same suite and commit.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suiteBinaries } from '@rt/spectest/suite-binaries';

/** One seed binary, and where it came from. */
export interface Seed {
  /** `suite:<script>:<line>` or `repo:<path>`. */
  readonly origin: string;
  readonly bytes: Uint8Array;
  /** Relative chance of being picked: large programs cost far more per mutant. */
  readonly weight: number;
}

/** The repository root (this file is tools/differential/src/mutate/seeds.ts). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');

/** The 2.0 suite's folder, as the spec runner finds it. */
export const SUITE_DIR = join(REPO_ROOT, '../shared/testsuite/wasm-2.0');

/** Folders never searched for programs: dependencies, build output, git, the minimised findings. */
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', '.turbo', 'regressions']);

function wasmFiles(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) wasmFiles(path, out);
    else if (name.endsWith('.wasm')) out.push(path);
  }
  return out;
}

/**
 * The repository's `.wasm` programs: the files git tracks (so that a stray local file does not
 * change which mutant a seed and index make), or, outside a git checkout, every file found.
 */
function programFiles(): string[] {
  try {
    const listed = execFileSync('git', ['-C', REPO_ROOT, 'ls-files', '-z', '--', '*.wasm'], { encoding: 'utf8' });
    return listed.split('\0').filter((f) => f !== '' && !f.split('/').includes('regressions')).map((f) => join(REPO_ROOT, f));
  } catch {
    const out: string[] = [];
    for (const dir of ['examples', 'bench', 'packages', 'tools']) if (existsSync(join(REPO_ROOT, dir))) wasmFiles(join(REPO_ROOT, dir), out);
    return out;
  }
}

/** Seeds from programs above this size are picked proportionally less often. */
const LARGE = 64 * 1024;

/**
 * Collects the seeds (identical binaries once). The suite's are missing when it is not at
 * {@link SUITE_DIR}; `suiteMissing` says so, and the caller reports it.
 */
export async function collectSeeds(suiteDir = SUITE_DIR): Promise<{ seeds: Seed[]; suiteMissing: boolean }> {
  const seen = new Set<string>();
  const seeds: Seed[] = [];
  const add = (origin: string, bytes: Uint8Array, weight: number): void => {
    const key = Buffer.from(bytes).toString('base64');
    if (seen.has(key)) return;
    seen.add(key);
    seeds.push({ origin, bytes, weight });
  };
  const suiteMissing = !existsSync(suiteDir);
  // Valid modules make the most informative mutants (one edit away from valid); the suite's
  // invalid and malformed ones are kept, less often.
  if (!suiteMissing) for (const b of await suiteBinaries(suiteDir)) add(`suite:${b.origin}`, b.bytes, b.command === 'module' ? 1 : 0.25);
  for (const file of programFiles().sort()) {
    const bytes = new Uint8Array(readFileSync(file));
    // Programs are ~2% of the seeds but much bigger than the suite's modules: give them a
    // fair share of the mutants (weight 20) without letting megabytes dominate the time.
    add(`repo:${relative(REPO_ROOT, file)}`, bytes, bytes.length > LARGE ? (20 * LARGE) / bytes.length / 8 : 20);
  }
  return { seeds, suiteMissing };
}

/** Picks seeds by weight with a generator's draws in `[0, 1)`. */
export class SeedPicker {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(readonly seeds: readonly Seed[]) {
    this.cumulative = new Float64Array(seeds.length);
    let sum = 0;
    seeds.forEach((s, i) => (this.cumulative[i] = sum += s.weight));
    this.total = sum;
  }

  /** The seed for a draw `u` in `[0, 1)`. */
  pick(u: number): Seed {
    const x = u * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.seeds[lo]!;
  }
}
