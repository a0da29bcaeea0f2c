/**
 * Finding and reading a `test/js-api` folder of the WebAssembly/spec repository or of a proposal's
 * fork of it (as web-platform-tests lays it out under `/wasm/jsapi/`). Shared with
 * tools/jspi-tests, which runs the JS Promise Integration proposal's tests.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runInThisContext } from 'node:vm';
import { createHarness, type SubtestResult } from './testharness.js';

/**
 * The `test/js-api` folder, from what was given (the folder, a checkout, or a bare clone, whose
 * HEAD's folder is then extracted with `git archive`), and which commit it is when known.
 */
export function locate(given: string): { dir: string; commit: string | null } | null {
  if (!existsSync(given)) return null;
  const commitOf = (gitDir: string): string | null => {
    try {
      return execFileSync('git', ['--git-dir', gitDir, 'rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return null;
    }
  };
  if (existsSync(join(given, 'wasm-module-builder.js'))) return { dir: given, commit: null };
  if (existsSync(join(given, 'test/js-api/wasm-module-builder.js'))) return { dir: join(given, 'test/js-api'), commit: commitOf(join(given, '.git')) };
  if (existsSync(join(given, 'HEAD')) && existsSync(join(given, 'objects'))) {
    const out = mkdtempSync(join(tmpdir(), 'rt-jsapi-'));
    const tar = execFileSync('git', ['--git-dir', given, 'archive', 'HEAD', 'test/js-api'], { maxBuffer: 1 << 28 });
    execFileSync('tar', ['-x', '-C', out], { input: tar });
    return { dir: join(out, 'test/js-api'), commit: commitOf(given) };
  }
  return null;
}

/** The `.any.js` test files under `dir` (relative to it, sorted). */
export function testFiles(dir: string, sub = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(dir, sub)).sort()) {
    const rel = sub ? `${sub}/${name}` : name;
    if (statSync(join(dir, rel)).isDirectory()) out.push(...testFiles(dir, rel));
    else if (name.endsWith('.any.js')) out.push(rel);
  }
  return out;
}

/** The prefix under which web-platform-tests serves the folder. */
const WPT_PREFIX = '/wasm/jsapi/';

/** The scripts a test file's `// META: script=` lines name, as paths under `dir`. */
export function metaScripts(source: string, dir: string, file: string): string[] {
  const out: string[] = [];
  for (const line of source.split('\n')) {
    const m = /^\/\/ META: script=(.+)$/.exec(line.trim());
    if (m) out.push(m[1]!.trim());
    else if (!line.startsWith('//') && line.trim() !== '') break;
  }
  return out.map((spec) => (spec.startsWith(WPT_PREFIX) ? join(dir, spec.slice(WPT_PREFIX.length)) : join(dir, dirname(file), spec)));
}

/**
 * Evaluates test `file` of `dir` in this realm: the scripts its `// META: script=` lines name,
 * then the file, each as a classic script (its top-level classes and lets are seen by the next
 * script, as in a browser; Deno implements `runInThisContext` the same way). Returns the errors
 * thrown while evaluating, as testharness.js reports them: as failures of the file.
 */
export function evaluateTestFile(dir: string, file: string): SubtestResult[] {
  const errors: SubtestResult[] = [];
  const source = readFileSync(join(dir, file), 'utf8');
  for (const path of [...metaScripts(source, dir, file), join(dir, file)]) {
    try {
      runInThisContext(readFileSync(path, 'utf8'), { filename: path });
    } catch (e) {
      errors.push({ name: `(evaluating ${path.slice(dir.length + 1)})`, status: 'FAIL', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    }
  }
  return errors;
}

/**
 * Runs `command` (a process that runs one test file and prints `RESULTS <json>`) and resolves to
 * its results, or to one failure saying how the process ended when it printed none.
 */
export function runTestProcess(command: readonly string[], env: Record<string, string | undefined> = process.env): Promise<SubtestResult[]> {
  return new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULTS '));
      if (line) resolve(JSON.parse(line.slice(8)) as SubtestResult[]);
      else resolve([{ name: '(file)', status: 'FAIL', message: `the test process exited with ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}` }]);
    });
  });
}

/**
 * Runs test `file` of `dir` in this process (whose global `WebAssembly` is the engine under
 * test): installs the harness on the global object, evaluates the file ({@link evaluateTestFile})
 * and runs its subtests. Unhandled rejections count as failures of the file.
 */
export async function runTestFileHere(dir: string, file: string): Promise<SubtestResult[]> {
  const g = globalThis as Record<string, unknown>;
  g['self'] = globalThis;
  const harness = createHarness();
  Object.assign(globalThis, harness.globals);
  const errors: SubtestResult[] = [];
  process.on('unhandledRejection', (e) => errors.push({ name: '(unhandled rejection)', status: 'FAIL', message: String(e) }));
  errors.push(...evaluateTestFile(dir, file));
  const results = await harness.run();
  // Rejections a test left unhandled surface after its turn: give them one.
  await new Promise((resolve) => setTimeout(resolve, 10));
  return [...results, ...errors];
}
