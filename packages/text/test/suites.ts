import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WastCommand, WastInstance, WastModule } from '../src/wast.js';

/** `../shared/testsuite` from the repository root (absent in a fresh clone elsewhere). */
export const SUITE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../../shared/testsuite');
export const HAVE_SUITE = existsSync(join(SUITE_ROOT, 'wasm-3.0'));

/** The `.wast` files of a suite folder, relative to it (sub-folders listed in `subdirs`). */
export function scripts(folder: string, subdirs: readonly string[] = []): string[] {
  const dir = join(SUITE_ROOT, folder);
  const out = readdirSync(dir).filter((f) => f.endsWith('.wast')).sort();
  for (const s of subdirs) out.push(...readdirSync(join(dir, s)).filter((f) => f.endsWith('.wast')).sort().map((f) => `${s}/${f}`));
  return out;
}

export function read(folder: string, file: string): string {
  return readFileSync(join(SUITE_ROOT, folder, file), 'utf8');
}

/** A command's module, when it carries one that is not a reference to a definition. */
export function moduleOf(c: WastCommand): WastModule | null {
  if (!('module' in c) || c.module === null || typeof c.module !== 'object') return null;
  const m = c.module as WastModule | WastInstance;
  return m.kind === 'instance' ? null : m;
}

/** Whether a command is a text-format `assert_malformed` (a quoted module meant not to parse). */
export function isTextMalformed(c: WastCommand): boolean {
  return (c.type === 'assert_malformed' || c.type === 'assert_malformed_custom') && moduleOf(c)?.kind === 'quote';
}

const LIMITS_64 = '3.0 reads limits and memory offsets as 64-bit numbers (memory64, table64): well-formed, rejected by validation';
const LANE_U8 = '3.0 encodes lane indices as u8 (LEB128), 2.0 as a byte: lanes of 128 and more differ in an invalid module';

/**
 * Where the 2.0 suite and the 3.0 text format disagree, so that a 3.0 parser cannot agree with
 * the 2.0 suite (and wabt's 2.0 encoding). Each is checked to still disagree.
 */
export const KNOWN_DIFFERENCES: ReadonlyMap<string, string> = new Map([
  ...['address.wast:213', 'memory.wast:79', 'memory.wast:83', 'memory.wast:87', 'simd_address.wast:143',
    'simd_address.wast:151', 'table.wast:27', 'table.wast:31', 'table.wast:35'].map((k) => [k, LIMITS_64] as const),
  ...[433, 435, 437, 439, 441, 443, 445, 447, 449, 451, 453, 455, 457, 459, 529].map((l) => [`simd_lane.wast:${l}`, LANE_U8] as const),
]);

