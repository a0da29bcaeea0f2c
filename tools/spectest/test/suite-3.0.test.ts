/** The 3.0 lists: every script named exists in the suite (when it is here), none twice. */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MUST_PASS_3_0, PROPOSALS_3_0 } from '../src/suite-3.0.js';

const SUITE = fileURLToPath(new URL('../../../../shared/testsuite/wasm-3.0-bin', import.meta.url));
const LEGACY = fileURLToPath(new URL('../../../../shared/testsuite/wasm-3.0/legacy', import.meta.url));

describe('3.0 script lists', () => {
  it('name each script once', () => {
    expect(new Set(MUST_PASS_3_0).size).toBe(MUST_PASS_3_0.length);
    const grouped = PROPOSALS_3_0.flatMap((p) => p.scripts);
    expect(new Set(grouped).size).toBe(grouped.length);
  });

  it.skipIf(!existsSync(SUITE) || !existsSync(LEGACY))('name scripts of the suite', () => {
    const present = new Set(readdirSync(SUITE).filter((f) => f.endsWith('.bin.wast')).map((f) => f.replace(/\.bin\.wast$/, '')));
    // The legacy exception scripts, as `legacy/<name>` (text: `wasm-3.0/legacy/<name>.wast`).
    for (const f of readdirSync(LEGACY)) if (f.endsWith('.wast')) present.add(`legacy/${f.replace(/\.wast$/, '')}`);
    const missing = [...MUST_PASS_3_0, ...PROPOSALS_3_0.flatMap((p) => p.scripts)].filter((n) => !present.has(n));
    expect(missing).toEqual([]);
  });
});
