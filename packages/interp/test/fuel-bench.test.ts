/**
 * The fuel each bench program consumes is the same in every tier (the bar for fuel), on
 * small problem sizes, and the metered results are the unmetered ones.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Engine, type EngineOptions, type FuncInstance, type Value } from '../src/index.js';

/** The bench's own list (a plain .mjs beside the programs): names, entry point, problem sizes. */
const { ENTRY, programs } = (await import(new URL('../../../bench/programs.mjs', import.meta.url).href)) as {
  ENTRY: string;
  programs: { name: string; arg: (scale: number) => number }[];
};

const TIERS: Record<string, EngineOptions> = {
  interp: { jitThreshold: Infinity },
  frame: { jitThreshold: 0, fastTier: false },
  fast: { jitThreshold: 0 },
  default: {},
};

function run(bytes: Uint8Array, options: EngineOptions, arg: number): { out: Value[]; fuel: number } {
  const engine = new Engine(options);
  const inst = engine.instantiate(engine.compile(bytes));
  const out = engine.invoke(inst.exports.get(ENTRY)!.value as FuncInstance, [arg]);
  return { out, fuel: engine.fuelConsumed };
}

describe('fuel on the bench programs', () => {
  for (const p of programs) {
    it(`${p.name}: the same fuel in every tier`, () => {
      const bytes = readFileSync(new URL(`../../../bench/wasm/${p.name}.wasm`, import.meta.url));
      const arg = p.arg(0.0002);
      const expected = run(bytes, {}, arg).out;
      const fuel = new Set<number>();
      for (const options of Object.values(TIERS)) {
        const r = run(bytes, { ...options, fuel: Infinity }, arg);
        expect(r.out).toEqual(expected);
        fuel.add(r.fuel);
      }
      expect(fuel.size, [...fuel].join(', ')).toBe(1);
      expect([...fuel][0]).toBeGreaterThan(100);
    });
  }
});
