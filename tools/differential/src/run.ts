import { decode } from '@rt/binary';
import { firstDifference } from './compare.js';
import { native, rt, unsupportedImport } from './engines.js';

/** The outcome of running one module on every engine. */
export type Outcome =
  | { readonly kind: 'agree'; readonly events: number }
  | { readonly kind: 'skipped'; readonly detail: string }
  | { readonly kind: 'differs'; readonly detail: string };

/**
 * The engines compared with native: rt interpreting only, compiling every function (fast tier,
 * frame-layout tier), compiling every function while stopping and resuming every call every 5
 * units of fuel, and the default tier-up after 3 calls or iterations (functions change tier
 * mid-run, running activations continue in the fast tier at loops, or in the frame-layout tier).
 */
export const RT_ENGINES = [rt(Infinity), rt(0), rt(0, false), rt(0, true, 5), rt(3)];

/** Runs `bytes` on native and on each rt tier; any difference in the traces is reported. */
export function compareOnAllEngines(bytes: Uint8Array): Outcome {
  const unsupported = unsupportedImport(decode(bytes));
  if (unsupported) return { kind: 'skipped', detail: `imports ${unsupported}` };
  const expected = native.run(bytes);
  for (const engine of RT_ENGINES) {
    const diff = firstDifference(expected, engine.run(bytes));
    if (diff) return { kind: 'differs', detail: `${engine.name}: ${diff}` };
  }
  return { kind: 'agree', events: expected.length };
}
