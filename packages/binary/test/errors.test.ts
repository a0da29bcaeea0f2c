import { describe, expect, it } from 'vitest';
import { decode, DecodeError, type SpecVersion } from '../src/index.js';
import { code, funcs, HEADER, moduleBytes, section, str, TYPE_VOID, vec } from './helpers.js';

/** Decodes and returns the error, failing the test if decoding succeeds or throws something else. */
function errorOf(bytes: Uint8Array | number[], version?: SpecVersion): DecodeError {
  try {
    decode(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), version ? { version } : undefined);
  } catch (e) {
    if (e instanceof DecodeError) return e;
    throw e;
  }
  throw new Error('decoded without error');
}

function expectError(bytes: Uint8Array | number[], message: string, offset: number, version?: SpecVersion): void {
  const e = errorOf(bytes, version);
  expect({ message: e.message, offset: e.offset }).toEqual({ message, offset });
}

describe('header', () => {
  it('rejects a short or wrong header', () => {
    expectError([], 'unexpected end', 0);
    expectError([0, 0x61, 0x73], 'unexpected end', 3);
    expectError([0, 0x61, 0x73, 0x6e, 1, 0, 0, 0], 'magic header not detected', 0);
    expectError([0, 0x61, 0x73, 0x6d, 1, 0], 'unexpected end', 6);
    expectError([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0], 'unknown binary version', 4);
  });
});

describe('sections', () => {
  it('rejects unknown section ids', () => {
    // 13 is 3.0's tag section.
    expectError([...HEADER, 14, 0], 'malformed section id', 8);
  });

  it('rejects a section whose size does not match its contents', () => {
    // A type section claiming 5 bytes whose single type takes 4.
    expectError([...HEADER, 1, 5, 1, 0x60, 0, 0, 0], 'section size mismatch', 14);
  });

  it('rejects a section size beyond the end of the module', () => {
    expectError([...HEADER, 1, 9, 1, 0x60, 0, 0], 'length out of bounds', 9);
  });

  it('rejects reads past the end of the module', () => {
    expectError([...HEADER, 5, 1, 1], 'unexpected end of section or function', 11);
  });

  it('rejects sections out of order or repeated', () => {
    expectError(moduleBytes(funcs(0), TYPE_VOID), 'unexpected content after last section', 11);
    expectError(moduleBytes(TYPE_VOID, TYPE_VOID), 'unexpected content after last section', 14);
  });

  it('accepts the data count section before the code section only', () => {
    expect(decode(moduleBytes(section(12, [0]), code())).dataCount).toBe(0);
    expectError(moduleBytes(code(), section(12, [0])), 'unexpected content after last section', 11);
  });

  it('rejects inconsistent function and code sections', () => {
    expectError(moduleBytes(TYPE_VOID, funcs(2), code([0, 0x0b])), 'function and code section have inconsistent lengths', 19);
    expectError(moduleBytes(TYPE_VOID, funcs(1)), 'function and code section have inconsistent lengths', 14);
  });

  it('rejects inconsistent data count and data sections', () => {
    expectError(moduleBytes(section(12, [2]), section(11, vec([[1, 0]]))), 'data count and data section have inconsistent lengths', 11);
  });

  it('requires the data count section when code uses data indices', () => {
    const body = [0, 0xfc, 9, 0, 0x0b]; // data.drop 0
    expectError(
      moduleBytes(TYPE_VOID, funcs(1), section(5, vec([[0, 1]])), code(body), section(11, vec([[1, 0]]))),
      'data count section required', 28,
    );
    // With the section present it decodes.
    decode(moduleBytes(TYPE_VOID, funcs(1), section(5, vec([[0, 1]])), section(12, [1]), code(body), section(11, vec([[1, 0]]))));
  });
});

describe('integers', () => {
  it('rejects over-long and over-large LEB128 encodings', () => {
    // Start section with function index written in 6 bytes.
    expectError([...HEADER, 8, 6, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00], 'integer representation too long', 10);
    // Five bytes whose last carries bits beyond 32.
    expectError([...HEADER, 8, 5, 0x80, 0x80, 0x80, 0x80, 0x10], 'integer too large', 10);
    // i32.const with unused bits that do not repeat the sign.
    const body = [0, 0x41, 0x80, 0x80, 0x80, 0x80, 0x70, 0x1a, 0x0b];
    expectError(moduleBytes(TYPE_VOID, funcs(1), code(body)), 'integer too large', 24);
    // i64.const of 11 bytes.
    const long64 = [0, 0x42, ...Array(10).fill(0x80), 0x00, 0x1a, 0x0b];
    expectError(moduleBytes(TYPE_VOID, funcs(1), code(long64)), 'integer representation too long', 24);
    // i64.const whose tenth byte sets bits beyond 64.
    const big64 = [0, 0x42, ...Array(9).fill(0x80), 0x02, 0x1a, 0x0b];
    expectError(moduleBytes(TYPE_VOID, funcs(1), code(big64)), 'integer too large', 24);
  });

  it('decodes signed constants at their extremes', () => {
    const m = decode(moduleBytes(
      section(6, vec([
        [0x7f, 0, 0x41, 0x80, 0x80, 0x80, 0x80, 0x78, 0x0b], // i32 min
        [0x7e, 0, 0x42, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x0b], // i64 max
        [0x7e, 0, 0x42, 0x7f, 0x0b], // -1
      ])),
    ));
    const s = m.instructions;
    const word = (g: number, k: number) => s.imms[s.immStart[m.globals[g]!.init.start]! + k]!;
    expect(word(0, 0) | 0).toBe(-2147483648);
    expect([word(1, 0), word(1, 1)]).toEqual([0xffffffff, 0x7fffffff]);
    expect([word(2, 0), word(2, 1)]).toEqual([0xffffffff, 0xffffffff]);
  });

  it('rejects limits flags that are too large or too long (2.0)', () => {
    expectError([...HEADER, 5, 3, 1, 0x02, 0], 'integer too large', 11, '2.0');
    expectError([...HEADER, 5, 4, 1, 0x81, 0, 0], 'integer representation too long', 11, '2.0');
    expectError([...HEADER, 5, 3, 1, 0x04, 0], 'integer too large', 11, '2.0');
  });

  it('rejects limits flags 3.0 gives no meaning', () => {
    expectError([...HEADER, 5, 3, 1, 0x02, 0], 'malformed limits flags', 11);
    expectError([...HEADER, 5, 3, 1, 0x08, 0], 'malformed limits flags', 11);
    expectError([...HEADER, 5, 4, 1, 0x81, 0, 0], 'malformed limits flags', 11);
  });
});

describe('contents', () => {
  it('rejects malformed UTF-8 in names', () => {
    expectError(moduleBytes(section(0, [2, 0xc0, 0x80])), 'malformed UTF-8 encoding', 11);
    expectError(moduleBytes(section(7, vec([[2, 0xed, 0xa0, 0, 0]]))), 'malformed UTF-8 encoding', 12);
  });

  it('rejects a name longer than what is left', () => {
    expectError(moduleBytes(section(7, vec([[9, 0x61]]))), 'length out of bounds', 11);
  });

  it('rejects too many locals', () => {
    const max = [0xff, 0xff, 0xff, 0xff, 0x0f];
    const body = [2, ...max, 0x7f, ...max, 0x7f, 0x0b];
    expectError(moduleBytes(TYPE_VOID, funcs(1), code(body)), 'too many locals', 22);
  });

  it('rejects unknown opcodes, including prefixed ones', () => {
    // (0x06 is the legacy `try` in 3.0.)
    expectError(moduleBytes(TYPE_VOID, funcs(1), code([0, 0x27, 0x0b])), 'illegal opcode 27', 23);
    expectError(moduleBytes(TYPE_VOID, funcs(1), code([0, 0xfc, 0x12, 0x0b])), 'illegal opcode', 23);
    expectError(moduleBytes(TYPE_VOID, funcs(1), code([0, 0xfd, 0x9a, 0x01, 0x0b])), 'illegal opcode', 23);
  });

  it('rejects a body that does not end where its size says', () => {
    expectError(moduleBytes(TYPE_VOID, funcs(1), code([0, 0x0b, 0x01])), 'section size mismatch', 24);
    expectError(moduleBytes(TYPE_VOID, funcs(1), code([0, 0x01])), 'unexpected end of section or function', 24);
  });

  it('rejects else outside if', () => {
    expectError(moduleBytes(TYPE_VOID, funcs(1), code([0, 0x02, 0x40, 0x05, 0x0b, 0x0b])), 'END opcode expected', 25);
  });

  it('rejects malformed reference types', () => {
    expectError(moduleBytes(section(4, vec([[0x7f, 0, 1]]))), 'malformed reference type', 11);
    // 3.0's `ref.null` takes a heap type.
    expectError(moduleBytes(TYPE_VOID, funcs(1), code([0, 0xd0, 0x7f, 0x1a, 0x0b])), 'malformed heap type', 24);
  });

  it('rejects a non-zero reserved byte (2.0; 3.0 reads a memory index there)', () => {
    expectError(moduleBytes(TYPE_VOID, funcs(1), code([0, 0x3f, 0x01, 0x1a, 0x0b])), 'zero byte expected', 24, '2.0');
    expect(() => decode(moduleBytes(TYPE_VOID, funcs(1), code([0, 0x3f, 0x01, 0x1a, 0x0b])))).not.toThrow();
  });

  it('rejects malformed kinds, mutability, value types and segment flags', () => {
    // (4 is 3.0's tag.)
    expectError(moduleBytes(section(2, vec([[...str('m'), ...str('f'), 5, 0]]))), 'malformed import kind', 15);
    expectError(moduleBytes(section(6, vec([[0x7f, 2, 0x41, 0, 0x0b]]))), 'malformed mutability', 12);
    expectError(moduleBytes(section(1, vec([[0x60, 1, 0x60, 0]]))), 'malformed value type', 13);
    expectError(moduleBytes(section(9, vec([[8]]))), 'malformed elements segment kind', 11);
    expectError(moduleBytes(section(11, vec([[3]]))), 'malformed data segment kind', 11);
    expectError(moduleBytes(section(1, vec([[0x61, 0, 0]]))), 'malformed function type', 11);
  });

  it('rejects alignment exponents that no access can have', () => {
    expectError(moduleBytes(TYPE_VOID, funcs(1), code([0, 0x41, 0, 0x28, 0x20, 0, 0x1a, 0x0b])), 'malformed memop flags', 26, '2.0');
    // 3.0: bits 0-5 are the alignment, bit 6 announces a memory index, anything above is malformed.
    expectError(moduleBytes(TYPE_VOID, funcs(1), code([0, 0x41, 0, 0x28, 0x80, 0x01, 0, 0x1a, 0x0b])), 'malformed memop flags', 26);
  });

  it('reports offsets as strings for humans', () => {
    expect(String(errorOf([]))).toBe('DecodeError: unexpected end (at byte 0x0)');
  });
});
