/**
 * The fuel meter: how much fuel a store has left, its deadline, and the slow path of a
 * checkpoint (see `costs.ts`).
 *
 * Running code only ever decrements one number, `Store.fuelLeft[0]`, and compares it with zero at
 * checkpoints. That number is a *budget* the meter issues: all the fuel left, or, when a deadline
 * is set, at most {@link CLOCK_INTERVAL} units, so that the clock is read once per that much work
 * rather than at every checkpoint. When the budget is spent, the checkpoint calls
 * {@link Meter.checkpoint}, which settles what was used, and either issues the next budget or says
 * why execution stops. Because a stop is decided only where the budget runs out and fuel is
 * settled exactly, the fuel consumed is the same with or without a deadline.
 * @packageDocumentation
 */

/** Why execution stopped at a checkpoint. */
export type StopReason = 'fuel' | 'deadline' | 'interrupt';

/** Most fuel used between two readings of the clock while a deadline is set. */
export const CLOCK_INTERVAL = 10_000;

/** Largest budget issued at once (running out of it just issues the next). */
const MAX_BUDGET = 2 ** 50;

/** Reads the wall clock in milliseconds (`performance.now()` where there is one). */
export type Clock = () => number;

const defaultClock: Clock = typeof performance !== 'undefined' && typeof performance.now === 'function' ? () => performance.now() : () => Date.now();

/** The part of a store the meter works on. */
export interface Metered {
  /** The current budget (element 0), decremented by running code. */
  readonly fuelLeft: Float64Array;
}

/** Fuel, deadline and interruption state of one store. */
export class Meter {
  /** Fuel left as of the last settlement (`Infinity` when only deadlines and interrupts are used). */
  private remaining: number;
  /** Fuel consumed as of the last settlement. */
  private used = 0;
  /** The budget last issued to `fuelLeft`. */
  private issued = 0;
  /** The deadline on {@link clock}'s scale, or `undefined`. */
  private deadline: number | undefined = undefined;
  private interruptRequested = false;

  constructor(
    private readonly target: Metered,
    fuel: number,
    /** The clock deadlines are measured on. */
    readonly clock: Clock = defaultClock,
  ) {
    this.remaining = fuel;
    this.issue();
  }

  /** Fuel left (negative after an overdraft: the last checkpoint charged more than was left). */
  get fuel(): number {
    return this.remaining - (this.issued - this.target.fuelLeft[0]!);
  }

  /** Sets the fuel left; `Infinity` meters nothing (deadlines and interrupts still work). */
  set fuel(value: number) {
    if (Number.isNaN(value)) throw new RangeError('fuel must be a number');
    this.settle();
    this.remaining = value;
    this.issue();
  }

  /** Fuel consumed since the meter was created. */
  get consumed(): number {
    return this.used + (this.issued - this.target.fuelLeft[0]!);
  }

  /** Sets the deadline, in milliseconds from now, or clears it (`undefined`). */
  setDeadline(msFromNow: number | undefined): void {
    this.settle();
    this.deadline = msFromNow === undefined ? undefined : this.clock() + msFromNow;
    this.issue();
  }

  /** Makes running code stop at its next checkpoint (reason `'interrupt'`). */
  interrupt(): void {
    this.settle();
    this.interruptRequested = true;
    this.issued = this.target.fuelLeft[0] = 0;
  }

  /**
   * The slow path of a checkpoint whose budget is spent: settles, then returns why execution
   * stops, or `null` after issuing the next budget.
   */
  checkpoint(): StopReason | null {
    this.settle();
    let reason: StopReason | null = null;
    if (this.interruptRequested) {
      this.interruptRequested = false;
      reason = 'interrupt';
    } else if (this.remaining <= 0) reason = 'fuel';
    else if (this.deadline !== undefined && this.clock() >= this.deadline) {
      // A deadline stops once: a resumed call runs on until the host sets another.
      this.deadline = undefined;
      reason = 'deadline';
    }
    this.issue();
    return reason;
  }

  private settle(): void {
    const spent = this.issued - this.target.fuelLeft[0]!;
    this.remaining -= spent;
    this.used += spent;
    this.issued = this.target.fuelLeft[0]!;
  }

  private issue(): void {
    // Finite even for unlimited fuel, so that what was spent is always `issued - fuelLeft`.
    let budget = Math.min(this.remaining, MAX_BUDGET);
    if (this.deadline !== undefined && budget > CLOCK_INTERVAL) budget = CLOCK_INTERVAL;
    if (this.interruptRequested) budget = 0;
    this.issued = this.target.fuelLeft[0] = budget;
  }
}
