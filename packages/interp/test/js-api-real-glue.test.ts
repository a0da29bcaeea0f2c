/**
 * Real generated glue from npm, unchanged, on rt's `WebAssembly` and on Node's: the results must
 * be identical. js-api-glue.test.ts imitates glue patterns; this runs the real thing:
 *
 * - `sql.js` (SQLite built with emscripten): instantiate, heap growth, `addFunction` (which
 *   builds a tiny module per JS function and grows the function table), JS exceptions crossing
 *   Wasm frames, strings and blobs through the heap;
 * - `@rollup/wasm-node`'s parser bindings (a recent wasm-bindgen: an exported externref table
 *   filled from JS, every argument passed as an externref, cached memory views refreshed after
 *   growth detaches the buffer).
 *
 * Each glue file is evaluated as CommonJS with `WebAssembly` bound to the namespace under test
 * (behind a Proxy that records what the glue touched, to show that ours was really used).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getEngine } from '../src/js-api/shared.js';
import type { JsApi } from '../src/index.js';
import { NATIVE, RT, type Api } from './js-api-apis.js';

const require = createRequire(import.meta.url);

/** `api`, the names of its members glue code read, and the instances it made with `new Instance`. */
function tracked(api: Api): { readonly api: Api; readonly used: Set<string>; readonly instances: JsApi.Instance[] } {
  const used = new Set<string>();
  const instances: JsApi.Instance[] = [];
  const Instance = new Proxy(api.Instance, {
    construct(target, args, newTarget): object {
      const instance = Reflect.construct(target, args, newTarget) as JsApi.Instance;
      instances.push(instance);
      return instance;
    },
  });
  const proxy = new Proxy(api, {
    get(target, key, receiver): unknown {
      if (typeof key === 'string') used.add(key);
      return key === 'Instance' ? Instance : (Reflect.get(target, key, receiver) as unknown);
    },
  });
  return { api: proxy, used, instances };
}

/** Runs the CommonJS file `file` with its free variable `WebAssembly` bound to `api`; returns `module.exports`. */
function loadCommonJs(file: string, api: Api): unknown {
  const module = { exports: {} as unknown };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- evaluating a file, as Node's loader does
  const run = new Function('exports', 'require', 'module', '__filename', '__dirname', 'WebAssembly', readFileSync(file, 'utf8')) as (
    ...args: unknown[]
  ) => void;
  run(module.exports, createRequire(file), module, file, dirname(file), api);
  return module.exports;
}

/** The parts of sql.js's API used here. */
interface SqlJs {
  Database: new () => {
    run(sql: string, params?: unknown[]): void;
    exec(sql: string): { columns: string[]; values: unknown[][] }[];
    prepare(sql: string, params?: Record<string, unknown>): { step(): boolean; getAsObject(): Record<string, unknown>; run(params: unknown[]): void; free(): void };
    create_function(name: string, f: (...args: unknown[]) => unknown): void;
    create_aggregate(name: string, a: { init: () => unknown; step: (state: never, v: never) => unknown; finalize: (state: never) => unknown }): void;
    updateHook(f: (op: string, db: string, table: string, rowid: number) => void): void;
    export(): Uint8Array;
    close(): void;
  };
}

/** A small SQLite session through sql.js; returns everything it observed, as text. */
async function sqlSession(api: Api): Promise<string[]> {
  const initSqlJs = loadCommonJs(require.resolve('sql.js/dist/sql-wasm.js'), api) as () => Promise<SqlJs>;
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  const out: string[] = [];
  db.run('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, score REAL, data BLOB)');
  const insert = db.prepare('INSERT INTO t (name, score, data) VALUES (?, ?, ?)');
  for (let i = 0; i < 300; i++) insert.run([`n${i}é`, i * 1.5, new Uint8Array([i & 255, 7])]);
  insert.free();
  // A JS function and aggregate called from SQL: emscripten's addFunction makes a module per function.
  db.create_function('js_twice', (x) => Number(x) * 2);
  db.create_aggregate('js_concat', { init: () => '', step: (s: string, v: unknown) => s + String(v), finalize: (s: string) => s.length });
  const hooks: string[] = [];
  db.updateHook((op, _db, table, rowid) => hooks.push(`${op} ${table} ${rowid}`));
  db.run("UPDATE t SET name = upper(name) WHERE id % 50 = 0");
  out.push(JSON.stringify(db.exec('SELECT count(*), sum(score), js_twice(max(id)), js_concat(name), hex(max(data)) FROM t WHERE id % 7 = 0')));
  out.push(JSON.stringify(db.exec("SELECT sqlite_version(), printf('%.3f|%d', 3.14159, 9007199254740991), upper('straße')")));
  const select = db.prepare('SELECT * FROM t WHERE id > $min ORDER BY id LIMIT 2', { $min: 295 });
  while (select.step()) out.push(JSON.stringify(select.getAsObject()));
  select.free();
  out.push(hooks.join(';'));
  try {
    db.exec('SELECT * FROM missing');
  } catch (e) {
    out.push(`sql error: ${(e as Error).message}`);
  }
  db.create_function('js_throws', () => {
    throw new Error('thrown in JS');
  });
  try {
    db.exec('SELECT js_throws()');
  } catch (e) {
    out.push(`js error: ${(e as Error).message}`);
  }
  out.push(`export: ${db.export().length} bytes`);
  db.close();
  return out;
}

/** The parts of `@rollup/wasm-node`'s wasm-bindgen bindings used here. */
interface RollupBindings {
  parse(code: string, allowReturnOutsideFunction: boolean, jsx: boolean, swapByteOrder: boolean): Uint8Array;
  xxhashBase16(input: Uint8Array): string;
  xxhashBase64Url(input: Uint8Array): string;
}

function rollupBindings(api: Api): RollupBindings {
  const root = dirname(require.resolve('@rollup/wasm-node/package.json'));
  return loadCommonJs(join(root, 'dist/wasm-node/bindings_wasm.js'), api) as RollupBindings;
}

/** Source to parse: modern syntax, non-ASCII text (UTF-8 ↔ UTF-16 offsets in the AST buffer). */
function source(): string {
  const parts: string[] = ['import { a as b } from "./x.js";', 'export default class K { #p = 1; get p() { return this.#p ?? 0n; } }'];
  for (let i = 0; i < 30; i++) parts.push(`export const v${i} = async (s, ...r) => \`\${s}\${r.length}é${i}\` + /re${i}/u.test(s) ? { [s]: ${i}e3 } : await import("m${i}");`);
  return parts.join('\n');
}

const sha = async (bytes: Uint8Array): Promise<string> => Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');

describe('real glue from npm on rt vs native', () => {
  it('sql.js (emscripten): same results as on native WebAssembly', async () => {
    const native = await sqlSession(NATIVE);
    const rt = tracked(RT);
    const ours = await sqlSession(rt.api);
    expect(ours).toEqual(native);
    expect(ours.some((l) => l.includes('thrown in JS'))).toBe(true);
    expect([...rt.used]).toEqual(expect.arrayContaining(['instantiate', 'Module', 'Instance']));
  });

  it('@rollup/wasm-node (wasm-bindgen, externref table): same AST buffers and hashes as on native', async () => {
    const native = rollupBindings(NATIVE);
    const rt = tracked(RT);
    const ours = rollupBindings(rt.api);
    expect([...rt.used]).toEqual(expect.arrayContaining(['Module', 'Instance']));

    const code = source();
    expect(await sha(ours.parse(code, false, false, false))).toBe(await sha(native.parse(code, false, false, false)));
    const jsx = 'const e = <div a="1">{x}</div>; return e;';
    expect(ours.parse(jsx, true, true, true)).toEqual(native.parse(jsx, true, true, true));
    const broken = 'let = ;'; // parse errors come back encoded in the buffer
    expect(ours.parse(broken, false, false, false)).toEqual(native.parse(broken, false, false, false));
    // 1 MiB copied into Wasm memory: malloc grows the memory, detaching the buffer the glue's
    // cached Uint8Array is over, which the glue notices by its byteLength of 0.
    const big = new Uint8Array(1 << 20).map((_, i) => (i * 31) ^ (i >> 9));
    const memory = rt.instances[0]!.exports['memory'] as JsApi.Memory;
    const buffer = memory.buffer;
    expect(ours.xxhashBase16(big)).toBe(native.xxhashBase16(big));
    expect([buffer.byteLength, memory.buffer.byteLength > (1 << 20)]).toEqual([0, true]);
    expect(ours.xxhashBase64Url(new Uint8Array([1, 2, 3]))).toBe(native.xxhashBase64Url(new Uint8Array([1, 2, 3])));

    // Every call passes its Uint8Array as an externref: they must not pile up in the store.
    const refs = getEngine().store.refs;
    const before = refs.length;
    for (let i = 0; i < 400; i++) ours.xxhashBase16(new Uint8Array(64).fill(i));
    expect(refs.length - before).toBeLessThan(200);
  });
});
