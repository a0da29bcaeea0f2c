/**
 * JS API: `validate`, `compile`, `Module` (constructor, `imports`, `exports`, `customSections`)
 * and the error classes, compared with Node's native `WebAssembly` on the same modules.
 */
import { describe, expect, it } from 'vitest';
import { APIS, NATIVE, RT, type Api, type Fn, outcome } from './js-api-apis.js';
import { wat } from './wat.js';


/** The class name of what `f` throws, or 'ok'. */

const EMPTY = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
const BAD_MAGIC = new Uint8Array([0, 0x61, 0x73, 0x6e, 1, 0, 0, 0]);

const IMPORTS_EXPORTS = `(module
  (import "env" "f" (func (param i32)))
  (import "env" "mem" (memory 1))
  (import "env" "tab" (table 2 funcref))
  (import "env" "g" (global i32))
  (import "other" "f" (func))
  (func $h (export "h"))
  (export "m" (memory 0))
  (table (export "t") 1 externref)
  (global (export "gg") (mut i64) (i64.const 1))
  (export "f-again" (func 0))
  (export "" (func $h)))`;

describe('JS API: namespace shape', () => {
  it('has the members of globalThis.WebAssembly (less Tag/Exception); operations enumerable, interfaces not', () => {
    const names = ['compile', 'validate', 'instantiate', 'compileStreaming', 'instantiateStreaming', 'Module', 'Instance', 'Table', 'Memory', 'Global', 'CompileError', 'LinkError', 'RuntimeError'];
    for (const n of names) {
      expect(typeof (RT as unknown as Record<string, unknown>)[n], n).toBe('function');
      expect(Object.getOwnPropertyDescriptor(RT, n)!.enumerable).toBe(/^[a-z]/.test(n));
    }
    // Node 20's V8 predates JS Promise Integration; rt has it (promising is an operation: enumerable).
    const jspi = ['promising'];
    expect(Object.keys(RT).sort()).toEqual([...Object.keys(NATIVE).filter((k) => !jspi.includes(k)), ...jspi].sort());
    for (const n of ['Suspending', 'SuspendError', 'promising']) expect(Object.getOwnPropertyDescriptor(RT, n)!.enumerable, n).toBe(n === 'promising');
    expect(String(RT)).toBe('[object WebAssembly]');
  });

  it('members have the WebIDL property shape native has (enumerability, lengths, accessors)', () => {
    const shape = (o: object): string[] =>
      Reflect.ownKeys(o)
        .filter((k) => !['prototype', 'name', 'constructor', 'arguments', 'caller'].includes(k as string)) // (V8's constructors are sloppy functions)
        .map((k) => {
          const d = Object.getOwnPropertyDescriptor(o, k)!;
          const len = typeof d.value === 'function' ? ` length=${(d.value as Fn).length}` : '';
          const kind = d.get ? `get${d.set ? '/set' : ''}` : 'value';
          return `${String(k)} ${kind} e=${d.enumerable} c=${d.configurable} w=${d.writable}${len}`;
        })
        .sort();
    for (const name of ['Module', 'Instance', 'Memory', 'Table', 'Global', 'CompileError', 'LinkError', 'RuntimeError'] as const) {
      expect(shape(RT[name]), name).toEqual(shape(NATIVE[name]));
      expect(shape(RT[name].prototype), `${name}.prototype`).toEqual(shape(NATIVE[name].prototype));
    }
    // Node 20's V8 has Tag and Exception but predates JSTag and JS Promise Integration (rt has them: see js-api-exceptions.test.ts, jspi.test.ts).
    const ns = (api: Api): string[] => shape(api).filter((l) => !/^(Tag|Exception|JSTag|Suspending|SuspendError|promising) /.test(l));
    expect(ns(RT)).toEqual(ns(NATIVE));
  });

  it('error classes are distinct Error subclasses with the native names', () => {
    for (const [label, api] of APIS) {
      const errors = [api.CompileError, api.LinkError, api.RuntimeError];
      for (const E of errors) {
        const e = new E('boom');
        expect(e, label).toBeInstanceOf(Error);
        expect(e.message).toBe('boom');
        expect(e.name).toBe(E.name);
        expect(Object.prototype.hasOwnProperty.call(e, 'name')).toBe(false);
        expect(String(e)).toBe(`${E.name}: boom`);
        for (const F of errors) if (F !== E) expect(e).not.toBeInstanceOf(F);
      }
    }
    expect(RT.CompileError).not.toBe(NATIVE.CompileError);
  });

  it('error classes: callable without new, subclassable, with a stack, like native', () => {
    for (const [label, api] of APIS) {
      for (const E of [api.CompileError, api.LinkError, api.RuntimeError]) {
        const e = (E as unknown as (m: string) => Error)('called');
        expect(e, label).toBeInstanceOf(E);
        expect(e.message).toBe('called');
        expect(Object.getPrototypeOf(E)).toBe(Error);
        expect(E.prototype.constructor).toBe(E);
        expect(typeof e.stack).toBe('string');
        expect(new E('x', { cause: 7 }).cause).toBe(7);
        expect(Object.prototype.hasOwnProperty.call(new E(), 'message')).toBe(false);
        class Sub extends E {}
        const s = new Sub('sub');
        expect(s).toBeInstanceOf(Sub);
        expect(s).toBeInstanceOf(E);
        expect(s.name).toBe(E.name);
        expect(Object.prototype.toString.call(s)).toBe('[object Error]');
      }
    }
  });

  it('Symbol.toStringTag of the objects', async () => {
    const m = new RT.Module(EMPTY);
    expect(Object.prototype.toString.call(m)).toBe('[object WebAssembly.Module]');
    expect(Object.prototype.toString.call(new RT.Instance(m, {}))).toBe('[object WebAssembly.Instance]');
    expect(Object.prototype.toString.call(new RT.Memory({ initial: 0 }))).toBe('[object WebAssembly.Memory]');
    expect(Object.prototype.toString.call(new RT.Table({ element: 'anyfunc', initial: 0 }))).toBe('[object WebAssembly.Table]');
    expect(Object.prototype.toString.call(new RT.Global({ value: 'i32' }))).toBe('[object WebAssembly.Global]');
  });
});

describe('JS API: validate', () => {
  it('agrees with native on valid, malformed and invalid modules', async () => {
    const invalid = await wat('(module (func (result i32) i64.const 0))');
    const valid = await wat(IMPORTS_EXPORTS);
    for (const bytes of [EMPTY, BAD_MAGIC, invalid, valid, new Uint8Array(0), EMPTY.subarray(0, 7)]) {
      expect(RT.validate(bytes)).toBe(NATIVE.validate(bytes));
    }
    expect(RT.validate(valid)).toBe(true);
    expect(RT.validate(invalid)).toBe(false);
  });

  it('accepts every BufferSource, throws TypeError for anything else', () => {
    const buf = EMPTY.slice().buffer;
    for (const src of [buf, new Uint8Array(buf), new DataView(buf), new Int32Array(buf), new Uint8Array([9, ...EMPTY]).subarray(1)]) {
      expect(RT.validate(src)).toBe(true);
    }
    for (const [label, api] of APIS) {
      for (const bad of [undefined, null, 5, 'wasm', [0, 97, 115, 109, 1, 0, 0, 0], {}]) {
        expect(outcome(() => api.validate(bad as never)), `${label} ${String(bad)}`).toBe('TypeError');
      }
    }
  });
});

describe('JS API: Module', () => {
  it('CompileError with the decoder/validator message and offset', async () => {
    expect(() => new RT.Module(BAD_MAGIC)).toThrow(RT.CompileError);
    expect(() => new RT.Module(BAD_MAGIC)).toThrow(/magic header not detected \(at byte 0x/);
    const invalid = await wat('(module (func (result i32) i64.const 0))');
    try {
      new RT.Module(invalid);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RT.CompileError);
      expect((e as Error).message).toMatch(/^type mismatch.*\(at byte 0x[0-9a-f]+\)$/);
      expect((e as Error).cause).toBeInstanceOf(Error);
    }
    expect(outcome(() => new NATIVE.Module(invalid))).toBe('CompileError');
  });

  it('TypeError for a non-BufferSource; a constructor only', () => {
    for (const [label, api] of APIS) {
      expect(outcome(() => new api.Module(42 as never)), label).toBe('TypeError');
      expect(outcome(() => (api.Module as unknown as () => void)()), label).toBe('TypeError');
    }
  });

  it('copies the bytes: later changes to the buffer do not matter', async () => {
    const bytes = await wat('(module (func (export "f") (result i32) i32.const 7))');
    const m = new RT.Module(bytes);
    bytes.fill(0);
    const f = new RT.Instance(m, {}).exports['f'] as () => number;
    expect(f()).toBe(7);
  });

  it('imports and exports, as native lists them', async () => {
    const bytes = await wat(IMPORTS_EXPORTS);
    const ours = new RT.Module(bytes);
    const theirs = new NATIVE.Module(bytes);
    expect(RT.Module.imports(ours)).toEqual(NATIVE.Module.imports(theirs));
    expect(RT.Module.exports(ours)).toEqual(NATIVE.Module.exports(theirs));
    expect(RT.Module.imports(ours)).toEqual([
      { module: 'env', name: 'f', kind: 'function' },
      { module: 'env', name: 'mem', kind: 'memory' },
      { module: 'env', name: 'tab', kind: 'table' },
      { module: 'env', name: 'g', kind: 'global' },
      { module: 'other', name: 'f', kind: 'function' },
    ]);
    expect(RT.Module.exports(ours).map((e) => `${e.name}:${e.kind}`)).toEqual(['h:function', 'm:memory', 't:table', 'gg:global', 'f-again:function', ':function']);
  });

  it('imports/exports/customSections: TypeError when not given a Module', () => {
    for (const [label, api] of APIS) {
      expect(outcome(() => api.Module.imports({} as never)), label).toBe('TypeError');
      expect(outcome(() => api.Module.exports(null as never)), label).toBe('TypeError');
      expect(outcome(() => api.Module.customSections(EMPTY as never, 'x')), label).toBe('TypeError');
    }
  });

  it('customSections returns fresh ArrayBuffer copies, in order, by exact name', () => {
    const section = (name: string, data: number[]): number[] => {
      const n = [...new TextEncoder().encode(name)];
      const body = [n.length, ...n, ...data];
      return [0, body.length, ...body];
    };
    const bytes = new Uint8Array([...EMPTY, ...section('meta', [1, 2, 3]), ...section('other', [9]), ...section('meta', []), ...section('Meta', [4])]);
    const ours = new RT.Module(bytes);
    const theirs = new NATIVE.Module(bytes);
    const norm = (list: ArrayBuffer[]): number[][] => list.map((b) => [...new Uint8Array(b)]);
    for (const name of ['meta', 'other', 'Meta', 'none', '']) {
      expect(norm(RT.Module.customSections(ours, name))).toEqual(norm(NATIVE.Module.customSections(theirs, name)));
    }
    const [a] = RT.Module.customSections(ours, 'meta');
    expect(a).toBeInstanceOf(ArrayBuffer);
    new Uint8Array(a!)[0] = 99;
    expect(norm(RT.Module.customSections(ours, 'meta'))).toEqual([[1, 2, 3], []]);
  });
});

describe('JS API: compile and instantiate', () => {
  it('compile resolves to a Module; rejects with CompileError or TypeError', async () => {
    const m = await RT.compile(EMPTY);
    expect(m).toBeInstanceOf(RT.Module);
    await expect(RT.compile(BAD_MAGIC)).rejects.toBeInstanceOf(RT.CompileError);
    await expect(RT.compile(7 as never)).rejects.toBeInstanceOf(TypeError);
  });

  it('instantiate(bytes) → {module, instance}; instantiate(Module) → Instance', async () => {
    const bytes = await wat('(module (func (export "f") (result i32) i32.const 42))');
    for (const [label, api] of APIS) {
      const source = await api.instantiate(bytes);
      expect(Object.keys(source).sort(), label).toEqual(['instance', 'module']);
      expect(source.module).toBeInstanceOf(api.Module);
      expect(source.instance).toBeInstanceOf(api.Instance);
      const instance = await api.instantiate(source.module);
      expect(instance).toBeInstanceOf(api.Instance);
      expect((instance.exports['f'] as () => number)()).toBe(42);
    }
  });

  it('instantiate rejects: CompileError, LinkError, RuntimeError (start traps), TypeError (imports not an object)', async () => {
    const needs = await wat('(module (import "m" "f" (func)))');
    const traps = await wat('(module (func $s unreachable) (start $s))');
    for (const [label, api] of APIS) {
      await expect(api.instantiate(BAD_MAGIC), label).rejects.toBeInstanceOf(api.CompileError);
      await expect(api.instantiate(needs, { m: {} }), label).rejects.toBeInstanceOf(api.LinkError);
      await expect(api.instantiate(needs, { m: { f: 1 } }), label).rejects.toBeInstanceOf(api.LinkError);
      await expect(api.instantiate(needs), label).rejects.toBeInstanceOf(TypeError);
      await expect(api.instantiate(needs, { n: {} }), label).rejects.toBeInstanceOf(TypeError);
      await expect(api.instantiate(traps), label).rejects.toBeInstanceOf(api.RuntimeError);
    }
    await expect(RT.instantiate(traps)).rejects.toThrow(/^unreachable/);
  });

  it('compileStreaming / instantiateStreaming take a Response (or a promise of one)', async () => {
    const bytes = await wat('(module (func (export "f") (result i32) i32.const 5))');
    const response = (type: string, ok = true): { ok: boolean; headers: { get(n: string): string | null }; arrayBuffer(): Promise<ArrayBuffer> } => ({
      ok,
      headers: { get: (n) => (n.toLowerCase() === 'content-type' ? type : null) },
      arrayBuffer: async () => bytes.slice().buffer,
    });
    const m = await RT.compileStreaming(response('application/wasm'));
    expect(RT.Module.exports(m)).toEqual([{ name: 'f', kind: 'function' }]);
    const { instance } = await RT.instantiateStreaming(Promise.resolve(response(' Application/WASM\t')));
    expect((instance.exports['f'] as () => number)()).toBe(5);
    await expect(RT.compileStreaming(response('text/html'))).rejects.toBeInstanceOf(TypeError);
    // The Web API spec allows no MIME parameters, and needs a Content-Type.
    await expect(RT.compileStreaming(response('application/wasm; charset=binary'))).rejects.toBeInstanceOf(TypeError);
    await expect(RT.compileStreaming(response(null as never))).rejects.toBeInstanceOf(TypeError);
    await expect(RT.compileStreaming(response('application/wasm', false))).rejects.toBeInstanceOf(TypeError);
    await expect(RT.compileStreaming({} as never)).rejects.toBeInstanceOf(TypeError);
    if (typeof Response === 'function') {
      const real = new Response(bytes, { headers: { 'Content-Type': 'application/wasm' } });
      expect(await RT.compileStreaming(real)).toBeInstanceOf(RT.Module);
      // A real Response without a Content-Type, or with parameters: rejected by both, as glue
      // (emscripten, wasm-bindgen) expects before falling back to `instantiate(bytes)`.
      for (const [label, api] of APIS) {
        await expect(api.compileStreaming(new Response(bytes)), label).rejects.toBeInstanceOf(TypeError);
        const withCharset = new Response(bytes, { headers: { 'Content-Type': 'application/wasm; charset=binary' } });
        await expect(api.instantiateStreaming(withCharset), label).rejects.toBeInstanceOf(TypeError);
      }
    }
  });
});
