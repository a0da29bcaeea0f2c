/**
 * Lane-wise floating-point arithmetic for `f32x4` and `f64x2`: `add sub mul div sqrt min max
 * pmin pmax abs neg ceil floor trunc nearest`.
 *
 * `f32x4` lanes are computed in double precision and rounded once by the `Float32Array` store
 * (equivalent to `Math.fround`). For `+ - * / sqrt` that double rounding is exact: a double holds
 * more than 2·24+2 significand bits, so rounding the double result to f32 equals the correctly
 * rounded f32 result. NaN inputs propagate as quiet NaNs through the JS arithmetic, which makes
 * results arithmetic NaNs, and canonical NaN inputs stay canonical, as the spec requires.
 *
 * `abs`, `neg`, `pmin` and `pmax` are defined bitwise (no NaN canonicalisation), so they move
 * raw bits through the `u32` view rather than through a JS number, which could quiet a signalling
 * NaN. Everything is lane-wise, so `dst` may alias an operand.
 * @module
 */
import type { SimdOp } from './types.js';

/** wasm `fmin`: NaN if either is NaN; -0 is less than +0. */
function fmin(p: number, q: number): number {
  if (p !== p || q !== q) return p + q; // propagates (quiets) the NaN operand
  if (p === q) return 1 / p < 0 ? p : q; // only differs for ±0: prefer -0
  return p < q ? p : q;
}

/** wasm `fmax`: NaN if either is NaN; +0 is greater than -0. */
function fmax(p: number, q: number): number {
  if (p !== p || q !== q) return p + q;
  if (p === q) return 1 / p < 0 ? q : p; // only differs for ±0: prefer +0
  return p > q ? p : q;
}

/**
 * roundTiesToEven to an integer. `Math.round` rounds ties towards +∞; when the input was exactly
 * halfway and that produced an odd integer, step back down. `r - x` is exact here (|r - x| ≤ 0.5
 * and both share x's scale), and ±0, ±∞, NaN and |x| ≥ 2^52 pass through unchanged with their
 * sign (e.g. -0.5 → -0).
 */
export function nearestEven(x: number): number {
  if (x !== x) return x + 0; // quiet a signalling NaN (see ceil)
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/*
 * The rounding operations must return arithmetic (quiet) NaNs, but `Math.ceil/floor/trunc` may
 * hand a signalling-NaN input back unchanged. `x + 0` goes through the FPU, which quiets it (and
 * keeps a canonical NaN canonical); it is only evaluated for NaNs since it would turn -0 into +0.
 */

/** wasm `ceil`. */
function ceil(x: number): number {
  return x !== x ? x + 0 : Math.ceil(x);
}

/** wasm `floor`. */
function floor(x: number): number {
  return x !== x ? x + 0 : Math.floor(x);
}

/** wasm `trunc`. */
function trunc(x: number): number {
  return x !== x ? x + 0 : Math.trunc(x);
}

// ---- f32x4 ----

/** `f32x4.add`. */
export const f32x4Add: SimdOp = (s, dst, a, b) => {
  const v = s.f32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) v[d + i] = v[x + i] + v[y + i];
};

/** `f32x4.sub`. */
export const f32x4Sub: SimdOp = (s, dst, a, b) => {
  const v = s.f32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) v[d + i] = v[x + i] - v[y + i];
};

/** `f32x4.mul`. */
export const f32x4Mul: SimdOp = (s, dst, a, b) => {
  const v = s.f32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) v[d + i] = v[x + i] * v[y + i];
};

/** `f32x4.div`. */
export const f32x4Div: SimdOp = (s, dst, a, b) => {
  const v = s.f32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) v[d + i] = v[x + i] / v[y + i];
};

/** `f32x4.sqrt`. */
export const f32x4Sqrt: SimdOp = (s, dst, a) => {
  const v = s.f32;
  const d = 2 * dst, x = 2 * a;
  for (let i = 0; i < 4; i++) v[d + i] = Math.sqrt(v[x + i]);
};

/** `f32x4.min`. */
export const f32x4Min: SimdOp = (s, dst, a, b) => {
  const v = s.f32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) v[d + i] = fmin(v[x + i], v[y + i]);
};

/** `f32x4.max`. */
export const f32x4Max: SimdOp = (s, dst, a, b) => {
  const v = s.f32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) v[d + i] = fmax(v[x + i], v[y + i]);
};

/** `f32x4.pmin`: exactly `b < a ? b : a`, copying the chosen lane's bits. */
export const f32x4Pmin: SimdOp = (s, dst, a, b) => {
  const v = s.f32;
  const u = s.u32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) u[d + i] = v[y + i] < v[x + i] ? u[y + i] : u[x + i];
};

/** `f32x4.pmax`: exactly `a < b ? b : a`, copying the chosen lane's bits. */
export const f32x4Pmax: SimdOp = (s, dst, a, b) => {
  const v = s.f32;
  const u = s.u32;
  const d = 2 * dst, x = 2 * a, y = 2 * b;
  for (let i = 0; i < 4; i++) u[d + i] = v[x + i] < v[y + i] ? u[y + i] : u[x + i];
};

/** `f32x4.abs`: clears the sign bits. */
export const f32x4Abs: SimdOp = (s, dst, a) => {
  const u = s.u32;
  const d = 2 * dst, x = 2 * a;
  for (let i = 0; i < 4; i++) u[d + i] = u[x + i] & 0x7fffffff;
};

/** `f32x4.neg`: flips the sign bits. */
export const f32x4Neg: SimdOp = (s, dst, a) => {
  const u = s.u32;
  const d = 2 * dst, x = 2 * a;
  for (let i = 0; i < 4; i++) u[d + i] = u[x + i] ^ 0x80000000;
};

/** `f32x4.ceil`: the integer result of an f32 is an f32, so the store is exact. */
export const f32x4Ceil: SimdOp = (s, dst, a) => {
  const v = s.f32;
  const d = 2 * dst, x = 2 * a;
  for (let i = 0; i < 4; i++) v[d + i] = ceil(v[x + i]);
};

/** `f32x4.floor`. */
export const f32x4Floor: SimdOp = (s, dst, a) => {
  const v = s.f32;
  const d = 2 * dst, x = 2 * a;
  for (let i = 0; i < 4; i++) v[d + i] = floor(v[x + i]);
};

/** `f32x4.trunc`. */
export const f32x4Trunc: SimdOp = (s, dst, a) => {
  const v = s.f32;
  const d = 2 * dst, x = 2 * a;
  for (let i = 0; i < 4; i++) v[d + i] = trunc(v[x + i]);
};

/** `f32x4.nearest`: roundTiesToEven. */
export const f32x4Nearest: SimdOp = (s, dst, a) => {
  const v = s.f32;
  const d = 2 * dst, x = 2 * a;
  for (let i = 0; i < 4; i++) v[d + i] = nearestEven(v[x + i]);
};

// ---- f64x2 ----

/** `f64x2.add`. */
export const f64x2Add: SimdOp = (s, dst, a, b) => {
  const v = s.f64;
  v[dst] = v[a] + v[b];
  v[dst + 1] = v[a + 1] + v[b + 1];
};

/** `f64x2.sub`. */
export const f64x2Sub: SimdOp = (s, dst, a, b) => {
  const v = s.f64;
  v[dst] = v[a] - v[b];
  v[dst + 1] = v[a + 1] - v[b + 1];
};

/** `f64x2.mul`. */
export const f64x2Mul: SimdOp = (s, dst, a, b) => {
  const v = s.f64;
  v[dst] = v[a] * v[b];
  v[dst + 1] = v[a + 1] * v[b + 1];
};

/** `f64x2.div`. */
export const f64x2Div: SimdOp = (s, dst, a, b) => {
  const v = s.f64;
  v[dst] = v[a] / v[b];
  v[dst + 1] = v[a + 1] / v[b + 1];
};

/** `f64x2.sqrt`. */
export const f64x2Sqrt: SimdOp = (s, dst, a) => {
  const v = s.f64;
  v[dst] = Math.sqrt(v[a]);
  v[dst + 1] = Math.sqrt(v[a + 1]);
};

/** `f64x2.min`. */
export const f64x2Min: SimdOp = (s, dst, a, b) => {
  const v = s.f64;
  v[dst] = fmin(v[a], v[b]);
  v[dst + 1] = fmin(v[a + 1], v[b + 1]);
};

/** `f64x2.max`. */
export const f64x2Max: SimdOp = (s, dst, a, b) => {
  const v = s.f64;
  v[dst] = fmax(v[a], v[b]);
  v[dst + 1] = fmax(v[a + 1], v[b + 1]);
};

/** `f64x2.pmin`: `b < a ? b : a`, copying both words of the chosen lane. */
export const f64x2Pmin: SimdOp = (s, dst, a, b) => {
  const v = s.f64;
  const u = s.u32;
  for (let i = 0; i < 2; i++) {
    const src = v[b + i] < v[a + i] ? b : a;
    const lo = u[2 * (src + i)];
    const hi = u[2 * (src + i) + 1];
    u[2 * (dst + i)] = lo;
    u[2 * (dst + i) + 1] = hi;
  }
};

/** `f64x2.pmax`: `a < b ? b : a`, copying both words of the chosen lane. */
export const f64x2Pmax: SimdOp = (s, dst, a, b) => {
  const v = s.f64;
  const u = s.u32;
  for (let i = 0; i < 2; i++) {
    const src = v[a + i] < v[b + i] ? b : a;
    const lo = u[2 * (src + i)];
    const hi = u[2 * (src + i) + 1];
    u[2 * (dst + i)] = lo;
    u[2 * (dst + i) + 1] = hi;
  }
};

/** `f64x2.abs`: clears the sign bit in each lane's high word. */
export const f64x2Abs: SimdOp = (s, dst, a) => {
  const u = s.u32;
  const d = 2 * dst, x = 2 * a;
  u[d] = u[x];
  u[d + 1] = u[x + 1] & 0x7fffffff;
  u[d + 2] = u[x + 2];
  u[d + 3] = u[x + 3] & 0x7fffffff;
};

/** `f64x2.neg`: flips the sign bit in each lane's high word. */
export const f64x2Neg: SimdOp = (s, dst, a) => {
  const u = s.u32;
  const d = 2 * dst, x = 2 * a;
  u[d] = u[x];
  u[d + 1] = u[x + 1] ^ 0x80000000;
  u[d + 2] = u[x + 2];
  u[d + 3] = u[x + 3] ^ 0x80000000;
};

/** `f64x2.ceil`. */
export const f64x2Ceil: SimdOp = (s, dst, a) => {
  const v = s.f64;
  v[dst] = ceil(v[a]);
  v[dst + 1] = ceil(v[a + 1]);
};

/** `f64x2.floor`. */
export const f64x2Floor: SimdOp = (s, dst, a) => {
  const v = s.f64;
  v[dst] = floor(v[a]);
  v[dst + 1] = floor(v[a + 1]);
};

/** `f64x2.trunc`. */
export const f64x2Trunc: SimdOp = (s, dst, a) => {
  const v = s.f64;
  v[dst] = trunc(v[a]);
  v[dst + 1] = trunc(v[a + 1]);
};

/** `f64x2.nearest`: roundTiesToEven. */
export const f64x2Nearest: SimdOp = (s, dst, a) => {
  const v = s.f64;
  v[dst] = nearestEven(v[a]);
  v[dst + 1] = nearestEven(v[a + 1]);
};
