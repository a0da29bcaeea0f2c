// The engines a benchmark runs under. Each one is an object shaped like the
// standard `WebAssembly` namespace, so the runner drives Node's built-in
// engine and ours through exactly the same calls.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const interpDist = fileURLToPath(new URL('../../packages/interp/dist/index.js', import.meta.url));

/**
 * Loads our engine from the *built* package (what users get), not from its
 * TypeScript sources. Returns { WebAssembly } or { unavailable: reason }; it
 * never substitutes another engine, so an rt column is always rt.
 */
export async function loadRt() {
  if (!existsSync(interpDist)) {
    return { unavailable: `${interpDist} does not exist (run \`pnpm build\` first)` };
  }
  let mod;
  try {
    mod = await import(pathToFileURL(interpDist).href);
  } catch (err) {
    return { unavailable: `importing @rt/interp failed: ${err?.message ?? err}` };
  }
  const W = mod.WebAssembly;
  if (!W || typeof W.instantiate !== 'function') {
    return { unavailable: '@rt/interp does not export a `WebAssembly` namespace yet' };
  }
  return { WebAssembly: W, createWebAssembly: mod.createWebAssembly };
}

export const native = globalThis.WebAssembly;

/**
 * The engines a run can compare, by column name: Node's native engine, rt with its default
 * tier-up, rt with each tier forced (through `createWebAssembly`), rt metered (`rt-fuel`: fuel
 * checkpoints on, no limit), and polywasm (a devDependency
 * of bench/: another Wasm-to-JavaScript translator, to measure against).
 */
export const ENGINE_NAMES = ['native', 'rt', 'rt-fast', 'rt-frame', 'rt-interp', 'rt-fuel', 'polywasm'];

/** The `createWebAssembly` options of each forced rt tier. */
const TIER_OPTIONS = {
  'rt-fast': { jitThreshold: 0 },
  'rt-frame': { jitThreshold: 0, fastTier: false },
  'rt-interp': { jitThreshold: Infinity },
  // The default tier-up on a metered engine: what fuel checkpoints cost when they are used.
  'rt-fuel': { fuel: Infinity },
};

/** The WebAssembly namespace of engine `name` (throws when it cannot be had). */
export async function engineNamespace(name) {
  if (name === 'native') return native;
  if (name === 'polywasm') return (await import('polywasm')).WebAssembly;
  const rt = await loadRt();
  if (rt.unavailable) throw new Error(rt.unavailable);
  if (name === 'rt') return rt.WebAssembly;
  if (typeof rt.createWebAssembly !== 'function') throw new Error('@rt/interp does not export createWebAssembly');
  return rt.createWebAssembly(TIER_OPTIONS[name]);
}
