/**
 * The playground page in real Chromium: a WASI program (C, wasi-libc) runs on rt with files in
 * @rt/wasi's memory file system, normally, with the browser's WebAssembly switched off, without a
 * JavaScript JIT, and under a CSP that forbids eval (where rt must fall back to its interpreter by
 * itself). Each case prints the tier that ran. Needs `pnpm build` first (the page's `dist/`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LastRun } from '../src/main.js';
import type { HostFacts } from '../src/protocol.js';
import type { Page } from 'playwright-core';
import { chromiumPath, launchChromium } from './chromium.js';
import { ISOLATION, serveStatic, type StaticServer } from './static-server.js';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const catInput = readFileSync(new URL('../../cat/input.txt', import.meta.url), 'utf8');
const sqliteExpected = readFileSync(new URL('../../../bench/large/sqlite.expected.txt', import.meta.url), 'utf8');
const executable = chromiumPath();
/** SQLite's total fuel in each run: the same program uses the same fuel in every tier and setup. */
const sqliteFuel: number[] = [];

/** No eval, no `wasm-unsafe-eval`: only the page's own files. */
const NO_EVAL_CSP = "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self'";

interface Case {
  readonly name: string;
  readonly flags: readonly string[];
  readonly csp: boolean;
  /** Extra page parameters. */
  readonly query: string;
  /** Whether the browser itself still has `WebAssembly` (before the page removes anything). */
  readonly browserWebAssembly: boolean;
  readonly expect: HostFacts;
}

const CASES: readonly Case[] = [
  { name: 'normal', flags: [], csp: false, query: '', browserWebAssembly: true, expect: { nativeWebAssembly: true, nativeCompile: true, codeGeneration: true } },
  // V8 dropped --expose-wasm (Chromium 156 ignores --noexpose-wasm, as the test asserts), so
  // the page also removes its own and its worker's WebAssembly global (?wasm=off) before rt runs.
  { name: 'WebAssembly disabled (--noexpose-wasm, ?wasm=off)', flags: ['--js-flags=--noexpose-wasm'], csp: false, query: '&wasm=off', browserWebAssembly: true, expect: { nativeWebAssembly: false, nativeCompile: false, codeGeneration: true } },
  // --jitless also drops WebAssembly: V8 has no Wasm interpreter any more.
  { name: 'no JIT (--jitless)', flags: ['--js-flags=--jitless'], csp: false, query: '', browserWebAssembly: false, expect: { nativeWebAssembly: false, nativeCompile: false, codeGeneration: true } },
  // Neither 'unsafe-eval' nor 'wasm-unsafe-eval': new Function and native Wasm compilation refused.
  { name: "CSP without 'unsafe-eval'", flags: [], csp: true, query: '', browserWebAssembly: true, expect: { nativeWebAssembly: true, nativeCompile: false, codeGeneration: false } },
];

/** What the run left, uncaught page errors, and whether the browser itself exposed `WebAssembly`. */
interface PageRun {
  readonly run: LastRun;
  readonly errors: string[];
  readonly browserWebAssembly: boolean;
}

/** Runs `use` on a new page of a fresh Chromium launched with `flags`, then closes the browser. */
async function withPage<T>(flags: readonly string[], use: (page: Page) => Promise<T>): Promise<T> {
  const { context, close } = await launchChromium(executable!, flags);
  try {
    return await use(await context.newPage());
  } finally {
    await close();
  }
}

/** Opens the page with `query`, waits for the run to end, and returns what it left. */
async function runPage(c: Case, server: StaticServer, query: string): Promise<PageRun> {
  return withPage(c.flags, async (page) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/not-the-page`);
    const browserWebAssembly = await page.evaluate(() => typeof WebAssembly === 'object');
    await page.goto(`${server.url}/?${query}${c.query}&autorun`);
    await page.waitForFunction(() => ['done', 'error', 'stopped'].includes(document.body.dataset.state ?? '') && window.rtLastRun !== undefined, undefined, { timeout: 300_000 });
    return { run: (await page.evaluate(() => window.rtLastRun))!, errors, browserWebAssembly };
  });
}

describe.skipIf(executable === undefined || !existsSync(dist))('the playground in Chromium', () => {
  let plain: StaticServer;
  let strict: StaticServer;
  beforeAll(async () => {
    plain = await serveStatic(dist, ISOLATION);
    strict = await serveStatic(dist, { ...ISOLATION, 'content-security-policy': NO_EVAL_CSP });
  });
  afterAll(async () => {
    await plain.close();
    await strict.close();
  });

  it('a program waits for what is typed into stdin while it runs', () => withPage([], async (page) => {
    await page.goto(`${plain.url}/?program=python&interactive`);
    await page.fill('#stdin', '');
    await page.click('#run');
    await page.waitForFunction(() => document.body.dataset.stdin === 'waiting', undefined, { timeout: 240_000 });
    const before = (await page.evaluate(() => window.rtLastRun))!;
    expect(before).toMatchObject({ state: 'running', stderr: 'your name? ' });
    await page.fill('#stdin-line', 'Grace');
    await page.press('#stdin-line', 'Enter');
    await page.waitForFunction(() => ['done', 'error', 'stopped'].includes(document.body.dataset.state ?? ''), undefined, { timeout: 240_000 });
    const run = (await page.evaluate(() => window.rtLastRun))!;
    expect(run).toMatchObject({ state: 'done', exitCode: 0, stdin: 'Grace\n' });
    expect(run.stdout).toMatch(/\nhello, Grace!\n$/);
    expect(run.files?.['/receipt.txt']).toBe('Grace: 17.75\n');
  }), 300_000);

  it('a fuel limit pauses SQLite, the count is live, and Resume finishes it', () => withPage([], async (page) => {
    await page.goto(`${plain.url}/?program=sqlite&fuel=20000000&autorun`);
    await page.waitForFunction(() => document.body.dataset.state === 'paused', undefined, { timeout: 240_000 });
    const paused = (await page.evaluate(() => window.rtLastRun))!;
    expect(paused.pausedFor).toBe('fuel limit');
    expect(paused.fuelConsumed).toBeGreaterThanOrEqual(20_000_000);
    expect(paused.fuelConsumed).toBeLessThan(2 * 20_000_000); // the slice is the limit
    expect(await page.textContent('#fuel-used')).toMatch(/^fuel [\d,]+$/);
    await page.fill('#fuel', '');
    await page.click('#pause'); // "Resume", with no limit now
    await page.waitForFunction(() => ['done', 'error', 'stopped'].includes(document.body.dataset.state ?? ''), undefined, { timeout: 240_000 });
    const run = (await page.evaluate(() => window.rtLastRun))!;
    expect(run).toMatchObject({ state: 'done', exitCode: 0, stdout: sqliteExpected });
    expect(run.fuelConsumed).toBeGreaterThan(paused.fuelConsumed!);
    sqliteFuel.push(run.fuelConsumed!);
    console.log(`fuel: paused at ${paused.fuelConsumed}, finished at ${run.fuelConsumed}`);
  }), 300_000);

  it('Stop ends a running program at once', () => withPage([], async (page) => {
    await page.goto(`${plain.url}/?program=python&autorun`);
    await page.waitForFunction(() => document.getElementById('status')!.textContent!.startsWith('running'), undefined, { timeout: 240_000 });
    const t0 = Date.now();
    await page.click('#stop');
    await page.waitForFunction(() => document.body.dataset.state === 'stopped', undefined, { timeout: 2_000 });
    const run = (await page.evaluate(() => window.rtLastRun))!;
    expect(run.exitCode).toBeUndefined();
    expect(await page.isEnabled('#run')).toBe(true);
    console.log(`Stop: the run ended ${Date.now() - t0} ms after the click`);
  }), 300_000);

  for (const c of CASES) {
    it(`${c.name}: cat reads a file, SQLite runs its demo, CPython runs a script`, async () => {
      const server = c.csp ? strict : plain;
      const cat = await runPage(c, server, 'program=cat');
      expect(cat.errors).toEqual([]);
      expect(cat.run).toMatchObject({ state: 'done', exitCode: 0, stdout: catInput, stderr: '' });
      // If V8 knows --noexpose-wasm again, this fails for that case: then ?wasm=off can go.
      expect(cat.browserWebAssembly).toBe(c.browserWebAssembly);
      expect(cat.run.host).toEqual(c.expect);

      const sqlite = await runPage(c, server, 'program=sqlite');
      expect(sqlite.errors).toEqual([]);
      expect(sqlite.run).toMatchObject({ state: 'done', exitCode: 0, stderr: '' });
      expect(sqlite.run.stdout).toBe(sqliteExpected);
      sqliteFuel.push(sqlite.run.fuelConsumed!);
      const python = await runPage(c, server, 'program=python');
      expect(python.errors).toEqual([]);
      // input()'s prompt goes to stderr when stdin is not a terminal.
      expect(python.run).toMatchObject({ state: 'done', exitCode: 0, stderr: 'your name? ' });
      expect(python.run.stdout).toBe("Python 3.12.0 on rt, arguments ['--receipt']\n3 items, total 17.75\nhello, Ada!\n");
      expect(python.run.files?.['/receipt.txt']).toBe('Ada: 17.75\n');
      console.log(`${c.name}: python ${python.run.tiers} (${python.run.runMs!.toFixed(0)} ms)`);
      console.log(`${c.name}: browser's WebAssembly ${cat.browserWebAssembly ? 'exposed' : 'absent'}, page's ${c.expect.nativeWebAssembly ? (c.expect.nativeCompile ? 'usable' : 'refused') : 'absent'}, code generation ${c.expect.codeGeneration ? 'allowed' : 'refused'}; tiers: cat ${cat.run.tiers}; sqlite ${sqlite.run.tiers} (${sqlite.run.runMs!.toFixed(0)} ms)`);
      if (c.expect.codeGeneration) expect(sqlite.run.tiers).toMatch(/fast|frame/);
      else expect(sqlite.run.tiers).toMatch(/^interpreter \d+$/);
    }, 900_000);
  }

  it('SQLite used the same fuel in every setup and tier', () => {
    expect(sqliteFuel.length).toBe(CASES.length + 1);
    expect(new Set(sqliteFuel).size).toBe(1);
    console.log(`SQLite's fuel, every run: ${sqliteFuel[0]}`);
  });
});
