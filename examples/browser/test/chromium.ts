/**
 * Launches the system's Chromium (Debian's `chromium` package, installed by `.ci/run`) through
 * playwright-core, with a fresh profile and nothing running in the background.
 * @packageDocumentation
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Where Chromium is: `$CHROMIUM`, else the usual system paths; undefined if none. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((p): p is string => p !== undefined && p !== '' && existsSync(p));
}

/** A launched browser and how to dispose of it (its profile directory included). */
export interface LaunchedBrowser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Launches Chromium headless with `extraArgs` (e.g. `--js-flags=--jitless`). */
export async function launchChromium(executablePath: string, extraArgs: readonly string[] = []): Promise<LaunchedBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'rt-chromium-'));
  // playwright passes the fresh profile as --user-data-dir (it refuses that flag in `args`).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', ...extraArgs,
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
