import { describe, expect, it } from 'vitest';
import { ModuleEncoder, headOf } from '../src/encode/module.js';
import { readSexprs } from '../src/lex/sexpr.js';
import { KEPT_ANNOTATIONS, moduleFieldsStart } from '../src/parse.js';
import { WatSyntaxError } from '../src/errors.js';
import { parseWast, type WastCommand } from '../src/wast.js';
import { canonicalBytes, LebReader } from './canonical.js';
import { HAVE_SUITE, isTextMalformed, moduleOf, read, scripts } from './suites.js';

/**
 * Every text module of the 3.0 suite against the binary at the same position in
 * `wasm-3.0-bin/` (converted by the reference interpreter). Module commands are aligned in order:
 * the conversion keeps every module except the text-format `assert_malformed` ones.
 */
describe.skipIf(!HAVE_SUITE)('wasm-3.0 suite: text modules mean what the reference binaries do', () => {
  const files = HAVE_SUITE ? scripts('wasm-3.0', ['custom']) : [];
  const totals = { matched: 0, total: 0, malformedRejected: 0, malformedTotal: 0, customRejected: 0, customTotal: 0 };
  const mismatches: string[] = [];

  for (const file of files) {
    it(file, () => {
      const text = parseWast(read('wasm-3.0', file));
      const bin = parseWast(read('wasm-3.0-bin', file.replace(/\.wast$/, '.bin.wast')));
      const mine = text.filter((c) => moduleOf(c) !== null && !isTextMalformed(c) && c.type !== 'assert_invalid_custom');
      const ref = bin.filter((c) => moduleOf(c) !== null && c.type !== 'assert_invalid_custom');
      expect(mine.length).toBe(ref.length);
      mine.forEach((c, i) => {
        const m = moduleOf(c)!;
        if (m.kind === 'binary') return;
        totals.total++;
        const expected = moduleOf(ref[i]!)!.encode();
        const why = compare(c, expected);
        if (why === null) totals.matched++;
        else mismatches.push(`${file}:${c.line}: ${why}`);
      });
      for (const c of text.filter(isTextMalformed)) {
        // `assert_malformed_custom` tests the custom annotations (`@custom`, `@name`, branch
        // hints), which a parser may ignore: counted apart.
        const custom = c.type === 'assert_malformed_custom';
        if (custom) totals.customTotal++;
        else totals.malformedTotal++;
        try {
          moduleOf(c)!.encode();
          mismatches.push(`${file}:${c.line}: accepted a malformed module (${'text' in c ? c.text : ''})`);
        } catch (e) {
          if (!(e instanceof WatSyntaxError)) throw e;
          if (custom) totals.customRejected++;
          else totals.malformedRejected++;
          // The reference interpreter accepts a message that starts with the expected text.
          if ('text' in c && !e.reason.startsWith(c.text)) {
            mismatches.push(`${file}:${c.line}: "${e.reason}", expected "${c.text}"`);
          }
        }
      }
    });
  }

  it('every module matched, every malformed one rejected', () => {
    console.log(
      `wasm-3.0: ${totals.matched}/${totals.total} text modules match; ` +
        `${totals.malformedRejected}/${totals.malformedTotal} text-format assert_malformed rejected with the suite's message; ` +
        `${totals.customRejected}/${totals.customTotal} assert_malformed_custom rejected with the suite's message`,
    );
    expect(mismatches).toEqual([]);
  });
});

/**
 * Compares our encoding of a command's module with the reference binary. Implicit function
 * types (from inline type uses) are appended in an order of the encoder's choosing; when the
 * bytes differ, the module is encoded again creating the reference's implicit types first.
 */
function compare(c: WastCommand, expected: Uint8Array): string | null {
  let mine: Uint8Array;
  try {
    mine = moduleOf(c)!.encode();
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  const want = canonicalBytes(expected);
  if (canonicalBytes(mine) === want) return null;
  const text = moduleOf(c)!.text!;
  const probe = encoderFor(text, []);
  probe.encode();
  const implicit = typeEntries(expected).slice(probe.explicitGroups);
  const again = encoderFor(text, implicit).encode();
  return canonicalBytes(again) === want ? null : `bytes differ:\n  ${canonicalBytes(mine)}\n  ${want}`;
}

function encoderFor(text: string, implicit: Uint8Array[]): ModuleEncoder {
  const nodes = readSexprs(text, KEPT_ANNOTATIONS);
  const list = nodes[0];
  if (nodes.length === 1 && list !== undefined && list.list && headOf(list) === 'module') {
    return new ModuleEncoder(text, list.items.slice(moduleFieldsStart(list)), list.end, implicit);
  }
  return new ModuleEncoder(text, nodes, text.length, implicit);
}

/** The entries of the type section (each recursion group's bytes). */
function typeEntries(bytes: Uint8Array): Uint8Array[] {
  const r = new LebReader(bytes, 8);
  const u32 = (): number => r.u32();
  while (r.pos < bytes.length) {
    const id = bytes[r.pos++]!;
    const size = u32();
    if (id !== 1) {
      r.pos += size;
      continue;
    }
    const n = u32();
    const out: Uint8Array[] = [];
    const valType = (): void => {
      const t = bytes[r.pos++]!;
      if (t === 0x63 || t === 0x64) u32();
    };
    const comp = (): void => {
      const k = bytes[r.pos++]!;
      if (k === 0x60) {
        for (let v = 0; v < 2; v++) for (let j = u32(); j > 0; j--) valType();
      } else if (k === 0x5f) {
        for (let j = u32(); j > 0; j--) {
          valType();
          r.pos++;
        }
      } else {
        valType();
        r.pos++;
      }
    };
    const sub = (): void => {
      if (bytes[r.pos] === 0x50 || bytes[r.pos] === 0x4f) {
        r.pos++;
        for (let j = u32(); j > 0; j--) u32();
      }
      comp();
    };
    for (let i = 0; i < n; i++) {
      const start = r.pos;
      if (bytes[r.pos] === 0x4e) {
        r.pos++;
        for (let j = u32(); j > 0; j--) sub();
      } else sub();
      out.push(bytes.slice(start, r.pos));
    }
    return out;
  }
  return [];
}

/** `legacy/` has no converted binaries: its text modules must encode, its malformed ones fail. */
describe.skipIf(!HAVE_SUITE)('wasm-3.0 legacy exception scripts', () => {
  for (const file of HAVE_SUITE ? scripts('wasm-3.0/legacy') : []) {
    it(file, () => {
      for (const c of parseWast(read('wasm-3.0/legacy', file))) {
        const m = moduleOf(c);
        if (m === null) continue;
        if (isTextMalformed(c)) expect(() => m.encode(), `line ${c.line}`).toThrow(WatSyntaxError);
        else expect(m.encode().length, `line ${c.line}`).toBeGreaterThan(7);
      }
    });
  }
});
