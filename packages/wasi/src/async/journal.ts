/**
 * The journal that lets the synchronous WASI functions run over asynchronous hosts.
 *
 * A WASI function is a synchronous piece of code that calls its host (file systems, streams,
 * the clock) through synchronous interfaces. In async mode those interfaces are facades: each
 * host operation goes through {@link Journal.perform}. When an operation answers with a promise,
 * the facade throws a {@link WasiSuspend}; the function unwinds, the journal waits for the
 * promise, records its outcome and runs the function again from its start. On that replay every
 * operation already recorded answers from the journal, in order, without reaching the host
 * again, so the function gets one operation further each time, and each host operation is
 * performed exactly once. This keeps one implementation of all 46 functions (and of the
 * sandbox's path resolution) for both modes.
 *
 * It relies on the functions being deterministic given the answers of their host operations and
 * on them not changing WASI state (fds, offsets) in a non-idempotent way before their last host
 * operation; the functions of this package are written so (offsets move after the transfer, new
 * fds are added last). Everything nondeterministic a function reads (the clock too) goes through
 * the journal.
 * @packageDocumentation
 */

/** A value or a promise of it: what an asynchronous host interface may answer. */
export type Awaitable<T> = T | PromiseLike<T>;

/**
 * Thrown by a facade to unwind a WASI function while a host operation is pending. Internal to
 * async mode: the import wrapper catches it, and the guest never sees it. Not an `Error`, so
 * unwinding does not capture a stack.
 */
export class WasiSuspend {
  /** @param promise - settles when the function may be run again. */
  constructor(readonly promise: Promise<unknown>) {}
}

/** Whether `x` is a promise or another thenable. */
export function isThenable(x: unknown): x is PromiseLike<unknown> {
  return (typeof x === 'object' || typeof x === 'function') && x !== null && typeof (x as { then?: unknown }).then === 'function';
}

type Entry = { key: string; ok: true; value: unknown } | { key: string; ok: false; error: unknown };

/** The state of one WASI call, kept across its replays. */
interface Call {
  readonly entries: Entry[];
  /** Index of the next operation in the current run. */
  cursor: number;
  /** Set once the current run has thrown a suspension; later operations of the run rethrow it. */
  suspend: WasiSuspend | null;
  /** Per-call state of facades (for example: has stdin already delivered bytes in this call). */
  readonly scratch: Set<object>;
}

/**
 * Records the host operations of WASI calls and replays them (see the module comment). One per
 * async WASI instance; calls may nest or interleave, each keeps its own record.
 */
export class Journal {
  private call: Call | null = null;

  /**
   * Performs host operation `key` through `start`, or answers it from the record when the current
   * call is being replayed. Outside a call (a function that never waits, such as
   * `clock_time_get`) it simply calls `start`, which must then answer synchronously.
   * @param barrier - before a new operation: a promise to wait for first (nothing is recorded
   *   for it), or null. Used to let pending background work (closes) finish.
   */
  perform<T>(key: string, start: () => Awaitable<T>, barrier?: () => Promise<unknown> | null): T {
    const c = this.call;
    if (c === null) {
      const r = start();
      if (isThenable(r)) throw new TypeError(`async WASI: ${key} answered with a promise in a function that cannot wait`);
      return r;
    }
    if (c.suspend) throw c.suspend;
    if (c.cursor < c.entries.length) {
      const e = c.entries[c.cursor++]!;
      if (e.key !== key) throw new Error(`async WASI: replay diverged (recorded ${e.key}, now ${key})`);
      if (e.ok) return e.value as T;
      throw e.error;
    }
    const wait = barrier?.();
    if (wait) throw (c.suspend = new WasiSuspend(wait.then(() => undefined, () => undefined)));
    let r: Awaitable<T>;
    try {
      r = start();
    } catch (error) {
      c.entries.push({ key, ok: false, error });
      c.cursor++;
      throw error;
    }
    if (!isThenable(r)) {
      c.entries.push({ key, ok: true, value: r });
      c.cursor++;
      return r;
    }
    const recorded = Promise.resolve(r).then(
      (value) => void c.entries.push({ key, ok: true, value }),
      (error: unknown) => void c.entries.push({ key, ok: false, error }),
    );
    throw (c.suspend = new WasiSuspend(recorded));
  }

  /** True while the current run is unwinding from a suspension: facades then skip cleanup work. */
  get unwinding(): boolean {
    return this.call?.suspend != null;
  }

  /** True inside a call that may wait. */
  get active(): boolean {
    return this.call !== null;
  }

  /**
   * The current call's own set, for a facade's per-call memory (it survives replays: for example,
   * has stdin already delivered bytes in this call). Null outside a call.
   */
  scratch(): Set<object> | null {
    return this.call?.scratch ?? null;
  }

  /**
   * Runs `fn` (a whole WASI function) until it completes without a pending operation: returns its
   * result directly when nothing had to wait, else a promise of it. A suspension is honoured even
   * if `fn` caught it (a function that ignores some host error still waits and is replayed).
   */
  run<T>(fn: () => T): T | Promise<T> {
    const c: Call = { entries: [], cursor: 0, suspend: null, scratch: new Set() };
    // Read through a function: the compiler would otherwise keep the `null` assigned below.
    const pending = (): WasiSuspend | null => c.suspend;
    const attempt = (): T | Promise<T> => {
      const outer = this.call;
      this.call = c;
      c.cursor = 0;
      c.suspend = null;
      let result: T;
      try {
        result = fn();
      } catch (e) {
        const suspended = pending();
        if (suspended) return suspended.promise.then(attempt);
        throw e;
      } finally {
        this.call = outer;
      }
      // The function may have caught the suspension and returned: it still has to wait.
      const suspended = pending();
      if (suspended) return suspended.promise.then(attempt);
      return result;
    };
    return attempt();
  }
}
