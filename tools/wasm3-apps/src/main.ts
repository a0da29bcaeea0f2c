/**
 * Runs every program of `programs.ts` on rt — through the JS API in each tier (the default,
 * interpreter only, everything compiled, the frame-layout tier) and through `rt run` — and on the
 * native engines that are its oracles, each in its own process, and checks that every result
 * equals the recorded native one: stdout, stderr, exit code, and what escaped to the host.
 * Prints one line per run and `N passed, N failed, N skipped`; exits 1 on any failure.
 *
 *   tsx src/main.ts [--only NAME-SUBSTRING]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findDeno } from '../../jspi-tests/src/deno.js';
import { programs } from './programs.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const runner = fileURLToPath(new URL('./run-program.ts', import.meta.url));
const cli = fileURLToPath(new URL('../../../packages/cli/dist/bin.js', import.meta.url));
const args = process.argv.slice(2);
const only = args[args.indexOf('--only') + 1];

let passed = 0;
let failed = 0;
let skipped = 0;

/** Runs `command` and returns its RESULT object, or a description of how it failed. */
function result(command: readonly string[]): Record<string, unknown> {
  const r = spawnSync(command[0]!, command.slice(1), { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) return { failedToRun: `exit ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').slice(-5).join(' | ')}` };
  return JSON.parse(line.slice(7)) as Record<string, unknown>;
}

/** The first difference between two results, or null. */
function difference(got: Record<string, unknown>, want: Record<string, unknown>): string | null {
  for (const key of new Set([...Object.keys(want), ...Object.keys(got)])) {
    const a = JSON.stringify(got[key]);
    const b = JSON.stringify(want[key]);
    if (a === b) continue;
    if (typeof got[key] === 'string' && typeof want[key] === 'string') {
      const g = (got[key] as string).split('\n');
      const w = (want[key] as string).split('\n');
      const i = g.findIndex((l, j) => l !== w[j]);
      const at = i < 0 ? w.length : i;
      return `${key}, line ${at + 1}: got ${JSON.stringify(g[at])}, want ${JSON.stringify(w[at])}`;
    }
    return `${key}: got ${a}, want ${b}`;
  }
  return null;
}

function report(name: string, got: Record<string, unknown>, want: Record<string, unknown>): void {
  const diff = difference(got, want);
  console.log(`${diff ? 'FAIL' : 'PASS'} ${name}${diff ? `\n    ${diff}` : ''}`);
  if (diff) failed++;
  else passed++;
}

const deno = findDeno();
for (const program of programs) {
  if (only && !program.name.includes(only)) continue;
  const want = JSON.parse(readFileSync(new URL(`../${program.expected}`, import.meta.url), 'utf8')) as Record<string, unknown>;
  for (const oracle of program.oracles) {
    if (oracle === 'deno') {
      if ('missing' in deno) {
        console.log(`SKIP ${program.name} on Deno: ${deno.missing}`);
        skipped++;
        continue;
      }
      report(`${program.name} on Deno (native)`, result([deno.path, 'run', '--allow-read', '--allow-env', runner, 'native', program.wasm]), want);
    } else {
      report(`${program.name} on Node ${process.version} (native)`, result([process.execPath, '--import', 'tsx', runner, 'native', program.wasm]), want);
    }
  }
  for (const engine of ['rt-default', 'rt-interpreter', 'rt-compiled', 'rt-frame-layout']) {
    report(`${program.name} on ${engine}`, result([process.execPath, '--import', 'tsx', runner, engine, program.wasm]), want);
  }
  // The CLI: same stdout; its own exit code and message for what escaped.
  const r = spawnSync(process.execPath, [cli, 'run', program.wasm], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  const cliResult: Record<string, unknown> = { stdout: r.stdout, exit: r.status };
  report(`${program.name} through rt run`, cliResult, { stdout: want['stdout'], exit: program.cliExit });
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
