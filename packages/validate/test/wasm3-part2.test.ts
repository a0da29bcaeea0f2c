/** 3.0 part 2's validation rules: subtyping and type equivalence, tags, exceptions, typed references, GC. */
import { decode, HeapType, indexHeapType, refType, ValType } from '@rt/binary';
import { parseWat } from '@rt/text';
import { describe, expect, it } from 'vitest';
import { canonicalKeys, TypeRelations, validateResult } from '../src/index.js';

function errorOf(text: string): string | null {
  const m = decode(parseWat(text));
  const e = validateResult(m);
  if (e !== null) expect(m.instructions.offsets.includes(e.offset) || e.offset < parseWat(text).length).toBe(true);
  return e?.message ?? null;
}

describe('3.0 part 2: type relations', () => {
  it('canonicalises recursion groups structurally, across modules', () => {
    const a = decode(parseWat('(module (rec (type $l (struct (field (ref null $r)))) (type $r (struct (field (ref null $l))))))'));
    const b = decode(parseWat('(module (type (func)) (rec (type $l (struct (field (ref null $r)))) (type $r (struct (field (ref null $l))))))'));
    expect(canonicalKeys(a.types)).toEqual(canonicalKeys(b.types).slice(1));
    const c = decode(parseWat('(module (rec (type $l (struct (field (ref null $l))))))'));
    expect(canonicalKeys(c.types)[0]).not.toBe(canonicalKeys(a.types)[0]);
  });

  it('orders heap types by declared supertypes and the abstract hierarchies', () => {
    const m = decode(parseWat('(module (type $a (sub (struct))) (type $b (sub $a (struct (field i32)))) (type $f (func)))'));
    const rel = new TypeRelations(m);
    const ref = (x: number, n = false): number => refType(indexHeapType(x), n);
    expect(rel.matches(ref(1), ref(0))).toBe(true);
    expect(rel.matches(ref(0), ref(1))).toBe(false);
    expect(rel.matches(ref(1), ValType.structref)).toBe(true);
    expect(rel.matches(ref(1), ValType.eqref)).toBe(true);
    expect(rel.matches(ref(2), ValType.funcref)).toBe(true);
    expect(rel.matches(ref(2), ValType.anyref)).toBe(false);
    expect(rel.matches(ValType.nullref, ref(0, true))).toBe(true);
    expect(rel.matches(ref(0, true), ref(0))).toBe(false);
    expect(rel.matches(refType(HeapType.i31, false), ValType.anyref)).toBe(true);
    expect(rel.matches(ValType.nullexternref, ValType.anyref)).toBe(false);
  });
});

describe('3.0 part 2: rules', () => {
  it('checks tags and the exception instructions', () => {
    expect(errorOf('(module (tag (result i32)))')).toBe('non-empty tag result type');
    expect(errorOf('(module (tag $e (param i32)) (func (throw $e (i64.const 1))))')).toBe('type mismatch: instruction requires [i32] but stack has [i64]');
    expect(errorOf('(module (tag $e (param i32)) (func (result i32) (block $l (result i64) (try_table (catch $e $l) (unreachable)) (unreachable)) (drop) (i32.const 0)))')).toBe('type mismatch');
    expect(errorOf('(module (tag $e (param i32)) (func (result i32) (block $l (result i32 exnref) (try_table (catch_ref $e $l) (unreachable)) (unreachable)) (drop)))')).toBeNull();
    expect(errorOf('(module (func (block (rethrow 0))))')).toBe('invalid rethrow label');
    expect(errorOf('(module (tag $e) (func (try (do) (catch $e (rethrow 0)))))')).toBeNull();
  });

  it('checks typed function references and non-nullable locals', () => {
    expect(errorOf('(module (type $t (func)) (func (local (ref $t)) (drop (local.get 0))))')).toBe('uninitialized local');
    expect(errorOf('(module (type $t (func)) (elem declare func 0) (func (local (ref $t)) (local.set 0 (ref.func 0)) (drop (local.get 0))))')).toBeNull();
    // Set inside a block only: unset again after its end.
    expect(errorOf('(module (type $t (func)) (elem declare func 0) (func (local (ref $t)) (block (local.set 0 (ref.func 0))) (drop (local.get 0))))')).toBe('uninitialized local');
    expect(errorOf('(module (type $t (func (result i32))) (func (param (ref null $t)) (result i32) (call_ref $t (local.get 0))))')).toBeNull();
    expect(errorOf('(module (type $t (func (result i32))) (func (param funcref) (result i32) (call_ref $t (local.get 0))))')).toBe('type mismatch');
    expect(errorOf('(module (type $t (func)) (table 1 (ref $t)))')).toBe('type mismatch');
  });

  it('checks GC types and instructions', () => {
    expect(errorOf('(module (type $a (struct)) (type (sub $a (struct))))')).toBe('sub type');
    expect(errorOf('(module (type $a (sub (struct (field i32)))) (type (sub $a (struct (field i64)))))')).toBe('sub type');
    expect(errorOf('(module (type $s (struct (field i32))) (func (param (ref $s)) (struct.set $s 0 (local.get 0) (i32.const 1))))')).toBe('immutable field');
    expect(errorOf('(module (type $a (array (mut i8))) (func (param (ref $a)) (result i32) (array.get $a (local.get 0) (i32.const 0))))')).toBe('array is packed');
    expect(errorOf('(module (type $a (array (mut i8))) (func (param (ref $a)) (result i32) (array.get_u $a (local.get 0) (i32.const 0))))')).toBeNull();
    expect(errorOf('(module (func (param anyref) (result i32) (ref.test (ref func) (local.get 0))))')).toBe('type mismatch');
    expect(errorOf('(module (global (ref i31) (ref.i31 (i32.const 1))))')).toBeNull();
  });
});
