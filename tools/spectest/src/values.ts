/**
 * WebAssembly values as exact bit patterns, and the parsing of script constants into them.
 *
 * The spec suite asserts NaN payloads and signs bit for bit, so nothing here goes through a JS
 * number where bits could be lost: f32 and f64 are kept as their raw IEEE-754 encodings, i64 as a
 * bigint, v128 as 16 bytes. Float literals are rounded to the target precision directly from the
 * exact decimal or hexadecimal value (round to nearest, ties to even), never via a double first.
 */

/** The value types of WebAssembly 2.0. */
export type ValType = 'i32' | 'i64' | 'f32' | 'f64' | 'v128' | 'funcref' | 'externref';

/**
 * An opaque non-null function reference produced by an engine. The runner never looks inside; it
 * only distinguishes null from non-null and passes references back to the engine unchanged.
 */
export type FuncRef = object;

/**
 * A WebAssembly value as exact bits.
 *
 * - `i32`: `bits` is the 32-bit pattern as an unsigned number (0 .. 2^32-1). Engines may also
 *   return it signed (`x | 0`); the runner compares with `>>> 0`.
 * - `i64`: `bits` is the 64-bit pattern as an unsigned bigint (0 .. 2^64-1); engines may return it
 *   signed; the runner compares with `BigInt.asUintN(64, ...)`.
 * - `f32`: `bits` is the IEEE-754 binary32 encoding as an unsigned number (NaN payloads intact).
 * - `f64`: `bits` is the IEEE-754 binary64 encoding as an unsigned bigint (NaN payloads intact).
 * - `v128`: `bytes` is the 16 bytes of the vector in memory (little-endian lane) order.
 * - `funcref`: `ref` is `null` or an engine-defined non-null reference.
 * - `externref`: `ref` is `null` or the host value `N` of the script's `(ref.extern N)`. Engines
 *   must give back the same number when such a reference comes back out of Wasm.
 */
export type Value =
  | { readonly type: 'i32'; readonly bits: number }
  | { readonly type: 'i64'; readonly bits: bigint }
  | { readonly type: 'f32'; readonly bits: number }
  | { readonly type: 'f64'; readonly bits: bigint }
  | { readonly type: 'v128'; readonly bytes: Uint8Array }
  | { readonly type: 'funcref'; readonly ref: FuncRef | null }
  | { readonly type: 'externref'; readonly ref: number | null };

/** A NaN pattern of `assert_return`: `nan:canonical` or `nan:arithmetic`. */
export type NanPattern = 'canonical' | 'arithmetic';

export type LaneShape = 'i8x16' | 'i16x8' | 'i32x4' | 'i64x2' | 'f32x4' | 'f64x2';

/** One lane of an expected v128: exact bits (as bigint, lane-sized) or a NaN pattern. */
export type LanePattern = { readonly bits: bigint } | { readonly nan: NanPattern };

/** What an `assert_return` expects of one result. */
export type Expected =
  | { readonly kind: 'exact'; readonly value: Value }
  | { readonly kind: 'nan'; readonly type: 'f32' | 'f64'; readonly nan: NanPattern }
  | { readonly kind: 'lanes'; readonly shape: LaneShape; readonly lanes: readonly LanePattern[] }
  /** `(ref.func)`: any non-null funcref. */
  | { readonly kind: 'anyref'; readonly type: 'funcref' | 'externref' }
  /** `(ref.null)` (3.0): a null reference of any reference type. */
  | { readonly kind: 'null' }
  /**
   * `(ref.array)`, `(ref.struct)`, `(ref.eq)`, `(ref.i31)`, `(ref.any)` (3.0's GC): a non-null
   * reference of that type. Through the JS API GC objects are opaque, so an array and a struct are
   * only told apart from an i31 (a number).
   */
  | { readonly kind: 'gcref'; readonly heap: 'array' | 'struct' | 'eq' | 'i31' | 'any' }
  /** `(either r1 r2 …)` (3.0, relaxed SIMD): a result matching any one alternative. */
  | { readonly kind: 'either'; readonly alternatives: readonly Expected[] };

export class ConstantError extends Error {
  override name = 'ConstantError';
}

// ---------------------------------------------------------------------------------------------
// Integers

function stripUnderscores(text: string): string {
  // The text format allows `_` between digits only; the scripts are well-formed, so we only
  // reject the obviously wrong cases that would otherwise parse as something else.
  if (text.startsWith('_') || text.endsWith('_') || text.includes('__')) {
    throw new ConstantError(`malformed number "${text}"`);
  }
  return text.replace(/_/g, '');
}

/** Parses an integer literal of `width` bits (signed or unsigned range) to its unsigned bits. */
export function parseIntBits(text: string, width: 8 | 16 | 32 | 64): bigint {
  let t = stripUnderscores(text);
  let negative = false;
  if (t.startsWith('-') || t.startsWith('+')) {
    negative = t[0] === '-';
    t = t.slice(1);
  }
  let magnitude: bigint;
  if (/^0x[0-9a-fA-F]+$/.test(t)) magnitude = BigInt(t);
  else if (/^[0-9]+$/.test(t)) magnitude = BigInt(t);
  else throw new ConstantError(`malformed integer "${text}"`);
  const limit = 1n << BigInt(width);
  if (negative) {
    if (magnitude > limit / 2n) throw new ConstantError(`integer out of range "${text}"`);
    return (limit - magnitude) % limit;
  }
  if (magnitude >= limit) throw new ConstantError(`integer out of range "${text}"`);
  return magnitude;
}

// ---------------------------------------------------------------------------------------------
// Floats

/** An IEEE-754 binary format: f32 has 23 fraction bits and 8 exponent bits, f64 52 and 11. */
interface FloatFormat {
  readonly fractionBits: number;
  readonly exponentBits: number;
}

export const F32: FloatFormat = { fractionBits: 23, exponentBits: 8 };
export const F64: FloatFormat = { fractionBits: 52, exponentBits: 11 };

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/**
 * Rounds the exact positive rational `num / den` to the nearest value of `fmt` (ties to even) and
 * returns its encoding without the sign. Values beyond the largest finite value round to infinity,
 * as IEEE-754 round-to-nearest does.
 */
export function roundRational(num: bigint, den: bigint, fmt: FloatFormat): bigint {
  const m = fmt.fractionBits;
  const bias = (1 << (fmt.exponentBits - 1)) - 1;
  const maxBiased = BigInt((1 << fmt.exponentBits) - 1);
  if (num === 0n) return 0n;
  // l = floor(log2(num / den)).
  let l = bitLength(num) - bitLength(den);
  if (l >= 0 ? num < den << BigInt(l) : num << BigInt(-l) < den) l--;
  // Scale so that the integer part has m+1 significant bits, but never below the subnormal
  // exponent: there the precision shrinks instead.
  const emin = 1 - bias;
  let s = Math.max(l - m, emin - m);
  let q: bigint;
  let r: bigint;
  let d: bigint;
  if (s >= 0) {
    d = den << BigInt(s);
    q = num / d;
    r = num % d;
  } else {
    const n = num << BigInt(-s);
    d = den;
    q = n / d;
    r = n % d;
  }
  const twice = 2n * r;
  if (twice > d || (twice === d && (q & 1n) === 1n)) q++;
  const hidden = 1n << BigInt(m);
  if (q === hidden << 1n) {
    // Rounding carried into a new bit: renormalise (exact, q is a power of two).
    q >>= 1n;
    s++;
  }
  if (q < hidden) return q; // subnormal (or zero): biased exponent 0
  const biased = BigInt(s + m + bias);
  if (biased >= maxBiased) return maxBiased << BigInt(m); // overflow: infinity
  return (biased << BigInt(m)) | (q - hidden);
}

/**
 * Parses a float literal of the text format (`1.5`, `-0x1.8p3`, `inf`, `nan`, `nan:0x7f`, with
 * `_` separators) into its exact encoding for `fmt`, returned as a bigint.
 */
export function parseFloatBits(text: string, fmt: FloatFormat): bigint {
  let t = stripUnderscores(text);
  let sign = 0n;
  if (t.startsWith('-') || t.startsWith('+')) {
    if (t[0] === '-') sign = 1n;
    t = t.slice(1);
  }
  const m = BigInt(fmt.fractionBits);
  const expAllOnes = (1n << BigInt(fmt.exponentBits)) - 1n;
  const signBit = sign << (m + BigInt(fmt.exponentBits));
  if (t === 'inf') return signBit | (expAllOnes << m);
  if (t === 'nan') return signBit | (expAllOnes << m) | (1n << (m - 1n));
  if (t.startsWith('nan:0x')) {
    const payload = BigInt(t.slice(4));
    if (payload === 0n || payload >= 1n << m) throw new ConstantError(`NaN payload out of range "${text}"`);
    return signBit | (expAllOnes << m) | payload;
  }
  let num: bigint;
  let den = 1n;
  const hex = /^0x([0-9a-fA-F]+)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?[0-9]+))?$/.exec(t);
  const dec = hex ? null : /^([0-9]+)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(t);
  if (hex) {
    const frac = hex[2] ?? '';
    num = BigInt('0x' + hex[1] + frac);
    // Clamp absurd exponents: the result is then certainly zero or infinity either way.
    const exp = Math.max(-20000, Math.min(20000, Number(hex[3] ?? '0') - 4 * frac.length));
    if (exp >= 0) num <<= BigInt(exp);
    else den = 1n << BigInt(-exp);
  } else if (dec) {
    const frac = dec[2] ?? '';
    num = BigInt(dec[1]! + frac);
    const exp = Number(dec[3] ?? '0') - frac.length;
    // Huge exponents only matter for non-zero values; clamp so that 10^exp stays computable while
    // still certainly rounding to zero or infinity.
    const clamped = Math.max(-20000, Math.min(20000, exp));
    if (clamped >= 0) num *= 10n ** BigInt(clamped);
    else den = 10n ** BigInt(-clamped);
  } else {
    throw new ConstantError(`malformed float "${text}"`);
  }
  return signBit | roundRational(num, den, fmt);
}

// ---------------------------------------------------------------------------------------------
// Lanes and vectors

export const LANES: Record<LaneShape, { readonly count: number; readonly bytes: number }> = {
  i8x16: { count: 16, bytes: 1 },
  i16x8: { count: 8, bytes: 2 },
  i32x4: { count: 4, bytes: 4 },
  i64x2: { count: 2, bytes: 8 },
  f32x4: { count: 4, bytes: 4 },
  f64x2: { count: 2, bytes: 8 },
};

export function isLaneShape(s: string): s is LaneShape {
  return Object.hasOwn(LANES, s);
}

/** Parses one lane literal of `shape` to its unsigned bits. */
export function parseLaneBits(shape: LaneShape, text: string): bigint {
  switch (shape) {
    case 'i8x16': return parseIntBits(text, 8);
    case 'i16x8': return parseIntBits(text, 16);
    case 'i32x4': return parseIntBits(text, 32);
    case 'i64x2': return parseIntBits(text, 64);
    case 'f32x4': return parseFloatBits(text, F32);
    case 'f64x2': return parseFloatBits(text, F64);
  }
}

/** Packs lane bit patterns into 16 little-endian bytes. */
export function packLanes(shape: LaneShape, lanes: readonly bigint[]): Uint8Array {
  const { count, bytes } = LANES[shape];
  if (lanes.length !== count) throw new ConstantError(`${shape} needs ${count} lanes, got ${lanes.length}`);
  const out = new Uint8Array(16);
  lanes.forEach((lane, i) => {
    let v = lane;
    for (let b = 0; b < bytes; b++) {
      out[i * bytes + b] = Number(v & 0xffn);
      v >>= 8n;
    }
  });
  return out;
}

/** Reads lane `i` of `shape` from 16 bytes as unsigned bits. */
export function laneBits(shape: LaneShape, bytes: Uint8Array, i: number): bigint {
  const size = LANES[shape].bytes;
  let v = 0n;
  for (let b = size - 1; b >= 0; b--) v = (v << 8n) | BigInt(bytes[i * size + b]!);
  return v;
}

// ---------------------------------------------------------------------------------------------
// NaN classification (used to check `nan:canonical` / `nan:arithmetic`)

/** Whether `bits` (of `fmt`) is a NaN matching `pattern`; the sign is irrelevant for both. */
export function matchesNan(bits: bigint, fmt: FloatFormat, pattern: NanPattern): boolean {
  const m = BigInt(fmt.fractionBits);
  const expAllOnes = (1n << BigInt(fmt.exponentBits)) - 1n;
  const exp = (bits >> m) & expAllOnes;
  const frac = bits & ((1n << m) - 1n);
  if (exp !== expAllOnes || frac === 0n) return false;
  const quiet = 1n << (m - 1n);
  // Canonical: exactly the quiet bit. Arithmetic: the quiet bit set, any other payload bits.
  return pattern === 'canonical' ? frac === quiet : (frac & quiet) !== 0n;
}

// ---------------------------------------------------------------------------------------------
// Display

function hex(bits: bigint, digits: number): string {
  return '0x' + bits.toString(16).padStart(digits, '0');
}

/** A readable rendering of a value, with the exact bits, for failure reports. */
export function formatValue(v: Value): string {
  switch (v.type) {
    case 'i32': {
      const u = v.bits >>> 0;
      return `i32:${u} (${u | 0}, ${hex(BigInt(u), 8)})`;
    }
    case 'i64': {
      const u = BigInt.asUintN(64, v.bits);
      return `i64:${u} (${BigInt.asIntN(64, u)}, ${hex(u, 16)})`;
    }
    case 'f32': {
      const u = v.bits >>> 0;
      const f = new Float32Array(new Uint32Array([u]).buffer)[0]!;
      return `f32:${f} (${hex(BigInt(u), 8)})`;
    }
    case 'f64': {
      const u = BigInt.asUintN(64, v.bits);
      const f = new Float64Array(new BigUint64Array([u]).buffer)[0]!;
      return `f64:${f} (${hex(u, 16)})`;
    }
    case 'v128':
      return `v128:${Array.from(v.bytes, (b) => b.toString(16).padStart(2, '0')).join(' ')}`;
    case 'funcref':
      return v.ref === null ? 'ref.null func' : 'funcref(non-null)';
    case 'externref':
      return v.ref === null ? 'ref.null extern' : `ref.extern ${refText(v.ref)}`;
  }
}

/**
 * A reference value as text. GC structs and arrays reach JavaScript as opaque objects without a
 * prototype, which cannot be converted to a string (ToPrimitive throws a TypeError).
 */
function refText(ref: unknown): string {
  try {
    return String(ref);
  } catch {
    return '<opaque object>';
  }
}

export function formatExpected(e: Expected): string {
  switch (e.kind) {
    case 'exact':
      return formatValue(e.value);
    case 'nan':
      return `${e.type}:nan:${e.nan}`;
    case 'lanes':
      return `v128 ${e.shape} ${e.lanes
        .map((l) => ('nan' in l ? `nan:${l.nan}` : hex(l.bits, LANES[e.shape].bytes * 2)))
        .join(' ')}`;
    case 'anyref':
      return e.type === 'funcref' ? '(ref.func)' : '(ref.extern)';
    case 'gcref':
      return `(ref.${e.heap})`;
    case 'null':
      return '(ref.null)';
    case 'either':
      return `either(${e.alternatives.map(formatExpected).join(' | ')})`;
  }
}
