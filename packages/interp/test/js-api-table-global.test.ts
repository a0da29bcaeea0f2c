/**
 * JS API: `Table` and `Global`, compared with Node's native `WebAssembly`.
 */
import { describe, expect, it } from 'vitest';
import type { JsApi } from '../src/index.js';
import { APIS, NATIVE, RT, type Api, type Fn, outcome } from './js-api-apis.js';
import { wat } from './wat.js';



/** `f()`'s value, or the class name of what it threw: comparable across the two APIs. */
function result(f: () => unknown): unknown {
  try {
    return f();
  } catch (e) {
    return `throws ${(e as Error).constructor.name}`;
  }
}

const FUNCS = `(module
  (func $a (export "a") (result i32) i32.const 1)
  (func $b (export "b") (result i32) i32.const 2)
  (table (export "tab") 4 funcref)
  (elem (i32.const 1) $a $b)
  (func (export "call") (param i32) (result i32) local.get 0 call_indirect (result i32))
  (func (export "size") (result i32) table.size 0))`;

describe('JS API: Table', () => {
  it('descriptor checks agree with native', () => {
    const descriptors: unknown[] = [
      undefined, 1, {}, { element: 'anyfunc' }, { element: 'anyfunc', initial: 1 },
      { element: 'externref', initial: 2, maximum: 3 }, { element: 'i32', initial: 1 }, { element: 'anyfunc', initial: 2, maximum: 1 },
      { element: 'anyfunc', initial: -1 }, { element: 'anyfunc', initial: 10_000_001 }, { element: 'anyfunc', initial: 1, maximum: 2 ** 32 },
    ];
    for (const d of descriptors) {
      expect(outcome(() => new RT.Table(d as never)), JSON.stringify(d)).toBe(outcome(() => new NATIVE.Table(d as never)));
    }
    // 'funcref' is the newer spelling of 'anyfunc' (Node 20's V8 does not know it yet).
    expect(new RT.Table({ element: 'funcref', initial: 1 }).get(0)).toBe(null);
  });

  it('initial values, get/set/grow/length, bounds as RangeError', async () => {
    for (const [label, api] of APIS) {
      const f = new api.Instance(new api.Module(await wat(FUNCS)), {}).exports['a'];
      const t = new api.Table({ element: 'anyfunc', initial: 2, maximum: 4 });
      expect(t.length, label).toBe(2);
      expect(t.get(0)).toBe(null);
      t.set(1, f);
      expect(t.get(1)).toBe(f);
      t.set(1);
      expect(t.get(1)).toBe(null);
      expect(t.grow(1, f)).toBe(2);
      expect(t.get(2)).toBe(f);
      expect(t.grow(1)).toBe(3);
      expect(t.get(3)).toBe(null);
      expect(outcome(() => t.grow(1))).toBe('RangeError');
      expect(outcome(() => t.get(4))).toBe('RangeError');
      expect(outcome(() => t.set(4, null))).toBe('RangeError');
      expect(outcome(() => t.set(0, () => 1))).toBe('TypeError');
      expect(outcome(() => t.set(0, 'x'))).toBe('TypeError');
      expect(outcome(() => t.get(-1))).toBe('TypeError');
      const init = new api.Table({ element: 'anyfunc', initial: 2 }, f);
      expect(init.get(1)).toBe(f);
    }
  });

  it('externref tables hold any value; default undefined', () => {
    for (const [label, api] of APIS) {
      const t = new api.Table({ element: 'externref', initial: 1 });
      expect(t.get(0), label).toBe(undefined);
      const o = {};
      for (const v of [o, 5, 'str', null, -0, NaN, 1n, Symbol.iterator]) {
        t.set(0, v);
        expect(Object.is(t.get(0), v)).toBe(true);
      }
      t.grow(2, o);
      expect(t.get(2)).toBe(o);
      const filled = new api.Table({ element: 'externref', initial: 2 }, 'x');
      expect(filled.get(1)).toBe('x');
    }
  });

  it('emscripten function pointers: table.get(ptr) is the exported function; Wasm sees JS writes', async () => {
    for (const [label, api] of APIS) {
      const ex = new api.Instance(new api.Module(await wat(FUNCS)), {}).exports;
      const tab = ex['tab'] as JsApi.Table;
      expect(tab.get(1), label).toBe(ex['a']);
      expect((tab.get(2) as Fn)()).toBe(2);
      expect((tab.get(2) as Fn).name).toBe('1');
      tab.set(3, ex['a']);
      expect((ex['call'] as Fn)(3)).toBe(1);
      expect(result(() => (ex['call'] as Fn)(0))).toBe('throws RuntimeError');
      tab.grow(2);
      expect((ex['size'] as Fn)()).toBe(6);
    }
  });

  it('a JS function placed in a table by Wasm (imported, then elem) comes back as an exported function', async () => {
    const text = `(module (import "m" "f" (func $f (result i32))) (table (export "t") 1 funcref) (elem (i32.const 0) $f))`;
    for (const [label, api] of APIS) {
      const js = (): number => 11;
      const t = new api.Instance(new api.Module(await wat(text)), { m: { f: js } }).exports['t'] as JsApi.Table;
      const got = t.get(0) as Fn;
      expect(got, label).not.toBe(js);
      expect(got()).toBe(11);
      expect(t.get(0)).toBe(got);
    }
  });
});

describe('JS API: Global', () => {
  it('construction and value conversions agree with native', () => {
    const types = ['i32', 'i64', 'f32', 'f64', 'externref', 'anyfunc', 'v128', 'x'];
    // (`undefined` is left out: it stands for an omitted value, see below, where V8 differs.)
    const values: unknown[] = [0, -0, 1.5, 2 ** 40, NaN, '12', null, 5n, true, {}];
    for (const type of types) {
      for (const mutable of [false, true]) {
        for (const v of values) {
          const read = (api: Api): unknown =>
            result(() => {
              const g = new api.Global({ value: type as JsApi.ValueTypeName, mutable }, v);
              return g.value;
            });
          expect(read(RT), `${type} ${mutable} ${String(v)}`).toStrictEqual(read(NATIVE));
        }
      }
    }
  });

  it('an omitted or undefined value is DefaultValue (spec; V8 differs for reference types)', () => {
    const values = (v: JsApi.ValueTypeName, ...rest: unknown[]): unknown => new RT.Global({ value: v }, ...(rest as [unknown])).value;
    expect(values('i32')).toBe(0);
    expect(values('i64', undefined)).toBe(0n);
    expect(values('f64')).toBe(0);
    expect(values('anyfunc')).toBe(null);
    expect(values('anyfunc', undefined)).toBe(null);
    expect(values('externref')).toBe(undefined);
    expect(values('externref', undefined)).toBe(undefined);
    expect(values('externref', null)).toBe(null);
  });

  it('value setter: mutable only, converted; valueOf', () => {
    for (const [label, api] of APIS) {
      const g = new api.Global({ value: 'i64', mutable: true }, 5n);
      expect(g.value, label).toBe(5n);
      g.value = 2n ** 64n + 1n;
      expect(g.value).toBe(1n);
      expect(outcome(() => (g.value = 1))).toBe('TypeError');
      expect(g.valueOf()).toBe(1n);
      const f = new api.Global({ value: 'f32', mutable: true }, 0.1);
      expect(f.value).toBe(Math.fround(0.1));
      f.value = '2.5';
      expect(f.value).toBe(2.5);
      expect((f as unknown as number) * 2).toBe(5);
      const c = new api.Global({ value: 'i32' }, 7);
      expect(outcome(() => (c.value = 8))).toBe('TypeError');
      expect(c.value).toBe(7);
    }
  });

  it('exported globals: reads follow Wasm writes, JS writes are seen by Wasm', async () => {
    const text = `(module (global $g (export "g") (mut i32) (i32.const 1)) (global (export "c") f64 (f64.const 0.25))
      (global (export "v") v128 (v128.const i32x4 1 2 3 4))
      (func (export "set") (param i32) local.get 0 global.set $g) (func (export "get") (result i32) global.get $g))`;
    for (const [label, api] of APIS) {
      const ex = new api.Instance(new api.Module(await wat(text)), {}).exports;
      const g = ex['g'] as JsApi.Global;
      expect(g, label).toBeInstanceOf(api.Global);
      (ex['set'] as Fn)(42);
      expect(g.value).toBe(42);
      g.value = 43;
      expect((ex['get'] as Fn)()).toBe(43);
      expect((ex['c'] as JsApi.Global).value).toBe(0.25);
      expect(outcome(() => (ex['v'] as JsApi.Global).value)).toBe('TypeError');
    }
  });

  it('a JS-created mutable global imported by two instances is shared', async () => {
    const text = `(module (import "m" "g" (global $g (mut i32))) (func (export "inc") global.get $g i32.const 1 i32.add global.set $g))`;
    for (const [label, api] of APIS) {
      const g = new api.Global({ value: 'i32', mutable: true }, 10);
      const m = new api.Module(await wat(text));
      const a = new api.Instance(m, { m: { g } }).exports;
      const b = new api.Instance(m, { m: { g } }).exports;
      (a['inc'] as Fn)();
      (b['inc'] as Fn)();
      expect(g.value, label).toBe(12);
    }
  });

  it('funcref and externref globals', async () => {
    for (const [label, api] of APIS) {
      const f = new api.Instance(new api.Module(await wat(FUNCS)), {}).exports['b'];
      const g = new api.Global({ value: 'anyfunc', mutable: true }, f);
      expect(g.value, label).toBe(f);
      g.value = null;
      expect(g.value).toBe(null);
      expect(outcome(() => (g.value = () => 1))).toBe('TypeError');
      const e = new api.Global({ value: 'externref', mutable: true }, undefined);
      expect(e.value).toBe(undefined);
      const o = { o: 1 };
      e.value = o;
      expect(e.value).toBe(o);
    }
  });
});
