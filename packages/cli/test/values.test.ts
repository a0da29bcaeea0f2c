/**
 * --invoke values: parsing by parameter type and printing results.
 */
import { ValType } from '@rt/binary';
import { describe, expect, it } from 'vitest';
import { formatResults, formatValue, parseValue, parseValues } from '../src/values.js';

describe('parseValue', () => {
  it('i32: signed or unsigned range, decimal or hex, wrapped to signed', () => {
    expect(parseValue('42', ValType.i32, 0)).toBe(42);
    expect(parseValue('-2147483648', ValType.i32, 0)).toBe(-2147483648);
    expect(parseValue('0xffffffff', ValType.i32, 0)).toBe(-1);
    expect(parseValue('1_000', ValType.i32, 0)).toBe(1000);
    expect(() => parseValue('-2147483649', ValType.i32, 0)).toThrow('not a valid i32');
    expect(() => parseValue('', ValType.i32, 0)).toThrow('not a valid i32');
    expect(() => parseValue('1e3', ValType.i32, 0)).toThrow('not a valid i32');
  });

  it('i64: BigInt, exact', () => {
    expect(parseValue('9007199254740993', ValType.i64, 0)).toBe(9007199254740993n);
    expect(parseValue('0xffffffffffffffff', ValType.i64, 0)).toBe(-1n);
    expect(() => parseValue('0x1ffffffffffffffff', ValType.i64, 0)).toThrow('not a valid i64');
  });

  it('floats: decimal, exponent, hex integers, nan, inf', () => {
    expect(parseValue('0.1', ValType.f32, 0)).toBe(Math.fround(0.1));
    expect(parseValue('0.1', ValType.f64, 0)).toBe(0.1);
    expect(parseValue('-1.5e2', ValType.f64, 0)).toBe(-150);
    expect(parseValue('.5', ValType.f64, 0)).toBe(0.5);
    expect(parseValue('0x10', ValType.f64, 0)).toBe(16);
    expect(parseValue('NaN', ValType.f64, 0)).toBeNaN();
    expect(parseValue('-inf', ValType.f32, 0)).toBe(-Infinity);
    expect(parseValue('Infinity', ValType.f64, 0)).toBe(Infinity);
    expect(Object.is(parseValue('-0', ValType.f64, 0), -0)).toBe(true);
    for (const bad of ['', '.', 'e5', '1..2', 'x']) expect(() => parseValue(bad, ValType.f64, 0)).toThrow('not a valid f64');
  });

  it('references: only null', () => {
    expect(parseValue('null', ValType.externref, 0)).toBeNull();
    expect(() => parseValue('1', ValType.funcref, 0)).toThrow('not a valid funcref');
  });

  it('v128: one 128-bit unsigned integer', () => {
    expect(parseValue('0x0102', ValType.v128, 0)).toBe(0x102n);
    expect(parseValue('340282366920938463463374607431768211455', ValType.v128, 0)).toBe((1n << 128n) - 1n);
    expect(() => parseValue('0x1' + '0'.repeat(32), ValType.v128, 0)).toThrow('not a valid v128');
    expect(() => parseValue('-1', ValType.v128, 0)).toThrow('not a valid v128');
  });

  it('parseValues checks the count', () => {
    expect(parseValues(['1', '2'], [ValType.i32, ValType.i64], 'f')).toEqual([1, 2n]);
    expect(() => parseValues([], [ValType.i32], 'f')).toThrow('--invoke f: expected 1 argument(s) (i32), got 0');
  });
});

describe('formatValue', () => {
  it('prints each type like wasmtime', () => {
    expect(formatValue(-1, ValType.i32)).toBe('-1');
    expect(formatValue(-1n, ValType.i64)).toBe('-1');
    expect(formatValue(1.5, ValType.f32)).toBe('1.5');
    expect(formatValue(NaN, ValType.f64)).toBe('nan');
    expect(formatValue(-Infinity, ValType.f64)).toBe('-inf');
    expect(formatValue(-0, ValType.f64)).toBe('-0');
    expect(formatValue(null, ValType.funcref)).toBe('null');
    expect(formatValue({}, ValType.funcref)).toBe('<funcref>');
    expect(formatValue(0xabn, ValType.v128)).toBe('0x000000000000000000000000000000ab');
    expect(formatResults([1, 2n], [ValType.i32, ValType.i64])).toEqual(['1', '2']);
  });
});
