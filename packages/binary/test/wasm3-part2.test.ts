import { describe, expect, it } from 'vitest';
import {
  decode, DecodeError, HeapType, heapTypeOf, indexHeapType, isNullable, PackedType, refType, ValType,
} from '../src/index.js';
import { code, funcs, moduleBytes, section, str, vec } from './helpers.js';

function errorOf(bytes: Uint8Array, version?: '2.0' | '3.0'): DecodeError {
  try {
    decode(bytes, { version });
  } catch (e) {
    if (e instanceof DecodeError) return e;
    throw e;
  }
  throw new Error('decoded');
}

describe('3.0 part 2 encodings', () => {
  it('gives every reference type one number', () => {
    expect(refType(HeapType.func, true)).toBe(ValType.funcref);
    expect(refType(HeapType.exn, true)).toBe(ValType.exnref);
    const t = refType(indexHeapType(3), false);
    expect(isNullable(t)).toBe(false);
    expect(heapTypeOf(t)).toBe(indexHeapType(3));
    expect(isNullable(refType(HeapType.any, false))).toBe(false);
  });

  it('decodes recursion groups, subtypes, structs and arrays', () => {
    const m = decode(moduleBytes(section(1, vec([
      [0x4e, 2, 0x50, 0, 0x5f, 1, 0x64, 1, 1, 0x4f, 1, 0, 0x5e, PackedType.i8, 0],
      [0x60, 1, 0x63, 0x6e, 0],
    ]))));
    expect(m.types).toHaveLength(3);
    expect(m.types[0]).toEqual({
      kind: 'struct', fields: [{ type: refType(indexHeapType(1), false), mutable: true }],
      sub: { final: false, supertypes: [], recStart: 0, recSize: 2 },
    });
    expect(m.types[1]).toEqual({ kind: 'array', element: { type: PackedType.i8, mutable: false }, sub: { final: true, supertypes: [0], recStart: 0, recSize: 2 } });
    expect(m.types[2]).toEqual({ kind: 'func', params: [ValType.anyref], results: [] });
  });

  it('decodes tags: the tag section, tag imports and exports', () => {
    const m = decode(moduleBytes(
      section(1, vec([[0x60, 1, 0x7f, 0]])),
      section(2, vec([[...str('m'), ...str('t'), 4, 0, 0]])),
      section(13, vec([[0, 0]])),
      section(7, vec([[...str('e'), 4, 1]])),
    ));
    expect(m.imports[0]!.desc).toEqual({ kind: 'tag', type: 0 });
    expect(m.tags).toEqual([{ type: 0 }]);
    expect(m.exports[0]).toMatchObject({ name: 'e', kind: 'tag', index: 1 });
    // The tag section comes after memories and before globals.
    expect(errorOf(moduleBytes(section(1, vec([[0x60, 0, 0]])), section(6, vec([])), section(13, vec([]))), '3.0').message).toBe('unexpected content after last section');
    // 2.0 has no tags.
    expect(errorOf(moduleBytes(section(13, vec([]))), '2.0').message).toBe('malformed section id');
  });

  it('decodes try_table clauses and the legacy try instructions with their offsets', () => {
    // (try_table (catch 0 0) (catch_all_ref 1) nop end) ; try (catch 0) (catch_all) end ; try delegate 0
    const body = [0, 0x1f, 0x40, 2, 0, 0, 0, 3, 1, 0x01, 0x0b, 0x06, 0x40, 0x07, 0, 0x19, 0x0b, 0x06, 0x40, 0x18, 0, 0x0b];
    const m = decode(moduleBytes(section(1, vec([[0x60, 0, 0]])), funcs(1), section(13, vec([[0, 0]])), code(body)));
    const s = m.instructions;
    const names = Array.from(s.ops.subarray(0, s.length), (op) => op.toString(16));
    expect(names).toEqual(['1f', '1', 'b', '6', '7', '19', 'b', '6', '18', 'b']);
    expect(Array.from(s.imms.subarray(s.immStart[0]!, s.immStart[0]! + 8))).toEqual([0x80000040, 2, 0, 0, 0, 3, 0, 1]);
    // `catch` outside a `try` is malformed, at its own offset.
    const bad = moduleBytes(section(1, vec([[0x60, 0, 0]])), funcs(1), section(13, vec([[0, 0]])), code([0, 0x07, 0, 0x0b]));
    const e = errorOf(bad);
    expect(e.message).toBe('END opcode expected');
    expect(bad[e.offset]).toBe(0x07);
  });

  it('reads typed references in value types, block types and ref.null', () => {
    // (func (result (ref null 0)) (block (result (ref 0)) unreachable) ref.null nofunc)
    const m = decode(moduleBytes(
      section(1, vec([[0x60, 0, 1, 0x63, 0]])),
      funcs(1),
      code([0, 0x02, 0x64, 0, 0x00, 0x0b, 0x1a, 0xd0, 0x73, 0x0b]),
    ));
    expect(m.types[0]).toMatchObject({ results: [refType(indexHeapType(0), true)] });
    const s = m.instructions;
    expect(s.imms[s.immStart[0]!]).toBe((0x80000000 | refType(indexHeapType(0), false)) >>> 0);
    expect(s.imms[s.immStart[4]!]).toBe(ValType.nullfuncref);
  });

  it('reads 3.0 tables with an initialiser', () => {
    const m = decode(moduleBytes(section(1, vec([[0x60, 0, 0]])), section(4, vec([[0x40, 0x00, 0x64, 0x70, 0, 1, 0xd2, 0, 0x0b]]))));
    expect(m.tables[0]!.element).toBe(refType(HeapType.func, false));
    expect(m.tables[0]!.init).toBeDefined();
  });
});
