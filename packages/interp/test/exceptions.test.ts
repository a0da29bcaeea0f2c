/**
 * WebAssembly 3.0 part 2 in the engine: exceptions (try_table, the legacy try instructions) across
 * Wasm and host frames in every tier, the JS API's Tag, Exception and JSTag, and typed function
 * references. Node 20's V8 predates the final exnref encoding, so the expectations are the spec's.
 */
import { parseWat } from '@rt/text';
import { describe, expect, it } from 'vitest';
import { createWebAssembly, WebAssembly as WA } from '../src/index.js';

type Fn = (...args: unknown[]) => unknown;

/** One namespace per tier setting: interpreter only, compiled before the first call, default. */
const TIERS = {
  interp: createWebAssembly({ jitThreshold: Infinity }),
  compiled: createWebAssembly({ jitThreshold: 0 }),
  default: WA,
} as const;

function instantiate(api: typeof WA, text: string, imports: Record<string, Record<string, unknown>> = {}): Record<string, Fn> {
  const module = new api.Module(parseWat(text));
  return new api.Instance(module, imports as never).exports as unknown as Record<string, Fn>;
}

const THROWER = `(module
  (import "host" "call" (func $host (param i32)))
  (import "host" "jstag" (tag $js (param externref)))
  (tag $e (export "e") (param i32))
  (tag $f (param i64 f64))
  (func $throw (export "throw") (param i32) (throw $e (local.get 0)))
  (func $deep (param i32) (if (i32.eqz (local.get 0)) (then (throw $e (i32.const 42))))
    (call $deep (i32.sub (local.get 0) (i32.const 1))))
  ;; try_table with a catch per clause kind; the payload lands on the label's stack.
  (func (export "catch") (param i32) (result i32)
    (block $h (result i32)
      (try_table (catch $e $h) (call $deep (local.get 0)))
      (i32.const -1)))
  (func (export "catch_all") (result i32)
    (block $h
      (try_table (catch_all $h) (throw $f (i64.const 1) (f64.const 2)))
      (return (i32.const 0)))
    (i32.const 1))
  ;; catch_ref then throw_ref: the same exception goes on to the outer handler.
  (func (export "rethrow") (param i32) (result i32)
    (block $outer (result i32)
      (try_table (catch $e $outer)
        (block $inner (result i32 exnref)
          (try_table (catch_ref $e $inner) (throw $e (local.get 0)))
          (unreachable))
        (throw_ref))
      (i32.const -1)))
  ;; Through a host frame: the host calls back into Wasm, which throws.
  (func (export "via_host") (param i32) (result i32)
    (block $h (result i32)
      (try_table (catch $e $h) (call $host (local.get 0)))
      (i32.const -1)))
  ;; The legacy instructions.
  (func (export "legacy") (param i32) (result i32)
    (try (result i32)
      (do (try (result i32) (do (call $throw (local.get 0)) (i32.const 0)) (delegate 0)))
      (catch $e (i32.add (i32.const 100)))
      (catch_all (i32.const -2))))
  (func (export "legacy_rethrow") (param i32) (result i32)
    (try (result i32)
      (do (try (do (call $throw (local.get 0))) (catch $e (drop) (rethrow 0))) (i32.const 0))
      (catch $e)))
  ;; A JavaScript exception caught by catch_all_ref and thrown again stays the same value.
  (func (export "js_through") (param i32)
    (block $h (result exnref)
      (try_table (catch_all_ref $h) (call $host (local.get 0)))
      (return))
    (throw_ref))
  (func (export "js_tag") (param i32) (result externref)
    (block $h (result externref)
      (try_table (catch $js $h) (call $host (local.get 0)))
      (ref.null extern)))
)`;

describe.each(Object.entries(TIERS))('exceptions (%s)', (_tier, api) => {
  let hostAction: (x: number) => void = () => {};
  const exports = (): Record<string, Fn> => instantiate(api, THROWER, { host: { call: (x: number) => hostAction(x), jstag: api.JSTag } });

  it('catches by tag across Wasm frames, with its payload', () => {
    const e = exports();
    expect(e.catch!(0)).toBe(42);
    expect(e.catch!(500)).toBe(42);
    expect(e.catch_all!()).toBe(1);
    expect(e.rethrow!(7)).toBe(7);
  });

  it('runs the legacy try, catch, catch_all, delegate and rethrow', () => {
    const e = exports();
    expect(e.legacy!(5)).toBe(105);
    expect(e.legacy_rethrow!(9)).toBe(9);
  });

  it('throws an uncaught exception to JavaScript as a WebAssembly.Exception with is/getArg', () => {
    const e = exports();
    const tag = e.e as unknown as InstanceType<typeof WA.Tag>;
    let caught: unknown;
    try {
      e.throw!(13);
    } catch (x) {
      caught = x;
    }
    expect(caught).toBeInstanceOf(api.Exception);
    const ex = caught as InstanceType<typeof WA.Exception>;
    expect(ex.is(tag)).toBe(true);
    expect(ex.getArg(tag, 0)).toBe(13);
    expect(ex.is(new api.Tag({ parameters: ['i32'] }))).toBe(false);
  });

  it('lets exceptions cross host frames both ways, keeping identity', () => {
    const e = exports();
    const tag = e.e as unknown as InstanceType<typeof WA.Tag>;
    // Wasm → JS → Wasm: a Wasm exception thrown through a host function is caught in Wasm.
    hostAction = (x) => e.throw!(x);
    expect(e.via_host!(31)).toBe(31);
    // A WebAssembly.Exception made in JavaScript is caught by its tag.
    hostAction = (x) => {
      throw new api.Exception(tag, [x + 1]);
    };
    expect(e.via_host!(31)).toBe(32);
    // An arbitrary JS value: caught by catch_all_ref, rethrown, and still the same object.
    const thrown = new Error('from JS');
    hostAction = () => {
      throw thrown;
    };
    let out: unknown;
    try {
      e.js_through!(0);
    } catch (x) {
      out = x;
    }
    expect(out).toBe(thrown);
    // ... and by a catch of JSTag, as its externref payload.
    expect(e.js_tag!(0)).toBe(thrown);
    // An Exception thrown through Wasm comes out as the very same object.
    const mine = new api.Exception(tag, [1]);
    hostAction = () => {
      throw mine;
    };
    let back: unknown;
    try {
      e.js_through!(0);
    } catch (x) {
      back = x;
    }
    expect(back).toBe(mine);
  });

  it('never catches traps', () => {
    const e = exports();
    hostAction = () => {
      (instantiate(api, '(module (func (export "t") unreachable))').t as Fn)();
    };
    expect(() => e.js_through!(0)).toThrow(api.RuntimeError);
  });
});

describe('JS API: Tag and Exception', () => {
  it('checks payloads against the tag type and indices in getArg', () => {
    const tag = new WA.Tag({ parameters: ['i32', 'i64', 'f64'] });
    const ex = new WA.Exception(tag, [1, 2n, 0.5]);
    expect(ex.getArg(tag, 1)).toBe(2n);
    expect(ex.getArg(tag, 2)).toBe(0.5);
    expect(() => ex.getArg(tag, 3)).toThrow(RangeError);
    expect(() => ex.getArg(new WA.Tag({ parameters: [] }), 0)).toThrow(TypeError);
    expect(() => new WA.Exception(tag, [1])).toThrow(TypeError);
    expect(() => new WA.Exception(tag, [1, 2, 3])).toThrow(TypeError);
    expect(() => new WA.Tag({ parameters: ['i33'] } as never)).toThrow(TypeError);
    expect(new WA.Exception(tag, [0, 0n, 0], { traceStack: true }).stack).toBeTypeOf('string');
  });

  it('links tags by identity and type', () => {
    const tag = new WA.Tag({ parameters: ['i32'] });
    const text = '(module (import "m" "t" (tag (param i32))) (export "t" (tag 0)))';
    const e = instantiate(WA, text, { m: { t: tag } });
    expect(e.t).toBe(tag);
    expect(() => instantiate(WA, text, { m: { t: new WA.Tag({ parameters: ['i64'] }) } })).toThrow(WA.LinkError);
    expect(() => instantiate(WA, text, { m: { t: 1 } })).toThrow(WA.LinkError);
    expect(WA.Module.exports(new WA.Module(parseWat(text)))).toEqual([{ name: 't', kind: 'tag' }]);
  });
});

describe.each(Object.entries(TIERS))('typed function references (%s)', (_tier, api) => {
  it('calls through call_ref and return_call_ref, branches on null and traps on null', () => {
    const e = instantiate(api, `(module
      (type $ii (func (param i32) (result i32)))
      (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
      (elem declare func $inc)
      (table $t 1 (ref null $ii) (ref.func $inc))
      (func (export "call") (param i32) (result i32) (call_ref $ii (local.get 0) (ref.func $inc)))
      (func (export "tail") (param i32) (result i32) (return_call_ref $ii (local.get 0) (table.get $t (i32.const 0))))
      (func (export "null") (result i32) (call_ref $ii (i32.const 0) (ref.null $ii)))
      (func (export "non_null") (param i32) (result i32)
        (local $f (ref $ii))
        (local.set $f (ref.as_non_null (table.get $t (i32.const 0))))
        (call_ref $ii (local.get 0) (local.get $f)))
      (func (export "is_null") (param i32) (result i32)
        (block $null
          (br_on_null $null (if (result (ref null $ii)) (local.get 0) (then (ref.func $inc)) (else (ref.null $ii))))
          (drop)
          (return (i32.const 0)))
        (i32.const 1)))`);
    expect(e.call!(1)).toBe(2);
    expect(e.tail!(41)).toBe(42);
    expect(e.non_null!(9)).toBe(10);
    expect(e.is_null!(1)).toBe(0);
    expect(e.is_null!(0)).toBe(1);
    expect(() => e.null!()).toThrow(/null function reference/);
  });
});
