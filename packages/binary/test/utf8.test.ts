import { describe, expect, it } from 'vitest';
import { decodeUtf8, encodeUtf8 } from '../src/utf8.js';

/** xorshift32: reproducible random inputs. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** Random bytes biased towards UTF-8's interesting values (lead bytes, continuations, limits). */
function randomBytes(next: () => number): Uint8Array {
  const interesting = [0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0xbb];
  const n = Math.floor(next() * 12);
  return Uint8Array.from({ length: n }, () => (next() < 0.6 ? interesting[Math.floor(next() * interesting.length)]! : Math.floor(next() * 256)));
}

/** The built-in's result, or 'error'. */
function native(bytes: Uint8Array, fatal: boolean, ignoreBOM: boolean): string {
  try {
    return new TextDecoder('utf-8', { fatal, ignoreBOM }).decode(bytes);
  } catch {
    return 'error';
  }
}

function fallback(bytes: Uint8Array, fatal: boolean, ignoreBOM: boolean): string {
  try {
    return decodeUtf8(bytes, { fatal, ignoreBOM });
  } catch (e) {
    return e instanceof TypeError ? 'error' : `unexpected ${String(e)}`;
  }
}

describe('the JavaScript UTF-8 codec (for hosts without TextDecoder) matches the built-ins', () => {
  it('decodes 20,000 random byte strings as TextDecoder does, fatal or replacing, BOM kept or stripped', () => {
    const next = random(0x1234567);
    const mismatches: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const bytes = randomBytes(next);
      if (i % 7 === 0) bytes.set([0xef, 0xbb, 0xbf].slice(0, bytes.length));
      for (const fatal of [true, false]) {
        for (const ignoreBOM of [true, false]) {
          if (fallback(bytes, fatal, ignoreBOM) !== native(bytes, fatal, ignoreBOM)) mismatches.push(`${Array.from(bytes)} fatal=${fatal} ignoreBOM=${ignoreBOM}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('encodes random strings (lone surrogates included) as TextEncoder does', () => {
    const next = random(0x89abcdef);
    const encoder = new TextEncoder();
    const units = [0x41, 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfffd, 0xffff];
    const mismatches: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const s = String.fromCharCode(...Array.from({ length: Math.floor(next() * 8) }, () => units[Math.floor(next() * units.length)]!));
      if (encodeUtf8(s).join() !== encoder.encode(s).join()) mismatches.push(JSON.stringify(s));
    }
    expect(mismatches).toEqual([]);
  });

  it('decodes long text across its chunking', () => {
    const text = 'ü€😀a'.repeat(5000);
    expect(decodeUtf8(new TextEncoder().encode(text))).toBe(text);
  });
});
