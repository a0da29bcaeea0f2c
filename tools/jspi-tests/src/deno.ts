/**
 * Where the Deno binary is: the `@deno/linux-x64-glibc` package (a devDependency of this package,
 * so CI has it), or `DENO` from the environment. Deno's V8 ships the final JSPI API
 * (`WebAssembly.Suspending`, `WebAssembly.promising`) and the final GC and exnref proposals,
 * which Node 20's does not; tools/wasm3-apps uses this lookup too.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The path of a Deno binary, or why there is none. */
export function findDeno(): { path: string } | { missing: string } {
  const fromEnv = process.env['DENO'];
  if (fromEnv) return existsSync(fromEnv) ? { path: fromEnv } : { missing: `DENO=${fromEnv} does not exist` };
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return { missing: `no Deno package for ${process.platform}-${process.arch} (set DENO to a deno binary)` };
  }
  try {
    const pkg = createRequire(import.meta.url).resolve('@deno/linux-x64-glibc/package.json');
    const path = join(dirname(pkg), 'deno');
    return existsSync(path) ? { path } : { missing: `${path} is missing` };
  } catch {
    return { missing: '@deno/linux-x64-glibc is not installed (pnpm install)' };
  }
}
