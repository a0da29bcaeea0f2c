/**
 * Externref values are released once nothing holds them. wasm-bindgen (≥ 0.2.9x, e.g. the
 * bindings of `@rollup/wasm-node`) passes every JS argument as an externref; before the store
 * collected them, each call kept its arguments alive for good (a 1 MiB `Uint8Array` per call
 * was 1 MiB leaked per call). What must survive a collection: values in tables and globals, in
 * element segments, and in frames of Wasm code still running (host → Wasm re-entry).
 */
import { ValType } from '@rt/binary';
import { describe, expect, it } from 'vitest';
import { Engine, type FuncInstance, type GlobalInstance, type TableInstance, type Value } from '../src/index.js';
import { getEngine } from '../src/js-api/shared.js';
import { RT, type Fn } from './js-api-apis.js';
import { wat } from './wat.js';

const MODULE = `(module
  (import "h" "reenter" (func $reenter))
  (import "h" "imp" (global $imp externref))
  (table $t (export "t") 4 externref)
  (global $g (export "g") (mut externref) (ref.null extern))
  (elem $seg externref (global.get $imp))
  (func (export "id") (param externref) (result externref) local.get 0)
  (func (export "put") (param i32 externref) local.get 0 local.get 1 table.set $t)
  (func (export "get") (param i32) (result externref) local.get 0 table.get $t)
  (func (export "setg") (param externref) local.get 0 global.set $g)
  (func (export "getg") (result externref) global.get $g)
  (func (export "hold") (param externref) (result externref) call $reenter local.get 0)
  (func (export "fromSeg") (result externref)
    i32.const 3 i32.const 0 i32.const 1 table.init $t $seg
    i32.const 3 table.get $t))`;

describe('externref collection', () => {
  it('releases values nothing holds; keeps those in tables, globals, segments and running frames', async () => {
    const engine = new Engine();
    const pinned = { name: 'in an element segment' };
    let id: FuncInstance | undefined;
    const reenter = engine.hostFunction({ kind: 'func', params: [], results: [] }, () => {
      // Nested calls with fresh values while the outer frame holds one in a local.
      for (let i = 0; i < 500; i++) engine.invoke(id!, [{ nested: i }]);
    });
    const imp = engine.createGlobal({ type: ValType.externref, mutable: false }, pinned);
    const inst = engine.instantiate(engine.compile(await wat(MODULE)), { h: { reenter, imp } });
    const fn = (name: string): FuncInstance => inst.exports.get(name)!.value as FuncInstance;
    id = fn('id');
    const call = (name: string, ...args: Value[]): Value => engine.invoke(fn(name), args)[0];

    const inTable = { name: 'table (Wasm)' };
    const inGlobal = { name: 'global' };
    const setByHost = { name: 'table (host)' };
    call('put', 0, inTable);
    call('setg', inGlobal);
    const table = inst.exports.get('t')!.value as TableInstance;
    table.elements[1] = engine.toRef(ValType.externref, setByHost);

    const before = engine.store.refs.length;
    for (let i = 0; i < 20_000; i++) {
      const v = { i };
      expect(call('id', v)).toBe(v);
    }
    const held = { name: 'local of a running frame' };
    expect(call('hold', held)).toBe(held);
    expect(engine.store.refs.length - before).toBeLessThan(2_000); // not 20 000+

    expect(call('get', 0)).toBe(inTable);
    expect(call('getg')).toBe(inGlobal);
    expect(engine.fromRef(table.elements[1]!)).toBe(setByHost);
    expect(call('fromSeg')).toBe(pinned);
    expect(engine.getGlobal(inst.exports.get('g')!.value as GlobalInstance)).toBe(inGlobal);
    // Interning still holds for live values: the same object, the same index.
    expect(engine.toRef(ValType.externref, inTable)).toBe(table.elements[0]);
  });

  it('JS API, wasm-bindgen style: values parked in an exported externref table outlive collections', async () => {
    // As wasm-bindgen's glue: an exported externref table the glue fills from JS
    // (`__wbindgen_init_externref_table`), Wasm storing arguments in slots it allocates and
    // clearing them when done, and most arguments only passing through.
    const bytes = await wat(`(module
      (table (export "__wbindgen_externrefs") 8 externref)
      (func (export "keep") (param i32 externref) local.get 0 local.get 1 table.set 0)
      (func (export "drop") (param i32) local.get 0 ref.null extern table.set 0)
      (func (export "len") (param externref) (result i32) i32.const 1))`);
    const { instance } = await RT.instantiate(bytes);
    const table = instance.exports['__wbindgen_externrefs'] as InstanceType<typeof RT.Table>;
    table.set(4, undefined);
    table.set(5, null);
    table.set(6, true);
    table.set(7, false);
    const kept = new Uint8Array(3);
    (instance.exports['keep'] as Fn)(1, kept);
    (instance.exports['keep'] as Fn)(2, 'dropped later');
    const refs = getEngine().store.refs;
    const before = refs.length;
    for (let i = 0; i < 5_000; i++) (instance.exports['len'] as Fn)(new Uint8Array(16));
    (instance.exports['drop'] as Fn)(2);
    for (let i = 0; i < 5_000; i++) (instance.exports['len'] as Fn)({ i });
    expect(refs.length - before).toBeLessThan(1_000);
    expect(table.get(1)).toBe(kept);
    expect(table.get(2)).toBe(null);
    expect([table.get(4), table.get(5), table.get(6), table.get(7)]).toEqual([undefined, null, true, false]);
  });
});
