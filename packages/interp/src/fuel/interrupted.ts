/**
 * The errors a host sees when a call stops without having trapped.
 * @packageDocumentation
 */
import type { StopReason } from './meter.js';

const MESSAGES: Record<StopReason, string> = {
  fuel: 'out of fuel',
  deadline: 'deadline exceeded',
  interrupt: 'interrupted',
};

/**
 * A call into Wasm stopped at a fuel checkpoint: its fuel ran out, its deadline passed, or the
 * host asked it to stop (`Engine.interrupt`). Unlike a trap, nothing is lost: {@link resume}
 * continues the call where it stopped (after adding fuel or setting a new deadline) and returns
 * what the call returns, or throws what it throws (possibly another `Interrupted`).
 *
 * A stop that leaves Wasm through a host function (Wasm called the host, which called Wasm,
 * which stopped) ends the outer call as any exception of the host does: only the inner call can
 * be resumed, from the host function that made it.
 */
export class Interrupted<R = unknown> extends Error {
  private resumed = false;

  constructor(
    /** What ran out. */
    readonly reason: StopReason,
    /** Fuel consumed by the engine so far. */
    readonly fuelConsumed: number,
    private readonly continuation: () => R,
    /** Called if the stopped call is dropped without resuming (by {@link abandon}). */
    private readonly onAbandon: () => void = () => {},
  ) {
    super(`${MESSAGES[reason]} (fuel consumed: ${fuelConsumed})`);
  }

  /** Continues the stopped call; may be called once. */
  resume(): R {
    if (this.resumed) throw new Error('this stopped call was already resumed or abandoned');
    this.resumed = true;
    return this.continuation();
  }

  /** Drops the stopped call for good, releasing what it holds (resuming is then impossible). */
  abandon(): void {
    if (this.resumed) return;
    this.resumed = true;
    this.onAbandon();
  }

  /** Always `"Interrupted"`. */
  override get name(): string {
    return 'Interrupted';
  }
}

/**
 * A suspending host function was called where it cannot suspend: outside a promising call
 * (`Engine.invokeAsync`, `WebAssembly.promising`), or with a host frame in between (Wasm called
 * the host, which called Wasm again). The JS API throws `WebAssembly.SuspendError` for it.
 */
export class SuspendError extends Error {
  /** Always `"SuspendError"`. */
  override get name(): string {
    return 'SuspendError';
  }
}
