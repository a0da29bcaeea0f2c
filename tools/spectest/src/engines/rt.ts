/**
 * The adapter for rt's own engine, `@rt/interp`.
 *
 * `@rt/interp` is being written; until it exports an engine, this returns the reason the engine
 * stage is skipped. Its author implements {@link EngineAdapter} (see `./adapter.ts`) here, over
 * the package's exports.
 */
import type { EngineAdapter } from './adapter.js';
import { loadPackage } from '../stages/load.js';

export async function createRtAdapter(): Promise<EngineAdapter | string> {
  const pkg = await loadPackage('@rt/interp');
  if (!pkg.ok) return pkg.reason;
  // The adapter over @rt/interp goes here once the package exports its engine.
  return '@rt/interp does not export an engine yet';
}
