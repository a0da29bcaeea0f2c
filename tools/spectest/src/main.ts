/**
 * The spec-suite runner's command line.
 *
 *   pnpm spectest [--engine rt|native] [--verbose] [filter...]
 *
 * Runs every script of the WebAssembly 2.0 core suite (`../shared/testsuite/wasm-2.0/` from the
 * repository root) whose name contains one of the filters, and exits with 1 if any check failed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINES, loadEngine, TIERS, type EngineName, type RtTier } from './engines/index.js';
import { parseScript, type Command } from './reader/commands.js';
import { ScriptSyntaxError } from './reader/tokenizer.js';
import { counts, printBreakdown, printFailures, Tally } from './report.js';
import { runScript } from './script.js';
import { loadCompileStage } from './stages/compile.js';
import { loadDecodeStage } from './stages/decode.js';
import { loadValidateStage } from './stages/validate.js';
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
  /** Which rt tier runs the engine stage (`--tier`, or the `RT_TIER` environment variable). */
  tier: RtTier;
}

function usage(): never {
  console.error('usage: spectest [--engine rt|native] [--tier default|interp|fast|frame] [--verbose] [--suite <wasm-2.0 dir>] [--timeout <s>] [script-name-filter...]');
  process.exit(2);
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { engine: 'rt', verbose: false, filters: [], suite: undefined, timeout: 60, tier: (process.env['RT_TIER'] as RtTier | undefined) ?? 'default' };
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
    } else if (a === '--tier') {
      o.tier = argv[++i] as RtTier;
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

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
  const suiteDir = opts.suite !== undefined ? resolve(opts.suite) : join(repoRoot, '../shared/testsuite/wasm-2.0');

  if (!existsSync(suiteDir)) {
    console.log(`The WebAssembly core test suite is not at ${suiteDir}: skipping the spec tests.`);
    console.log('Get it from the public repository https://github.com/WebAssembly/testsuite, at commit');
    console.log(`${SUITE_COMMIT} for WebAssembly 2.0 (the .wast files at its top level):`);
    console.log('  git clone https://github.com/WebAssembly/testsuite testsuite-2.0');
    console.log(`  git -C testsuite-2.0 checkout ${SUITE_COMMIT}`);
    console.log('  mkdir -p ../shared/testsuite/wasm-2.0 && cp testsuite-2.0/*.wast ../shared/testsuite/wasm-2.0/');
    console.log('(paths relative to the repository root), or pass --suite <folder of .wast files>.');
    console.log('0 passed, 0 failed, 0 skipped');
    return 0;
  }

  const [decode, validate, compile, engine] = await Promise.all([loadDecodeStage(), loadValidateStage(), loadCompileStage(opts.engine), loadEngine(opts.engine, opts.tier)]);
  const status = (s: unknown): string => (typeof s === 'string' ? `skipped (${s})` : 'on');
  console.log(`decode stage: ${status(decode)}`);
  console.log(`validate stage: ${status(validate)}`);
  console.log(`compile stage (${opts.engine}'s new WebAssembly.Module and WebAssembly.validate): ${status(compile)}`);
  console.log(`engine stage (${opts.engine}): ${status(engine)}`);
  if (typeof engine !== 'string' && opts.engine === 'native') {
    console.log("  RUNNER SELF-CHECK: this runs the suite on Node's own WebAssembly to test the runner itself;");
    console.log("  it is not a result of rt's engine. Trap/link messages are V8's, so only failure kinds are compared.");
  }

  const files = readdirSync(suiteDir)
    .filter((f) => f.endsWith('.wast'))
    .filter((f) => opts.filters.length === 0 || opts.filters.some((p) => f.includes(p)))
    .sort();

  const total = new Tally();
  const started = performance.now();
  const watchdog = opts.timeout > 0 ? new Watchdog(files.map((f) => f.replace(/\.wast$/, '')), opts.timeout) : undefined;
  for (const [index, file] of files.entries()) {
    const name = file.replace(/\.wast$/, '');
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
      commands = parseScript(new Uint8Array(readFileSync(join(suiteDir, file))));
    } catch (e) {
      broken('read script', e);
    }
    if (commands) {
      try {
        tally = await runScript(name, commands, { decode, validate, compile, engine }, (line) => watchdog?.enter(index, line));
      } catch (e) {
        broken('run script', e);
      }
    }
    watchdog?.idle();
    const ms = opts.verbose ? ` (${Math.round(performance.now() - t0)} ms)` : '';
    console.log(`${name}: ${counts(tally)}${ms}`);
    total.add(tally);
  }

  await watchdog?.stop();
  printFailures(total, opts.verbose);
  printBreakdown(total, opts.verbose);
  console.log(`\n${files.length} scripts in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (typeof engine !== 'string' && opts.engine === 'native') console.log("(engine checks: runner self-check on Node's WebAssembly, not rt's engine)");
  console.log(counts(total));
  return total.failed > 0 ? 1 : 0;
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
