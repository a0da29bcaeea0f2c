import { decode, OPCODE_BY_ID, type Module } from '@rt/binary';
import { describe, expect, it } from 'vitest';
import { parseWat } from '../src/parse.js';
import { printWat } from '../src/print/printer.js';
import { parseWast } from '../src/wast.js';
import { structure } from './structure.js';
import { HAVE_SUITE, KNOWN_DIFFERENCES, moduleOf, read, scripts } from './suites.js';

/**
 * `printWat` then `parseWat` gives back the module: for every binary module of the suites
 * (`module binary` as written, and the binaries of text modules), both layouts. A binary the
 * decoder rejects (malformed, or using 3.0 features the decoder does not read yet) cannot be
 * printed and is counted apart.
 */
describe.skipIf(!HAVE_SUITE)('printWat round trip', () => {
  const totals = { same: 0, total: 0, undecodable: 0, known: 0 };
  const failures: string[] = [];
  const suites: [string, string[]][] = HAVE_SUITE
    ? [['wasm-2.0', scripts('wasm-2.0')], ['wasm-3.0-bin', scripts('wasm-3.0-bin', ['custom'])]]
    : [];
  for (const [folder, files] of suites) {
    for (const file of files) {
      it(`${folder}/${file}`, () => {
        for (const c of parseWast(read(folder, file))) {
          const m = moduleOf(c);
          if (m === null || c.type === 'assert_malformed' || m.kind === 'quote') continue;
          // A 3.0 encoding of a 2.0 module that 2.0 reads differently (see KNOWN_DIFFERENCES).
          if (folder === 'wasm-2.0' && KNOWN_DIFFERENCES.has(`${file}:${c.line}`)) {
            totals.known++;
            continue;
          }
          const bytes = m.encode();
          let decoded: ReturnType<typeof decode>;
          try {
            decoded = decode(bytes);
          } catch {
            totals.undecodable++;
            continue;
          }
          if (hasWideLane(decoded)) {
            totals.known++;
            continue;
          }
          totals.total++;
          const want = structure(bytes);
          let ok = true;
          for (const folded of [false, true]) {
            const text = printWat(bytes, { folded });
            let again: Uint8Array;
            try {
              again = parseWat(text);
            } catch (e) {
              failures.push(`${folder}/${file}:${c.line} (${folded ? 'folded' : 'flat'}): ${e instanceof Error ? e.message : e}\n${text}`);
              ok = false;
              continue;
            }
            if (structure(again) !== want) {
              failures.push(`${folder}/${file}:${c.line} (${folded ? 'folded' : 'flat'}): differs\n${text}`);
              ok = false;
            }
          }
          if (ok) totals.same++;
        }
      });
    }
  }

  it('every decodable binary prints and parses back to the same module', () => {
    console.log(`round trip: ${totals.same}/${totals.total} binaries print and parse back (flat and folded); ${totals.undecodable} not decodable (malformed, or 3.0), ${totals.known} known 2.0/3.0 differences left out`);
    expect(failures.map((f) => f.split("\n")[0])).toEqual([]);
  });
});

/**
 * Whether a lane immediate is 128 or more: 3.0 writes lane indices as u8 LEB128, the 2.0 decoder
 * reads one byte, so it reads such a (necessarily invalid) module as a different one.
 */
function hasWideLane(m: Module): boolean {
  const s = m.instructions;
  for (let i = 0; i < s.length; i++) {
    const kind = OPCODE_BY_ID[s.ops[i]!]?.imm;
    const at = s.immStart[i]!;
    if (kind === 'lane' && s.imms[at]! >= 128) return true;
    if (kind === 'memarg_lane' && s.imms[at + 3]! >= 128) return true;
    if (kind === 'shuffle' && s.imms.subarray(at, at + 16).some((l) => l >= 128)) return true;
  }
  return false;
}
