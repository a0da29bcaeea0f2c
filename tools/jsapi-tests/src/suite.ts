/**
 * Finding and reading a `test/js-api` folder of the WebAssembly/spec repository or of a proposal's
 * fork of it (as web-platform-tests lays it out under `/wasm/jsapi/`). Shared with
 * tools/jspi-tests, which runs the JS Promise Integration proposal's tests.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

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
