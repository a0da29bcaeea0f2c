/** What WebAssembly 3.0 (part 1) added to the binary format, and what 2.0 mode still rejects. */
import { describe, expect, it } from 'vitest';
import { decode, DecodeError, Op, OPCODE_BY_ID } from '../src/index.js';
import { code, funcs, moduleBytes, section, TYPE_VOID, vec } from './helpers.js';

const stream = (m: ReturnType<typeof decode>, i: number): number[] => {
  const s = m.instructions;
  const start = s.immStart[i]!;
  const end = i + 1 < s.length ? s.immStart[i + 1]! : s.imms.length;
  return Array.from(s.imms.subarray(start, end));
};

describe('WebAssembly 3.0 encodings', () => {
  it('decodes 64-bit memory and table limits with their address type', () => {
    const m = decode(moduleBytes(section(4, vec([[0x70, 0x05, 0x0a, 0x14]])), section(5, vec([[0x05, 0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40]]))));
    expect(m.tables[0]).toEqual({ element: 0x70, limits: { min: 10, max: 20 }, address: 'i64' });
    expect(m.memories[0]).toEqual({ limits: { min: 1, max: 2 ** 48 }, shared: false, address: 'i64' });
  });

  it('decodes a memarg with a memory index and a 64-bit offset as align, offset low, memory, offset high', () => {
    // i32.load flags 0x42 (memory index follows, align 2), memory 3, offset 2^32 + 5
    const body = [0, 0x41, 0, 0x28, 0x42, 0x03, 0x85, 0x80, 0x80, 0x80, 0x10, 0x1a, 0x0b];
    const m = decode(moduleBytes(TYPE_VOID, funcs(1), code(body)));
    const i = m.codes[0]!.code.start + 1;
    expect(m.instructions.ops[i]).toBe(Op['i32_load']);
    expect(stream(m, i)).toEqual([2, 5, 3, 1]);
  });

  it('reads memory indices of memory.size/grow/fill/copy/init as u32', () => {
    const body = [0, 0x3f, 0x02, 0x1a, 0xfc, 0x0a, 0x01, 0x02, 0x0b];
    const m = decode(moduleBytes(TYPE_VOID, funcs(1), code(body)));
    const start = m.codes[0]!.code.start;
    expect(stream(m, start)).toEqual([2]);
    expect(stream(m, start + 2)).toEqual([1, 2]);
  });

  it('knows return_call, return_call_indirect and the relaxed SIMD opcodes', () => {
    expect(OPCODE_BY_ID[0x12]).toMatchObject({ name: 'return_call', imm: 'func', proposal: 'tail-call' });
    expect(OPCODE_BY_ID[0x13]).toMatchObject({ name: 'return_call_indirect', imm: 'call_indirect' });
    expect(OPCODE_BY_ID[0x313]).toMatchObject({ name: 'i32x4.relaxed_dot_i8x16_i7x16_add_s', prefix: 0xfd, code: 0x113, proposal: 'relaxed-simd' });
    // v128.const 0 ×2, i8x16.relaxed_swizzle (0xFD 0x80 0x02), drop
    const v = [0xfd, 0x0c, ...new Array(16).fill(0)];
    const m = decode(moduleBytes(TYPE_VOID, funcs(1), code([0, ...v, ...v, 0xfd, 0x80, 0x02, 0x1a, 0x0b])));
    expect(m.instructions.ops[m.codes[0]!.code.start + 2]).toBe(0x300);
  });

  it('rejects the 3.0 opcodes in 2.0 mode', () => {
    const bytes = moduleBytes(TYPE_VOID, funcs(1), code([0, 0x12, 0x00, 0x0b]));
    expect(() => decode(bytes)).not.toThrow();
    expect(() => decode(bytes, { version: '2.0' })).toThrow(DecodeError);
    expect(() => decode(bytes, { version: '2.0' })).toThrow('illegal opcode');
  });
});
