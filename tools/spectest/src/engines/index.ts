/** The engines `--engine` can select. */
import type { EngineAdapter } from './adapter.js';
import { createNativeAdapter } from './native.js';
import { createRtAdapter } from './rt.js';
import { createRtCoreAdapter } from './rt-core.js';

/**
 * `rt`: rt through its JS API, with the default tiering. `rt-interp`, `rt-jit`: rt's low-level
 * `Engine` with every function interpreted, or compiled before its first run where the compiled
 * tier can. `native`: Node's own engine (the runner's self-check).
 */
export const ENGINES = ['rt', 'rt-interp', 'rt-jit', 'native'] as const;
export type EngineName = (typeof ENGINES)[number];

/** The adapter, or the reason engine checks are skipped. */
export async function loadEngine(name: EngineName): Promise<EngineAdapter | string> {
  switch (name) {
    case 'rt':
      return createRtAdapter();
    case 'rt-interp':
      return createRtCoreAdapter('rt-interp', Infinity);
    case 'rt-jit':
      return createRtCoreAdapter('rt-jit', 0);
    case 'native':
      return createNativeAdapter();
  }
}
