/**
 * The adapter for rt's own engine, `@rt/interp`.
 *
 * Until `@rt/interp` exports an engine, this returns the reason the engine stage is skipped.
 *
 * Once the package exports its standard JS API (`import { WebAssembly } from '@rt/interp'`), the
 * generic JS-API adapter drives it, with the spec's messages compared. The engine's author may
 * replace this with an adapter over a lower-level API (implement {@link EngineAdapter}, see
 * `./adapter.ts`), e.g. to configure the call-stack limit.
 */
import type { EngineAdapter } from './adapter.js';
import { createJsApiAdapter, type JsApi } from './jsapi.js';
import { loadPackage } from '../stages/load.js';

/**
 * Which of rt's tiers runs the suite: the default tier-up policy, everything interpreted,
 * everything compiled by the fast tier before its first call, or everything compiled by the
 * frame-layout tier.
 */
export type RtTier = 'default' | 'interp' | 'fast' | 'frame';

/** The `createWebAssembly` options that force each tier. */
const TIER_OPTIONS: Record<Exclude<RtTier, 'default'>, object> = {
  interp: { jitThreshold: Infinity },
  fast: { jitThreshold: 0 },
  frame: { jitThreshold: 0, fastTier: false },
};

/**
 * `fuelSlice`: run every call on that much fuel at a time, resumed after each stop (rt's
 * `createWebAssembly({ fuelSlice })`, which proves that stopped calls resume exactly).
 */
export async function createRtAdapter(tier: RtTier = 'default', fuelSlice?: number): Promise<EngineAdapter | string> {
  const pkg = await loadPackage('@rt/interp');
  if (!pkg.ok) return pkg.reason;
  const create = pkg.exports['createWebAssembly'] as ((options: object) => Partial<JsApi>) | undefined;
  const plain = tier === 'default' && fuelSlice === undefined;
  if (!plain && typeof create !== 'function') return '@rt/interp does not export createWebAssembly';
  const options = { ...(tier === 'default' ? {} : TIER_OPTIONS[tier]), ...(fuelSlice !== undefined ? { fuelSlice } : {}) };
  const api = (plain ? pkg.exports['WebAssembly'] : create!(options)) as Partial<JsApi> | undefined;
  if (api && typeof api.Module === 'function' && typeof api.Instance === 'function') {
    return createJsApiAdapter(api as JsApi, { name: 'rt', specMessages: true });
  }
  return '@rt/interp does not export an engine yet';
}
