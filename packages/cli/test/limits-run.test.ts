/**
 * End-to-end, as child processes: `rt run --fuel` and `--timeout` stop a guest that never ends,
 * in every tier, with their documented exit codes and a one-line message; a guest that finishes
 * within its fuel runs as without it.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, rt } from './helpers/cli.js';

const spin = path.join(FIXTURES, 'spin.wat');
const TIERS = ['default', 'fast', 'frame', 'interp'];

describe('rt run --fuel / --timeout', () => {
  for (const tier of TIERS) {
    it(`--fuel stops an infinite loop (--tier ${tier}): exit 152`, () => {
      const r = rt(['run', '--tier', tier, '--fuel', '200000', spin]);
      expect(r.code).toBe(152);
      expect(r.stderr).toMatch(/^error: out of fuel: the guest used all 200000 units of its fuel \(--fuel\) and was stopped \(fuel consumed: 2000\d\d\)\n$/);
    });

    it(`--timeout stops an infinite loop (--tier ${tier}): exit 124`, () => {
      const t0 = Date.now();
      const r = rt(['run', '--tier', tier, '--timeout', '0.2', spin]);
      expect(r.code).toBe(124);
      expect(r.stderr).toMatch(/^error: timeout: the guest ran longer than 0\.2 s \(--timeout\) and was stopped \(fuel consumed: \d+\)\n$/);
      expect(Date.now() - t0).toBeLessThan(10_000);
    });
  }

  it('a program that finishes within its fuel runs as usual', () => {
    const hello = path.join(FIXTURES, '..', '..', '..', '..', 'examples', 'hello', 'hello.wasm');
    const plain = rt(['run', hello]);
    const metered = rt(['run', '--fuel', '100000000', '--timeout', '60', hello]);
    expect(metered.code).toBe(plain.code);
    expect(metered.stdout).toBe(plain.stdout);
  });

  it('rejects bad values', () => {
    expect(rt(['run', '--fuel', '0', spin]).code).toBe(2);
    expect(rt(['run', '--timeout', 'soon', spin]).stderr).toMatch(/--timeout soon: expected a positive number of seconds/);
  });
});
