/** The engines `--engine` can select. */
import type { EngineAdapter } from './adapter.js';
import { createNativeAdapter } from './native.js';
import { createRtAdapter, type RtTier } from './rt.js';

export type { RtTier } from './rt.js';
/** The tiers `--tier` can force on rt. */
export const TIERS: readonly RtTier[] = ['default', 'interp', 'fast', 'frame'];

export const ENGINES = ['rt', 'native'] as const;
export type EngineName = (typeof ENGINES)[number];

/** The adapter, or the reason engine checks are skipped. */
export async function loadEngine(name: EngineName, tier: RtTier = 'default', fuelSlice?: number): Promise<EngineAdapter | string> {
  switch (name) {
    case 'rt':
      return createRtAdapter(tier, fuelSlice);
    case 'native':
      return createNativeAdapter();
  }
}
