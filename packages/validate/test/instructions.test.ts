import { describe, expect, it } from 'vitest';
import { fn, messageOf } from './helpers.js';

/** Each case: [what, module text, expected message or 'valid']. */
type Case = readonly [string, string, string];

function table(title: string, cases: readonly Case[]): void {
  describe(title, () => {
    for (const [what, text, expected] of cases) {
      it(`${what}: ${expected}`, async () => {
        // The message starts with the expected text ("type mismatch" may go on with details).
        expect((await messageOf(text)).startsWith(expected), `${await messageOf(text)}`).toBe(true);
      });
    }
  });
}

table('numeric instructions (from the opcode table signatures)', [
  ['i32.add of two i32', fn('i32.const 1 i32.const 2 i32.add', '(result i32)'), 'valid'],
  ['i32.add of i32 and i64', fn('i32.const 1 i64.const 2 i32.add drop'), 'type mismatch'],
  ['i32.add on an empty stack', fn('i32.add drop'), 'type mismatch'],
  ['conversion', fn('i64.const 1 f64.convert_i64_u', '(result f64)'), 'valid'],
  ['conversion of the wrong type', fn('i32.const 1 f64.convert_i64_u drop'), 'type mismatch'],
  ['leftover operand', fn('i32.const 1'), 'type mismatch'],
  ['missing result', fn('nop', '(result i32)'), 'type mismatch'],
  ['wrong result type', fn('f32.const 0', '(result i32)'), 'type mismatch'],
  ['sat truncation', fn('f32.const 1 i32.trunc_sat_f32_s', '(result i32)'), 'valid'],
  ['sign extension', fn('i64.const 1 i64.extend32_s', '(result i64)'), 'valid'],
]);

table('locals and globals', [
  ['local.get of a param', fn('local.get 0', '(param i64) (result i64)'), 'valid'],
  ['local.get of a declared local', fn('local.get 1', '(param i64) (result f32) (local f32)'), 'valid'],
  ['local.get out of range', fn('local.get 2 drop', '(param i32) (local i32)'), 'unknown local 2'],
  ['local.set of the wrong type', fn('f32.const 0 local.set 0', '(local i32)'), 'type mismatch'],
  ['local.tee', fn('i32.const 0 local.tee 0', '(result i32) (local i32)'), 'valid'],
  ['global.get', fn('global.get 0', '(result i64)', '(global i64 (i64.const 0))'), 'valid'],
  ['global.get out of range', fn('global.get 1 drop', '', '(global i64 (i64.const 0))'), 'unknown global 1'],
  ['global.set of an immutable global', fn('i64.const 1 global.set 0', '', '(global i64 (i64.const 0))'), 'immutable global'],
  ['global.set of a mutable global', fn('i64.const 1 global.set 0', '', '(global (mut i64) (i64.const 0))'), 'valid'],
]);

table('blocks, loops and if', [
  ['block with a result', fn('block (result i32) i32.const 1 end', '(result i32)'), 'valid'],
  ['block missing its result', fn('block (result i32) end drop'), 'type mismatch'],
  ['block with a leftover value', fn('block i32.const 1 end'), 'type mismatch'],
  ['block cannot see outer operands', fn('i32.const 1 block drop end drop'), 'type mismatch'],
  ['multi-value block with params', fn('i32.const 1 i32.const 2 block (param i32 i32) (result i32) i32.add end', '(result i32)', '(type (func (param i32 i32) (result i32)))'), 'valid'],
  ['loop params are its label types', fn('i32.const 1 loop (param i32) (result i32) br_if 0 i32.const 2 end', '(result i32)'), 'type mismatch'],
  ['if with else', fn('i32.const 1 if (result i32) i32.const 2 else i32.const 3 end', '(result i32)'), 'valid'],
  ['if without condition', fn('if nop end'), 'type mismatch'],
  ['if with a result but no else', fn('i32.const 1 if (result i32) i32.const 2 end drop'), 'type mismatch'],
  ['if with equal params and results needs no else', fn('i32.const 7 i32.const 1 if (param i32) (result i32) end', '(result i32)'), 'valid'],
  ['then branch of the wrong type', fn('i32.const 1 if (result i32) f32.const 0 else i32.const 0 end drop'), 'type mismatch'],
]);

table('branches', [
  ['br to the function label', fn('i32.const 1 br 0', '(result i32)'), 'valid'],
  ['br with a missing value', fn('br 0', '(result i32)'), 'type mismatch'],
  ['br to an unknown label', fn('br 1'), 'unknown label 1'],
  ['br_if keeps its operands', fn('i32.const 1 i32.const 0 br_if 0', '(result i32)'), 'valid'],
  ['br_if without a condition', fn('block br_if 0 end'), 'type mismatch'],
  ['br_table with consistent arity', fn('block (result i32) i32.const 1 i32.const 0 br_table 0 1 end', '(result i32)'), 'valid'],
  ['br_table with inconsistent arity', fn('block (result i32) block i32.const 1 i32.const 0 br_table 0 1 end i32.const 2 end drop'), 'type mismatch'],
  ['br_table to an unknown label', fn('block i32.const 0 br_table 0 5 end'), 'unknown label 5'],
  ['br_table in unreachable code', fn('unreachable br_table 0 0', '(result i32)'), 'valid'],
  ['return', fn('f64.const 1 return', '(result f64)'), 'valid'],
  ['return of the wrong type', fn('f32.const 1 return', '(result f64)'), 'type mismatch'],
]);

table('the polymorphic stack', [
  ['unreachable then any instruction', fn('unreachable i32.add', '(result i32)'), 'valid'],
  ['unreachable still checks known operands', fn('unreachable i64.const 0 i32.add drop'), 'type mismatch'],
  ['br makes the rest unreachable', fn('block br 0 i32.add drop end'), 'valid'],
  ['return then select', fn('i32.const 1 return select', '(result i32)'), 'valid'],
  ['unreachable in a block does not leak out', fn('block unreachable end i32.add drop'), 'type mismatch'],
  ['values above the frame must still match', fn('unreachable f32.const 0', '(result i32)'), 'type mismatch'],
]);

table('calls', [
  ['call', '(module (func $f (param i32) (result i64) i64.const 0) (func (result i64) i32.const 1 call $f))', 'valid'],
  ['call with a wrong argument', '(module (func $f (param i32)) (func f32.const 1 call $f))', 'type mismatch'],
  ['call of an unknown function', '(module (func call 7))', 'unknown function 7'],
  ['call_indirect', fn('i32.const 0 call_indirect (param) (result)'), 'valid'],
  ['call_indirect without an index operand', fn('call_indirect (param) (result)'), 'type mismatch'],
  ['call_indirect without a table', '(module (type (func)) (func i32.const 0 call_indirect (type 0)))', 'unknown table 0'],
  ['call_indirect on an externref table', '(module (type (func)) (table 1 externref) (func i32.const 0 call_indirect (type 0)))', 'type mismatch'],
  ['call_indirect of an unknown type', '(module (table 1 funcref) (func i32.const 0 call_indirect (type 3)))', 'unknown type 3'],
]);

table('select and references', [
  ['untyped select of numbers', fn('i32.const 1 i32.const 2 i32.const 0 select', '(result i32)'), 'valid'],
  ['untyped select of different types', fn('i32.const 1 i64.const 2 i32.const 0 select drop'), 'type mismatch'],
  ['untyped select of references', fn('ref.null func ref.null func i32.const 0 select drop'), 'type mismatch'],
  ['untyped select in unreachable code', fn('unreachable select', '(result i64)'), 'valid'],
  ['typed select of references', fn('ref.null func ref.null func i32.const 0 select (result funcref)', '(result funcref)'), 'valid'],
  ['typed select with two types', fn('i32.const 0 i32.const 0 i32.const 0 i32.const 0 i32.const 0 select (result i32 i32) drop drop'), 'invalid result arity'],
  ['ref.null is typed', fn('ref.null extern', '(result funcref)'), 'type mismatch'],
  ['ref.is_null of a reference', fn('ref.null extern ref.is_null', '(result i32)'), 'valid'],
  ['ref.is_null of a number', fn('i32.const 0 ref.is_null', '(result i32)'), 'type mismatch'],
  ['ref.func of a declared function', '(module (func $f) (elem declare func $f) (func (result funcref) ref.func $f))', 'valid'],
  ['ref.func of an exported function', '(module (func $f (export "f")) (func (result funcref) ref.func $f))', 'valid'],
  ['ref.func of a function named by a global', '(module (func $f) (global funcref (ref.func $f)) (func (result funcref) ref.func $f))', 'valid'],
  ['ref.func of an undeclared function', '(module (func $f) (func (result funcref) ref.func $f))', 'undeclared function reference'],
  ['ref.func of an unknown function', '(module (func (result funcref) ref.func 9))', 'unknown function 9'],
]);

table('memory instructions', [
  ['load', fn('i32.const 0 i64.load offset=8 align=8', '(result i64)'), 'valid'],
  ['load without a memory', '(module (func (result i32) i32.const 0 i32.load))', 'unknown memory 0'],
  ['alignment larger than natural', fn('i32.const 0 i32.load8_u align=2 drop'), 'alignment must not be larger than natural'],
  ['store of the wrong type', fn('i32.const 0 f32.const 0 i32.store'), 'type mismatch'],
  ['v128 load alignment', fn('i32.const 0 v128.load align=32 drop'), 'alignment must not be larger than natural'],
  ['memory.size and grow', fn('memory.size memory.grow', '(result i32)'), 'valid'],
  ['memory.grow without a memory', '(module (func (result i32) i32.const 1 memory.grow))', 'unknown memory 0'],
  ['memory.fill', fn('i32.const 0 i32.const 0 i32.const 0 memory.fill'), 'valid'],
  ['memory.copy without a memory', '(module (func i32.const 0 i32.const 0 i32.const 0 memory.copy))', 'unknown memory 0'],
  ['memory.init', fn('i32.const 0 i32.const 0 i32.const 0 memory.init 0', '', '(data "x")'), 'valid'],
  ['memory.init of an unknown segment', fn('i32.const 0 i32.const 0 i32.const 0 memory.init 1', '', '(data "x")'), 'unknown data segment 1'],
  ['data.drop of an unknown segment', fn('data.drop 0'), 'unknown data segment 0'],
]);

table('table instructions', [
  ['table.get/set', fn('i32.const 0 i32.const 1 table.get 0 table.set 0'), 'valid'],
  ['table.set of the wrong reference type', fn('i32.const 0 ref.null extern table.set 0'), 'type mismatch'],
  ['table.get of an unknown table', fn('i32.const 0 table.get 3 drop'), 'unknown table 3'],
  ['table.size', fn('table.size 0', '(result i32)'), 'valid'],
  ['table.grow', fn('ref.null func i32.const 1 table.grow 0', '(result i32)'), 'valid'],
  ['table.fill', fn('i32.const 0 ref.null func i32.const 1 table.fill 0'), 'valid'],
  ['table.init', fn('i32.const 0 i32.const 0 i32.const 0 table.init 0 0', '', '(elem func)'), 'valid'],
  ['table.init of an externref segment into a funcref table', fn('i32.const 0 i32.const 0 i32.const 0 table.init 0 0', '', '(elem externref)'), 'type mismatch'],
  ['table.init of an unknown segment', fn('i32.const 0 i32.const 0 i32.const 0 table.init 0 4'), 'unknown elem segment 4'],
  ['elem.drop of an unknown segment', fn('elem.drop 2'), 'unknown elem segment 2'],
  ['table.copy between element types', fn('i32.const 0 i32.const 0 i32.const 0 table.copy 0 1', '', '(table 1 externref)'), 'type mismatch'],
]);

table('SIMD', [
  ['extract_lane in range', fn('v128.const i64x2 0 0 i8x16.extract_lane_u 15', '(result i32)'), 'valid'],
  ['extract_lane out of range', fn('v128.const i64x2 0 0 i8x16.extract_lane_u 16 drop'), 'invalid lane index'],
  ['replace_lane out of range', fn('v128.const i64x2 0 0 f64.const 0 f64x2.replace_lane 2 drop'), 'invalid lane index'],
  ['shuffle lane out of range', fn('v128.const i64x2 0 0 v128.const i64x2 0 0 i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 32 drop'), 'invalid lane index'],
  ['load lane out of range', fn('i32.const 0 v128.const i64x2 0 0 v128.load32_lane 4 drop'), 'invalid lane index'],
  ['load lane alignment', fn('i32.const 0 v128.const i64x2 0 0 v128.load16_lane align=4 0 drop'), 'alignment must not be larger than natural'],
  ['v128 binary op', fn('v128.const i64x2 0 0 v128.const i64x2 0 0 i32x4.add', '(result v128)'), 'valid'],
  ['shift amount is i32', fn('v128.const i64x2 0 0 i64.const 1 i64x2.shl drop'), 'type mismatch'],
]);

table('WebAssembly 3.0: tail calls', [
  ['return_call of a matching function', '(module (func $f (param i32) (result i32) (return_call $f (local.get 0))))', 'valid'],
  ['return_call makes the rest unreachable', '(module (func $f (result i32) (return_call $f) (i32.add)))', 'valid'],
  ['return_call with other results than the caller', '(module (func $g (result i64) (i64.const 0)) (func (result i32) (return_call $g)))', 'type mismatch'],
  ['return_call with a missing argument', '(module (func $f (param i32)) (func (return_call $f)))', 'type mismatch'],
  ['return_call of an unknown function', '(module (func (return_call 5)))', 'unknown function 5'],
  ['return_call_indirect', '(module (type $t (func (result i32))) (table 1 funcref) (func (result i32) (return_call_indirect (type $t) (i32.const 0))))', 'valid'],
  ['return_call_indirect with other results', '(module (type $t (func (result i32))) (table 1 funcref) (func (return_call_indirect (type $t) (i32.const 0))))', 'type mismatch'],
]);

table('WebAssembly 3.0: multiple memories and memory64', [
  ['a load from memory 1', '(module (memory 1) (memory $b 1) (func (result i32) (i32.load $b (i32.const 0))))', 'valid'],
  ['a load from an unknown memory', '(module (memory 1) (func (result i32) (i32.load 1 (i32.const 0))))', 'unknown memory 1'],
  ['an i64 address into a 64-bit memory', '(module (memory i64 1) (func (result i32) (i32.load (i64.const 0))))', 'valid'],
  ['an i32 address into a 64-bit memory', '(module (memory i64 1) (func (result i32) (i32.load (i32.const 0))))', 'type mismatch'],
  ['memory.size and grow of a 64-bit memory are i64', '(module (memory i64 1) (func (result i64) (memory.grow (memory.size))))', 'valid'],
  ['memory.fill of a 64-bit memory: i64 address and length, i32 value', '(module (memory i64 1) (func (memory.fill (i64.const 0) (i32.const 0) (i64.const 1))))', 'valid'],
  ['memory.copy from 64 to 32 bits takes an i32 length', '(module (memory $a i64 1) (memory $b 1) (func (memory.copy $b $a (i32.const 0) (i64.const 0) (i32.const 1))))', 'valid'],
  ['memory.copy from 64 to 32 bits with an i64 length', '(module (memory $a i64 1) (memory $b 1) (func (memory.copy $b $a (i32.const 0) (i64.const 0) (i64.const 1))))', 'type mismatch'],
  ['a 64-bit offset on a 32-bit memory', '(module (memory 1) (func (drop (i32.load offset=0x100000000 (i32.const 0)))))', 'offset out of range'],
  ['a 64-bit offset on a 64-bit memory', '(module (memory i64 1) (func (drop (i32.load offset=0x100000000 (i64.const 0)))))', 'valid'],
  ['more than 2^48 pages', '(module (memory i64 0x1000000000001))', 'memory size must be at most 2^48 pages'],
  ['a data offset of a 64-bit memory is i64', '(module (memory i64 1) (data (i32.const 0) "a"))', 'type mismatch'],
]);

table('WebAssembly 3.0: table64', [
  ['table.get with an i64 index', '(module (table i64 1 funcref) (func (result funcref) (table.get (i64.const 0))))', 'valid'],
  ['table.get with an i32 index', '(module (table i64 1 funcref) (func (result funcref) (table.get (i32.const 0))))', 'type mismatch'],
  ['table.size and grow are i64', '(module (table i64 1 funcref) (func (result i64) (table.grow (ref.null func) (table.size))))', 'valid'],
  ['call_indirect with an i64 index', '(module (type $t (func)) (table i64 1 funcref) (func (call_indirect (type $t) (i64.const 0))))', 'valid'],
]);

table('WebAssembly 3.0: relaxed SIMD', [
  ['relaxed_madd takes three vectors', fn('v128.const i64x2 0 0 v128.const i64x2 0 0 v128.const i64x2 0 0 f32x4.relaxed_madd', '(result v128)'), 'valid'],
  ['relaxed_swizzle takes two', fn('v128.const i64x2 0 0 i8x16.relaxed_swizzle', '(result v128)'), 'type mismatch'],
]);
