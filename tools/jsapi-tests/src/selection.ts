/**
 * Which JS-API tests are WebAssembly 2.0's and which 3.0's. The 3.0 files are those of exception
 * handling, tags and GC (`exception/`, `tag/`, `gc/`; still named `.tentative.` upstream), counted
 * on their own. Other files of later proposals are left out (JS string builtins, memory64, and
 * everything else tentative); in the 2.0 files, subtests of later proposals are run but not
 * counted, each with its reason.
 */

/** Files of WebAssembly 3.0's exception handling, tags and GC, counted apart from 2.0's. */
export function is30File(file: string): boolean {
  return /^(exception|gc|tag)\//.test(file);
}

/** Files of proposals beyond 2.0. */
export function isPost20File(file: string): boolean {
  return /^(exception|gc|js-string|tag)\//.test(file) || file.includes('memory64') || file.includes('.tentative.');
}

/** Subtests of later proposals in 2.0 files, by a pattern of their name, and why. */
const POST_20_SUBTESTS: readonly (readonly [RegExp, RegExp, string])[] = [
  // memory64 / table64: the `address` descriptor member and i64 sizes.
  [/^(memory|table)\//, /address|i64/i, 'memory64 / table64 (3.0): the `address` member of the descriptor'],
  // The expected order of descriptor reads includes `address` (memory64 / table64).
  [/^(memory|table)\/constructor/, /^Order of evaluation for descriptor$/, 'memory64 / table64 (3.0): expects the descriptor\'s `address` to be read'],
  [/^memory\//, /shared/i, 'threads (post-2.0): shared memories'],
  // wasm-module-builder.js writes the shared flag for `shared: false` (it tests `typeof shared
  // != "undefined"`), and these tests pass `false`: their modules have shared memories.
  [/^limits\.any\.js$/, /(data segments|memories) (minimum|limit|over limit)$/, 'threads (post-2.0): the module builder makes the memory shared'],
];

/** Why a subtest is not counted for 2.0, or `null` when it is. */
export function post20Reason(file: string, name: string): string | null {
  for (const [f, n, why] of POST_20_SUBTESTS) if (f.test(file) && n.test(name)) return why;
  return null;
}
