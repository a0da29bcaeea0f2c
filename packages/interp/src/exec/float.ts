/**
 * Float operations whose JavaScript counterparts differ from Wasm: `nearest` (ties to even),
 * `min`/`max` (NaN in, canonical NaN out, never an unquieted input), and the sign operations,
 * which work on the integer words so that NaN payloads pass through bit-exactly.
 *
 * Plain arithmetic needs no helper: `+ - * / sqrt` on doubles are correctly rounded, and for f32
 * computing in f64 and rounding once (by the `Float32Array` store or `Math.fround`) is exact for
 * these operations. A NaN result is a quiet NaN produced by the hardware, which satisfies the
 * spec's canonical/arithmetic NaN rules.
 */

/*
 * `Math.ceil`/`floor`/`trunc` may return a signalling f64 NaN input unchanged (not an arithmetic
 * NaN), so a NaN input comes out quieted: its sign and payload kept, the quiet bit set, which is
 * what the hardware's rounding instructions (and so V8 and other engines) return. The spec allows
 * any arithmetic NaN here; returning the same one as native engines keeps differential testing
 * exact even where the bits flow on (into a SIMD lane, say).
 */

const QUIET = new Float64Array(1);
const QUIET_WORDS = new Int32Array(QUIET.buffer);

/** `x` (a NaN) with its quiet bit set. */
function quiet(x: number): number {
  QUIET[0] = x;
  QUIET_WORDS[1] = QUIET_WORDS[1]! | 0x00080000;
  return QUIET[0]!;
}

/** f64 `ceil`. */
export function fceil(x: number): number {
  return x !== x ? quiet(x) : Math.ceil(x);
}

/** f64 `floor`. */
export function ffloor(x: number): number {
  return x !== x ? quiet(x) : Math.floor(x);
}

/** f64 `trunc`. */
export function ftrunc(x: number): number {
  return x !== x ? quiet(x) : Math.trunc(x);
}

/** `nearest`: round to the nearest integer, ties to even; keeps the sign of zero. */
export function nearest(x: number): number {
  if (x !== x) return quiet(x);
  const r = Math.round(x);
  // Math.round rounds ties towards +∞; for ties at odd results step back to the even neighbour.
  if (r - x === 0.5 && r % 2 !== 0) return r - 1;
  // Math.round(-0.4) is -0 already; Math.round(0.4) is +0; both as Wasm wants.
  return r;
}

/** Wasm `min`: -0 < +0, NaN if either operand is NaN. */
export function fmin(a: number, b: number): number {
  if (a !== a || b !== b) return NaN;
  return Math.min(a, b);
}

/** Wasm `max`: -0 < +0, NaN if either operand is NaN. */
export function fmax(a: number, b: number): number {
  if (a !== a || b !== b) return NaN;
  return Math.max(a, b);
}
