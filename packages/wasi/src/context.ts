/**
 * The state one WASI instance's functions share.
 * @packageDocumentation
 */
import type { GuestMemory } from './abi/memory';
import type { Clock } from './clock';
import type { FdTable } from './fd-table';
import type { RandomSource } from './random';

/** Everything a WASI function needs besides its arguments. */
export interface WasiContext {
  /** A bounds-checked view of the guest's memory, taken fresh (memory may have grown). */
  memory(): GuestMemory;
  /** The fd table. */
  readonly fds: FdTable;
  /** Arguments, UTF-8 encoded, without terminating NULs. */
  readonly args: readonly Uint8Array[];
  /** `KEY=value` environment entries, UTF-8 encoded, without terminating NULs. */
  readonly env: readonly Uint8Array[];
  /** Time. */
  readonly clock: Clock;
  /** Randomness. */
  readonly random: RandomSource;
}

/** A WASI import as the engine calls it: i32 as (signed) numbers, i64 as BigInts. */
export type WasiFunction = (...args: Array<number | bigint>) => number;

/** An implementation before errno translation: returns nothing on success or throws a WasiError. */
export type WasiImplementation = (...args: never[]) => void;

/** Normalises an i32 argument to u32 (it arrives signed through the JS API). */
export function u32(x: number): number {
  return x >>> 0;
}

/** Normalises an i64 argument to u64 (BigInt per the JS API; a Number is tolerated). */
export function u64(x: bigint | number): bigint {
  return BigInt.asUintN(64, typeof x === 'bigint' ? x : BigInt(Math.trunc(x)));
}

/** Normalises an i64 argument to s64. */
export function s64(x: bigint | number): bigint {
  return BigInt.asIntN(64, typeof x === 'bigint' ? x : BigInt(Math.trunc(x)));
}
