/**
 * What one engine did with one module, in a form two engines can be compared on: every call
 * the module made to the fuzzer's logging imports, and the outcome of every export call.
 *
 * Floats are compared by bit pattern except NaNs: the payload of a NaN produced by arithmetic
 * is nondeterministic in the spec, so engines may legitimately differ there. Traps are compared
 * by kind only, since each engine words them its own way; call-stack exhaustion is its own kind
 * because its depth is an engine limit, not a semantic. A JavaScript exception from an import
 * (a v128 cannot cross into JavaScript) is a 'host error'.
 */
export type TraceEvent =
  | { readonly log: string }
  | { readonly call: string; readonly results: readonly string[] }
  | { readonly call: string; readonly trap: 'trap' | 'exhaustion' | 'host error' };

/** An engine under test: instantiates a module with logging imports and calls its exports. */
export interface TracedEngine {
  readonly name: string;
  /** Runs every export of `bytes` in order (arguments zero) and returns the trace. */
  run(bytes: Uint8Array): TraceEvent[];
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** Formats an f32 given by its bits; NaNs collapse to `nan`. */
export function f32Bits(bits: number): string {
  u32[0] = bits;
  return Number.isNaN(f32[0]) ? 'f32:nan' : `f32:${(bits >>> 0).toString(16)}`;
}

/** Formats an f64 given by its bits; NaNs collapse to `nan`. */
export function f64Bits(bits: bigint): string {
  u64[0] = BigInt.asUintN(64, bits);
  return Number.isNaN(f64[0]) ? 'f64:nan' : `f64:${u64[0].toString(16)}`;
}

/** Formats an f32 given as a JS number (native engine). */
export function f32Number(x: number): string {
  f32[0] = x;
  return f32Bits(u32[0]!);
}

/** Formats an f64 given as a JS number (native engine). */
export function f64Number(x: number): string {
  f64[0] = x;
  return f64Bits(u64[0]!);
}

/** Formats an i64 (either engine gives a bigint). */
export function i64(x: bigint): string {
  return `i64:${BigInt.asIntN(64, x)}`;
}

/** Formats an i32. */
export function i32(x: number): string {
  return `i32:${x | 0}`;
}
