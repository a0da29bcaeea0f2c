import wabtInit from 'wabt';
import { describe, expect, it } from 'vitest';
import { WatSyntaxError } from '../src/errors.js';
import { parseWast } from '../src/wast.js';
import { canonicalBytes } from './canonical.js';
import { structure } from './structure.js';
import { HAVE_SUITE, isTextMalformed, KNOWN_DIFFERENCES, moduleOf, read, scripts } from './suites.js';

/** WebAssembly 2.0's features, explicitly (wabt's defaults change between releases). */
const FEATURES = {
  mutable_globals: true, sat_float_to_int: true, sign_extension: true, simd: true, multi_value: true,
  bulk_memory: true, reference_types: true,
} as const;

/**
 * Every text module of the 2.0 suite against wabt's encoding of the same text, compared by what
 * the decoder reads (offsets and encoder choices aside, see `structure`).
 */
describe.skipIf(!HAVE_SUITE)('wasm-2.0 suite: text modules mean what wabt encodes', async () => {
  const wabt = await wabtInit();
  const totals = { matched: 0, total: 0, malformedRejected: 0, malformedTotal: 0, sameMessage: 0, laneWording: 0 };
  const mismatches: string[] = [];
  const wabtRefused: string[] = [];
  const known: string[] = [];

  for (const file of HAVE_SUITE ? scripts('wasm-2.0') : []) {
    it(file, () => {
      for (const c of parseWast(read('wasm-2.0', file))) {
        const m = moduleOf(c);
        if (m === null || m.kind === 'binary') continue;
        if (isTextMalformed(c)) {
          totals.malformedTotal++;
          try {
            m.encode();
            if (KNOWN_DIFFERENCES.has(`${file}:${c.line}`)) known.push(`${file}:${c.line}`);
            else mismatches.push(`${file}:${c.line}: accepted a malformed module`);
          } catch (e) {
            if (!(e instanceof WatSyntaxError)) throw e;
            totals.malformedRejected++;
            // 2.0 says "malformed lane index" where 3.0 says "i8 constant out of range" or "unexpected token".
            if ('text' in c && e.reason.startsWith(c.text)) totals.sameMessage++;
            else if (c.type === 'assert_malformed' && c.text === 'malformed lane index') totals.laneWording++;
            else mismatches.push(`${file}:${c.line}: "${e.reason}", expected "${'text' in c ? c.text : ''}"`);
          }
          continue;
        }
        totals.total++;
        const text = m.kind === 'quote' ? `(module ${m.text})` : m.text!;
        let ref: Uint8Array;
        try {
          // Bytes, not a string: wabt's JS glue keeps only the low byte of each character.
          const mod = wabt.parseWat(file, new TextEncoder().encode(text), FEATURES);
          try {
            ref = new Uint8Array(mod.toBinary({}).buffer);
          } finally {
            mod.destroy();
          }
        } catch (e) {
          wabtRefused.push(`${file}:${c.line}: ${(e instanceof Error ? e.message : String(e)).split('\n')[1] ?? ''}`);
          continue;
        }
        let mine: Uint8Array;
        try {
          mine = m.encode();
        } catch (e) {
          mismatches.push(`${file}:${c.line}: ${e instanceof Error ? e.message : String(e)}`);
          continue;
        }
        const a = structure(mine);
        const b = structure(ref);
        const same = a !== null && b !== null ? a === b : canonicalBytes(mine) === canonicalBytes(ref);
        if (same) totals.matched++;
        else if (KNOWN_DIFFERENCES.has(`${file}:${c.line}`)) known.push(`${file}:${c.line}`);
        else mismatches.push(`${file}:${c.line}: differs from wabt\n  ${a ?? canonicalBytes(mine)}\n  ${b ?? canonicalBytes(ref)}`);
      }
    });
  }

  it('every module matched, every malformed one rejected', () => {
    console.log(
      `wasm-2.0: ${totals.matched}/${totals.total} text modules match wabt; ` +
        `${totals.malformedRejected}/${totals.malformedTotal} text-format assert_malformed rejected ` +
        `(${totals.sameMessage} with the suite's message, ${totals.laneWording} with 3.0's lane wording); ` +
        `${known.length} known 2.0/3.0 differences; wabt refused ${wabtRefused.length}${wabtRefused.map((w) => `\n  ${w}`).join('')}`,
    );
    expect(mismatches).toEqual([]);
    expect(known.sort()).toEqual([...KNOWN_DIFFERENCES.keys()].sort());
  });
});
