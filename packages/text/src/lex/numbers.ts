/**
 * Number literals of the text format: integers of 32 and 64 bits and floats of both widths,
 * rounded exactly (ties to even) from decimal and hexadecimal notation.
 */

const DEC = /^[0-9](?:_?[0-9])*$/;
const HEX = /^[0-9a-fA-F](?:_?[0-9a-fA-F])*$/;

/** An integer literal's sign and magnitude, or `null` when `text` is not one. */
export function parseNat(text: string): { negative: boolean; signed: boolean; value: bigint } | null {
  let s = text;
  let negative = false;
  let signed = false;
  const c = s.charCodeAt(0);
  if (c === 0x2b || c === 0x2d) {
    negative = c === 0x2d;
    signed = true;
    s = s.slice(1);
  }
  if (s.startsWith('0x')) {
    const h = s.slice(2);
    if (!HEX.test(h)) return null;
    return { negative, signed, value: BigInt('0x' + h.replace(/_/g, '')) };
  }
  if (!DEC.test(s)) return null;
  return { negative, signed, value: BigInt(s.replace(/_/g, '')) };
}

/** An unsigned integer literal (no sign) that fits in 32 bits, or `null`. */
export function parseU32(text: string): number | null {
  const c = text.charCodeAt(0);
  if (c === 0x2b || c === 0x2d) return null;
  if (text.length < 10 && DEC.test(text) && !text.includes('_')) return Number(text);
  const n = parseNat(text);
  if (n === null || n.value > 0xffffffffn) return null;
  return Number(n.value);
}

/** An unsigned integer literal of up to 64 bits, or `null`. */
export function parseU64(text: string): bigint | null {
  const n = parseNat(text);
  if (n === null || n.signed || n.value >= 1n << 64n) return null;
  return n.value;
}

/**
 * An integer literal of `bits` bits as its two's-complement value (a bigint in [0, 2^bits)):
 * `'syntax'` when the text is no integer, `'range'` when it does not fit.
 */
export function parseIntLiteral(text: string, bits: 32 | 64): bigint | 'syntax' | 'range' {
  const n = parseNat(text);
  if (n === null) return 'syntax';
  const limit = 1n << BigInt(bits);
  if (n.negative) {
    if (n.value > limit >> 1n) return 'range';
    return n.value === 0n ? 0n : limit - n.value;
  }
  if (n.signed ? n.value >= limit >> 1n : n.value >= limit) return 'range';
  return n.value;
}

interface FloatFormat {
  /** Significand bits including the hidden bit. */
  readonly precision: number;
  /** Largest unbiased exponent. */
  readonly maxExp: number;
  readonly bias: number;
  readonly bits: number;
}
const F32: FloatFormat = { precision: 24, maxExp: 127, bias: 127, bits: 32 };
const F64: FloatFormat = { precision: 53, maxExp: 1023, bias: 1023, bits: 64 };

/**
 * A float literal of `bits` bits as its bit pattern (a bigint): `'syntax'` when `text` is no
 * float literal, `'range'` when it is finite but rounds to infinity or has a NaN payload out of range.
 */
export function parseFloatLiteral(text: string, bits: 32 | 64): bigint | 'syntax' | 'range' {
  const f = bits === 32 ? F32 : F64;
  let s = text;
  let negative = false;
  const c = s.charCodeAt(0);
  if (c === 0x2b || c === 0x2d) {
    negative = c === 0x2d;
    s = s.slice(1);
  }
  const signBit = negative ? 1n << BigInt(f.bits - 1) : 0n;
  const mantBits = BigInt(f.precision - 1);
  const expAll = ((1n << BigInt(f.bits - f.precision)) - 1n) << mantBits;
  if (s === 'inf') return signBit | expAll;
  if (s === 'nan') return signBit | expAll | (1n << (mantBits - 1n));
  if (s.startsWith('nan:0x')) {
    const h = s.slice(6);
    if (!HEX.test(h)) return 'syntax';
    const payload = BigInt('0x' + h.replace(/_/g, ''));
    if (payload === 0n || payload >= 1n << mantBits) return 'range';
    return signBit | expAll | payload;
  }
  let magnitude: bigint | 'syntax' | 'range';
  if (s.startsWith('0x')) magnitude = hexFloat(s.slice(2), f);
  else magnitude = decimalFloat(s, f);
  if (typeof magnitude === 'string') return magnitude;
  return signBit | magnitude;
}

const HEX_FLOAT = /^([0-9a-fA-F](?:_?[0-9a-fA-F])*)(?:\.((?:[0-9a-fA-F](?:_?[0-9a-fA-F])*)?))?(?:[pP]([+-]?[0-9](?:_?[0-9])*))?$/;
const DEC_FLOAT = /^([0-9](?:_?[0-9])*)(?:\.((?:[0-9](?:_?[0-9])*)?))?(?:[eE]([+-]?[0-9](?:_?[0-9])*))?$/;

function hexFloat(s: string, f: FloatFormat): bigint | 'syntax' | 'range' {
  const m = HEX_FLOAT.exec(s);
  if (m === null) return 'syntax';
  const int = m[1]!.replace(/_/g, '');
  const frac = (m[2] ?? '').replace(/_/g, '');
  const exp = m[3] === undefined ? 0 : Number(m[3].replace(/_/g, ''));
  const mant = BigInt('0x' + int + frac);
  const e2 = exp - 4 * frac.length;
  if (mant === 0n) return 0n;
  return e2 >= 0 ? round(mant << BigInt(e2), 1n, f) : round(mant, 1n << BigInt(-e2), f);
}

function decimalFloat(s: string, f: FloatFormat): bigint | 'syntax' | 'range' {
  const m = DEC_FLOAT.exec(s);
  if (m === null) return 'syntax';
  const clean = s.replace(/_/g, '');
  if (f === F64) {
    const v = Number(clean);
    if (!Number.isFinite(v)) return 'range';
    const dv = new DataView(new ArrayBuffer(8));
    dv.setFloat64(0, v);
    return dv.getBigUint64(0);
  }
  const int = m[1]!.replace(/_/g, '');
  const frac = (m[2] ?? '').replace(/_/g, '');
  let exp = m[3] === undefined ? 0 : Number(m[3].replace(/_/g, ''));
  const mant = BigInt(int + frac);
  exp -= frac.length;
  if (mant === 0n) return 0n;
  // Exponents far beyond the format's range round to zero or overflow whatever the digits.
  const digits = int.length + frac.length;
  if (exp + digits > 400) return 'range';
  if (exp + digits < -400) return 0n;
  return exp >= 0 ? round(mant * 10n ** BigInt(exp), 1n, f) : round(mant, 10n ** BigInt(-exp), f);
}

function bitLength(x: bigint): number {
  return x.toString(2).length;
}

/** Rounds `num / den` (> 0) to the nearest float of format `f`, ties to even; returns its bits. */
function round(num: bigint, den: bigint, f: FloatFormat): bigint | 'range' {
  const p = f.precision;
  const minExp = 1 - f.bias - (p - 1);
  let e = bitLength(num) - bitLength(den) - p;
  if (e < minExp) e = minExp;
  let q: bigint;
  let r: bigint;
  let d: bigint;
  for (;;) {
    if (e >= 0) {
      d = den << BigInt(e);
      q = num / d;
      r = num % d;
    } else {
      const n = num << BigInt(-e);
      d = den;
      q = n / d;
      r = n % d;
    }
    if (q >= 1n << BigInt(p)) {
      e++;
      continue;
    }
    if (q < 1n << BigInt(p - 1) && e > minExp) {
      e--;
      continue;
    }
    break;
  }
  const twice = 2n * r;
  if (twice > d || (twice === d && (q & 1n) === 1n)) q++;
  if (q === 1n << BigInt(p)) {
    q >>= 1n;
    e++;
  }
  const mantBits = BigInt(p - 1);
  if (q < 1n << mantBits) return q; // subnormal (or the smallest normal reached by rounding above)
  const biased = e + p - 1 + f.bias;
  if (biased >= 2 * f.bias + 1) return 'range';
  return (BigInt(biased) << mantBits) | (q - (1n << mantBits));
}
