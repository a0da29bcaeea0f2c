/**
 * Clocks the guest can read, and how the WASI layer waits.
 * @packageDocumentation
 */
import { Clockid, type ClockidValue } from './abi/constants';

/**
 * A source of time for `clock_time_get`, `clock_res_get` and `poll_oneoff`. All values are
 * nanoseconds. `now` may return `null` for a clock it does not provide (the guest gets `inval`).
 */
export interface Clock {
  /** The current time of clock `id`. Realtime counts from the Unix epoch. */
  now(id: ClockidValue): bigint | null;
  /** The resolution of clock `id`. */
  resolution(id: ClockidValue): bigint | null;
  /** Blocks (or, for a virtual clock, advances time) for `ns` nanoseconds. */
  sleep(ns: bigint): void;
  /**
   * Optional: waits `ns` nanoseconds without blocking the thread. {@link AsyncWASI} uses it for
   * `poll_oneoff` when present (and {@link sleep} otherwise, which for a virtual clock is instant).
   */
  sleepAsync?(ns: bigint): Promise<void>;
}

/** Options of {@link virtualClock}. */
export interface VirtualClockOptions {
  /** Realtime at start, in ns since the Unix epoch. Default 0. */
  epoch?: bigint;
  /** Nanoseconds each reading advances time by. Default 1000 (1 µs). */
  step?: bigint;
}

/**
 * The default clock: deterministic virtual time that reveals nothing about the host. Realtime
 * starts at `epoch` (default 0, 1970-01-01) and every clock starts at 0 relative to it; each reading
 * advances time by `step` ns (default 1 µs) so busy loops that wait for time to pass terminate, and
 * sleeping advances it instantly. The CPU-time clocks read the same virtual time.
 */
export function virtualClock(options: VirtualClockOptions = {}): Clock {
  const epoch = options.epoch ?? 0n;
  const step = options.step ?? 1000n;
  let elapsed = 0n;
  return {
    now(id) {
      elapsed += step;
      return id === Clockid.REALTIME ? epoch + elapsed : elapsed;
    },
    resolution: () => (step > 0n ? step : 1n),
    sleep(ns) {
      if (ns > 0n) elapsed += ns;
    },
  };
}

let sleepCell: Int32Array | null = null;

/**
 * Blocks the calling thread for `ns` nanoseconds. Uses `Atomics.wait`, which works on Node's main
 * thread and in Web Workers; where it is not allowed (a browser's main thread) it spins.
 */
export function blockingSleep(ns: bigint): void {
  if (ns <= 0n) return;
  const ms = Number(ns) / 1e6;
  try {
    sleepCell ??= new Int32Array(new SharedArrayBuffer(4));
    Atomics.wait(sleepCell, 0, 0, ms);
    return;
  } catch {
    // Fall through to spinning.
  }
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // Spin: nothing else can block a browser's main thread.
  }
}

/** Waits `ns` nanoseconds on the event loop's timers (never blocking the thread). */
export function timerSleep(ns: bigint): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ns > 0n ? Number(ns) / 1e6 : 0));
}

/**
 * A clock backed by the host's real time: `Date`/`performance` for realtime and monotonic time.
 * Grant it explicitly (`new WASI({ clock: realClock() })`). Its `sleep` blocks the thread; its
 * `sleepAsync` (used by {@link AsyncWASI}) waits on a timer. The CPU-time clocks cannot be measured
 * in a browser, so they report time since this clock was created, as an upper bound of CPU time.
 */
export function realClock(): Clock {
  const origin = performance.now();
  const monotonic = (): bigint => BigInt(Math.round(performance.now() * 1e6));
  return {
    now(id) {
      switch (id) {
        case Clockid.REALTIME:
          return BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e3)) * 1000n;
        case Clockid.MONOTONIC:
          return monotonic();
        case Clockid.PROCESS_CPUTIME_ID:
        case Clockid.THREAD_CPUTIME_ID:
          return BigInt(Math.round((performance.now() - origin) * 1e6));
        default:
          return null;
      }
    },
    // performance.now() is coarsened to microseconds (or worse) by browsers and Node alike.
    resolution: () => 1000n,
    sleep: blockingSleep,
    sleepAsync: timerSleep,
  };
}
