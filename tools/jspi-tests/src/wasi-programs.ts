/**
 * Runs the async WASI end-to-end cases (real C programs through `AsyncWASI`; see
 * packages/wasi/test/async/program-cases.ts) on the engines given, each in its own process:
 * `deno` (Deno's native JSPI, the baseline) and `rt` (rt's `createWebAssembly()` under Node).
 * An engine without JSPI is skipped with the reason. Exits 1 on any failure.
 *
 *   tsx src/wasi-programs.ts [--engine deno|rt]...
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findDeno } from './deno.js';

const args = process.argv.slice(2);
const engines = args.flatMap((a, i) => (args[i - 1] === '--engine' ? [a] : []));
if (engines.length === 0) engines.push('deno', 'rt');
const script = fileURLToPath(new URL('./wasi-programs-run.ts', import.meta.url));

let passed = 0;
let failed = 0;
let skipped = 0;
for (const engine of engines) {
  let command: string[];
  if (engine === 'deno') {
    const deno = findDeno();
    if ('missing' in deno) {
      console.log(`deno: skipped: ${deno.missing}`);
      skipped++;
      continue;
    }
    command = [deno.path, 'run', '--allow-read', '--allow-env', '--sloppy-imports', script, 'deno'];
  } else if (engine === 'rt') {
    command = [process.execPath, '--import', 'tsx', script, 'rt'];
  } else {
    throw new Error(`unknown engine ${engine} (deno or rt)`);
  }
  const r = spawnSync(command[0]!, command.slice(1), { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 240_000 });
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULTS '));
  if (!line) {
    console.log(`${engine}: FAIL: the process exited with ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').slice(-5).join(' | ')}`);
    failed++;
    continue;
  }
  const out = JSON.parse(line.slice(8)) as { skipped?: string; results?: Array<{ name: string; ok: boolean; message?: string }> };
  if (out.skipped) {
    console.log(`${engine}: skipped: ${out.skipped}`);
    skipped++;
    continue;
  }
  for (const c of out.results ?? []) {
    console.log(`${engine}: ${c.ok ? 'PASS' : 'FAIL'} ${c.name}${c.message ? `\n    ${c.message.replace(/\n/g, '\n    ')}` : ''}`);
    if (c.ok) passed++;
    else failed++;
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
