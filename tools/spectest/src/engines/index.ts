/** The engines `--engine` can select. */
import type { EngineAdapter } from './adapter.js';
import { createNativeAdapter } from './native.js';
import { createRtAdapter } from './rt.js';

export const ENGINES = ['rt', 'native'] as const;
export type EngineName = (typeof ENGINES)[number];

/** The adapter, or the reason engine checks are skipped. */
export async function loadEngine(name: EngineName): Promise<EngineAdapter | string> {
  switch (name) {
    case 'rt':
      return createRtAdapter();
    case 'native':
      return createNativeAdapter();
  }
}
