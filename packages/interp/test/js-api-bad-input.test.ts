/**
 * JS API: its own rules for bad input. Implementation limits (a module over one is a
 * CompileError and `validate` is false, decided at the count, before work proportional to it),
 * buffer sources, brand checks, and the one read of `@@iterator` for several results from JS.
 * The full JS-API suite runs in tools/jsapi-tests.
 */
import { describe, expect, it } from 'vitest';
import { JS_API_LIMITS } from '../src/js-api/limits.js';
import { RT, type Fn } from './js-api-apis.js';
import { wat } from './wat.js';

const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
};
const HEADER = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0];
const section = (id: number, content: number[]): number[] => [id, ...uleb(content.length), ...content];
const bytes = (...sections: number[][]): Uint8Array => Uint8Array.from([...HEADER, ...sections.flat()]);

async function rejects(b: Uint8Array): Promise<string> {
  expect(RT.validate(b)).toBe(false);
  expect(() => new RT.Module(b)).toThrow(RT.CompileError);
  const e = await RT.compile(b).then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(RT.CompileError);
  return (e as Error).message;
}

describe('JS API implementation limits', () => {
  it('rejects a claimed count at once: 2^32-1 types in a 14-byte module', async () => {
    const b = bytes(section(1, [...uleb(0xffffffff), 0x60, 0, 0]));
    const t0 = performance.now();
    expect(await rejects(b)).toBe('too many types: 4294967295, the limit is 1000000 (at byte 0xa)');
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('rejects 2^32-1 claimed locals without allocating them', async () => {
    const body = [1, ...uleb(0xffffffff), 0x7f, 0x0b];
    const b = bytes(section(1, [1, 0x60, 0, 0]), section(3, [1, 0]), section(10, [1, body.length, ...body]));
    expect(await rejects(b)).toMatch(/^too many locals: 4294967295, the limit is 50000/);
  });

  it('counts parameters with locals, and accepts the limit itself', async () => {
    const fn = (locals: number): Uint8Array => {
      const body = [1, ...uleb(locals), 0x7f, 0x0b];
      return bytes(section(1, [1, 0x60, 2, 0x7f, 0x7f, 0]), section(3, [1, 0]), section(10, [1, ...uleb(body.length), ...body]));
    };
    expect(RT.validate(fn(JS_API_LIMITS.locals! - 2))).toBe(true);
    expect(await rejects(fn(JS_API_LIMITS.locals! - 1))).toMatch(/^too many locals: 50001/);
  });

  it('limits parameters and results of a type', async () => {
    const type = (params: number, results: number): Uint8Array =>
      bytes(section(1, [1, 0x60, ...uleb(params), ...Array<number>(params).fill(0x7f), ...uleb(results), ...Array<number>(results).fill(0x7f)]));
    expect(RT.validate(type(1000, 1000))).toBe(true);
    expect(await rejects(type(1001, 0))).toMatch(/^too many parameters/);
    expect(await rejects(type(0, 1001))).toMatch(/^too many results/);
  });
});

describe('JS API buffer sources', () => {
  it('does not take ArrayBuffer.prototype for an ArrayBuffer (a TypeError, as for any non-BufferSource)', async () => {
    expect(() => RT.validate(ArrayBuffer.prototype as unknown as ArrayBuffer)).toThrow(TypeError);
    expect(() => new RT.Module(ArrayBuffer.prototype as unknown as ArrayBuffer)).toThrow(TypeError);
    await expect(RT.compile(ArrayBuffer.prototype as unknown as ArrayBuffer)).rejects.toThrow(TypeError);
  });

  it('takes ArrayBuffers and views', () => {
    const b = Uint8Array.from(HEADER);
    expect(RT.validate(b.buffer)).toBe(true);
    expect(RT.validate(new DataView(b.buffer))).toBe(true);
  });
});

describe('JS API brand checks and names', () => {
  it('Global.prototype.valueOf throws a TypeError on anything but a Global', () => {
    const valueOf = RT.Global.prototype.valueOf as Fn;
    for (const self of [undefined, null, true, 1, {}, RT.Global.prototype, new RT.Memory({ initial: 0 })]) {
      expect(() => valueOf.call(self)).toThrow(TypeError);
    }
    expect(new RT.Global({ value: 'i32' }, 7).valueOf()).toBe(7);
  });

  it('keeps the operations\' names whatever the bundler calls them', () => {
    for (const name of ['validate', 'compile', 'instantiate', 'compileStreaming', 'instantiateStreaming']) {
      expect((RT as unknown as Record<string, Fn>)[name]!.name).toBe(name);
    }
  });
});

describe('JS API results from JS', () => {
  it('reads @@iterator once, then next once, for several results', async () => {
    const { instance } = await RT.instantiate(await wat(`(module
      (import "m" "f" (func $f (result i32 i32)))
      (func (export "g") (result i32) call $f i32.add))`), {
      m: {
        f: () => {
          const log: string[] = [];
          reads.push(log);
          let i = 0;
          return {
            get [Symbol.iterator]() {
              log.push('@@iterator');
              return () => ({
                get next() {
                  log.push('next');
                  return () => (++i <= 2 ? { done: false, value: i * 10 } : { done: true });
                },
              });
            },
          };
        },
      },
    });
    const reads: string[][] = [];
    expect((instance.exports['g'] as Fn)()).toBe(30);
    expect(reads).toEqual([['@@iterator', 'next']]);
  });
});
