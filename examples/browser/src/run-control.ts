/**
 * Pausing and resuming a running program, and its fuel limit: a small `SharedArrayBuffer` the
 * worker reads each time the engine has used a slice of fuel, and blocks on (`Atomics.wait`)
 * while the program is paused. Needs a cross-origin isolated page, as typed stdin does; without
 * it the fuel limit ends the run and Stop ends the worker.
 *
 * Layout: an int32 command word, then (at byte 8) the fuel limit as a float64 (`Infinity`: none).
 * @packageDocumentation
 */

/** The command word's values. */
export const Command = {
  /** The program runs. */
  running: 0,
  /** The page asks the worker to pause at its next fuel checkpoint. */
  pause: 1,
  /** The worker has paused and waits. */
  paused: 2,
  /** The page lets it go on (with the limit now in the buffer). */
  resume: 3,
  /** The page abandons the paused run. */
  abort: 4,
} as const;

/** A run's control words. */
export class RunControl {
  readonly command: Int32Array;
  readonly limit: Float64Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(16)) {
    this.command = new Int32Array(buffer, 0, 1);
    this.limit = new Float64Array(buffer, 8, 1);
  }

  /** Page: set the command and wake the worker. */
  send(command: number): void {
    Atomics.store(this.command, 0, command);
    Atomics.notify(this.command, 0);
  }

  /**
   * Worker, at a fuel checkpoint: pauses if asked to or if `consumed` reached the limit, telling
   * `onPause` why, and blocks until the page resumes or abandons. Returns whether to go on.
   */
  checkpoint(consumed: number, onPause: (reason: 'paused' | 'fuel limit') => void, onResume: () => void): boolean {
    const limitReached = consumed >= this.limit[0]!;
    if (Atomics.load(this.command, 0) !== Command.pause && !limitReached) return true;
    Atomics.store(this.command, 0, Command.paused);
    onPause(limitReached ? 'fuel limit' : 'paused');
    while (Atomics.load(this.command, 0) === Command.paused) Atomics.wait(this.command, 0, Command.paused);
    if (Atomics.load(this.command, 0) === Command.abort) return false;
    Atomics.store(this.command, 0, Command.running);
    onResume();
    return true;
  }
}
