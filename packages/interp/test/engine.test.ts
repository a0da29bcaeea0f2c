/**
 * Behaviour of the engine through the low-level API: traps and their messages, bit-exact
 * floats, i64 edge cases (against Node's native WebAssembly), calls, exhaustion, host functions,
 * linking and instantiation.
 */
import { describe, expect, it } from 'vitest';
import { ValType } from '@rt/binary';
import { Engine, LinkError, Trap, type FuncInstance, type ModuleInstance } from '../src/index.js';
import { instantiateBytes, trapOf } from './engine-helpers.js';
import { wat } from './wat.js';

/** Node's own WebAssembly (the tsconfig's `lib` has no DOM/WebAssembly types). */
const NativeWasm = (globalThis as unknown as { WebAssembly: { instantiate(b: Uint8Array): Promise<{ instance: { exports: unknown } }> } }).WebAssembly;

async function load(text: string, engine = new Engine(), imports = {}): Promise<{ engine: Engine; inst: ModuleInstance; call: (name: string, ...args: unknown[]) => unknown[] }> {
  return instantiateBytes(await wat(text), engine, imports);
}

describe('traps', () => {
  it('reports the spec messages', async () => {
    const { call } = await load(`(module (memory 1) (table 2 funcref) (type $v (func)) (elem (i32.const 0) $f)
      (func $f)
      (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
      (func (export "divu64") (param i64 i64) (result i64) (i64.div_u (local.get 0) (local.get 1)))
      (func (export "trunc") (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
      (func (export "load") (param i32) (result i32) (i32.load offset=4 (local.get 0)))
      (func (export "unreachable") unreachable)
      (func (export "ci") (param i32) (call_indirect (type $v) (local.get 0)))
      (func (export "ci2") (param i32) (result i32) (call_indirect (result i32) (local.get 0)))
      (func (export "tget") (param i32) (result funcref) (table.get (local.get 0))))`);
    expect(trapOf(() => call('div', 1, 0))).toBe('integer divide by zero');
    expect(trapOf(() => call('div', -0x80000000, -1))).toBe('integer overflow');
    expect(trapOf(() => call('divu64', 1n, 0n))).toBe('integer divide by zero');
    expect(trapOf(() => call('trunc', 0x7ff8000000000000n))).toBe('invalid conversion to integer');
    expect(trapOf(() => call('trunc', 0x41e0000000000000n))).toBe('integer overflow'); // 2^31
    expect(trapOf(() => call('load', 65532))).toBe('out of bounds memory access');
    expect(trapOf(() => call('load', -1))).toBe('out of bounds memory access');
    expect(trapOf(() => call('unreachable'))).toBe('unreachable');
    expect(trapOf(() => call('ci', 2))).toBe('undefined element');
    expect(trapOf(() => call('ci', 1))).toMatch(/^uninitialized element/);
    expect(trapOf(() => call('ci2', 0))).toBe('indirect call type mismatch');
    expect(trapOf(() => call('tget', 2))).toBe('out of bounds table access');
    expect(call('ci', 0)).toEqual([]);
  });

  it('traps are instances of Error', () => {
    expect(new Trap('unreachable')).toBeInstanceOf(Error);
  });
});

describe('floats are bits', () => {
  it('keeps NaN payloads through locals, reinterpretations, neg/abs/copysign, loads and stores', async () => {
    const { call } = await load(`(module (memory 1)
      (func (export "id32") (param f32) (result f32) (local.get 0))
      (func (export "neg32") (param f32) (result f32) (f32.neg (local.get 0)))
      (func (export "abs64") (param f64) (result f64) (f64.abs (local.get 0)))
      (func (export "cs64") (param f64 f64) (result f64) (f64.copysign (local.get 0) (local.get 1)))
      (func (export "mem32") (param f32) (result f32) (f32.store (i32.const 8) (local.get 0)) (f32.load (i32.const 8)))
      (func (export "mem64") (param f64) (result f64) (f64.store (i32.const 8) (local.get 0)) (f64.load (i32.const 8)))
      (func (export "ri") (param i32) (result f32) (f32.reinterpret_i32 (local.get 0)))
      (func (export "add32") (param f32 f32) (result f32) (f32.add (local.get 0) (local.get 1))))`);
    const sNaN32 = 0x7fa00001;
    expect(call('id32', sNaN32)).toEqual([sNaN32]);
    expect(call('neg32', sNaN32)).toEqual([(sNaN32 | 0x80000000) >>> 0]);
    expect(call('abs64', 0xfff0000000000123n)).toEqual([0x7ff0000000000123n]);
    expect(call('cs64', 0x7ff4000000000001n, 0x8000000000000000n)).toEqual([0xfff4000000000001n]);
    expect(call('mem32', sNaN32)).toEqual([sNaN32]);
    expect(call('mem64', 0x7ff0000000000001n)).toEqual([0x7ff0000000000001n]);
    expect(call('ri', 0x7f800001)).toEqual([0x7f800001]);
    const [sum] = call('add32', 0x7fc00000, 0x3f800000) as number[];
    expect(sum! & 0x7fc00000).toBe(0x7fc00000); // a quiet NaN
    expect(call('add32', 0x3f800000, 0x3f800000)).toEqual([0x40000000]);
  });
});

describe('i64 against native WebAssembly', () => {
  const ops = ['add', 'sub', 'mul', 'div_s', 'div_u', 'rem_s', 'rem_u', 'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u', 'rotl', 'rotr'];
  const cmps = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
  const shifts = ['shl', 'shr_s', 'shr_u', 'rotl', 'rotr'];
  const counts = [0, 1, 7, 31, 32, 33, 63, 64, 100];
  const unops = ['clz', 'ctz', 'popcnt', 'extend8_s', 'extend16_s', 'extend32_s'];
  const conv = [
    ['f32.convert_i64_s', 'f32', 'i32.reinterpret_f32'],
    ['f32.convert_i64_u', 'f32', 'i32.reinterpret_f32'],
    ['f64.convert_i64_s', 'f64', 'i64.reinterpret_f64'],
    ['f64.convert_i64_u', 'f64', 'i64.reinterpret_f64'],
  ] as const;
  const text = `(module
    ${ops.map((o) => `(func (export "${o}") (param i64 i64) (result i64) (i64.${o} (local.get 0) (local.get 1)))`).join('\n')}
    ${cmps.map((o) => `(func (export "${o}") (param i64 i64) (result i32) (i64.${o} (local.get 0) (local.get 1)))`).join('\n')}
    ${unops.map((o) => `(func (export "${o}") (param i64) (result i64) (i64.${o} (local.get 0)))`).join('\n')}
    ${shifts.flatMap((o) => counts.map((n) => `(func (export "${o}_${n}") (param i64) (result i64) (i64.${o} (local.get 0) (i64.const ${n})))`)).join('\n')}
    (func (export "mul_c") (param i64) (result i64) (i64.mul (local.get 0) (i64.const 0x2545F4914F6CDD1D)))
    ${conv.map(([o, , back]) => `(func (export "${o}") (param i64) (result ${back.startsWith('i32') ? 'i32' : 'i64'}) (${back} (${o} (local.get 0))))`).join('\n')})`;
  const edges = [0n, 1n, -1n, 2n, -2n, 3n, 7n, 0x7fffffffn, 0x80000000n, -0x80000000n, 0xffffffffn, 0x100000000n, 0x123456789abcdefn,
    -0x123456789abcdefn, 0x7fffffffffffffffn, -0x8000000000000000n, 4294967291n, 0x20000000000001n, 0x20000000000003n, 0xfffffffffffff800n, 63n, 64n, 65n];
  let seed = 12345;
  const rnd = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) | 0;
    return BigInt(seed >>> 0);
  };
  for (let i = 0; i < 30; i++) edges.push(BigInt.asIntN(64, (rnd() << 32n) | rnd()), BigInt.asIntN(64, rnd() >> BigInt(i % 32)));

  it('agrees on every operation and edge value', async () => {
    const bytes = await wat(text);
    const native = (await NativeWasm.instantiate(bytes)).instance.exports as Record<string, (...a: bigint[]) => bigint | number>;
    const { call: interpCall } = await load(text, new Engine({ jitThreshold: Infinity }));
    const { call: jitCall } = await load(text, new Engine({ jitThreshold: 0 }));
    // Every check runs on both tiers.
    const call = (name: string, ...args: unknown[]) => {
      const r = interpCall(name, ...args);
      expect(jitCall(name, ...args), `compiled ${name}`).toEqual(r);
      return r;
    };
    const norm = (v: unknown) => (typeof v === 'bigint' ? BigInt.asIntN(64, v) : v);
    const run = (f: () => unknown) => {
      try {
        return norm(f());
      } catch (e) {
        return `trap:${(e as Error).message.includes('zero') ? 'zero' : (e as Error).message.includes('overflow') || (e as Error).message.includes('unrepresentable') ? 'overflow' : (e as Error).message}`;
      }
    };
    let checked = 0;
    for (const a of edges) {
      for (const name of [...unops, ...conv.map((c) => c[0]), 'mul_c', ...shifts.flatMap((o) => counts.map((n) => `${o}_${n}`))]) {
        expect(run(() => call(name, a)[0]), `${name}(${a})`).toEqual(run(() => native[name]!(a)));
        checked++;
      }
      for (const b of edges) {
        for (const name of [...ops, ...cmps]) {
          expect(run(() => call(name, a, b)[0]), `${name}(${a}, ${b})`).toEqual(run(() => native[name]!(a, b)));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10000);
  });
});

describe('calls', () => {
  it('recurses, returns multiple values and calls through tables', async () => {
    const { call } = await load(`(module (table funcref (elem $sq $neg))
      (type $u (func (param i32) (result i32)))
      (func $sq (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
      (func $neg (param i32) (result i32) (i32.sub (i32.const 0) (local.get 0)))
      (func $fac (export "fac") (param i64) (result i64)
        (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 1))
          (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
      (func (export "swap") (param i32 f64) (result f64 i32) (local.get 1) (local.get 0))
      (func (export "dispatch") (param i32 i32) (result i32) (call_indirect (type $u) (local.get 1) (local.get 0))))`);
    expect(call('fac', 20n)).toEqual([2432902008176640000n]);
    expect(call('swap', 7, 0x4000000000000000n)).toEqual([0x4000000000000000n, 7]);
    expect(call('dispatch', 0, 9)).toEqual([81]);
    expect(call('dispatch', 1, 9)).toEqual([-9]);
  });

  it('turns runaway recursion into a trap at the configured depth, and stays usable', async () => {
    const engine = new Engine({ maxCallDepth: 500 });
    const { call } = await load(`(module
      (func $r (export "r") (param i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0)) (else (i32.add (i32.const 1) (call $r (i32.sub (local.get 0) (i32.const 1)))))))
      (func $inf (export "inf") (call $inf)))`, engine);
    expect(call('r', 400)).toEqual([400]);
    expect(trapOf(() => call('r', 600))).toBe('call stack exhausted');
    expect(trapOf(() => call('inf'))).toBe('call stack exhausted');
    expect(call('r', 10)).toEqual([10]);
  });

  it('survives very deep recursion with the default limits without overflowing the JS stack', async () => {
    const { call } = await load(`(module (func $inf (export "inf") (param i64 i64 i64 i64) (call $inf (local.get 0) (local.get 1) (local.get 2) (local.get 3))))`);
    expect(trapOf(() => call('inf', 1n, 2n, 3n, 4n))).toBe('call stack exhausted');
  });
});

describe('host functions', () => {
  const sig = (params: number[], results: number[]) => ({ kind: 'func' as const, params, results });

  it('receive and return raw values; their exceptions propagate unchanged', async () => {
    const engine = new Engine();
    const seen: unknown[] = [];
    const add = engine.hostFunction(sig([ValType.i32, ValType.i64, ValType.f64], [ValType.i64]), (args) => {
      seen.push(...args);
      return [BigInt(args[0] as number) + (args[1] as bigint)];
    });
    const boom = new Error('boom');
    const fail = engine.hostFunction(sig([], []), () => {
      throw boom;
    });
    const { call } = await load(`(module (import "h" "add" (func $add (param i32 i64 f64) (result i64)))
      (import "h" "fail" (func $fail))
      (func (export "go") (result i64) (call $add (i32.const -5) (i64.const 10) (f64.const 1.5)))
      (func (export "f") (call $fail)))`, engine, { h: { add, fail } });
    expect(call('go')).toEqual([5n]);
    expect(seen).toEqual([-5, 10n, 0x3ff8000000000000n]);
    let caught: unknown;
    try {
      call('f');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBe(boom);
    expect(engine.store.callDepth).toBe(0);
  });

  it('allow re-entry (host → Wasm → host → Wasm), and deep re-entry traps instead of crashing', async () => {
    const engine = new Engine();
    let inst!: ModuleInstance;
    const back = engine.hostFunction(sig([ValType.i32], [ValType.i32]), ([n]) => {
      const f = inst.exports.get('down')!.value as FuncInstance;
      return engine.invoke(f, [n]);
    });
    const loaded = await load(`(module (import "h" "back" (func $back (param i32) (result i32)))
      (func (export "down") (param i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
          (else (i32.add (i32.const 1) (call $back (i32.sub (local.get 0) (i32.const 1))))))))`, engine, { h: { back } });
    inst = loaded.inst;
    expect(loaded.call('down', 50)).toEqual([50]);
    expect(trapOf(() => loaded.call('down', 100000))).toBe('call stack exhausted');
    expect(loaded.call('down', 3)).toEqual([3]);
  });
});

describe('linking and instantiation', () => {
  it('shares memories, globals, tables and functions by reference', async () => {
    const engine = new Engine();
    const a = await load(`(module (memory (export "mem") 1 2) (global (export "g") (mut i32) (i32.const 7))
      (table (export "t") 2 funcref) (func (export "seven") (result i32) (i32.const 7)))`, engine);
    const exp = (name: string) => a.inst.exports.get(name)!.value;
    const b = await load(`(module (import "a" "mem" (memory 1)) (import "a" "g" (global $g (mut i32)))
      (import "a" "t" (table 1 funcref)) (import "a" "seven" (func $seven (result i32)))
      (elem (i32.const 1) $seven)
      (func (export "store") (i32.store (i32.const 0) (i32.const 42)) (global.set $g (i32.const 9)))
      (func (export "grow") (result i32) (memory.grow (i32.const 1))))`, engine, { a: { mem: exp('mem'), g: exp('g'), t: exp('t'), seven: exp('seven') } });
    b.call('store');
    expect(engine.getGlobal(exp('g') as never)).toBe(9);
    expect(new DataView((exp('mem') as { buffer: ArrayBuffer }).buffer).getInt32(0, true)).toBe(42);
    expect(b.call('grow')).toEqual([1]);
    expect(b.call('grow')).toEqual([-1]);
    expect((exp('t') as { elements: number[] }).elements[1]).toBe((exp('seven') as FuncInstance).ref);
  });

  it('reports link errors with the spec wording', async () => {
    const engine = new Engine();
    const g = engine.createGlobal({ type: ValType.i32, mutable: false }, 1);
    const m = engine.compile(await wat(`(module (import "x" "g" (global (mut i32))))`));
    expect(() => engine.instantiate(m, {})).toThrow(new LinkError('unknown import: "x"."g"'));
    expect(() => engine.instantiate(m, { x: Object.create({ g }) as Record<string, never> })).toThrow('unknown import'); // own properties only
    expect(() => engine.instantiate(m, { x: { g } })).toThrow(new LinkError('incompatible import type: "x"."g" is not a matching global'));
    const mem = engine.createMemory({ limits: { min: 1, max: null }, shared: false, address: 'i32' });
    const m2 = engine.compile(await wat(`(module (import "x" "m" (memory 1 2)))`));
    expect(() => engine.instantiate(m2, { x: { m: mem } })).toThrow('incompatible import type');
  });

  it('applies segments in order and keeps earlier ones when a later one traps', async () => {
    const engine = new Engine();
    const mem = engine.createMemory({ limits: { min: 1, max: null }, shared: false, address: 'i32' });
    const m = engine.compile(await wat(`(module (import "x" "m" (memory 1))
      (data (i32.const 0) "ab") (data (i32.const 65535) "cd"))`));
    expect(trapOf(() => engine.instantiate(m, { x: { m: mem } }))).toBe('out of bounds memory access');
    expect(mem.u8[0]).toBe(0x61);
    expect(mem.u8[65535]).toBe(0);
  });

  it('runs the start function and respects the memory page limit', async () => {
    const engine = new Engine({ maxMemoryPages: 3 });
    const { call } = await load(`(module (memory 1) (global $x (mut i32) (i32.const 0))
      (func $s (global.set $x (i32.const 5))) (start $s)
      (func (export "x") (result i32) (global.get $x))
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`, engine);
    expect(call('x')).toEqual([5]);
    expect(call('grow', 3)).toEqual([-1]);
    expect(call('grow', 2)).toEqual([1]);
    expect(call('grow', 0)).toEqual([3]);
  });
});
