import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collectOutput } from '@rt/wasi';
import { ProgramStopped, runProgram } from '../src/run-program.js';

const wasm = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../examples/${name}/${name}.wasm`, import.meta.url)));

describe('runProgram', () => {
  it('runs hello world in the interpreter', () => {
    const stdout = collectOutput();
    const r = runProgram({ bytes: wasm('hello'), args: ['hello'], stdout, engine: { jitThreshold: Infinity } });
    expect(r.exitCode).toBe(0);
    expect(stdout.text()).toBe('Hello, world!\n');
    expect(r.tiers.fast + r.tiers.frame).toBe(0);
    expect(r.tiers.summary).toMatch(/^interpreter \d+$/);
  });

  it('reads files from the memory file system and writes new ones', () => {
    const stdout = collectOutput();
    const cat = runProgram({ bytes: wasm('cat'), args: ['cat', '/in.txt'], files: { 'in.txt': 'some text\n' }, stdout });
    expect([cat.exitCode, stdout.text()]).toEqual([0, 'some text\n']);
    const tee = runProgram({ bytes: wasm('tee'), args: ['tee', '/out.txt'], stdin: 'piped\n' });
    expect(tee.exitCode).toBe(0);
    const node = tee.files.lookup(tee.files.root, 'out.txt');
    expect(tee.files.stat(node).size).toBe(6n);
  });

  it('reports compiled tiers when every function is compiled', () => {
    const fast = runProgram({ bytes: wasm('hello'), args: ['hello'], engine: { jitThreshold: 0 } });
    expect(fast.tiers.fast).toBeGreaterThan(0);
    const frame = runProgram({ bytes: wasm('hello'), args: ['hello'], engine: { jitThreshold: 0, fastTier: false } });
    expect(frame.tiers).toMatchObject({ fast: 0 });
    expect(frame.tiers.frame).toBeGreaterThan(0);
  });

  it('passes proc_exit codes through', () => {
    const r = runProgram({ bytes: wasm('args'), args: ['args'], env: { EXIT: '7' } });
    expect(r.exitCode).toBe(7);
  });
});

describe('runProgram, metered', () => {
  it('reports the fuel used slice by slice, the same in every tier, and the same output', () => {
    const consumed: Record<string, number> = {};
    for (const [tier, engine] of [['interpreter', { jitThreshold: Infinity }], ['auto', {}], ['fast', { jitThreshold: 0 }]] as const) {
      const stdout = collectOutput();
      const seen: number[] = [];
      const r = runProgram({ bytes: wasm('cat'), args: ['cat', '/in.txt'], files: { 'in.txt': 'x'.repeat(5000) }, stdout, engine, fuelSlice: 10_000, onFuel: (n) => (seen.push(n), 'continue') });
      expect([r.exitCode, stdout.text().length]).toEqual([0, 5000]);
      expect(seen.length).toBeGreaterThan(2);
      expect(seen.every((n, i) => i === 0 || n > seen[i - 1]!)).toBe(true);
      consumed[tier] = r.fuelConsumed!;
    }
    expect(consumed.auto).toBe(consumed.interpreter);
    expect(consumed.fast).toBe(consumed.interpreter);
  });

  it('stops when onFuel says so', () => {
    expect(() => runProgram({ bytes: wasm('cat'), args: ['cat', '/in.txt'], files: { 'in.txt': 'x'.repeat(5000) }, fuelSlice: 1000, onFuel: (n) => (n > 5000 ? 'stop' : 'continue') }))
      .toThrow(ProgramStopped);
  });
});
