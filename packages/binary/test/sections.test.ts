import { describe, expect, it } from 'vitest';
import { decode, HeapType, Op, OPCODE_BY_ID, refType, ValType, BLOCK_TYPE_EMPTY, BLOCK_TYPE_VALUE, type Module, type Expr } from '../src/index.js';

const FUNC_INDICES = refType(HeapType.func, false);
import { wat } from './wat.js';
import { code, funcs, moduleBytes, section, str, TYPE_VOID, vec } from './helpers.js';

/** The mnemonics of an expression, for readable assertions. */
function names(m: Module, e: Expr): string[] {
  const out: string[] = [];
  for (let i = e.start; i < e.end; i++) out.push(OPCODE_BY_ID[m.instructions.ops[i]!]!.name);
  return out;
}

describe('sections', () => {
  it('decodes the empty module', () => {
    const m = decode(moduleBytes());
    expect(m.types).toEqual([]);
    expect(m.sections).toEqual([]);
    expect(m.start).toBeNull();
    expect(m.dataCount).toBeNull();
  });

  it('decodes types, functions, exports, start and code', () => {
    const m = decode(wat(`(module
      (type (func (param i32 i64) (result f32 f64)))
      (func $main (export "main") (param i32) (result i32) (local i64 i64 f32) local.get 0)
      (start $s) (func $s))`));
    expect(m.types[0]).toEqual({ kind: 'func', params: [ValType.i32, ValType.i64], results: [ValType.f32, ValType.f64] });
    expect(m.functions).toHaveLength(2);
    expect(m.exports).toEqual([expect.objectContaining({ name: 'main', kind: 'func', index: 0 })]);
    expect(m.start).toBe(1);
    expect(m.codes[0]!.locals).toEqual([{ count: 2, type: ValType.i64 }, { count: 1, type: ValType.f32 }]);
    expect(m.codes[0]!.localCount).toBe(3);
    expect(names(m, m.codes[0]!.code)).toEqual(['local.get', 'end']);
  });

  it('decodes every kind of import', () => {
    const m = decode(wat(`(module
      (import "m" "f" (func (param i32)))
      (import "m" "t" (table 1 2 externref))
      (import "m" "mem" (memory 1))
      (import "m" "g" (global (mut i64))))`));
    expect(m.imports.map((i) => i.desc)).toEqual([
      { kind: 'func', type: 0 },
      { kind: 'table', type: { element: ValType.externref, limits: { min: 1, max: 2 }, address: 'i32' } },
      { kind: 'memory', type: { limits: { min: 1, max: null }, shared: false, address: 'i32' } },
      { kind: 'global', type: { type: ValType.i64, mutable: true } },
    ]);
    expect(m.imports.map((i) => `${i.module}.${i.name}`)).toEqual(['m.f', 'm.t', 'm.mem', 'm.g']);
  });

  it('decodes tables, memories and globals with their initialisers', () => {
    const m = decode(wat(`(module (table 3 funcref) (memory 2 10)
      (global i32 (i32.const -7)) (global $g (mut f64) (f64.const 1.5)))`));
    expect(m.tables).toEqual([{ element: ValType.funcref, limits: { min: 3, max: null }, address: 'i32' }]);
    expect(m.memories[0]!.limits).toEqual({ min: 2, max: 10 });
    expect(m.globals[0]!.type).toEqual({ type: ValType.i32, mutable: false });
    const s = m.instructions;
    const init = m.globals[0]!.init;
    expect(names(m, init)).toEqual(['i32.const', 'end']);
    expect(s.imms[s.immStart[init.start]!]! | 0).toBe(-7);
    const f = m.globals[1]!.init;
    const lo = s.imms[s.immStart[f.start]!]!;
    const hi = s.imms[s.immStart[f.start]! + 1]!;
    const view = new DataView(new ArrayBuffer(8));
    view.setUint32(0, lo, true);
    view.setUint32(4, hi, true);
    expect(view.getFloat64(0, true)).toBe(1.5);
  });

  it('decodes all eight element segment encodings', () => {
    const off = (n: number) => [0x41, n, 0x0b]; // i32.const n; end
    const refFunc = (f: number) => [0xd2, f, 0x0b];
    const refNull = [0xd0, 0x70, 0x0b];
    const m = decode(moduleBytes(
      TYPE_VOID, funcs(2),
      section(4, vec([[0x70, 0, 10], [0x70, 0, 10]])),
      section(9, vec([
        [0, ...off(0), ...vec([[0], [1]])],
        [1, 0x00, ...vec([[0]])],
        [2, 1, ...off(1), 0x00, ...vec([[1]])],
        [3, 0x00, ...vec([[0]])],
        [4, ...off(2), ...vec([refFunc(0), refNull])],
        [5, 0x70, ...vec([refFunc(1)])],
        [6, 1, ...off(3), 0x70, ...vec([refFunc(0)])],
        [7, 0x70, ...vec([refFunc(1)])],
      ])),
      code([0, 0x0b], [0, 0x0b]),
    ));
    expect(m.elements.map((e) => [e.flags, e.mode, e.table, e.type, e.init.kind])).toEqual([
      // In 3.0 function indices are non-null references (`(ref func)`).
      [0, 'active', 0, FUNC_INDICES, 'functions'],
      [1, 'passive', 0, FUNC_INDICES, 'functions'],
      [2, 'active', 1, FUNC_INDICES, 'functions'],
      [3, 'declarative', 0, FUNC_INDICES, 'functions'],
      [4, 'active', 0, ValType.funcref, 'expressions'],
      [5, 'passive', 0, ValType.funcref, 'expressions'],
      [6, 'active', 1, ValType.funcref, 'expressions'],
      [7, 'declarative', 0, ValType.funcref, 'expressions'],
    ]);
    expect(m.elements[0]!.init).toEqual({ kind: 'functions', indices: [0, 1] });
    expect(m.elements.map((e) => e.tableOffset === null)).toEqual([false, true, false, true, false, true, false, true]);
    const e4 = m.elements[4]!.init;
    if (e4.kind !== 'expressions') throw new Error('expected expressions');
    expect(e4.exprs.map((e) => names(m, e))).toEqual([['ref.func', 'end'], ['ref.null', 'end']]);
  });

  it('decodes the three data segment encodings and the data count', () => {
    const m = decode(moduleBytes(
      section(5, vec([[0, 1]])),
      section(12, [3]),
      section(11, vec([
        [0, 0x41, 5, 0x0b, ...str('ab')],
        [1, ...str('c')],
        [2, 0, 0x41, 6, 0x0b, ...str('d')],
      ])),
    ));
    expect(m.dataCount).toBe(3);
    expect(m.datas.map((d) => [d.mode, d.memory, d.memoryOffset === null, [...d.bytes]])).toEqual([
      ['active', 0, false, [97, 98]],
      ['passive', 0, true, [99]],
      ['active', 0, false, [100]],
    ]);
  });

  it('keeps custom sections and decodes the name section', () => {
    const bytes = moduleBytes(
      section(0, [...str('hello'), 1, 2, 3]),
      TYPE_VOID, funcs(1), code([0, 0x0b]),
      section(0, [...str('name'),
        0, ...vec([str('mod')]).slice(1), // module name subsection: size then name
      ]),
    );
    // Build a correct name section by hand: module name, function names, local names.
    const nameSection = [...str('name'),
      0, ...((b) => [b.length, ...b])(str('mod')),
      1, ...((b) => [b.length, ...b])(vec([[0, ...str('fn')]])),
      2, ...((b) => [b.length, ...b])(vec([[0, ...vec([[0, ...str('x')]])]])),
    ];
    const m = decode(moduleBytes(section(0, [...str('hello'), 1, 2, 3]), TYPE_VOID, funcs(1), code([0, 0x0b]), section(0, nameSection)));
    expect(m.customs.map((c) => c.name)).toEqual(['hello', 'name']);
    expect([...m.customs[0]!.data]).toEqual([1, 2, 3]);
    expect(m.names?.module).toBe('mod');
    expect(m.names?.functions.get(0)).toBe('fn');
    expect(m.names?.locals.get(0)?.get(0)).toBe('x');
    // A malformed name section does not make the module malformed.
    expect(decode(bytes).names).toBeNull();
  });

  it('records each section with its offsets', () => {
    const bytes = moduleBytes(TYPE_VOID, funcs(1), code([0, 0x0b]));
    const m = decode(bytes);
    expect(m.sections.map((s) => [s.name, s.offset, s.contentOffset, s.size])).toEqual([
      ['type', 8, 10, 4],
      ['function', 14, 16, 2],
      ['code', 18, 20, 4],
    ]);
  });
});

describe('instructions', () => {
  it('decodes immediates of every shape, with byte offsets', () => {
    const m = decode(wat(`(module (memory 1) (table 1 funcref) (type $t (func (param i32) (result i32)))
      (func (param i32) (result i32)
        (block $b (result i32) (i32.const 1) (br_table $b $b $b (local.get 0)))
        drop
        (i64.const -9223372036854775808) drop
        (f32.const nan:0x200000) drop
        (v128.const i32x4 1 2 3 4) drop
        (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 (v128.const i64x2 0 0) (v128.const i64x2 0 0)) drop
        (i32.load offset=8 align=2 (local.get 0)) drop
        (select (result i32) (i32.const 1) (i32.const 2) (i32.const 3)) drop
        (call_indirect (type $t) (i32.const 0) (i32.const 0)) drop
        (memory.size)))`));
    const s = m.instructions;
    const body = m.codes[0]!.code;
    const at = (name: string): number => {
      for (let i = body.start; i < body.end; i++) if (OPCODE_BY_ID[s.ops[i]!]!.name === name) return i;
      throw new Error(name);
    };
    const imm = (i: number, k = 0): number => s.imms[s.immStart[i]! + k]!;
    expect(imm(at('block'))).toBe((BLOCK_TYPE_VALUE | ValType.i32) >>> 0);
    const bt = at('br_table');
    expect([imm(bt), imm(bt, 1), imm(bt, 2), imm(bt, 3)]).toEqual([2, 0, 0, 0]);
    const c64 = at('i64.const');
    expect([imm(c64), imm(c64, 1)]).toEqual([0, 0x80000000]);
    expect(imm(at('f32.const'))).toBe(0x7fa00000);
    const v = at('v128.const');
    expect([0, 1, 2, 3].map((k) => imm(v, k))).toEqual([1, 2, 3, 4]);
    const sh = at('i8x16.shuffle');
    expect(Array.from({ length: 16 }, (_, k) => imm(sh, k))).toEqual(Array.from({ length: 16 }, (_, k) => k));
    const ld = at('i32.load');
    expect([imm(ld), imm(ld, 1), imm(ld, 2)]).toEqual([1, 8, 0]);
    expect(s.ops[at('select')]).toBe(Op.select_typed);
    expect([imm(at('select')), imm(at('select'), 1)]).toEqual([1, ValType.i32]);
    const ci = at('call_indirect');
    expect([imm(ci), imm(ci, 1)]).toEqual([0, 0]);
    // Offsets are absolute and increase through the body.
    for (let i = body.start + 1; i < body.end; i++) expect(s.offsets[i]!).toBeGreaterThan(s.offsets[i - 1]!);
    expect(s.offsets[body.start]!).toBeGreaterThan(m.codes[0]!.offset);
    expect(m.instructions.ops[body.end - 1]).toBe(Op.end);
  });

  it('stores the empty block type and type-index block types', () => {
    const m = decode(wat(`(module (type $p (func (param i32) (result i32 i32)))
      (func (block) (i32.const 0) (block (type $p) (i32.const 1)) drop drop))`));
    const s = m.instructions;
    const ops = Array.from(s.ops.subarray(m.codes[0]!.code.start, m.codes[0]!.code.end));
    const blocks = ops.map((op, k) => [op, k]).filter(([op]) => op === Op.block).map(([, k]) => m.codes[0]!.code.start + k!);
    expect(s.imms[s.immStart[blocks[0]!]!]).toBe(BLOCK_TYPE_EMPTY);
    expect(s.imms[s.immStart[blocks[1]!]!]).toBe(0);
  });

  it('decodes 0xFC and 0xFD prefixed instructions', () => {
    const m = decode(wat(`(module (memory 1) (data "x") (table 1 funcref) (elem func 0)
      (func (i32.trunc_sat_f32_s (f32.const 1)) drop
        (memory.init 0 (i32.const 0) (i32.const 0) (i32.const 0)) (data.drop 0)
        (memory.copy (i32.const 0) (i32.const 0) (i32.const 0))
        (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))
        (table.init 0 (i32.const 0) (i32.const 0) (i32.const 0)) (elem.drop 0)
        (i32x4.add (v128.const i64x2 0 0) (v128.const i64x2 0 0)) drop))`));
    const ops = Array.from(m.instructions.ops.subarray(m.codes[0]!.code.start, m.codes[0]!.code.end)).map((o) => OPCODE_BY_ID[o]!.name);
    expect(ops).toEqual(expect.arrayContaining(['i32.trunc_sat_f32_s', 'memory.init', 'data.drop', 'memory.copy', 'memory.fill', 'table.init', 'elem.drop', 'i32x4.add']));
  });

  it('decodes a view with a byteOffset and never changes the input', () => {
    const inner = wat('(module (func (export "f") (result i32) (i32.const 42)))');
    const outer = new Uint8Array(inner.length + 7);
    outer.set(inner, 7);
    const view = outer.subarray(7);
    const before = outer.slice();
    const m = decode(view);
    expect(m.exports[0]!.name).toBe('f');
    expect(m.instructions.offsets[0]).toBe(decode(inner).instructions.offsets[0]);
    expect(outer).toEqual(before);
  });
});
