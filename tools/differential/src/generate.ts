/**
 * Generates random valid modules with binaryen's fuzzer (`wasm-opt --translate-to-fuzz`, Debian
 * package `binaryen`) from deterministic seeds, restricted to WebAssembly 2.0 features unless
 * `extra` names 3.0 features Node's engine also runs (see {@link EXTRA_FEATURES}).
 *
 *   pnpm --filter @rt/differential generate [first-seed] [count] [out-dir]
 *
 * The committed corpus (`corpus/`) was made with it, so tests need no binaryen.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FEATURES = [
  '--enable-sign-ext', '--enable-nontrapping-float-to-int', '--enable-bulk-memory',
  '--enable-multivalue', '--enable-simd', '--enable-mutable-globals',
];

/**
 * 3.0 features a fuzz run may add, as binaryen's flags: only those Node 20's native engine runs
 * (tail calls; multiple memories, memory64 and relaxed SIMD are behind V8 flags there).
 */
export const EXTRA_FEATURES: Readonly<Record<string, string>> = {
  'tail-call': '--enable-tail-call',
};

/** xorshift32: the fuzzer's input bytes depend on the seed alone. */
function seedBytes(seed: number, length: number): Uint8Array {
  let x = seed * 2654435761 || 1;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Builds the module for `seed` into `outDir` and returns its path. */
export function generate(seed: number, outDir: string, extra: readonly string[] = []): string {
  const work = mkdtempSync(join(tmpdir(), 'rt-fuzz-'));
  const input = join(work, 'input.bin');
  writeFileSync(input, seedBytes(seed, 2048 + (seed % 4) * 2048));
  const out = join(outDir, `seed-${seed}.wasm`);
  const flags = extra.map((f) => {
    const flag = EXTRA_FEATURES[f];
    if (flag === undefined) throw new Error(`unknown extra feature ${f}; known: ${Object.keys(EXTRA_FEATURES).join(', ')}`);
    return flag;
  });
  execFileSync('wasm-opt', [input, '--translate-to-fuzz', ...FEATURES, ...flags, '-o', out], { stdio: 'pipe' });
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const first = Number(process.argv[2] ?? 1);
  const count = Number(process.argv[3] ?? 40);
  const dir = process.argv[4] ?? new URL('../corpus', import.meta.url).pathname;
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (let s = first; s < first + count; s++) bytes += readFileSync(generate(s, dir)).length;
  console.log(`${count} modules, ${bytes} bytes, in ${dir}`);
}
