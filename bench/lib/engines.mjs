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
  return { WebAssembly: W };
}

export const native = globalThis.WebAssembly;
