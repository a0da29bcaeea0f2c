import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareOnAllEngines } from '../src/run.js';

const dir = new URL('../corpus/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.wasm')).sort();

describe('fuzzed modules behave on rt exactly as on native WebAssembly', () => {
  it('has a corpus', () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    it(file, () => {
      const outcome = compareOnAllEngines(new Uint8Array(readFileSync(new URL(file, dir))));
      expect(outcome).toMatchObject({ kind: 'agree' });
    });
  }
});
