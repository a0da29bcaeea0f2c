/**
 * The slow path of a fuel checkpoint, shared by every tier: the budget is spent, so ask the meter
 * whether to stop.
 * @packageDocumentation
 */
import type { Store } from '../runtime/store.js';
import { Stop } from './stop.js';

/** Called by a checkpoint that found `store.fuelLeft[0] <= 0`: throws a {@link Stop}, or returns with a new budget. */
export function checkpoint(store: Store): void {
  const reason = store.meter!.checkpoint();
  if (reason !== null) throw new Stop(reason);
}
