import { describe, expect, it } from 'vitest';
import { validate, validateResult, ValidationError } from '../src/index.js';
import { mod } from './helpers.js';

describe('public API', () => {
  it('accepts a valid module', async () => {
    const m = await mod('(module (func (export "f") (param i32) (result i32) local.get 0 i32.const 1 i32.add))');
    expect(() => validate(m)).not.toThrow();
    expect(validateResult(m)).toBeNull();
  });

  it('throws ValidationError with function index, name and byte offset', async () => {
    const m = await mod(`(module
      (func $a)
      (func $foo (result i32) i32.const 0 f32.const 1 i32.add))`);
    const e = validateResult(m);
    expect(e).toBeInstanceOf(ValidationError);
    expect(e!.message).toBe('type mismatch');
    expect(e!.funcIndex).toBe(1);
    expect(e!.funcName).toBe('foo');
    // i32.add is the instruction that fails: find its offset in the stream.
    const s = m.instructions;
    const body = m.codes[1]!.code;
    const addAt = s.offsets[body.start + 2]!;
    expect(e!.offset).toBe(addAt);
    expect(e!.detail).toBe(`type mismatch in function 1 "foo" at byte 0x${addAt.toString(16)}`);
    expect(String(e)).toBe(`ValidationError: ${e!.detail}`);
    expect(() => validate(m)).toThrow(ValidationError);
  });

  it('omits the name when the name section has none', async () => {
    const m = await mod('(module (func i32.add drop))', false);
    const e = validateResult(m)!;
    expect(e.funcIndex).toBe(0);
    expect(e.funcName).toBeUndefined();
    expect(e.detail).toMatch(/^type mismatch in function 0 at byte 0x[0-9a-f]+$/);
  });

  it('counts imported functions in the function index', async () => {
    const m = await mod('(module (import "m" "f" (func)) (func $g nop) (func $h (result i32)))');
    const e = validateResult(m)!;
    expect(e.funcIndex).toBe(2);
    expect(e.funcName).toBe('h');
  });

  it('reports module-level errors without a function', async () => {
    const m = await mod('(module (func (export "a")) (func (export "a")))');
    const e = validateResult(m)!;
    expect(e.message).toBe('duplicate export name');
    expect(e.funcIndex).toBeUndefined();
    expect(e.detail).toMatch(/^duplicate export name at byte 0x/);
  });
});
