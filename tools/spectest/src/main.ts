/**
 * The spec-suite runner's command line.
 *
 *   pnpm spectest [--engine rt|native] [--verbose] [--only 2.0|3.0] [filter...]
 *
 * Runs every script of the WebAssembly 2.0 core suite (`../shared/testsuite/wasm-2.0/` from the
 * repository root) whose name contains one of the filters, then the WebAssembly 3.0 suite in
 * binary form (`../shared/testsuite/wasm-3.0-bin/`). Exits with 1 if any 2.0 check failed, or if
 * a 3.0 script of the must-pass list (`suite-3.0.ts`) did not pass whole. The 3.0 totals are
 * printed apart: 3.0 is not finished, so its other failures are reported, not fatal.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINES, loadEngine, TIERS, type EngineName, type RtTier } from './engines/index.js';
import { parseScript, type Command } from './reader/commands.js';
import { ScriptSyntaxError } from './reader/tokenizer.js';
import { counts, printBreakdown, printFailures, Tally } from './report.js';
import { runScript, type Stages } from './script.js';
import { loadCompileStage } from './stages/compile.js';
import { loadDecodeStage } from './stages/decode.js';
import { loadValidateStage } from './stages/validate.js';
import { MUST_PASS_3_0, PROPOSALS_3_0 } from './suite-3.0.js';
import { Watchdog } from './watchdog.js';

const SUITE_COMMIT = 'a8101597d3c3c660086c3cd1eedee608ff18d3c3';

interface Options {
  engine: EngineName;
  verbose: boolean;
  filters: string[];
  /** The wasm-2.0 folder; by default `../shared/testsuite/wasm-2.0` from the repository root. */
  suite: string | undefined;
  /** Seconds one command may run before the watchdog stops the run; 0: no watchdog. */
  timeout: number;
  /** Run only one of the default suites. */
  only: '2.0' | '3.0' | undefined;
  /** Which rt tier runs the engine stage (`--tier`, or the `RT_TIER` environment variable). */
  tier: RtTier;
  /** Run every call on this much fuel at a time, resumed after each stop (`--fuel-slice`). */
  fuelSlice: number | undefined;
}

function usage(): never {
  console.error('usage: spectest [--engine rt|native] [--tier default|interp|fast|frame] [--fuel-slice N] [--verbose] [--suite <dir of .wast>] [--only 2.0|3.0] [--timeout <s>] [script-name-filter...]');
  process.exit(2);
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = {
    engine: 'rt', verbose: false, filters: [], suite: undefined, timeout: 60, only: undefined,
    tier: (process.env['RT_TIER'] as RtTier | undefined) ?? 'default', fuelSlice: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--verbose' || a === '-v') o.verbose = true;
    else if (a === '--engine' || a.startsWith('--engine=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (!(ENGINES as readonly string[]).includes(v ?? '')) usage();
      o.engine = v as EngineName;
    } else if (a === '--suite') {
      o.suite = argv[++i];
      if (o.suite === undefined) usage();
    } else if (a === '--only') {
      const v = argv[++i];
      if (v !== '2.0' && v !== '3.0') usage();
      o.only = v;
    } else if (a === '--tier') {
      o.tier = argv[++i] as RtTier;
    } else if (a === '--fuel-slice') {
      o.fuelSlice = Number(argv[++i]);
      if (!Number.isInteger(o.fuelSlice) || o.fuelSlice < 1) usage();
    } else if (a === '--timeout') {
      o.timeout = Number(argv[++i]);
      if (!Number.isFinite(o.timeout) || o.timeout < 0) usage();
    } else if (a === '--') continue;
    else if (a.startsWith('-')) usage();
    else o.filters.push(a.replace(/\.wast$/, ''));
  }
  if (!TIERS.includes(o.tier)) usage();
  return o;
}

/** Says where to get the 2.0 suite when it is absent (a fresh clone elsewhere). */
function printAbsent(suiteDir: string): void {
  console.log(`The WebAssembly core test suite is not at ${suiteDir}: skipping the spec tests.`);
  console.log('Get it from the public repository https://github.com/WebAssembly/testsuite, at commit');
  console.log(`${SUITE_COMMIT} for WebAssembly 2.0 (the .wast files at its top level):`);
  console.log('  git clone https://github.com/WebAssembly/testsuite testsuite-2.0');
  console.log(`  git -C testsuite-2.0 checkout ${SUITE_COMMIT}`);
  console.log('  mkdir -p ../shared/testsuite/wasm-2.0 && cp testsuite-2.0/*.wast ../shared/testsuite/wasm-2.0/');
  console.log('(paths relative to the repository root), or pass --suite <folder of .wast files>.');
  console.log('0 passed, 0 failed, 0 skipped');
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
  const suiteDir = opts.suite !== undefined ? resolve(opts.suite) : join(repoRoot, '../shared/testsuite/wasm-2.0');


  // The 2.0 suite decodes and validates by 2.0's rules, the 3.0 suite by 3.0's; the engine runs
  // valid modules, which mean the same in both.
  const [decode, validate, decode3, validate3, engine] = await Promise.all([
    loadDecodeStage('2.0'),
    loadValidateStage('2.0'),
    loadDecodeStage('3.0'),
    loadValidateStage('3.0'),
    loadEngine(opts.engine, opts.tier, opts.fuelSlice),
  ]);
  const compile = await loadCompileStage(
    opts.engine,
    typeof decode3 !== 'string' && typeof validate3 !== 'string' ? { decode: decode3, validate: validate3 } : undefined,
  );
  const status = (s: unknown): string => (typeof s === 'string' ? `skipped (${s})` : 'on');
  console.log(`decode stage: ${status(decode)}`);
  console.log(`validate stage: ${status(validate)}`);
  console.log(`compile stage (${opts.engine}'s new WebAssembly.Module and WebAssembly.validate): ${status(compile)}`);
  console.log(`engine stage (${opts.engine}): ${status(engine)}`);
  if (typeof engine !== 'string' && opts.engine === 'native') {
    console.log("  RUNNER SELF-CHECK: this runs the suite on Node's own WebAssembly to test the runner itself;");
    console.log("  it is not a result of rt's engine. Trap/link messages are V8's, so only failure kinds are compared.");
  }
  // The compile stage checks the 2.0 suite's verdicts through the JS API (3.0's part 2 is not in
  // the engine yet, so its invalid modules are left to the validate stage).
  const stages: Stages = { decode, validate, compile, engine };
  const native = typeof engine !== 'string' && opts.engine === 'native';

  // The 3.0 suite runs beside the 2.0 one unless a folder was named (then only that runs).
  const suite3Dir = join(repoRoot, '../shared/testsuite/wasm-3.0-bin');
  let exit = 0;
  let wasm3: string | undefined;
  if (opts.suite === undefined && opts.only !== '2.0' && !native) {
    if (!existsSync(suite3Dir)) {
      wasm3 = `wasm-3.0-bin: not at ${suite3Dir}, skipped`;
    } else {
      console.log(`\n== WebAssembly 3.0, every module in binary form (${suite3Dir}) ==`);
      const r = await runSuite(suite3Dir, opts, { decode: decode3, validate: validate3, engine }, (f) => f.endsWith('.bin.wast'));
      // The legacy exception scripts exist in text form only (the reference interpreter no longer
      // converts them): run from `wasm-3.0/legacy/`, by 3.0's rules, as `legacy/<name>`.
      const legacyDir = join(repoRoot, '../shared/testsuite/wasm-3.0/legacy');
      if (existsSync(legacyDir)) {
        console.log(`\n== WebAssembly 3.0, legacy exception handling, text (${legacyDir}) ==`);
        const l = await runSuite(legacyDir, opts, { decode: decode3, validate: validate3, engine }, (f) => f.endsWith('.wast'));
        for (const [n, t] of l.byScript) r.byScript.set(`legacy/${n}`, t);
        r.total.add(l.total);
      }
      const byScript = r.byScript;
      const names = new Set(byScript.keys());
      // Failures in detail for the scripts that must pass (for every script with --verbose); the
      // rest are counted per script.
      const mustPass = MUST_PASS_3_0.filter((n) => opts.filters.length === 0 || names.has(n));
      const required = new Tally();
      for (const n of opts.verbose ? names : mustPass) {
        const t = byScript.get(n);
        if (t) required.add(t);
      }
      printFailures(required, opts.verbose);
      console.log('\n3.0 commands passed, by proposal (a command passes when every check of it passes):');
      for (const p of PROPOSALS_3_0) {
        const t = new Tally();
        let whole = 0;
        let present = 0;
        for (const n of p.scripts) {
          const s = byScript.get(n);
          if (!s) continue;
          present++;
          t.add(s);
          if (s.failed === 0 && s.skipped === 0) whole++;
        }
        if (present > 0) console.log(`  ${p.name}: ${t.commandsPassed}/${t.commands} commands; ${whole}/${present} scripts pass whole`);
      }
      const broken = mustPass.filter((n) => {
        const t = byScript.get(n);
        return t === undefined || t.failed > 0 || t.skipped > 0;
      });
      console.log(`3.0 scripts that must pass whole: ${mustPass.length - broken.length} of ${mustPass.length} pass${broken.length ? `; REGRESSED: ${broken.join(', ')}` : ''}`);
      if (broken.length > 0) exit = 1;
      wasm3 = `wasm-3.0-bin: ${counts(r.total)} (${r.total.commandsPassed}/${r.total.commands} commands; not in the totals below)`;
    }
  }

  if (opts.only === '3.0' && opts.suite === undefined) {
    if (wasm3 !== undefined) console.log(`\n${wasm3}`);
    return exit;
  }
  if (!existsSync(suiteDir)) {
    printAbsent(suiteDir);
    return exit;
  }
  console.log(`\n== ${opts.suite === undefined ? 'WebAssembly 2.0' : 'Scripts'} (${suiteDir}) ==`);
  const r2 = await runSuite(suiteDir, opts, stages, () => true);
  printFailures(r2.total, opts.verbose);
  printBreakdown(r2.total, opts.verbose);
  console.log(`\n${r2.files} scripts in ${r2.seconds.toFixed(1)} s`);
  if (native) console.log("(engine checks: runner self-check on Node's WebAssembly, not rt's engine)");
  if (wasm3 !== undefined) console.log(wasm3);
  // Alone on the last line: the totals CI sums (`.ci/summary.mjs`), of the suite that must pass.
  console.log(counts(r2.total));
  return r2.total.failed > 0 ? 1 : exit;
}

/** Runs every `.wast` script of `dir` that the filters select; tallies per script and in total. */
async function runSuite(
  dir: string,
  opts: Options,
  stages: Stages,
  accept: (file: string) => boolean,
): Promise<{ total: Tally; byScript: Map<string, Tally>; files: number; seconds: number }> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.wast') && accept(f))
    .filter((f) => opts.filters.length === 0 || opts.filters.some((p) => f.includes(p)))
    .sort();

  const total = new Tally();
  const byScript = new Map<string, Tally>();
  const started = performance.now();
  const scriptName = (f: string): string => f.replace(/\.bin\.wast$|\.wast$/, '');
  const watchdog = opts.timeout > 0 ? new Watchdog(files.map(scriptName), opts.timeout) : undefined;
  for (const [index, file] of files.entries()) {
    const name = scriptName(file);
    const t0 = performance.now();
    let tally = new Tally();
    // A script we cannot read, or a crash of the runner, is one failure, not the end of the run.
    const broken = (what: string, e: unknown): void => {
      // A syntax error names its line; anything else is a runner bug, so keep its stack.
      const syntax = e instanceof ScriptSyntaxError;
      const actual = syntax ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e);
      tally.record(name, syntax ? e.line : 0, what, 'script', 'runner', { status: 'fail', expected: `${what} succeeds`, actual });
    };
    let commands: Command[] | undefined;
    try {
      // A plain Uint8Array: Node Buffers have a different `slice` and may share a pooled buffer.
      commands = parseScript(new Uint8Array(readFileSync(join(dir, file))));
    } catch (e) {
      broken('read script', e);
    }
    if (commands) {
      try {
        tally = await runScript(name, commands, stages, (line) => watchdog?.enter(index, line));
      } catch (e) {
        broken('run script', e);
      }
    }
    watchdog?.idle();
    const ms = opts.verbose ? ` (${Math.round(performance.now() - t0)} ms)` : '';
    console.log(`${name}: ${counts(tally)}${ms}`);
    total.add(tally);
    byScript.set(name, tally);
  }
  await watchdog?.stop();
  return { total, byScript, files: files.length, seconds: (performance.now() - started) / 1000 };
}

// `pnpm spectest | head` closes our stdout early: stop quietly instead of crashing on EPIPE.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
