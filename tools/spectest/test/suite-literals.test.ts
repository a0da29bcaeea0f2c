/**
 * Every float literal of the 2.0 suite, parsed by us and by wabt (an independent, correctly
 * rounding implementation), must give the same bits. Skipped when the suite is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../src/reader/tokenizer.js';
import { F32, F64, parseFloatBits } from '../src/values.js';
import { watToBinary } from '../src/wabt.js';

const SUITE = fileURLToPath(new URL('../../../../shared/testsuite/wasm-2.0/', import.meta.url));

function literals(): { f32: Set<string>; f64: Set<string> } {
  const f32 = new Set<string>();
  const f64 = new Set<string>();
  for (const file of readdirSync(SUITE).filter((f) => f.endsWith('.wast'))) {
    const toks = tokenize(new Uint8Array(readFileSync(SUITE + file)));
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      if (t.kind !== 'atom') continue;
      const take = (set: Set<string>, n: number, from: number): void => {
        for (let k = 0; k < n; k++) {
          const a = toks[from + k];
          if (a?.kind === 'atom' && !a.text.startsWith('nan:c') && !a.text.startsWith('nan:a')) set.add(a.text);
        }
      };
      if (t.text === 'f32.const') take(f32, 1, i + 1);
      else if (t.text === 'f64.const') take(f64, 1, i + 1);
      else if (t.text === 'f32x4') take(f32, 4, i + 1);
      else if (t.text === 'f64x2') take(f64, 2, i + 1);
    }
  }
  return { f32, f64 };
}

/** The bits wabt gives each literal, read back from a module of globals `(global T (T.const x))`. */
async function wabtBits(type: 'f32' | 'f64', lits: readonly string[]): Promise<bigint[]> {
  const text = `(module ${lits.map((l) => `(global ${type} (${type}.const ${l}))`).join('\n')})`;
  const b = await watToBinary(text, 'literals.wat');
  const size = type === 'f32' ? 4 : 8;
  const out: bigint[] = [];
  // Each global is `valtype 00 (44|43) <bytes> 0b`: find them in order after the section header.
  let pos = b.indexOf(6, 8);
  for (; pos < b.length; pos++) {
    if (b[pos] === (type === 'f32' ? 0x7d : 0x7c) && b[pos + 1] === 0 && b[pos + 2] === (type === 'f32' ? 0x43 : 0x44) && b[pos + 3 + size] === 0x0b) {
      let v = 0n;
      for (let k = size - 1; k >= 0; k--) v = (v << 8n) | BigInt(b[pos + 3 + k]!);
      out.push(v);
      pos += 3 + size;
    }
  }
  return out;
}

/**
 * Literals wabt 1.0.39 rounds wrongly. 0x1.fffffffffffffp-1023 is exactly halfway between the
 * largest subnormal (odd significand) and the smallest normal f64 (even): ties to even gives the
 * smallest normal, 0x0010000000000000, as C's strtod and Python's float.fromhex also do; wabt
 * gives the subnormal. (The suite only uses it as arguments and results, never inside a module.)
 */
const WABT_MISROUNDS = new Set(['0x1.fffffffffffffp-1023', '-0x1.fffffffffffffp-1023']);

describe.skipIf(!existsSync(SUITE))('float literals of the suite', () => {
  const { f32, f64 } = existsSync(SUITE) ? literals() : { f32: new Set<string>(), f64: new Set<string>() };

  for (const [type, set, fmt] of [['f32', f32, F32], ['f64', f64, F64]] as const) {
    it(`agree with wabt for every ${type} literal`, async () => {
      // wabt refuses some literals the scripts only use in malformed tests (e.g. out-of-range
      // payloads): keep those we can parse.
      const lits = [...set].filter((l) => {
        try {
          parseFloatBits(l, fmt);
          return true;
        } catch {
          return false;
        }
      });
      expect(lits.length).toBeGreaterThan(500);
      const theirs = await wabtBits(type, lits);
      expect(theirs.length).toBe(lits.length);
      const mismatches = lits.flatMap((l, i) => {
        const ours = parseFloatBits(l, fmt);
        if (WABT_MISROUNDS.has(l)) return [];
        return ours === theirs[i] ? [] : [`${l}: ours ${ours.toString(16)}, wabt ${theirs[i]!.toString(16)}`];
      });
      expect(mismatches).toEqual([]);
    });
  }
});
