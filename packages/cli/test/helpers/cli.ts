/**
 * Runs the BUILT `rt` (dist/bin.js) as a real child process, as a user would.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** packages/cli */
export const PACKAGE_DIR = path.resolve(here, '../..');
/** The repository root. */
export const REPO = path.resolve(PACKAGE_DIR, '../..');
/** The built executable. */
export const BIN = path.join(PACKAGE_DIR, 'dist/bin.js');
/** test/fixtures */
export const FIXTURES = path.join(PACKAGE_DIR, 'test/fixtures');
/** examples/ */
export const EXAMPLES = path.join(REPO, 'examples');

/** What a run of `rt` produced. */
export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link rt}. */
export interface RtOptions {
  /** Bytes or text on stdin (default: empty). */
  input?: string;
  /** Working directory (default: the repository root). */
  cwd?: string;
  /** Extra host environment variables. */
  env?: Record<string, string>;
}

/** Runs `node dist/bin.js ...args`. */
export function rt(args: readonly string[], options: RtOptions = {}): CliResult {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run 'pnpm --filter @rt/cli build' first`);
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO,
    input: options.input ?? '',
    env: { PATH: process.env['PATH'] ?? '', ...options.env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Asserts the shape of a usage-level failure: exactly one `error: ` line, no stack trace. */
export function isOneLineError(stderr: string): boolean {
  const lines = stderr.split('\n').filter((l) => l !== '');
  return lines.length === 1 && lines[0]!.startsWith('error: ') && !/\n\s+at /.test(stderr);
}
