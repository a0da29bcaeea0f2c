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
