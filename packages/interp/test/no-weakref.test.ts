/**
 * Hosts without `WeakRef` and `FinalizationRegistry` (Hermes 0.12): the store's collection of
 * references still runs and keeps everything reachable working; it just cannot release anything.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Engine, type FuncInstance } from '../src/index.js';
import { wat } from './wat.js';

const MODULE = `(module
  (type $fi (func (param i32) (result i32)))
  (table $t 2 funcref)
  (global $g (mut funcref) (ref.null func))
  (elem (i32.const 0) $inc $dbl)
  (func $inc (param i32) (result i32) local.get 0 i32.const 1 i32.add)
  (func $dbl (param i32) (result i32) local.get 0 i32.const 2 i32.mul)
  (func (export "run") (param i32 i32) (result i32)
    i32.const 0 table.get $t global.set $g
    local.get 1 local.get 0 call_indirect $t (type $fi)))`;

describe('without WeakRef and FinalizationRegistry', () => {
  beforeEach(() => {
    vi.stubGlobal('WeakRef', undefined);
    vi.stubGlobal('FinalizationRegistry', undefined);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('instantiates and runs many instances through tables and globals, collecting as it goes', async () => {
    expect(typeof (globalThis as { WeakRef?: unknown }).WeakRef).toBe('undefined');
    const engine = new Engine();
    engine.store.funcCollectionMin = 0; // a collection after every call: the fallback is exercised
    const compiled = engine.compile(await wat(MODULE));
    for (let i = 0; i < 50; i++) {
      const instance = engine.instantiate(compiled);
      const run = instance.exports.get('run')!.value as FuncInstance;
      expect(engine.invoke(run, [i % 2, 20])).toEqual([i % 2 === 0 ? 21 : 40]);
    }
  });
});
