/**
 * Takes the README's screenshot of the playground: the built page in Chromium with WebAssembly
 * removed (`?wasm=off`), CPython run to completion, its name typed into stdin while it waited. `pnpm --filter @rt/example-browser screenshot`.
 */
import { fileURLToPath } from 'node:url';
import { chromiumPath, launchChromium } from './chromium.js';
import { ISOLATION, serveStatic } from './static-server.js';

const out = fileURLToPath(new URL('../screenshot.png', import.meta.url));
const executable = chromiumPath();
if (executable === undefined) throw new Error('no Chromium found (apt-get install chromium, or set $CHROMIUM)');
const server = await serveStatic(fileURLToPath(new URL('../dist/', import.meta.url)), ISOLATION);
const { context, close } = await launchChromium(executable);
try {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1000, height: 900 });
  await page.goto(`${server.url}/?program=python&wasm=off&interactive`);
  await page.fill('#stdin', '');
  await page.click('#run');
  await page.waitForFunction(() => document.body.dataset.stdin === 'waiting', undefined, { timeout: 120_000 });
  await page.fill('#stdin-line', 'Ada');
  await page.press('#stdin-line', 'Enter');
  await page.waitForFunction(() => document.body.dataset.state === 'done', undefined, { timeout: 120_000 });
  await page.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${out}`);
} finally {
  await close();
  await server.close();
}
