/**
 * Resource limits of an {@link Engine}. Exceeding `maxCallDepth` or the value stack is the
 * `call stack exhausted` trap; memory and table growth beyond their limits fails the way the
 * spec allows (`memory.grow`/`table.grow` return -1).
 */
export interface EngineLimits {
  /** Maximum number of nested Wasm calls (host re-entries included). Default 10 000. */
  readonly maxCallDepth: number;
  /** Size of the value stack, in values (each value takes 16 bytes). Default 1 048 576. */
  readonly stackValues: number;
  /** Maximum pages (64 KiB) any memory may reach, whatever its own maximum. Default 32 768 (2 GiB). */
  readonly maxMemoryPages: number;
  /** Maximum number of elements any table may reach. Default 10 000 000. */
  readonly maxTableElements: number;
  /**
   * Maximum nesting of host → Wasm re-entries (each costs JavaScript stack, unlike Wasm → Wasm
   * calls, which do not). Default 200.
   */
  readonly maxHostReentry: number;
}

/** The limits used when none are given. */
export const DEFAULT_LIMITS: EngineLimits = {
  maxCallDepth: 10_000,
  stackValues: 1 << 20,
  maxMemoryPages: 32_768,
  maxTableElements: 10_000_000,
  maxHostReentry: 200,
};
