import { describe, expect, it } from 'vitest';
import { Engine, type FuncInstance } from '../src/index.js';
import { wat } from './wat.js';

async function run(text: string, name: string, args: unknown[]): Promise<unknown[]> {
  const engine = new Engine();
  const inst = engine.instantiate(engine.compile(await wat(text)));
  return engine.invoke(inst.exports.get(name)!.value as FuncInstance, args);
}

describe('smoke', () => {
  it('adds', async () => {
    expect(await run('(module (func (export "f") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))', 'f', [2, 3])).toEqual([5]);
  });
  it('fib', async () => {
    const text = `(module (func $fib (export "fib") (param i32) (result i32)
      local.get 0 i32.const 2 i32.lt_s
      if (result i32) local.get 0
      else local.get 0 i32.const 1 i32.sub call $fib local.get 0 i32.const 2 i32.sub call $fib i32.add end))`;
    expect(await run(text, 'fib', [20])).toEqual([6765]);
  });
  it('loops', async () => {
    const text = `(module (func (export "sum") (param i32) (result i64) (local i64)
      block loop local.get 0 i32.eqz br_if 1
        local.get 1 local.get 0 i64.extend_i32_u i64.add local.set 1
        local.get 0 i32.const 1 i32.sub local.set 0 br 0 end end local.get 1))`;
    expect(await run(text, 'sum', [100000])).toEqual([5000050000n]);
  });
});
