/**
 * Hosts without `TextDecoder`/`TextEncoder` (Hermes, QuickJS): the text format still loads,
 * parses and prints non-ASCII names, through @rt/binary's JavaScript UTF-8 codec.
 */
import { afterEach, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

it('parses and prints a module with non-ASCII names without the built-in codecs', async () => {
  const expected = await import('../src/index.js');
  const source = '(module (func $f (export "größe") (result i32) i32.const 1) (data "\\u{1F600}"))';
  const withBuiltins = expected.printWat(expected.parseWat(source));
  vi.resetModules();
  vi.stubGlobal('TextDecoder', undefined);
  vi.stubGlobal('TextEncoder', undefined);
  const text = await import('../src/index.js');
  expect(text).not.toBe(expected);
  const bytes = text.parseWat(source);
  expect(bytes).toEqual(expected.parseWat(source));
  expect(text.printWat(bytes)).toBe(withBuiltins);
});
