/**
 * JS API for WebAssembly 3.0, part 2, at the boundary (what the spec's `gc/` and `exception/`
 * JS-API tests check, here without the fetched repository): ToWebAssemblyValue's type checks for
 * GC reference types, structs and arrays as opaque objects in JavaScript, i31 values in tables,
 * the DefaultValue of GC tables, `Exception.prototype.getArg`'s index conversion and JSTag.
 */
import { parseWat } from '@rt/text';
import { describe, expect, it } from 'vitest';
import { createWebAssembly } from '../src/index.js';

const WA = createWebAssembly();
type Fn = (...args: unknown[]) => unknown;

function outcome(f: () => unknown): string {
  try {
    f();
    return 'ok';
  } catch (e) {
    return e instanceof Error ? e.constructor.name : typeof e;
  }
}

const gc = new WA.Instance(
  new WA.Module(
    parseWat(`(module
      (type $s (struct (field (mut i32))))
      (type $s2 (struct (field (mut f32))))
      (type $a (array (mut i32)))
      (type $f (func))
      (func (export "makeStruct") (result (ref $s)) (struct.new $s (i32.const 42)))
      (func (export "makeStruct2") (result (ref $s2)) (struct.new $s2 (f32.const 1)))
      (func (export "makeArray") (result (ref $a)) (array.new $a (i32.const 7) (i32.const 3)))
      (func (export "structGet") (param (ref $s)) (result i32) (struct.get $s 0 (local.get 0)))
      (func (export "eqArg") (param eqref))
      (func (export "structArg") (param (ref struct)))
      (func (export "i31Arg") (param i31ref) )
      (func (export "concreteFunc") (param (ref null $f)))
      (func $g (export "g") (type $f))
      (func (export "h") (result i32) (i32.const 0))
      (table (export "i31s") 1 i31ref)
      (table (export "anys") 1 anyref)
      (table (export "nonNullAnys") 1 (ref any) (ref.i31 (i32.const 5)))
      (func (export "externalize") (param anyref) (result externref) (extern.convert_any (local.get 0))))`),
  ),
  {},
).exports as Record<string, unknown>;
const f = (name: string): Fn => gc[name] as Fn;

describe('JS API: GC references crossing into Wasm', () => {
  it('checks abstract GC types: eqref takes structs, arrays and i31 numbers only', () => {
    expect(outcome(() => f('eqArg')(f('makeStruct')()))).toBe('ok');
    expect(outcome(() => f('eqArg')(f('makeArray')()))).toBe('ok');
    expect(outcome(() => f('eqArg')(42))).toBe('ok');
    expect(outcome(() => f('eqArg')(null))).toBe('ok');
    for (const bad of [42n, 'foo', {}, 2 ** 30, f('g')]) expect(outcome(() => f('eqArg')(bad))).toBe('TypeError');
    expect(outcome(() => f('structArg')(f('makeArray')()))).toBe('TypeError');
    expect(outcome(() => f('structArg')(null))).toBe('TypeError');
    expect(outcome(() => f('i31Arg')(-(2 ** 30)))).toBe('ok');
    expect(outcome(() => f('i31Arg')(-(2 ** 30) - 1))).toBe('TypeError');
  });

  it('checks concrete types against the function module\'s types, subtypes included', () => {
    expect(f('structGet')(f('makeStruct')())).toBe(42);
    expect(outcome(() => f('structGet')(f('makeStruct2')()))).toBe('TypeError');
    expect(outcome(() => f('structGet')(f('makeArray')()))).toBe('TypeError');
    expect(outcome(() => f('concreteFunc')(f('g')))).toBe('ok');
    expect(outcome(() => f('concreteFunc')(f('h')))).toBe('TypeError');
  });
});

describe('JS API: structs and arrays in JavaScript', () => {
  it('are opaque, immutable objects with a null prototype, the same object each time', () => {
    const s = f('makeStruct')() as Record<string, unknown>;
    expect(typeof s).toBe('object');
    expect(Object.getPrototypeOf(s)).toBe(null);
    expect(Object.getOwnPropertyNames(s)).toEqual([]);
    expect(s['0']).toBe(undefined);
    expect(Object.isExtensible(s)).toBe(false);
    expect(outcome(() => { s['foo'] = 1; })).toBe('TypeError');
    expect(outcome(() => delete s['foo'])).toBe('TypeError');
    expect(outcome(() => Object.defineProperty(s, 'x', { value: 1 }))).toBe('TypeError');
    expect(outcome(() => Object.setPrototypeOf(s, {}))).toBe('TypeError');
    expect(outcome(() => Object.preventExtensions(s))).toBe('TypeError');
    expect(outcome(() => Object.freeze(s))).toBe('TypeError');
    expect(outcome(() => String(s))).toBe('TypeError');
    expect(Object.prototype.toString.call(s)).toBe('[object Object]');
    // Back into Wasm it is the struct again; as an externref too.
    expect(f('structGet')(s)).toBe(42);
    const e = f('externalize')(s);
    expect(e).toBe(s);
  });
});

describe('JS API: GC tables', () => {
  it('keep i31 numbers and reject numbers outside the i31 range', () => {
    const t = gc['i31s'] as InstanceType<typeof WA.Table>;
    expect(t.get(0)).toBe(null);
    t.set(0, 42);
    expect(t.get(0)).toBe(42);
    expect(outcome(() => t.set(0, 2 ** 30))).toBe('TypeError');
    expect(t.get(0)).toBe(42);
  });

  it('default to null for anyref, which a non-nullable table rejects', () => {
    const t = gc['anys'] as InstanceType<typeof WA.Table>;
    t.set(0, 'x');
    t.set(0);
    expect(t.get(0)).toBe(null);
    expect(t.grow(1)).toBe(1);
    expect(t.get(1)).toBe(null);
    const n = gc['nonNullAnys'] as InstanceType<typeof WA.Table>;
    expect(n.get(0)).toBe(5);
    expect(outcome(() => n.grow(1))).toBe('TypeError');
    expect(outcome(() => n.set(0))).toBe('TypeError');
  });
});

describe('JS API: exceptions', () => {
  it('getArg converts its index as [EnforceRange] unsigned long: TypeError, then RangeError past the payload', () => {
    const tag = new WA.Tag({ parameters: ['i32'] });
    const exn = new WA.Exception(tag, [3]);
    expect(exn.getArg(tag, 0)).toBe(3);
    for (const bad of [undefined, NaN, -1, 2 ** 32]) expect(outcome(() => exn.getArg(tag, bad as number))).toBe('TypeError');
    expect(outcome(() => exn.getArg(tag, 1))).toBe('RangeError');
  });

  it('JSTag: no Exception of it from JavaScript; Wasm throwing with it throws the value itself', () => {
    expect(outcome(() => new WA.Exception(WA.JSTag, [{}]))).toBe('TypeError');
    const { exports } = new WA.Instance(
      new WA.Module(parseWat(`(module (import "m" "js" (tag $js (param externref)))
        (func (export "throw") (param externref) (throw $js (local.get 0))))`)),
      { m: { js: WA.JSTag } },
    );
    const value = { thrown: true };
    let caught: unknown;
    try {
      (exports['throw'] as Fn)(value);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBe(value);
  });
});
