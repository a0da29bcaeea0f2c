/**
 * The long mutation run: mutants of one run seed in chunks, each chunk in its own process (so
 * that a fatal crash or a hang ends one chunk, named, instead of the run), the tallies added up.
 * Resumable: `--first` starts where an earlier run stopped.
 *
 *   pnpm --filter @rt/differential mutate-long [--seed N] [--first N] [--total N] [--chunk N] [--minutes M]
 *
 * Defaults: seed 1, first 0, total 1,000,000, chunks of 50,000, no time budget. With `--minutes`
 * it stops after the chunk that crosses the budget and prints the `--first` to resume from (the
 * machine is shared: run a few minutes at a time). A chunk that prints no mutant index for 60 s
 * is stopped as a hang. Exits 1 when any chunk had a finding or died.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TallyJson } from './mutate/report.js';

function option(name: string, fallback: string): number {
  const i = process.argv.indexOf(`--${name}`);
  return Number(i >= 0 ? process.argv[i + 1] : fallback);
}

const seed = option('seed', '1');
const first = option('first', '0');
const total = option('total', '1000000');
const chunk = option('chunk', '50000');
const minutes = option('minutes', 'Infinity');
const script = fileURLToPath(new URL('./mutate.ts', import.meta.url));

/** Runs one chunk; resolves to its tally, or to why it died. */
function runChunk(from: number, count: number): Promise<TallyJson | string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, '--seed', String(seed), '--first', String(from), '--count', String(count), '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let last = from;
    let lastAt = Date.now();
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      const m = /mutant (\d+)\n[^]*$/.exec(d.toString());
      if (m) {
        last = Number(m[1]);
        lastAt = Date.now();
      }
    });
    const watch = setInterval(() => {
      if (Date.now() - lastAt > 60_000) {
        child.kill('SIGKILL');
        resolve(`no progress for 60 s after mutant ${last} (a hang: rerun mutate --only with the mutants from ${last})`);
      }
    }, 5000);
    child.on('close', (code, signal) => {
      clearInterval(watch);
      const line = out.trim().split('\n').pop() ?? '';
      if (code === 0 || code === 1) {
        try {
          resolve(JSON.parse(line) as TallyJson);
          return;
        } catch {
          // fall through
        }
      }
      resolve(`the chunk died (exit ${code}, signal ${signal}) after mutant ${last}`);
    });
  });
}

const started = Date.now();
const sum: TallyJson = { mutants: 0, bothValid: 0, bothInvalid: 0, slowestMs: 0, suiteMissing: false, byFeature: {}, findings: [] };
const died: string[] = [];
let next = first;
while (next < first + total) {
  const count = Math.min(chunk, first + total - next);
  const t0 = Date.now();
  const r = await runChunk(next, count);
  if (typeof r === 'string') died.push(`mutants ${next}..${next + count - 1}: ${r}`);
  else {
    sum.mutants += r.mutants;
    sum.bothValid += r.bothValid;
    sum.bothInvalid += r.bothInvalid;
    sum.slowestMs = Math.max(sum.slowestMs, r.slowestMs);
    sum.suiteMissing ||= r.suiteMissing;
    for (const [f, n] of Object.entries(r.byFeature)) sum.byFeature[f] = (sum.byFeature[f] ?? 0) + n;
    sum.findings.push(...r.findings);
  }
  next += count;
  const crashes = sum.findings.filter((f) => f.key.startsWith('crash')).reduce((a, f) => a + f.count, 0);
  console.log(`mutants ${next - count}..${next - 1}: ${((Date.now() - t0) / 1000).toFixed(0)} s; so far ${sum.mutants} compiled, ${crashes} crashes, ${sum.findings.length} finding classes, ${died.length} dead chunks`);
  if ((Date.now() - started) / 60000 >= minutes && next < first + total) {
    console.log(`time budget reached: resume with --seed ${seed} --first ${next} --total ${first + total - next}`);
    break;
  }
}

const count = (prefix: string): number => sum.findings.filter((f) => f.key.startsWith(prefix)).reduce((a, f) => a + f.count, 0);
console.log(`\nseed ${seed}, mutants ${first}..${next - 1}: ${sum.mutants} compiled in ${((Date.now() - started) / 1000).toFixed(0)} s (slowest ${sum.slowestMs} ms)${sum.suiteMissing ? ' (the 2.0 suite was missing)' : ''}`);
console.log(`  both accept: ${sum.bothValid}, both reject: ${sum.bothInvalid}`);
console.log(`  crashes: ${count('crash')}`);
console.log(`  rt accepts, V8 rejects: ${count('accepted')}`);
const explained = Object.values(sum.byFeature).reduce((a, b) => a + b, 0);
console.log(`  rt rejects, V8 accepts: ${explained + count('rejected')} (unexplained: ${count('rejected')})`);
for (const [f, n] of Object.entries(sum.byFeature).sort((a, b) => b[1] - a[1])) console.log(`    ${f}: ${n}`);
for (const f of sum.findings) console.log(`\nFINDING ${f.key} (${f.count}x), first: mutant ${f.first.index} of ${f.first.origin} with ${f.first.ops.join(', ')}\n  ${f.detail}`);
for (const d of died) console.log(`\nDIED ${d}`);
process.exitCode = sum.findings.length > 0 || died.length > 0 ? 1 : 0;
