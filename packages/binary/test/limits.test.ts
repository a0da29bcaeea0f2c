import { describe, expect, it } from 'vitest';
import { decode, DecodeError, type ImplementationLimits } from '../src/index.js';
import { code, funcs, HEADER, moduleBytes, section, str, TYPE_VOID, uleb, vec } from './helpers.js';

function errorWith(bytes: Uint8Array, limits: ImplementationLimits): { message: string; offset: number } | null {
  try {
    decode(bytes, { limits });
    return null;
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    return { message: e.message, offset: e.offset };
  }
}

/** A type section that claims `n` types but holds one: the limit must fail at the count. */
const claimTypes = (n: number): Uint8Array => moduleBytes(section(1, [...uleb(n), 0x60, 0, 0]));

describe('implementation limits', () => {
  it('enforces none by default', () => {
    expect(() => decode(moduleBytes(TYPE_VOID))).not.toThrow();
  });

  it('rejects a count beyond its limit where the count is, before reading the entries', () => {
    // 2^32-1 claimed types in 6 bytes: rejected at the count (offset 10), not "unexpected end".
    expect(errorWith(claimTypes(0xffffffff), { types: 1_000_000 })).toEqual({ message: 'too many types: 4294967295, the limit is 1000000', offset: 10 });
    expect(errorWith(claimTypes(0xffffffff), {})?.message).toBe('unexpected end of section or function');
  });

  it('accepts a count at its limit', () => {
    expect(errorWith(moduleBytes(section(1, vec([[0x60, 0, 0], [0x60, 0, 0]]))), { types: 2 })).toBeNull();
    expect(errorWith(moduleBytes(section(1, vec([[0x60, 0, 0], [0x60, 0, 0]]))), { types: 1 })?.message).toBe('too many types: 2, the limit is 1');
  });

  it('limits parameters, results, locals (parameters included) and body size', () => {
    const type = (params: number, results: number): number[] =>
      section(1, vec([[0x60, ...uleb(params), ...Array(params).fill(0x7f), ...uleb(results), ...Array(results).fill(0x7f)]]));
    expect(errorWith(moduleBytes(type(3, 0)), { params: 2 })?.message).toBe('too many parameters: 3, the limit is 2');
    expect(errorWith(moduleBytes(type(0, 3)), { results: 2 })?.message).toBe('too many results: 3, the limit is 2');
    // Two parameters and two groups of locals: 2 + 1 + 2 = 5.
    const withLocals = moduleBytes(type(2, 0), funcs(1), code([2, 1, 0x7f, 2, 0x7e, 0x0b]));
    expect(errorWith(withLocals, { locals: 5 })).toBeNull();
    expect(errorWith(withLocals, { locals: 4 })?.message).toBe('too many locals: 5, the limit is 4');
    expect(errorWith(withLocals, { bodySize: 5 })?.message).toBe('function body too large (bytes): 6, the limit is 5');
  });

  it('counts imported tables and memories with defined ones', () => {
    const importMemory = section(2, vec([[...str('m'), ...str('x'), 0x02, 0x00, 0x01]]));
    const memory = section(5, vec([[0x00, 0x01]]));
    expect(errorWith(moduleBytes(importMemory), { memories: 1 })).toBeNull();
    expect(errorWith(moduleBytes(importMemory, memory), { memories: 1 })?.message).toBe('too many memories: 2, the limit is 1');
    const importTable = section(2, vec([[...str('m'), ...str('t'), 0x01, 0x70, 0x00, 0x01]]));
    expect(errorWith(moduleBytes(importTable, section(4, vec([[0x70, 0x00, 0x01]]))), { tables: 1 })?.message).toBe('too many tables: 2, the limit is 1');
  });

  it('limits the module size before reading anything', () => {
    expect(errorWith(moduleBytes(TYPE_VOID), { moduleSize: HEADER.length })).toEqual({ message: `module too large (bytes): ${HEADER.length + 6}, the limit is 8`, offset: 0 });
  });
});
