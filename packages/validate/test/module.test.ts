import { describe, expect, it } from 'vitest';
import { validateResult } from '../src/index.js';
import { hex, messageOf } from './helpers.js';

/** What, module text, expected message; a fourth element `'2.0'` validates by 2.0's rules. */
type Case = readonly [string, string, string] | readonly [string, string, string, '2.0'];

function table(title: string, cases: readonly Case[]): void {
  describe(title, () => {
    for (const [what, text, expected, version] of cases) {
      it(`${what}: ${expected}`, async () => {
        expect(await messageOf(text, version)).toBe(expected);
      });
    }
  });
}

const HEADER = '0061736d 01000000';

describe('type indices (hand-encoded: wabt resolves them away)', () => {
  it('rejects a function whose type index is out of range', () => {
    const m = hex(`${HEADER} 01 04 01 60 00 00  03 02 01 05  0a 04 01 02 00 0b`);
    expect(validateResult(m)?.message).toBe('unknown type 5');
  });
  it('rejects a block type index out of range, in the function, at the block', () => {
    const m = hex(`${HEADER} 01 04 01 60 00 00  03 02 01 00  0a 07 01 05 00 02 09 0b 0b`);
    const e = validateResult(m)!;
    expect(e.message).toBe('unknown type 9');
    expect(e.funcIndex).toBe(0);
    expect(e.offset).toBe(m.instructions.offsets[m.codes[0]!.code.start]!);
  });
  it('rejects an imported function of an unknown type', () => {
    const m = hex(`${HEADER} 02 07 01 01 61 01 62 00 03`);
    expect(validateResult(m)?.message).toBe('unknown type 3');
  });
});

table('limits', [
  ['memory of 65536 pages', '(module (memory 65536))', 'valid'],
  ['memory above 4 GiB', '(module (memory 65537))', 'memory size must be at most 65536 pages (4GiB)'],
  ['memory maximum above 4 GiB', '(module (memory 0 65537))', 'memory size must be at most 65536 pages (4GiB)'],
  ['memory minimum above maximum', '(module (memory 2 1))', 'size minimum must not be greater than maximum'],
  ['table minimum above maximum', '(module (table 2 1 funcref))', 'size minimum must not be greater than maximum'],
  ['imported memory minimum above maximum', '(module (import "m" "m" (memory 3 2)))', 'size minimum must not be greater than maximum'],
  ['two memories (2.0)', '(module (memory 1) (memory 1))', 'multiple memories', '2.0'],
  ['an imported and a defined memory (2.0)', '(module (import "m" "m" (memory 1)) (memory 1))', 'multiple memories', '2.0'],
  ['two memories (3.0)', '(module (memory 1) (memory 1))', 'valid'],
  ['two tables (2.0 allows them)', '(module (table 1 funcref) (table 1 externref))', 'valid'],
]);

table('globals and constant expressions', [
  ['constant initialisers', '(module (global i32 (i32.const 1)) (global f64 (f64.const 1)) (global funcref (ref.null func)) (global v128 (v128.const i64x2 0 0)))', 'valid'],
  ['initialiser of the wrong type', '(module (global i32 (i64.const 1)))', 'type mismatch'],
  ['empty initialiser', '(module (global i32))', 'type mismatch'],
  ['two values', '(module (global i32 (i32.const 1) (i32.const 2)))', 'type mismatch'],
  ['extended constant (2.0)', '(module (global i32 (i32.add (i32.const 1) (i32.const 2))))', 'constant expression required', '2.0'],
  ['extended constants (3.0)', '(module (global i64 (i64.mul (i64.sub (i64.const 1) (i64.const 2)) (i64.add (i64.const 3) (i64.const 4)))))', 'valid'],
  ['extended constant of the wrong operand type', '(module (global i32 (i32.add (i32.const 1) (i64.const 2))))', 'type mismatch'],
  ['non-constant instruction', '(module (global i32 (i32.div_s (i32.const 1) (i32.const 2))))', 'constant expression required'],
  ['nop is not constant', '(module (global i32 (nop) (i32.const 1)))', 'constant expression required'],
  ['global.get of an imported immutable global', '(module (import "m" "g" (global i32)) (global i32 (global.get 0)))', 'valid'],
  ['global.get of an imported mutable global', '(module (import "m" "g" (global (mut i32))) (global i32 (global.get 0)))', 'constant expression required'],
  ['global.get of a module-defined global (2.0)', '(module (global i32 (i32.const 0)) (global i32 (global.get 0)))', 'unknown global 0', '2.0'],
  ['global.get of an earlier immutable global (3.0)', '(module (global i32 (i32.const 0)) (global i32 (global.get 0)))', 'valid'],
  ['global.get of a later global (3.0)', '(module (global i32 (global.get 1)) (global i32 (i32.const 0)))', 'unknown global 1'],
  ['global.get of an earlier mutable global (3.0)', '(module (global (mut i32) (i32.const 0)) (global i32 (global.get 0)))', 'constant expression required'],
  ['global.get of itself', '(module (global i32 (global.get 0)))', 'unknown global 0'],
  ['ref.func of an unknown function', '(module (global funcref (ref.func 3)))', 'unknown function 3'],
]);

table('element segments', [
  ['active, passive and declarative', '(module (table 1 funcref) (func $f) (elem (i32.const 0) $f) (elem func $f) (elem declare func $f))', 'valid'],
  ['expressions', '(module (table 1 funcref) (func $f) (elem (i32.const 0) funcref (ref.func $f) (ref.null func)))', 'valid'],
  ['expression of the wrong type', '(module (elem externref (ref.null func)))', 'type mismatch'],
  ['unknown function', '(module (table 1 funcref) (elem (i32.const 0) func 4))', 'unknown function 4'],
  ['unknown table', '(module (func $f) (elem (table 0) (i32.const 0) func $f))', 'unknown table 0'],
  ['segment type differs from the table', '(module (table 1 externref) (func $f) (elem (table 0) (i32.const 0) func $f))', 'type mismatch'],
  ['offset of the wrong type', '(module (table 1 funcref) (elem (i64.const 0)))', 'type mismatch'],
  ['offset not constant', '(module (table 1 funcref) (elem (offset (i32.const 0) (i32.const 0) (i32.add))))', 'constant expression required', '2.0'],
  ['extended-constant offset (3.0)', '(module (table 1 funcref) (elem (offset (i32.const 0) (i32.const 0) (i32.add))))', 'valid'],
]);

table('data segments', [
  ['active and passive', '(module (memory 1) (data (i32.const 0) "a") (data "b"))', 'valid'],
  ['active without a memory', '(module (data (i32.const 0) "a"))', 'unknown memory 0'],
  ['offset of the wrong type', '(module (memory 1) (data (f32.const 0) "a"))', 'type mismatch'],
  ['offset from an imported global', '(module (import "m" "g" (global i32)) (memory 1) (data (global.get 0) "a"))', 'valid'],
]);

table('start, imports and exports', [
  ['start of type [] -> []', '(module (func $s) (start $s))', 'valid'],
  ['start with a result', '(module (func $s (result i32) i32.const 0) (start $s))', 'start function'],
  ['start with a parameter', '(module (func $s (param i32)) (start $s))', 'start function'],
  ['start of an unknown function', '(module (start 2))', 'unknown function 2'],
  ['exports of every kind', '(module (func (export "f")) (table (export "t") 1 funcref) (memory (export "m") 1) (global (export "g") i32 (i32.const 0)))', 'valid'],
  ['duplicate export name', '(module (func (export "a")) (global (export "a") i32 (i32.const 0)))', 'duplicate export name'],
  ['export of an unknown function', '(module (export "f" (func 0)))', 'unknown function 0'],
  ['export of an unknown global', '(module (export "g" (global 1)))', 'unknown global 1'],
  ['export of an unknown memory', '(module (export "m" (memory 0)))', 'unknown memory 0'],
  ['export of an unknown table', '(module (export "t" (table 0)))', 'unknown table 0'],
]);
