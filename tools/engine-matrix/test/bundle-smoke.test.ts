/**
 * A quick check of the engine matrix's bundle in CI (the full matrix, with its 300 MB of engines,
 * is `pnpm test:engines`): the bundle built by `pnpm build` runs its cases on this Node, once as
 * is and once with code generation disallowed, where rt has to stay in its interpreter, and the
 * bundle as Babel lowers it for Hermes (React Native ships that form to every engine) runs too.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const modern = new URL('../dist/guest.js', import.meta.url);
const lowered = new URL('../dist/guest.hermes.js', import.meta.url);

function runBundle(flags: readonly string[], bundle = modern): Record<string, { ok: boolean; detail: string }> & { tiers: string } {
  const script = join(tmpdir(), `rt-matrix-smoke-${process.pid}.js`);
  writeFileSync(script, `${readFileSync(bundle, 'utf8')}\nconsole.log(JSON.stringify(rtMatrix.runCases()));\n`);
  const r = spawnSync(process.execPath, [...flags, script], { encoding: 'utf8', timeout: 60_000 });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as ReturnType<typeof runBundle>;
}

describe('the engine-matrix bundle on this Node', () => {
  it('runs hello, files and the benchmark with compiled tiers', () => {
    const report = runBundle([]);
    expect([report.hello!.ok, report.files!.ok, report.bench!.ok]).toEqual([true, true, true]);
    expect(report.tiers).toBe('fast');
  });

  it('runs them from the bundle with classes and block scoping lowered by Babel', () => {
    const report = runBundle([], lowered);
    expect([report.hello!.ok, report.files!.ok, report.bench!.ok], JSON.stringify(report)).toEqual([true, true, true]);
  });

  it('runs them in the interpreter where code generation is disallowed', () => {
    const report = runBundle(['--disallow-code-generation-from-strings']);
    expect([report.hello!.ok, report.files!.ok, report.bench!.ok]).toEqual([true, true, true]);
    expect(report.tiers).toBe('interpreter');
  });
});
