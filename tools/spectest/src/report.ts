/**
 * Counting and printing results.
 *
 * The unit counted is a check: one stage (decode, validate, engine) applied to one command. A
 * `module` command, for instance, is three checks: it decodes, it validates, it instantiates.
 * A check that cannot run yet (its package is not implemented, wabt cannot encode the module, the
 * module is in the text format) is counted as skipped with its reason: nothing is dropped silently.
 */

/** `runner`: the script could not be read (a syntax error), or the runner itself crashed. */
export type Stage = 'runner' | 'decode' | 'validate' | 'compile' | 'engine';

/** The result of one check. */
export type Check =
  | { readonly status: 'pass' }
  | { readonly status: 'fail'; readonly expected: string; readonly actual: string }
  | { readonly status: 'skip'; readonly reason: string; readonly detail?: string };

export const PASS: Check = { status: 'pass' };

export function fail(expected: string, actual: string): Check {
  return { status: 'fail', expected, actual };
}

/** A skipped check; `detail` (e.g. wabt's error) is listed with `--verbose`. */
export function skip(reason: string, detail?: string): Check {
  return detail === undefined ? { status: 'skip', reason } : { status: 'skip', reason, detail };
}

export interface Failure {
  readonly script: string;
  readonly line: number;
  readonly command: string;
  readonly stage: Stage;
  readonly expected: string;
  readonly actual: string;
}

export class Tally {
  passed = 0;
  failed = 0;
  skipped = 0;
  /** Commands run, and those whose every check passed (none failed or skipped). */
  commands = 0;
  commandsPassed = 0;
  readonly failures: Failure[] = [];
  /** Skip counts by "stage, command kind: reason". */
  readonly skips = new Map<string, number>();
  /** Skips that carry a detail, as "script:line: reason: detail". */
  readonly skipDetails: string[] = [];
  /** Passes by stage, for the summary. */
  readonly passesByStage = new Map<Stage, number>();

  record(script: string, line: number, command: string, kind: string, stage: Stage, check: Check): void {
    switch (check.status) {
      case 'pass':
        this.passed++;
        this.passesByStage.set(stage, (this.passesByStage.get(stage) ?? 0) + 1);
        break;
      case 'fail':
        this.failed++;
        this.failures.push({ script, line, command, stage, expected: check.expected, actual: check.actual });
        break;
      case 'skip': {
        this.skipped++;
        const key = `${stage}, ${kind}: ${check.reason}`;
        this.skips.set(key, (this.skips.get(key) ?? 0) + 1);
        if (check.detail !== undefined) this.skipDetails.push(`${script}:${line}: [${stage}] ${check.reason}: ${check.detail}`);
        break;
      }
    }
  }

  /** Counts one command whose checks are recorded between `before` (a {@link mark}) and now. */
  commandDone(before: { failed: number; skipped: number; passed: number }): void {
    this.commands++;
    if (this.failed === before.failed && this.skipped === before.skipped && this.passed > before.passed) this.commandsPassed++;
  }

  /** The counters now, for {@link commandDone}. */
  mark(): { failed: number; skipped: number; passed: number } {
    return { failed: this.failed, skipped: this.skipped, passed: this.passed };
  }

  add(other: Tally): void {
    this.commands += other.commands;
    this.commandsPassed += other.commandsPassed;
    this.passed += other.passed;
    this.failed += other.failed;
    this.skipped += other.skipped;
    this.failures.push(...other.failures);
    this.skipDetails.push(...other.skipDetails);
    for (const [k, n] of other.skips) this.skips.set(k, (this.skips.get(k) ?? 0) + n);
    for (const [k, n] of other.passesByStage) this.passesByStage.set(k, (this.passesByStage.get(k) ?? 0) + n);
  }
}

export function counts(t: Tally): string {
  return `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`;
}

/** Prints failure details (all of them with `verbose`, else the first `limit`). */
export function printFailures(t: Tally, verbose: boolean, limit = 100, out: (s: string) => void = console.log): void {
  if (t.failures.length === 0) return;
  out('');
  out(`Failures (${t.failures.length}):`);
  const shown = verbose ? t.failures : t.failures.slice(0, limit);
  for (const f of shown) {
    out(`  ${f.script}:${f.line}: [${f.stage}] ${f.command}`);
    out(`    expected: ${f.expected}`);
    out(`    actual:   ${f.actual}`);
  }
  if (shown.length < t.failures.length) out(`  ... and ${t.failures.length - shown.length} more (use --verbose to see all)`);
}

/** Prints passes by stage and the skip breakdown by stage, command kind and reason. */
export function printBreakdown(t: Tally, verbose: boolean, out: (s: string) => void = console.log): void {
  out('');
  out('Passed by stage:');
  for (const stage of ['decode', 'validate', 'compile', 'engine'] as const) out(`  ${stage}: ${t.passesByStage.get(stage) ?? 0}`);
  if (t.skips.size === 0) return;
  out('Skipped by stage, command and reason:');
  const rows = [...t.skips].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [key, n] of rows) out(`  ${String(n).padStart(6)}  ${key}`);
  if (t.skipDetails.length === 0) return;
  if (!verbose) {
    out(`  (${t.skipDetails.length} skips have details: see --verbose)`);
    return;
  }
  out('Skip details:');
  for (const d of t.skipDetails) out(`  ${d}`);
}
