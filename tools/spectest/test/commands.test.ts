import { describe, expect, it } from 'vitest';
import { parseScript, type Command, type ModuleSource } from '../src/reader/commands.js';
import { matchResult, messageMatches } from '../src/match.js';

const text = (b: Uint8Array): string => new TextDecoder().decode(b);

function one(src: string): Command {
  const cmds = parseScript(src);
  expect(cmds).toHaveLength(1);
  return cmds[0]!;
}

/** The bytes of a module source that has its own (every kind but 3.0's `module instance`). */
function sourceBytes(s: ModuleSource): Uint8Array {
  if (s.kind === 'instance') throw new Error('a module instance has no bytes');
  return s.bytes;
}

describe('modules', () => {
  it('keeps a text module as its exact source span, with its name and line', () => {
    const src = ';; header\n\n(module $M (func (export "f") (result i32) (i32.const 1)))  (register "m" $M)';
    const [m, r] = parseScript(src);
    expect(m).toMatchObject({ kind: 'module', line: 3, module: { name: '$M', source: { kind: 'text' } } });
    if (m?.kind !== 'module') throw new Error();
    expect(text(sourceBytes(m.module.source))).toBe('(module $M (func (export "f") (result i32) (i32.const 1)))');
    expect(r).toEqual({ kind: 'register', line: 3, as: 'm', module: '$M' });
  });

  it('concatenates module binary strings', () => {
    const c = one('(module $B binary "\\00asm" "\\01\\00\\00\\00")');
    expect(c).toMatchObject({ kind: 'module', module: { name: '$B', source: { kind: 'binary' } } });
    if (c.kind !== 'module') throw new Error();
    expect(Array.from(sourceBytes(c.module.source))).toEqual([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  });

  it('keeps module quote as text', () => {
    const c = one('(assert_malformed (module quote "(func" ")") "unexpected token")');
    expect(c).toMatchObject({ kind: 'assert_malformed', message: 'unexpected token', module: { source: { kind: 'quote' } } });
    if (c.kind !== 'assert_malformed') throw new Error();
    expect(text(sourceBytes(c.module.source))).toBe('(func)');
  });

  it('reads 3.0 module definitions and instances', () => {
    const [d, i, j, t] = parseScript(
      '(module definition $D binary "\\00asm" "\\01\\00\\00\\00")\n(module instance)\n(module instance $I $D)\n(assert_trap (module instance) "unreachable")',
    );
    expect(d).toMatchObject({ kind: 'module', definition: true, module: { name: '$D', source: { kind: 'binary' } } });
    expect(i).toEqual({ kind: 'instance', line: 2, name: undefined, definition: undefined });
    expect(j).toEqual({ kind: 'instance', line: 3, name: '$I', definition: '$D' });
    expect(t).toMatchObject({ kind: 'assert_uninstantiable', message: 'unreachable', module: { source: { kind: 'instance', definition: undefined } } });
  });

  it('reads either results and assert_exception', () => {
    const [r, e] = parseScript('(assert_return (invoke "f") (either (i32.const 1) (i32.const 2)))\n(assert_exception (invoke "t"))');
    expect(r).toMatchObject({ kind: 'assert_return', expected: [{ kind: 'either', alternatives: [{ kind: 'exact' }, { kind: 'exact' }] }] });
    expect(e).toMatchObject({ kind: 'assert_exception', line: 2, action: { kind: 'invoke', field: 't' } });
  });

  it('treats a script of bare module fields as one inline module', () => {
    const [c] = parseScript('(func) (memory 0)');
    expect(c).toMatchObject({ kind: 'module', module: { source: { kind: 'text' } } });
    if (c?.kind !== 'module') throw new Error();
    expect(text(sourceBytes(c.module.source))).toContain('(func) (memory 0)');
  });
});

describe('assertions', () => {
  it('reads assert_return with an invoke, arguments and results', () => {
    const c = one('(assert_return (invoke $M "add" (i32.const -1) (i64.const 2)) (i32.const 0x7fffffff))');
    expect(c).toEqual({
      kind: 'assert_return',
      line: 1,
      action: { kind: 'invoke', module: '$M', field: 'add', line: 1, args: [{ type: 'i32', bits: 0xffffffff }, { type: 'i64', bits: 2n }] },
      expected: [{ kind: 'exact', value: { type: 'i32', bits: 0x7fffffff } }],
    });
  });

  it('reads get, NaN patterns, refs and v128 lanes', () => {
    const c = one(`(assert_return (get "g")
      (f32.const nan:canonical) (f64.const nan:arithmetic) (f32.const -nan:0x1)
      (ref.null func) (ref.extern 3) (ref.func)
      (v128.const f32x4 nan:canonical 1 -0 inf)
      (v128.const i8x16 -1 0 1 2 3 4 5 6 7 8 9 10 11 12 13 255))`);
    if (c.kind !== 'assert_return') throw new Error();
    expect(c.action).toEqual({ kind: 'get', module: undefined, field: 'g', line: 1 });
    expect(c.expected.slice(0, 6)).toEqual([
      { kind: 'nan', type: 'f32', nan: 'canonical' },
      { kind: 'nan', type: 'f64', nan: 'arithmetic' },
      { kind: 'exact', value: { type: 'f32', bits: 0xff800001 } },
      { kind: 'exact', value: { type: 'funcref', ref: null } },
      { kind: 'exact', value: { type: 'externref', ref: 3 } },
      { kind: 'anyref', type: 'funcref' },
    ]);
    expect(c.expected[6]).toEqual({ kind: 'lanes', shape: 'f32x4', lanes: [{ nan: 'canonical' }, { bits: 0x3f800000n }, { bits: 0x80000000n }, { bits: 0x7f800000n }] });
    const v = c.expected[7];
    if (v?.kind !== 'exact' || v.value.type !== 'v128') throw new Error();
    expect(Array.from(v.value.bytes)).toEqual([255, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 255]);
  });

  it('tells assert_trap on an action from assert_trap on a module', () => {
    const [a, b] = parseScript('(assert_trap (invoke "f") "unreachable")\n(assert_trap (module (start 0)) "unreachable")');
    expect(a).toMatchObject({ kind: 'assert_trap', message: 'unreachable', line: 1 });
    expect(b).toMatchObject({ kind: 'assert_uninstantiable', message: 'unreachable', line: 2 });
  });

  it('reads the other assertions and bare actions, with their lines', () => {
    const cmds = parseScript(`(assert_exhaustion (invoke "loop") "call stack exhausted")
(assert_invalid (module (func (result i32))) "type mismatch")
(assert_unlinkable (module (import "spectest" "nope" (func))) "unknown import")
(assert_uninstantiable (module binary "") "x")
(invoke "run" (f64.const 0x1p3))
(get $G "g")`);
    expect(cmds.map((c) => [c.kind, c.line])).toEqual([
      ['assert_exhaustion', 1],
      ['assert_invalid', 2],
      ['assert_unlinkable', 3],
      ['assert_uninstantiable', 4],
      ['action', 5],
      ['action', 6],
    ]);
    expect(cmds[4]).toMatchObject({ action: { args: [{ type: 'f64', bits: 0x4020000000000000n }] } });
  });

  it('reports unknown commands as unsupported rather than failing the script', () => {
    expect(one('(module definition $M)')).toMatchObject({ kind: 'module' });
    expect(one('(script $S)')).toEqual({ kind: 'unsupported', line: 1, keyword: 'script' });
  });

  it('reports malformed constants with their line', () => {
    expect(() => parseScript('\n(assert_return (invoke "f" (i32.const 4294967296)))')).toThrow(/line 2: .*out of range/);
  });
});

describe('matching', () => {
  it('matches messages by prefix, as the reference interpreter does', () => {
    expect(messageMatches('unknown operator', 'unknown operator anyfunc')).toBe(true);
    expect(messageMatches('integer overflow', 'integer divide by zero')).toBe(false);
  });

  it('compares exact bits and NaN patterns', () => {
    expect(matchResult({ kind: 'exact', value: { type: 'i32', bits: 0xffffffff } }, { type: 'i32', bits: -1 })).toBe(true);
    expect(matchResult({ kind: 'exact', value: { type: 'i64', bits: 0xffffffffffffffffn } }, { type: 'i64', bits: -1n })).toBe(true);
    expect(matchResult({ kind: 'exact', value: { type: 'f32', bits: 0x7fc00001 } }, { type: 'f32', bits: 0x7fc00000 })).toBe(false);
    expect(matchResult({ kind: 'exact', value: { type: 'f32', bits: 0x7fc00001 } }, { type: 'f32', bits: 0x7fc00000 }, false)).toBe(true);
    expect(matchResult({ kind: 'nan', type: 'f64', nan: 'canonical' }, { type: 'f64', bits: 0xfff8000000000000n })).toBe(true);
    expect(matchResult({ kind: 'nan', type: 'f64', nan: 'canonical' }, { type: 'f64', bits: 0x7ff8000000000001n })).toBe(false);
    expect(matchResult({ kind: 'nan', type: 'f64', nan: 'canonical' }, { type: 'f32', bits: 0x7fc00000 })).toBe(false);
    expect(matchResult({ kind: 'anyref', type: 'funcref' }, { type: 'funcref', ref: {} })).toBe(true);
    expect(matchResult({ kind: 'anyref', type: 'funcref' }, { type: 'funcref', ref: null })).toBe(false);
    expect(matchResult({ kind: 'exact', value: { type: 'externref', ref: 0 } }, { type: 'externref', ref: null })).toBe(false);
  });

  it('compares v128 lanes with NaN patterns', () => {
    const bytes = new Uint8Array(16);
    const dv = new DataView(bytes.buffer);
    dv.setUint32(0, 0x7fc00000, true);
    dv.setUint32(4, 0x7fe00000, true);
    dv.setUint32(8, 0x3f800000, true);
    const lanes = (first: 'canonical' | 'arithmetic', second: 'canonical' | 'arithmetic') =>
      ({ kind: 'lanes', shape: 'f32x4', lanes: [{ nan: first }, { nan: second }, { bits: 0x3f800000n }, { bits: 0n }] }) as const;
    expect(matchResult(lanes('canonical', 'arithmetic'), { type: 'v128', bytes })).toBe(true);
    expect(matchResult(lanes('canonical', 'canonical'), { type: 'v128', bytes })).toBe(false);
  });
});
