/** The command line, run as a process: what `pnpm spectest` does. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

function run(args: string[]): { code: number | null; out: string } {
  const r = spawnSync(TSX, [MAIN, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe('spectest command', () => {
  it('says where to get the suite when it is absent, and exits 0', () => {
    const { code, out } = run(['--suite', join(tmpdir(), 'no-such-suite')]);
    expect(code).toBe(0);
    expect(out).toContain('https://github.com/WebAssembly/testsuite');
    expect(out).toContain('a8101597d3c3c660086c3cd1eedee608ff18d3c3');
    expect(out.trimEnd().split('\n').at(-1)).toBe('0 passed, 0 failed, 0 skipped');
  });

  it('prints per-script lines, failures and the final counts, and exits 1 on a failure', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spectest-'));
    writeFileSync(
      join(dir, 'mini.wast'),
      `(module (func (export "one") (result i32) (i32.const 1)))
(assert_return (invoke "one") (i32.const 1))
(assert_return (invoke "one") (i32.const 2))
(assert_malformed (module quote "(func") "unexpected end")
`,
    );
    writeFileSync(join(dir, 'other.wast'), '(module)\n');
    const { code, out } = run(['--engine', 'native', '--suite', dir, 'mini']);
    expect(code).toBe(1);
    expect(out).toContain('RUNNER SELF-CHECK');
    expect(out).toMatch(/^mini: \d+ passed, 1 failed, \d+ skipped$/m);
    expect(out).not.toMatch(/^other:/m);
    expect(out).toContain('mini:3: [engine] assert_return (invoke "one")');
    expect(out).not.toContain('text format');
    expect(out.trimEnd().split('\n').at(-1)).toMatch(/^\d+ passed, 1 failed, \d+ skipped$/);
  });

  it('stops a run that hangs and names the command', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spectest-'));
    writeFileSync(join(dir, 'spin.wast'), '(module (func (export "spin") (loop (br 0))))\n\n(invoke "spin")\n');
    const { code, out } = run(['--engine', 'native', '--suite', dir, '--timeout', '1']);
    expect(code).not.toBe(0);
    expect(out).toContain('spin:3 has run for more than 1 s');
  });

  it('rejects unknown options', () => {
    expect(() => execFileSync(TSX, [MAIN, '--nope'], { stdio: 'pipe' })).toThrow();
  });
});
