/**
 * Which of rt's tiers ran an instance's functions, read off the function instances after a run.
 * @packageDocumentation
 */
import type { ModuleInstance } from '@rt/interp';

/** Counts of the instance's own (defined) functions that ran, by the tier they ended in. */
export interface TierReport {
  /** Compiled by the fast tier (JavaScript with locals as variables). */
  readonly fast: number;
  /** Compiled by the frame-layout tier (JavaScript on the interpreter's frames). */
  readonly frame: number;
  /** Ran only in the interpreter. */
  readonly interpreter: number;
  /** One phrase: the tiers that ran, most compiled first, e.g. `fast 12, frame 1, interpreter 40`. */
  readonly summary: string;
}

/** The {@link TierReport} of `instance` (functions never called are not counted). */
export function tierReport(instance: ModuleInstance): TierReport {
  let fast = 0;
  let frame = 0;
  let interpreter = 0;
  for (const f of instance.funcs) {
    if (f.kind !== 'wasm' || f.instance !== instance) continue;
    if (f.fast) fast++;
    else if (f.jit !== null) frame++;
    else if (f.hotness > 0) interpreter++;
  }
  const parts = [['fast', fast], ['frame', frame], ['interpreter', interpreter]].filter(([, n]) => n !== 0);
  return { fast, frame, interpreter, summary: parts.map(([name, n]) => `${name} ${n}`).join(', ') || 'none' };
}
