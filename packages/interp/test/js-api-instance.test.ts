/**
 * JS API: `Instance` (import resolution, the exports object, exported functions, host
 * functions, traps and exceptions), compared with Node's native `WebAssembly` where it applies.
 */
import { describe, expect, it } from 'vitest';
import type { JsApi } from '../src/index.js';
import { APIS, NATIVE, RT, type Api, type Fn, outcome } from './js-api-apis.js';
import { wat } from './wat.js';


async function instance(api: Api, text: string, imports?: JsApi.Imports): Promise<JsApi.Exports> {
  return new api.Instance(new api.Module(await wat(text)), imports).exports;
}

/** The class name of what `f` throws, or 'ok'. */

const EXPORTS = `(module
  (func $add (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
  (func $nop (export "nop"))
  (func $three (export "three") (param i64 f32 f64))
  (export "add-again" (func $add))
  (memory (export "mem") 1)
  (export "mem-again" (memory 0))
  (table (export "tab") 1 funcref)
  (global (export "g") (mut i32) (i32.const 3))
  (export "g-again" (global 0)))`;

describe('JS API: the exports object', () => {
  it('is frozen, has a null prototype, lists exports in order', async () => {
    for (const [label, api] of APIS) {
      const ex = await instance(api, EXPORTS);
      expect(Object.getPrototypeOf(ex), label).toBe(null);
      expect(Object.isFrozen(ex)).toBe(true);
      expect(Object.keys(ex)).toEqual(['add', 'nop', 'three', 'add-again', 'mem', 'mem-again', 'tab', 'g', 'g-again']);
      const d = Object.getOwnPropertyDescriptor(ex, 'add')!;
      expect([d.writable, d.enumerable, d.configurable]).toEqual([false, true, false]);
      expect(outcome(() => ((ex as Record<string, unknown>)['x'] = 1))).toBe('TypeError'); // strict mode
    }
  });

  it('instance.exports is an accessor returning the same object', async () => {
    const inst = new RT.Instance(new RT.Module(await wat(EXPORTS)), {});
    expect(inst.exports).toBe(inst.exports);
    expect(typeof Object.getOwnPropertyDescriptor(RT.Instance.prototype, 'exports')!.get).toBe('function');
    expect(outcome(() => Reflect.get(RT.Instance.prototype, 'exports', {}))).toBe('TypeError');
  });

  it('exported functions: name = function index, length = param count, not constructors', async () => {
    for (const [label, api] of APIS) {
      const ex = await instance(api, `(module (import "m" "i" (func)) ${EXPORTS.slice('(module'.length)}`, { m: { i: () => {} } });
      const add = ex['add'] as Fn;
      expect(typeof add, label).toBe('function');
      expect(add.name).toBe('1');
      expect(add.length).toBe(2);
      expect((ex['nop'] as Fn).name).toBe('2');
      expect((ex['three'] as Fn).length).toBe(3);
      expect(add(2, 3)).toBe(5);
      expect(outcome(() => new (add as unknown as new () => object)())).toBe('TypeError');
      expect(add.call({}, 1, 1)).toBe(2);
    }
  });

  it('the same function/memory/table/global exported twice is the same object; across instances too', async () => {
    for (const [label, api] of APIS) {
      const ex = await instance(api, EXPORTS);
      expect(ex['add-again'], label).toBe(ex['add']);
      expect(ex['mem-again']).toBe(ex['mem']);
      // The spec's Global object cache makes these equal; V8 (Node 20) creates a new Global per export.
      if (label === 'rt') expect(ex['g-again']).toBe(ex['g']);
      expect(ex['mem']).toBeInstanceOf(api.Memory);
      expect(ex['tab']).toBeInstanceOf(api.Table);
      expect(ex['g']).toBeInstanceOf(api.Global);
      const reex = await instance(
        api,
        `(module (import "m" "f" (func (param i32 i32) (result i32))) (import "m" "mem" (memory 1))
           (import "m" "g" (global (mut i32))) (import "m" "t" (table 1 funcref))
           (export "f" (func 0)) (export "mem" (memory 0)) (export "g" (global 0)) (export "t" (table 0)))`,
        { m: { f: ex['add'], mem: ex['mem'], g: ex['g'], t: ex['tab'] } },
      );
      expect(reex['f']).toBe(ex['add']);
      expect(reex['mem']).toBe(ex['mem']);
      expect(reex['g']).toBe(ex['g']);
      expect(reex['t']).toBe(ex['tab']);
    }
  });

  it('a re-exported JS function is wrapped (a new Exported Function), named by its index', async () => {
    for (const [label, api] of APIS) {
      const js = (x: number): number => x * 2;
      const ex = await instance(api, '(module (import "m" "f" (func (param i32) (result i32))) (export "f" (func 0)))', { m: { f: js } });
      const f = ex['f'] as Fn;
      expect(f, label).not.toBe(js);
      expect(f.name).toBe('0');
      expect(f(21)).toBe(42);
    }
  });
});

describe('JS API: arguments and results', () => {
  const TEXT = `(module
    (func (export "i32") (param i32) (result i32) local.get 0)
    (func (export "i64") (param i64) (result i64) local.get 0)
    (func (export "f32") (param f32) (result f32) local.get 0)
    (func (export "f64") (param f64) (result f64) local.get 0)
    (func (export "ext") (param externref) (result externref) local.get 0)
    (func (export "fn") (param funcref) (result funcref) local.get 0)
    (func (export "multi") (param i32 i64) (result i64 i32 f64) local.get 1 local.get 0 f64.const 0.5)
    (func (export "none") (param i32))
    (func (export "v128") (param i32) (result v128) v128.const i32x4 0 0 0 0)
    (func (export "v128p") (param v128)))`;

  it('converts like native (ToInt32, ToBigInt64, fround, any externref, funcref)', async () => {
    const inputs: unknown[] = [0, -0, 1, -1, 2 ** 31, 2 ** 32 + 5, -(2 ** 31) - 1, 1.5, -1.5, NaN, Infinity, -Infinity, 0.1, 1e300, '7', '0x10', '', 'x', true, false, null, undefined, [], [3], {}, { valueOf: () => 9 }, 10n, -1n, 2n ** 64n + 3n, Symbol('s')];
    const [n, r] = [await instance(NATIVE, TEXT), await instance(RT, TEXT)];
    for (const name of ['i32', 'i64', 'f32', 'f64', 'ext']) {
      for (const x of inputs) {
        const run = (ex: JsApi.Exports): unknown => {
          try {
            return (ex[name] as Fn)(x);
          } catch (e) {
            return `throws ${(e as Error).constructor.name}`;
          }
        };
        expect(run(r), `${name}(${String(x)})`).toStrictEqual(run(n));
      }
    }
  });

  it('i64 is a BigInt both ways; missing arguments are undefined', async () => {
    for (const [label, api] of APIS) {
      const ex = await instance(api, TEXT);
      expect((ex['i64'] as Fn)(2n ** 63n), label).toBe(-(2n ** 63n));
      expect(outcome(() => (ex['i64'] as Fn)(1))).toBe('TypeError');
      expect(outcome(() => (ex['i64'] as Fn)())).toBe('TypeError');
      expect((ex['i32'] as Fn)()).toBe(0);
      expect((ex['f64'] as Fn)()).toBeNaN();
      expect((ex['ext'] as Fn)()).toBe(undefined);
      expect((ex['ext'] as Fn)(null)).toBe(null);
    }
  });

  it('funcref: null or an exported function; anything else is a TypeError', async () => {
    for (const [label, api] of APIS) {
      const ex = await instance(api, TEXT);
      const fn = ex['fn'] as Fn;
      expect(fn(null), label).toBe(null);
      expect(fn(ex['i32'])).toBe(ex['i32']);
      expect(outcome(() => fn(() => 1))).toBe('TypeError');
      expect(outcome(() => fn({}))).toBe('TypeError');
      expect(outcome(() => fn(undefined))).toBe('TypeError');
    }
  });

  it('several results are an array; none is undefined; v128 is a TypeError at the boundary', async () => {
    for (const [label, api] of APIS) {
      const ex = await instance(api, TEXT);
      expect((ex['multi'] as Fn)(7, 8n), label).toEqual([8n, 7, 0.5]);
      expect((ex['none'] as Fn)(1)).toBe(undefined);
      expect(outcome(() => (ex['v128'] as Fn)(0))).toBe('TypeError');
      expect(outcome(() => (ex['v128p'] as Fn)())).toBe('TypeError');
    }
  });
});

describe('JS API: imports', () => {
  it('TypeError when the import object or a module field is not an object', async () => {
    const bytes = await wat('(module (import "m" "f" (func)))');
    for (const [label, api] of APIS) {
      const m = new api.Module(bytes);
      expect(outcome(() => new api.Instance(m)), label).toBe('TypeError');
      expect(outcome(() => new api.Instance(m, 5 as never))).toBe('TypeError');
      expect(outcome(() => new api.Instance(m, {}))).toBe('TypeError');
      expect(outcome(() => new api.Instance(m, { m: 1 } as never))).toBe('TypeError');
      expect(outcome(() => new api.Instance(m, { m: {} }))).toBe('LinkError');
      expect(outcome(() => new api.Instance({} as never, {}))).toBe('TypeError');
      // No imports needed: anything object-like or undefined is fine, a primitive is not.
      const none = new api.Module(await wat('(module)'));
      expect(outcome(() => new api.Instance(none))).toBe('ok');
      expect(outcome(() => new api.Instance(none, 1 as never))).toBe('TypeError');
    }
  });

  it('LinkError for missing or mismatched imports, with the spec suite wording', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['(import "m" "x" (func))', {}],
      ['(import "m" "x" (func))', { x: 1 }],
      ['(import "m" "x" (func (param i32)))', { x: 'other-type' }],
      ['(import "m" "x" (memory 1))', { x: {} }],
      ['(import "m" "x" (table 1 funcref))', { x: 'mem' }],
      ['(import "m" "x" (table 2 funcref))', { x: 'table' }],
      ['(import "m" "x" (global i64))', { x: 1 }],
      ['(import "m" "x" (global i32))', { x: 1n }],
      ['(import "m" "x" (global (mut i32)))', { x: 1 }],
      ['(import "m" "x" (global f64))', { x: '1' }],
      ['(import "m" "x" (global i32))', { x: 'mem' }],
      ['(import "m" "x" (memory 2))', { x: 'mem' }],
      ['(import "m" "x" (memory 1 1))', { x: 'mem' }],
      ['(import "m" "x" (global i32))', { x: 'gmut' }],
      ['(import "m" "x" (global (mut i64)))', { x: 'gmut' }],
      ['(import "m" "x" (table 1 externref))', { x: 'table' }],
    ];
    for (const [label, api] of APIS) {
      const other = await instance(api, '(module (func (export "f")) (table (export "table") 1 funcref) (memory (export "mem") 1) (global (export "gmut") (mut i32) (i32.const 0)))');
      for (const [imp, value] of cases) {
        const field = value['x'];
        const resolved = typeof field === 'string' && field in other ? other[field] : field === 'other-type' ? other['f'] : field;
        const m = new api.Module(await wat(`(module ${imp})`));
        const r = outcome(() => new api.Instance(m, { m: 'x' in value ? { x: resolved } : {} }));
        expect(r, `${label} ${imp} ← ${String(field)}`).toBe('LinkError');
      }
    }
    const m = new RT.Module(await wat('(module (import "m" "x" (func)))'));
    expect(() => new RT.Instance(m, { m: {} })).toThrow(/^unknown import/);
    expect(() => new RT.Instance(m, { m: { x: 5 } })).toThrow(/^incompatible import type/);
    const typed = new RT.Module(await wat('(module (import "m" "x" (func (param i32))))'));
    const f = (await instance(RT, '(module (func (export "f")))'))['f'];
    expect(() => new RT.Instance(typed, { m: { x: f } })).toThrow(/^incompatible import type/);
  });

  it('numbers and BigInts for immutable globals; any value for externref globals', async () => {
    const text = `(module (import "m" "i" (global i32)) (import "m" "l" (global i64)) (import "m" "f" (global f32))
      (import "m" "e" (global externref))
      (func (export "i") (result i32) global.get 0) (func (export "l") (result i64) global.get 1)
      (func (export "f") (result f32) global.get 2) (func (export "e") (result externref) global.get 3))`;
    const token = { token: true };
    for (const [label, api] of APIS) {
      const ex = await instance(api, text, { m: { i: 2 ** 32 + 7, l: 2n ** 64n - 1n, f: 0.1, e: token } });
      expect((ex['i'] as Fn)(), label).toBe(7);
      expect((ex['l'] as Fn)()).toBe(-1n);
      expect((ex['f'] as Fn)()).toBe(Math.fround(0.1));
      expect((ex['e'] as Fn)()).toBe(token);
    }
  });

  it('JS functions are called with this undefined, converted arguments, converted results', async () => {
    const text = `(module (import "m" "f" (func $f (param i32 i64 f32 f64 externref) (result f64)))
      (import "m" "multi" (func $multi (result i32 i64)))
      (func (export "call") (result f64) i32.const -1 i64.const -2 f32.const 1.5 f64.const 2.5 ref.null extern call $f)
      (func (export "multi") (result i64) call $multi drop i64.extend_i32_s))`;
    for (const [label, api] of APIS) {
      const seen: unknown[] = [];
      const ex = await instance(api, text, {
        m: {
          f: function (this: unknown, ...args: unknown[]): unknown {
            seen.push(this, ...args);
            return '3.25';
          },
          multi: () => new Set([-5, 1n]),
        },
      });
      expect((ex['call'] as Fn)(), label).toBe(3.25);
      expect(seen).toEqual([undefined, -1, -2n, 1.5, 2.5, null]);
      expect((ex['multi'] as Fn)()).toBe(-5n);
    }
  });

  it('bad host results: TypeError (wrong arity for several results, Number for i64)', async () => {
    const text = `(module (import "m" "two" (func $two (result i32 i32))) (import "m" "l" (func $l (result i64)))
      (func (export "two") call $two drop drop) (func (export "l") call $l drop))`;
    for (const [label, api] of APIS) {
      const ex = await instance(api, text, { m: { two: () => [1], l: () => 1 } });
      expect(outcome(() => (ex['two'] as Fn)()), label).toBe('TypeError');
      expect(outcome(() => (ex['l'] as Fn)())).toBe('TypeError');
      const ex2 = await instance(api, text, { m: { two: () => 5, l: () => 1n } });
      expect(outcome(() => (ex2['two'] as Fn)())).toBe('TypeError');
      expect(outcome(() => (ex2['l'] as Fn)())).toBe('ok');
    }
  });

  it('several results from JS: any iterable (a string too), else TypeError, like native', async () => {
    const bytes = await wat('(module (import "m" "f" (func $f (result i32 i32))) (func (export "g") (result i32) call $f i32.add))');
    const returns: unknown[] = ['12', 5, null, undefined, [1, 2], [1, 2, 3], new Set([4, 5]), { length: 2, 0: 1, 1: 2 }, new Map([[1, 2]])];
    for (const r of returns) {
      const run = (api: Api): unknown => {
        try {
          return (new api.Instance(new api.Module(bytes), { m: { f: () => r } }).exports['g'] as Fn)();
        } catch (e) {
          return `throws ${(e as Error).constructor.name}`;
        }
      };
      expect(run(RT), String(r)).toStrictEqual(run(NATIVE));
    }
  });

  it('the same JS function may be imported twice with different types', async () => {
    const text = `(module (import "m" "f" (func $a (param i32) (result i32))) (import "m" "f" (func $b (param f64) (result f64)))
      (func (export "a") (result i32) i32.const 3 call $a) (func (export "b") (result f64) f64.const 0.5 call $b))`;
    for (const [label, api] of APIS) {
      const ex = await instance(api, text, { m: { f: (x: number) => x + 1 } });
      expect((ex['a'] as Fn)(), label).toBe(4);
      expect((ex['b'] as Fn)()).toBe(1.5);
    }
  });

  it('an exported function imported by another instance is called directly (v128 works: no JS boundary)', async () => {
    const a = await instance(RT, '(module (func (export "splat") (param i32) (result v128) local.get 0 i32x4.splat))');
    const b = await instance(
      RT,
      `(module (import "a" "splat" (func $s (param i32) (result v128)))
        (func (export "lane") (param i32) (result i32) local.get 0 call $s i32x4.extract_lane 3))`,
      { a: { splat: a['splat'] } },
    );
    expect((b['lane'] as Fn)(77)).toBe(77);
  });
});

describe('JS API: traps, exceptions, stack exhaustion', () => {
  const TEXT = `(module (import "m" "host" (func $host (param i32)))
    (func (export "div") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s)
    (func (export "unreachable") unreachable)
    (func $rec (export "rec") call $rec)
    (func (export "callHost") (param i32) local.get 0 call $host)
    (memory 1) (func (export "oob") (result i32) i32.const 65536 i32.load))`;

  it('traps are RuntimeErrors with the spec messages', async () => {
    const ex = await instance(RT, TEXT, { m: { host: () => {} } });
    const message = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(RT.RuntimeError);
        expect((e as Error).name).toBe('RuntimeError');
        return (e as Error).message;
      }
      return 'no trap';
    };
    expect(message(() => (ex['div'] as Fn)(1, 0))).toBe('integer divide by zero');
    expect(message(() => (ex['div'] as Fn)(-(2 ** 31), -1))).toBe('integer overflow');
    expect(message(() => (ex['unreachable'] as Fn)())).toBe('unreachable');
    expect(message(() => (ex['oob'] as Fn)())).toBe('out of bounds memory access');
    expect(message(() => (ex['rec'] as Fn)())).toBe('call stack exhausted');
    const n = await instance(NATIVE, TEXT, { m: { host: () => {} } });
    expect(outcome(() => (n['div'] as Fn)(1, 0))).toBe('RuntimeError');
  });

  it('host exceptions propagate unchanged, whatever they are', async () => {
    for (const thrown of [new Error('mine'), new RangeError('r'), 42, null, { custom: 1 }, new RT.RuntimeError('fake trap')]) {
      const ex = await instance(RT, TEXT, {
        m: {
          host: () => {
            throw thrown;
          },
        },
      });
      let caught: unknown = 'nothing';
      try {
        (ex['callHost'] as Fn)(0);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBe(thrown);
    }
  });

  it('recursion through JS (wasm → JS → wasm → …) ends in a RuntimeError, not a host crash', async () => {
    let callHost: Fn = () => {};
    let depth = 0;
    const ex = await instance(RT, TEXT, {
      m: {
        host: () => {
          depth++;
          callHost(0);
        },
      },
    });
    callHost = ex['callHost'] as Fn;
    expect(() => callHost(0)).toThrow(RT.RuntimeError);
    expect(() => callHost(0)).toThrow(/^call stack exhausted/);
    expect(depth).toBeGreaterThan(10);
    // The engine is still usable afterwards.
    expect((ex['div'] as Fn)(7, 2)).toBe(3);
  });

  it('running out of JavaScript stack under Wasm calls: a catchable error, the trap when inside the engine, engine intact', async () => {
    let callHost: Fn = () => {};
    const ex = await instance(RT, TEXT, { m: { host: () => callHost(0) } });
    callHost = ex['callHost'] as Fn;
    // Use up the JS stack, then enter Wasm (which re-enters JS and Wasm until something gives) at
    // every depth on the way back up: the JS stack runs out at every possible point.
    const seen = new Set<string>();
    let bottom = 0;
    const deep = (n: number): void => {
      try {
        deep(n + 1);
      } catch {
        bottom = Math.max(bottom, n); // (this function's own stack overflow lands here)
      }
      if (bottom - n > 400) return; // the 400 frames nearest the limit are enough
      try {
        callHost(0);
      } catch (e) {
        seen.add(`${(e as Error).constructor.name}: ${(e as Error).message}`);
      }
    };
    deep(0);
    // The JS engine's own overflow is reported as the trap when it happens in the engine, and
    // stays V8's RangeError when it happens in JavaScript code (the host function's call itself).
    for (const s of seen) expect(s).toMatch(/^(RuntimeError: call stack exhausted|RangeError: Maximum call stack size exceeded)$/);
    expect(seen).toContain('RuntimeError: call stack exhausted');
    expect((ex['div'] as Fn)(9, 3)).toBe(3);
    expect(() => (ex['rec'] as Fn)()).toThrow(/^call stack exhausted$/);
  });

  it("an imported function's own stack overflow propagates unchanged", async () => {
    let thrown: unknown;
    const runaway = (): number => runaway() + 1;
    const ex = await instance(RT, TEXT, {
      m: {
        host: () => {
          try {
            runaway();
          } catch (err) {
            thrown = err;
            throw err;
          }
        },
      },
    });
    let caught: unknown;
    try {
      (ex['callHost'] as Fn)(0);
    } catch (err) {
      caught = err;
    }
    expect(thrown).toBeInstanceOf(RangeError);
    expect(caught).toBe(thrown);
  });

  it('a trap inside a nested call surfaces as one RuntimeError through the JS frames', async () => {
    let inner: Fn = () => {};
    const ex = await instance(RT, TEXT, { m: { host: () => inner(1, 0) } });
    inner = ex['div'] as Fn;
    let first: unknown;
    try {
      (ex['callHost'] as Fn)(0);
    } catch (e) {
      first = e;
    }
    expect(first).toBeInstanceOf(RT.RuntimeError);
    expect((first as Error).message).toBe('integer divide by zero');
  });

  it('a start function that traps: RuntimeError from the constructor; writes to imported memory stay', async () => {
    const mem = new RT.Memory({ initial: 1 });
    const bytes = await wat('(module (import "m" "mem" (memory 1)) (data (i32.const 0) "hi") (func $s unreachable) (start $s))');
    expect(() => new RT.Instance(new RT.Module(bytes), { m: { mem } })).toThrow(RT.RuntimeError);
    expect([...new Uint8Array(mem.buffer, 0, 2)]).toEqual([104, 105]);
  });

  it('a data segment out of bounds: RuntimeError', async () => {
    for (const [label, api] of APIS) {
      const bytes = await wat('(module (memory 1) (data (i32.const 65535) "ab"))');
      expect(outcome(() => new api.Instance(new api.Module(bytes), {})), label).toBe('RuntimeError');
    }
  });
});
