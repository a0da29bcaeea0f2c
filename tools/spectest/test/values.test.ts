import { describe, expect, it } from 'vitest';
import { F32, F64, matchesNan, packLanes, parseFloatBits, parseIntBits } from '../src/values.js';

const f32 = (s: string): string => '0x' + parseFloatBits(s, F32).toString(16).padStart(8, '0');
const f64 = (s: string): string => '0x' + parseFloatBits(s, F64).toString(16).padStart(16, '0');

/** The f32 nearest to a double, for comparing against values a double represents exactly. */
const fround = (x: number): string => '0x' + new Uint32Array(new Float32Array([x]).buffer)[0]!.toString(16).padStart(8, '0');

describe('integers', () => {
  it('accepts the signed and unsigned ranges, hex and underscores', () => {
    expect(parseIntBits('-1', 32)).toBe(0xffffffffn);
    expect(parseIntBits('4294967295', 32)).toBe(0xffffffffn);
    expect(parseIntBits('-2147483648', 32)).toBe(0x80000000n);
    expect(parseIntBits('0x7fff_ffff', 32)).toBe(0x7fffffffn);
    expect(parseIntBits('-0x8000000000000000', 64)).toBe(0x8000000000000000n);
    expect(parseIntBits('18_446_744_073_709_551_615', 64)).toBe(0xffffffffffffffffn);
    expect(parseIntBits('+7', 8)).toBe(7n);
    expect(parseIntBits('-128', 8)).toBe(0x80n);
  });

  it('rejects out-of-range and malformed literals', () => {
    expect(() => parseIntBits('4294967296', 32)).toThrow(/out of range/);
    expect(() => parseIntBits('-2147483649', 32)).toThrow(/out of range/);
    expect(() => parseIntBits('1__0', 32)).toThrow(/malformed/);
    expect(() => parseIntBits('0x', 32)).toThrow(/malformed/);
  });
});

describe('floats', () => {
  it('encodes simple decimals and hex floats', () => {
    expect(f32('1')).toBe('0x3f800000');
    expect(f32('-0.5')).toBe('0xbf000000');
    expect(f32('0x1p-1')).toBe('0x3f000000');
    expect(f32('0x1.8p1')).toBe('0x40400000');
    expect(f64('1.5')).toBe('0x3ff8000000000000');
    expect(f64('-0x1.fffffffffffffp+1023')).toBe('0xffefffffffffffff');
    expect(f32('1_000.5')).toBe(fround(1000.5));
  });

  it('keeps the sign of zero', () => {
    expect(f32('-0')).toBe('0x80000000');
    expect(f64('-0.0')).toBe('0x8000000000000000');
  });

  it('encodes infinities and NaN payloads exactly', () => {
    expect(f32('inf')).toBe('0x7f800000');
    expect(f32('-inf')).toBe('0xff800000');
    expect(f32('nan')).toBe('0x7fc00000');
    expect(f32('-nan')).toBe('0xffc00000');
    expect(f32('nan:0x1')).toBe('0x7f800001');
    expect(f32('-nan:0x7fffff')).toBe('0xffffffff');
    expect(f32('nan:0x200000')).toBe('0x7fa00000');
    expect(f64('nan:0x4000000000000')).toBe('0x7ff4000000000000');
    expect(f64('-nan:0xfffffffffffff')).toBe('0xffffffffffffffff');
    expect(() => f32('nan:0x800000')).toThrow(/payload/);
    expect(() => f32('nan:0x0')).toThrow(/payload/);
  });

  it('handles subnormals and the smallest values', () => {
    expect(f32('0x1p-149')).toBe('0x00000001');
    expect(f32('0x1p-126')).toBe('0x00800000');
    expect(f32('0x0.fffffep-126')).toBe('0x007fffff');
    expect(f64('0x1p-1074')).toBe('0x0000000000000001');
    expect(f64('4.9406564584124654e-324')).toBe('0x0000000000000001');
    // Below half the smallest subnormal: zero. Exactly half: ties to even, also zero.
    expect(f32('0x1p-151')).toBe('0x00000000');
    expect(f32('0x1p-150')).toBe('0x00000000');
    // Just above half: rounds up to the smallest subnormal.
    expect(f32('0x1.000002p-150')).toBe('0x00000001');
    // Rounding up from the largest subnormal reaches the smallest normal.
    expect(f32('0x1.fffffffp-127')).toBe('0x00800000');
    // Exactly halfway between the largest subnormal (odd) and the smallest normal (even).
    expect(f64('0x1.fffffffffffffp-1023')).toBe('0x0010000000000000');
    expect(f32('0x1.fffffep-127')).toBe('0x00800000');
  });

  it('rounds to nearest, ties to even (hex)', () => {
    // 1 + 2^-24 is exactly halfway between 1 and the next f32: ties to the even mantissa (1).
    expect(f32('0x1.000001p0')).toBe('0x3f800000');
    // 1 + 3*2^-24 is halfway between mantissas ...01 and ...10: ties to ...10.
    expect(f32('0x1.000003p0')).toBe('0x3f800002');
    // Anything above halfway rounds up.
    expect(f32('0x1.00000100000000000001p0')).toBe('0x3f800001');
    // The float_literals.wast cases.
    expect(f32('+0x1.00000100000000000p-50')).toBe('0x26800000');
    expect(f32('-0x1.00000100000000001p-50')).toBe('0xa6800001');
    expect(f32('0x1.fffffefffffffffffp127')).toBe('0x7f7fffff');
  });

  it('rounds decimal literals directly, avoiding double rounding', () => {
    // 1 + 2^-24 + 2^-60: just above halfway between two f32s, but the nearest double is exactly
    // halfway (1 + 2^-24), so going through a double then Math.fround gives 1.0 (wrong).
    const text = '1.000000059604644776170902095';
    expect(Math.fround(Number(text))).toBe(1);
    expect(f32(text)).toBe('0x3f800001');
    // The float_literals.wast cases.
    expect(f32('+1.00000005960464477539062499999')).toBe('0x3f800000');
    expect(f32('+1.000000059604644775390625')).toBe('0x3f800000');
    expect(f32('+1.00000005960464477539062500001')).toBe('0x3f800001');
    expect(f32('+1.000000178813934326171875')).toBe('0x3f800002');
  });

  it('rounds overflow to infinity and keeps the largest finite values', () => {
    expect(f32('3.4028234663852886e38')).toBe('0x7f7fffff');
    expect(f32('0x1.fffffep127')).toBe('0x7f7fffff');
    expect(f32('0x1.ffffffp127')).toBe('0x7f800000');
    expect(f64('1e400')).toBe('0x7ff0000000000000');
    expect(f64('1e-400')).toBe('0x0000000000000000');
    expect(f64('1.7976931348623157e308')).toBe('0x7fefffffffffffff');
  });

  it('agrees with JS on f64 decimals (correctly rounded there)', () => {
    for (const s of ['0.1', '3.141592653589793', '2.2250738585072014e-308', '123456789e-20', '6.02214076e23']) {
      const bits = new BigUint64Array(new Float64Array([Number(s)]).buffer)[0]!;
      expect(parseFloatBits(s, F64)).toBe(bits);
    }
  });

  it('rejects malformed literals', () => {
    expect(() => f32('1e')).toThrow(/malformed/);
    expect(() => f32('0x1q')).toThrow(/malformed/);
    expect(() => f32('infinity')).toThrow(/malformed/);
  });
});

describe('NaN patterns', () => {
  it('tells canonical from arithmetic NaNs, ignoring the sign', () => {
    const canonical = parseFloatBits('-nan', F32);
    const arithmetic = parseFloatBits('nan:0x600000', F32);
    const signalling = parseFloatBits('nan:0x200000', F32);
    expect(matchesNan(canonical, F32, 'canonical')).toBe(true);
    expect(matchesNan(canonical, F32, 'arithmetic')).toBe(true);
    expect(matchesNan(arithmetic, F32, 'canonical')).toBe(false);
    expect(matchesNan(arithmetic, F32, 'arithmetic')).toBe(true);
    expect(matchesNan(signalling, F32, 'arithmetic')).toBe(false);
    expect(matchesNan(parseFloatBits('inf', F32), F32, 'arithmetic')).toBe(false);
    expect(matchesNan(parseFloatBits('nan', F64), F64, 'canonical')).toBe(true);
  });
});

describe('lanes', () => {
  it('packs lanes little-endian', () => {
    expect(Array.from(packLanes('i16x8', [0x0102n, 0n, 0n, 0n, 0n, 0n, 0n, 0xffffn]))).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]);
    expect(() => packLanes('i32x4', [1n])).toThrow(/4 lanes/);
  });
});
