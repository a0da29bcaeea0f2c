/**
 * Weak references for the store's reference collection, on hosts with and without `WeakRef` and
 * `FinalizationRegistry` (Hermes 0.12 has neither). Without them a weak reference holds its
 * target strongly and nothing is finalized: every table, global and function an engine ever
 * created then stays alive as long as the engine, and reference indices are not reused, so a
 * long-lived engine that instantiates many modules keeps their memory. Single runs are unaffected.
 * @packageDocumentation
 */

/** What the store needs of a `WeakRef`. */
export interface WeakHandle<T extends object> {
  deref(): T | undefined;
}

/** What the store needs of a `FinalizationRegistry`. */
export interface Finalizer<H> {
  register(target: object, held: H): void;
}

interface Globals {
  WeakRef?: new <T extends object>(target: T) => WeakHandle<T>;
  FinalizationRegistry?: new <H>(cleanup: (held: H) => void) => Finalizer<H>;
}

/** A weak reference to `target`: a `WeakRef`, or a strong one where the host has none. */
export function weakHandle<T extends object>(target: T): WeakHandle<T> {
  const Native = (globalThis as Globals).WeakRef;
  return Native !== undefined ? new Native(target) : { deref: () => target };
}

/** A `FinalizationRegistry` calling `cleanup`, or one that never calls it where the host has none. */
export function finalizer<H>(cleanup: (held: H) => void): Finalizer<H> {
  const Native = (globalThis as Globals).FinalizationRegistry;
  return Native !== undefined ? new Native<H>(cleanup) : { register: () => undefined };
}
