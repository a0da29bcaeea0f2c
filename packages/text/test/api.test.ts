import { describe, expect, it } from 'vitest';
import { decode } from '@rt/binary';
import { parseWast, parseWat, printWat, WatSyntaxError } from '../src/index.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('parseWat', () => {
  it('encodes a module with names, folded code and inline exports', () => {
    const bytes = parseWat(`(module (func $add (export "add") (param $a i32) (param $b i32) (result i32)
      (i32.add (local.get $a) (local.get $b))))`);
    expect(hex(bytes)).toBe('0061736d0100000001070160027f7f017f030201000707010361646400000a09010700200020016a0b');
  });

  it('accepts a file of fields without (module …)', () => {
    expect(hex(parseWat('(memory 1)'))).toBe('0061736d010000000503010001');
  });

  it('rounds float literals exactly', () => {
    const f32 = (lit: string): string => hex(parseWat(`(func (result f32) f32.const ${lit})`)).slice(-10, -2);
    expect(f32('0x1p-149')).toBe('01000000');
    expect(f32('0x1.fffffep127')).toBe('ffff7f7f');
    expect(f32('nan:0x200000')).toBe('0000a07f');
    expect(f32('-inf')).toBe('000080ff');
    // Halfway between 1 and the next f32, just above it: rounds up.
    expect(f32('1.000000059604644775390625000000001')).toBe('0100803f');
    expect(f32('1.000000059604644775390625')).toBe('0000803f');
  });

  it('reports line and column, in the suite wording', () => {
    const err = (src: string): WatSyntaxError => {
      try {
        parseWat(src);
      } catch (e) {
        if (e instanceof WatSyntaxError) return e;
        throw e;
      }
      throw new Error('parsed');
    };
    const e = err('(module\n  (func\n    i32.bogus))');
    expect([e.line, e.column, e.reason]).toEqual([3, 5, 'unknown operator i32.bogus']);
    expect(err('(func block $a end $b)').reason).toBe('mismatching label');
    expect(err('(func (i32.const 4294967296))').reason).toBe('constant out of range');
    expect(err('(memory 1) (func (i32.load offset=1 align=3 (i32.const 0)))').reason).toBe('alignment must be a power of two');
    expect(err('(func (br_table 4294967296))').reason).toBe('i32 constant out of range');
    expect(err('(func $f) (func $f)').reason).toMatch(/^duplicate func/);
    expect(err('(func br $nowhere)').reason).toMatch(/^unknown label/);
    expect(err('(func) (import "a" "b" (func))').reason).toBe('import after function');
  });
});

describe('parseWast', () => {
  it('reads commands, with values as exact bits', () => {
    const cmds = parseWast(`(module $m (func (export "f") (param f32) (result f32) local.get 0))
      (register "m" $m)
      (assert_return (invoke $m "f" (f32.const -0x0p+0)) (f32.const nan:canonical))
      (assert_malformed (module quote "(func i32.bogus)") "unknown operator")`);
    expect(cmds.map((c) => c.type)).toEqual(['module', 'register', 'assert_return', 'assert_malformed']);
    const ret = cmds[2]!;
    if (ret.type !== 'assert_return' || ret.action.type !== 'invoke') throw new Error('shape');
    expect(ret.action.args).toEqual([{ type: 'f32', bits: 0x80000000n }]);
    expect(ret.expected).toEqual([{ type: 'f32', nan: 'nan:canonical' }]);
    const bad = cmds[3]!;
    if (bad.type !== 'assert_malformed') throw new Error('shape');
    const mod = bad.module;
    if (mod.kind === 'instance') throw new Error('shape');
    expect(() => mod.encode()).toThrow(WatSyntaxError);
  });
});

describe('printWat', () => {
  it('prints folded blocks that parse back', () => {
    const text = printWat(parseWat(`(module (func $f (param $x i32) (result i32)
      (if (result i32) (local.get $x) (then (i32.const 1)) (else (i32.const 2)))))`), { folded: true });
    expect(text).toContain('(if (result i32)');
    expect(parseWat(text)).toEqual(parseWat(`(module (func (param i32) (result i32)
      (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2)))))`));
  });
});

describe('names', () => {
  it('writes a name section on request, which printWat reads back', () => {
    const bytes = parseWat('(module $m (func $f (param $x i32) (local $y i64)))', { names: true });
    const text = printWat(bytes);
    expect(text).toContain('(module $m');
    expect(text).toContain('(func $f (;0;) (type 0) (param $x i32)');
    expect(text).toContain('(local $y i64)');
    expect(parseWat('(module $m (func $f))').length).toBeLessThan(bytes.length);
  });
});

describe('annotations', () => {
  it('places @custom sections before or after the named section, last by default', () => {
    const bytes = parseWat(`(module
      (type $t (func))
      (@custom "a" "1")
      (@custom "b" (before global) "2")
      (@custom "c" (after func) "3")
      (func)
      (global i32 (i32.const 0))
      (@custom "d" (before first) "4" "5"))`);
    const m = decode(bytes);
    expect(m.sections.map((s) => s.name)).toEqual(['d', 'type', 'function', 'c', 'b', 'global', 'code', 'a']);
    expect(new TextDecoder().decode(m.customs.find((c) => c.name === 'd')!.data)).toBe('45');
  });

  it('checks where @name, @custom and branch hints may be', () => {
    const reason = (src: string): string => {
      try {
        parseWat(src);
        return 'parsed';
      } catch (e) {
        return e instanceof WatSyntaxError ? e.reason : String(e);
      }
    };
    expect(reason('(module (func (@name "f") (@metadata.code.branch_hint "\\01") (@metadata.code.branch_hint "\\01") if end))'))
      .toBe('@metadata.code.branch_hint annotation: duplicate annotation');
    expect(reason('(module (func (param i32) (@metadata.code.branch_hint "\\01") (if (local.get 0) (then))))')).toBe('parsed');
    expect(reason('(module (func (nop (@custom "x"))))')).toBe('misplaced @custom annotation');
    expect(reason('(module (@name "a") (@name "b"))')).toBe('@name annotation: multiple module');
    expect(reason('(@custom "x" (after types))')).toBe('@custom annotation: malformed section kind');
  });
});
