/**
 * JS API for WebAssembly 3.0, part 1: `address: 'i64'` memories and tables (BigInt sizes,
 * indices and deltas), modules with several memories, and tail calls through exported functions.
 * Node 20's native engine has none of these, so the expectations are the JS API spec's.
 */
import { describe, expect, it } from 'vitest';
import { RT, outcome } from './js-api-apis.js';
import { wat3 } from './wat.js';

describe('JS API: 64-bit memories and tables', () => {
  it('takes BigInt sizes for address i64 and numbers for i32', () => {
    const m = new RT.Memory({ address: 'i64', initial: 1n, maximum: 3n });
    expect(m.buffer.byteLength).toBe(65536);
    expect(m.grow(1n)).toBe(1n);
    expect(m.buffer.byteLength).toBe(131072);
    expect(outcome(() => m.grow(1 as never))).toBe('TypeError');
    expect(outcome(() => m.grow(2n))).toBe('RangeError');
    expect(outcome(() => new RT.Memory({ address: 'i64', initial: 1 } as never))).toBe('TypeError');
    expect(outcome(() => new RT.Memory({ address: 'i64', initial: -1n }))).toBe('TypeError');
    expect(outcome(() => new RT.Memory({ address: 'i64', initial: 1n, maximum: 2n ** 48n + 1n }))).toBe('RangeError');
    expect(outcome(() => new RT.Memory({ address: 'i32', initial: 1n } as never))).toBe('TypeError');
    expect(outcome(() => new RT.Memory({ address: 'i128', initial: 1 } as never))).toBe('TypeError');

    const t = new RT.Table({ address: 'i64', element: 'externref', initial: 2n });
    expect(t.length).toBe(2n);
    t.set(1n, 'x');
    expect(t.get(1n)).toBe('x');
    expect(t.grow(2n, 'y')).toBe(2n);
    expect(t.get(3n)).toBe('y');
    expect(t.length).toBe(4n);
    expect(outcome(() => t.get(1 as never))).toBe('TypeError');
    expect(outcome(() => t.get(4n))).toBe('RangeError');
  });

  it('links 64-bit memories and tables by address type', async () => {
    const bytes = await wat3(`(module
      (import "m" "mem" (memory i64 1))
      (import "m" "tab" (table i64 1 funcref))
      (func (export "load") (param i64) (result i32) (i32.load8_u (local.get 0)))
      (func (export "size") (result i64) (table.size)))`);
    const mod = new RT.Module(bytes);
    const mem = new RT.Memory({ address: 'i64', initial: 1n });
    new Uint8Array(mem.buffer)[5] = 9;
    const tab = new RT.Table({ address: 'i64', element: 'anyfunc', initial: 3n });
    const inst = new RT.Instance(mod, { m: { mem, tab } });
    // i64 parameters and results cross the JS API as BigInts.
    expect((inst.exports['load'] as (a: bigint) => number)(5n)).toBe(9);
    expect((inst.exports['size'] as () => bigint)()).toBe(3n);
    expect(outcome(() => new RT.Instance(mod, { m: { mem: new RT.Memory({ initial: 1 }), tab } }))).toBe('LinkError');
    expect(outcome(() => new RT.Instance(mod, { m: { mem, tab: new RT.Table({ element: 'anyfunc', initial: 3 }) } }))).toBe('LinkError');
  });
});

describe('JS API: several memories', () => {
  it('exports and imports each memory separately', async () => {
    const bytes = await wat3(`(module
      (import "m" "a" (memory $a 1))
      (memory $b (export "b") 1)
      (func (export "copy") (param i32 i32 i32) (memory.copy $b $a (local.get 0) (local.get 1) (local.get 2))))`);
    const a = new RT.Memory({ initial: 1 });
    new Uint8Array(a.buffer).set([1, 2, 3], 10);
    const inst = new RT.Instance(new RT.Module(bytes), { m: { a } });
    (inst.exports['copy'] as (d: number, s: number, n: number) => void)(0, 10, 3);
    const b = inst.exports['b'] as InstanceType<typeof RT.Memory>;
    expect(Array.from(new Uint8Array(b.buffer, 0, 4))).toEqual([1, 2, 3, 0]);
    expect(RT.Module.exports(new RT.Module(bytes))).toEqual([
      { name: 'b', kind: 'memory' },
      { name: 'copy', kind: 'function' },
    ]);
  });

  it('runs tail calls from JavaScript without growing the stack', async () => {
    const bytes = await wat3(`(module
      (func $count (export "count") (param i32 i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0)) (then (local.get 1))
          (else (return_call $count (i32.sub (local.get 0) (i32.const 1)) (i32.add (local.get 1) (i32.const 1)))))))`);
    const inst = new RT.Instance(new RT.Module(bytes), {});
    expect((inst.exports['count'] as (n: number, a: number) => number)(1_000_000, 0)).toBe(1_000_000);
  });
});
