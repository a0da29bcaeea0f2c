import { decode } from '@rt/binary';
import { describe, expect, it } from 'vitest';
import { validateResult } from '../src/index.js';
import { wat } from './helpers.js';

/**
 * Differential test against V8: mutate valid modules byte by byte (deterministically) and, for
 * every mutant that still decodes, require that `validate` and `WebAssembly.validate` agree.
 * A disagreement is a validator (or decoder) bug. Node 20's V8 implements 2.0, so both run as 2.0.
 */
const SEEDS = [
  `(module
    (type $t (func (param i32) (result i32)))
    (import "m" "g" (global i32))
    (memory 1) (table 4 funcref) (global $m (mut i64) (i64.const 0))
    (func $f (type $t) (local f32 v128)
      local.get 0 i32.const 3 i32.add
      block (result i32) i32.const 7 i32.const 1 br_if 0 drop i32.const 2 end
      i32.add
      loop (param i32) (result i32) i32.const 4 i32.load offset=4 i32.add end
      global.get 0 i32.mul
      i64.extend_i32_u global.set $m
      local.get 0 if (result f32) f32.const 1 else f32.const 2 end local.set 1
      v128.const i32x4 1 2 3 4 local.get 1 f32x4.replace_lane 2 local.tee 2 i32x4.extract_lane 1
      i32.const 0 call_indirect (type $t)
      ref.func $f ref.is_null i32.add)
    (elem (i32.const 0) $f)
    (data (i32.const 8) "abc")
    (export "f" (func $f)))`,
  `(module
    (memory 1) (table 2 externref) (table 2 funcref)
    (func $a (param i32 i64) (result i64)
      local.get 1
      block (result i64) local.get 1 local.get 0 br_table 0 1 end
      i64.add)
    (func $b (result i32)
      i32.const 0 i32.const 0 i32.const 4 memory.copy
      i32.const 0 i32.const 0 i32.const 1 memory.init 0
      data.drop 0
      i32.const 0 table.get 0 ref.is_null
      i32.const 0 ref.null extern i32.const 1 table.fill 0
      i32.const 1 i32.const 0 select
      unreachable)
    (data "xyz")
    (elem func $a))`,
];

/** V8's validator (the ES2022 lib this package compiles against does not declare `WebAssembly`). */
const native = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } }).WebAssembly;

describe('differential against WebAssembly.validate', () => {
  it('agrees on every decodable mutant', async () => {
    const seeds = await Promise.all(SEEDS.map((s) => wat(s, false)));
    let state = 12345;
    const rnd = (): number => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
    let decoded = 0;
    const disagreements: string[] = [];
    for (let it = 0; it < 4000; it++) {
      const src = seeds[it % seeds.length]!;
      expect(native.validate(src)).toBe(true);
      const b = Uint8Array.from(src);
      const p = 8 + Math.floor(rnd() * (b.length - 8));
      b[p] = rnd() < 0.5 ? Math.floor(rnd() * 256) : b[p]! ^ (1 << Math.floor(rnd() * 8));
      let m;
      try {
        m = decode(b, { version: '2.0' });
      } catch {
        continue;
      }
      decoded++;
      const ours = validateResult(m, { version: '2.0' });
      if (native.validate(b) !== (ours === null)) disagreements.push(`byte ${p}: ours ${ours?.message ?? 'valid'}`);
    }
    expect(disagreements).toEqual([]);
    expect(decoded).toBeGreaterThan(500);
  });
});
