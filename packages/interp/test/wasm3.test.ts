/**
 * WebAssembly 3.0, part 1, through the low-level API: tail calls in constant stack space,
 * multiple memories, memory64/table64 with exact bounds, extended constant expressions and
 * relaxed SIMD's documented choices. Every case runs in the interpreter and with each compiled
 * tier forced (`jitThreshold: 0`, with and without the fast tier): the compiled tiers leave
 * functions using the new instructions to the interpreter, and everything must agree.
 */
import { describe, expect, it } from 'vitest';
import { Engine, type EngineOptions, type FuncInstance } from '../src/index.js';
import { instantiateBytes, trapOf } from './engine-helpers.js';
import { wat3 } from './wat.js';

const TIERS: ReadonlyArray<[string, EngineOptions]> = [
  ['interpreter', { jitThreshold: Infinity }],
  ['fast tier forced', { jitThreshold: 0 }],
  ['frame-layout tier forced', { jitThreshold: 0, fastTier: false }],
];

async function load(text: string, options: EngineOptions, imports = {}) {
  return instantiateBytes(await wat3(text), new Engine(options), imports);
}

const v128 = (bytes: number[]): bigint => {
  let v = 0n;
  for (let i = 15; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]! & 0xff);
  return v;
};

for (const [tier, options] of TIERS) {
  describe(`tail calls (${tier})`, () => {
    it('runs a tail-recursive loop of 10^7 calls in constant stack space', async () => {
      const { call, engine } = await load(
        `(module
          (func $loop (export "loop") (param i32 i64) (result i64)
            (if (result i64) (i32.eqz (local.get 0)) (then (local.get 1))
              (else (return_call $loop (i32.sub (local.get 0) (i32.const 1)) (i64.add (local.get 1) (i64.const 2)))))))`,
        { ...options, maxCallDepth: 50, stackValues: 256 },
      );
      expect(call('loop', 10_000_000, 0n)).toEqual([20_000_000n]);
      expect(engine.store.callDepth).toBe(0);
    });

    it('tail-calls through a table, across instances and into the host', async () => {
      const log: unknown[] = [];
      const engine = new Engine(options);
      const host = engine.hostFunction({ kind: 'func', params: [0x7f], results: [0x7f] }, ([x]) => {
        log.push(x);
        return [(x as number) * 10];
      });
      const lib = engine.instantiate(engine.compile(await wat3(`(module (func (export "dec") (param i32) (result i32) (i32.sub (local.get 0) (i32.const 1))))`)));
      const inst = engine.instantiate(
        engine.compile(
          await wat3(`(module
            (import "h" "f" (func $host (param i32) (result i32)))
            (import "l" "dec" (func $dec (param i32) (result i32)))
            (type $t (func (param i32) (result i32)))
            (table 2 funcref) (elem (i32.const 0) $even $odd)
            (func $even (param i32) (result i32)
              (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1))
                (else (return_call_indirect (type $t) (i32.sub (local.get 0) (i32.const 1)) (i32.const 1)))))
            (func $odd (param i32) (result i32)
              (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                (else (return_call_indirect (type $t) (i32.sub (local.get 0) (i32.const 1)) (i32.const 0)))))
            (func (export "even") (param i32) (result i32) (return_call $even (local.get 0)))
            (func (export "host") (param i32) (result i32) (return_call $host (i32.add (local.get 0) (i32.const 1))))
            (func (export "other") (param i32) (result i32) (return_call $dec (local.get 0)))
            (func (export "bad") (result i32) (return_call_indirect (type $t) (i32.const 0) (i32.const 5))))`),
        ),
        { h: { f: host }, l: { dec: lib.exports.get('dec')!.value } },
      );
      const call = (name: string, ...args: unknown[]) => engine.invoke(inst.exports.get(name)!.value as FuncInstance, args);
      expect(call('even', 1_000_001)).toEqual([0]);
      expect(call('even', 1_000_000)).toEqual([1]);
      expect(call('host', 4)).toEqual([50]);
      expect(log).toEqual([5]);
      expect(call('other', 7)).toEqual([6]);
      expect(trapOf(() => call('bad'))).toBe('undefined element');
    });
  });

  describe(`multiple memories (${tier})`, () => {
    it('addresses each memory: load, store, size, grow, fill, copy and init per memory', async () => {
      const { call } = await load(
        `(module
          (memory $a 1) (memory $b 2 3)
          ;; (wabt 1.0.39 encodes \`(data (memory $b) …)\` without its memory index: data segments
          ;; on other memories are covered by the spec suite's data0/data1 scripts instead.)
          (data (memory $a) (i32.const 8) "hi")
          (data $p "xyz")
          (func (export "load_b") (param i32) (result i32) (i32.load8_u $b (local.get 0)))
          (func (export "load_a") (param i32) (result i32) (i32.load8_u $a (local.get 0)))
          (func (export "store_b") (param i32 i32) (i32.store8 $b (local.get 0) (local.get 1)))
          (func (export "sizes") (result i32 i32) (memory.size $a) (memory.size $b))
          (func (export "grow_b") (param i32) (result i32) (memory.grow $b (local.get 0)))
          (func (export "fill_b") (param i32 i32 i32) (memory.fill $b (local.get 0) (local.get 1) (local.get 2)))
          (func (export "copy_b_to_a") (param i32 i32 i32) (memory.copy $a $b (local.get 0) (local.get 1) (local.get 2)))
          (func (export "init_b") (param i32) (memory.init $b $p (local.get 0) (i32.const 0) (i32.const 3))))`,
        options,
      );
      expect(call('load_a', 8)).toEqual([0x68]);
      expect(call('load_b', 8)).toEqual([0]);
      call('store_b', 70000, 7);
      expect(call('load_b', 70000)).toEqual([7]);
      expect(trapOf(() => call('load_a', 70000))).toBe('out of bounds memory access');
      expect(call('sizes')).toEqual([1, 2]);
      expect(call('grow_b', 1)).toEqual([2]);
      expect(call('grow_b', 1)).toEqual([-1]);
      expect(call('sizes')).toEqual([1, 3]);
      call('fill_b', 100, 0xab, 4);
      call('copy_b_to_a', 0, 99, 6);
      expect([0, 1, 4, 5, 8].map((i) => call('load_a', i)[0])).toEqual([0, 0xab, 0xab, 0, 0x68]);
      expect(trapOf(() => call('copy_b_to_a', 65535, 0, 2))).toBe('out of bounds memory access');
      call('init_b', 200);
      expect(call('load_b', 202)).toEqual([0x7a]);
    });
  });

  describe(`memory64 and table64 (${tier})`, () => {
    it('checks i64 addresses exactly, also beyond 2^32, and fails grow beyond the host', async () => {
      const { call } = await load(
        `(module
          (memory i64 1)
          (data (i64.const 65532) "\\01\\02\\03\\04")
          (func (export "load") (param i64) (result i32) (i32.load (local.get 0)))
          (func (export "load_far") (param i64) (result i32) (i32.load offset=4294967296 (local.get 0)))
          (func (export "store") (param i64 i32) (i32.store8 (local.get 0) (local.get 1)))
          (func (export "size") (result i64) (memory.size))
          (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
          (func (export "fill") (param i64 i64) (memory.fill (local.get 0) (i32.const 1) (local.get 1))))`,
        options,
      );
      expect(call('load', 65532n)).toEqual([0x04030201]);
      expect(trapOf(() => call('load', 65533n))).toBe('out of bounds memory access');
      expect(trapOf(() => call('load', 0x1_0000_0000n))).toBe('out of bounds memory access');
      expect(trapOf(() => call('load', 0xffff_ffff_ffff_fffcn))).toBe('out of bounds memory access');
      expect(trapOf(() => call('load_far', 0n))).toBe('out of bounds memory access');
      expect(trapOf(() => call('store', 0x1_0000_0000n, 1))).toBe('out of bounds memory access');
      expect(call('size')).toEqual([1n]);
      expect(call('grow', 0x1_0000_0000n)).toEqual([-1n]);
      expect(call('grow', 65535n)).toEqual([-1n]); // beyond the engine's limit (2 GiB by default)
      expect(call('grow', 1n)).toEqual([1n]);
      expect(call('size')).toEqual([2n]);
      expect(trapOf(() => call('fill', 0n, 0x1_0000_0000n))).toBe('out of bounds memory access');
      call('fill', 131071n, 1n);
      expect(call('load', 131068n)).toEqual([0x01000000]);
    });

    it('indexes 64-bit tables with i64', async () => {
      const { call } = await load(
        `(module
          (type $t (func (result i32)))
          (table $t64 i64 2 funcref)
          (elem (table $t64) (i64.const 1) func $f)
          (func $f (result i32) (i32.const 42))
          (func (export "call") (param i64) (result i32) (call_indirect $t64 (type $t) (local.get 0)))
          (func (export "size") (result i64) (table.size $t64))
          (func (export "grow") (param i64) (result i64) (table.grow $t64 (ref.null func) (local.get 0)))
          (func (export "is_null") (param i64) (result i32) (ref.is_null (table.get $t64 (local.get 0)))))`,
        options,
      );
      expect(call('call', 1n)).toEqual([42]);
      expect(trapOf(() => call('call', 0n))).toBe('uninitialized element 0');
      expect(trapOf(() => call('call', 0x1_0000_0001n))).toBe('undefined element');
      expect(trapOf(() => call('is_null', 0x1_0000_0000n))).toBe('out of bounds table access');
      expect(call('grow', 0x1_0000_0000n)).toEqual([-1n]);
      expect(call('grow', 3n)).toEqual([2n]);
      expect(call('size')).toEqual([5n]);
      expect(call('is_null', 4n)).toEqual([1]);
    });
  });

  describe(`extended constants (${tier})`, () => {
    it('evaluates i32/i64 add, sub, mul and global.get of earlier globals', async () => {
      const { call } = await load(
        `(module
          (global $a i32 (i32.const 7))
          (global $b i32 (i32.mul (i32.add (global.get $a) (i32.const 3)) (i32.const -2)))
          (global $c i64 (i64.sub (i64.mul (i64.const 0x100000000) (i64.const 0x100000000)) (i64.const 1)))
          (memory 1)
          (data (offset (i32.add (global.get $a) (i32.const 1))) "z")
          (func (export "get") (result i32 i64 i32) (global.get $b) (global.get $c) (i32.load8_u (i32.const 8))))`,
        options,
      );
      expect(call('get')).toEqual([-20, -1n, 0x7a]);
    });
  });

  describe(`relaxed SIMD: the documented choices (${tier})`, () => {
    it('swizzles out-of-range lanes to 0, truncates like trunc_sat, selects bitwise', async () => {
      const { call } = await load(
        `(module
          (func (export "swizzle") (result v128)
            (i8x16.relaxed_swizzle (v128.const i8x16 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25)
              (v128.const i8x16 0 1 16 200 -1 5 0 0 0 0 0 0 0 0 0 0)))
          (func (export "trunc") (result v128) (i32x4.relaxed_trunc_f32x4_s (v128.const f32x4 nan 3e9 -3e9 -1.5)))
          (func (export "select") (result v128)
            (i32x4.relaxed_laneselect (v128.const i32x4 -1 -1 -1 -1) (v128.const i32x4 0 0 0 0) (v128.const i32x4 0x0f0f0f0f 0 -1 1))))`,
        options,
      );
      expect(call('swizzle')).toEqual([v128([10, 11, 0, 0, 0, 15, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10])]);
      expect(call('trunc')).toEqual([v128([0, 0, 0, 0, 0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0x80, 0xff, 0xff, 0xff, 0xff])]);
      expect(call('select')).toEqual([v128([0x0f, 0x0f, 0x0f, 0x0f, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 1, 0, 0, 0])]);
    });

    it('does not fuse madd, and wraps the 16-bit dot product', async () => {
      const { call } = await load(
        `(module
          ;; (1 + 2^-52)^2 - (1 + 2^-51): fused it is 2^-104, unfused 0.
          (func (export "madd") (result f64)
            (f64x2.extract_lane 0 (f64x2.relaxed_madd (v128.const f64x2 0x1.0000000000001p0 0) (v128.const f64x2 0x1.0000000000001p0 0)
              (v128.const f64x2 -0x1.0000000000002p0 0))))
          (func (export "dot") (result v128)
            (i16x8.relaxed_dot_i8x16_i7x16_s (v128.const i8x16 -128 -128 0 0 0 0 0 0 0 0 0 0 0 0 0 0) (v128.const i8x16 -128 -128 0 0 0 0 0 0 0 0 0 0 0 0 0 0))))`,
        options,
      );
      expect(call('madd')).toEqual([0n]);
      // 2 * (-128 * -128) = 32768 wraps to -32768.
      expect(call('dot')).toEqual([v128([0x00, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])]);
    });
  });
}
