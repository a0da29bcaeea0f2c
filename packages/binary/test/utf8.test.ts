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
    expect(e).toBeInstanceOf(TypeError);
    return 'error';
  }
}

describe('the JavaScript UTF-8 codec (for hosts without TextDecoder) matches the built-ins', () => {
  it('decodes 50,000 random byte strings as TextDecoder does, fatal or replacing, BOM kept or stripped', () => {
    const next = random(0x1234567);
    for (let i = 0; i < 50_000; i++) {
      const bytes = randomBytes(next);
      if (i % 7 === 0) bytes.set([0xef, 0xbb, 0xbf].slice(0, bytes.length));
      for (const fatal of [true, false]) {
        for (const ignoreBOM of [true, false]) {
          expect(fallback(bytes, fatal, ignoreBOM), `${Array.from(bytes)} fatal=${fatal} ignoreBOM=${ignoreBOM}`).toBe(native(bytes, fatal, ignoreBOM));
        }
      }
    }
  });

  it('encodes random strings (lone surrogates included) as TextEncoder does', () => {
    const next = random(0x89abcdef);
    const encoder = new TextEncoder();
    const units = [0x41, 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfffd, 0xffff];
    for (let i = 0; i < 20_000; i++) {
      const s = String.fromCharCode(...Array.from({ length: Math.floor(next() * 8) }, () => units[Math.floor(next() * units.length)]!));
      expect(Array.from(encodeUtf8(s))).toEqual(Array.from(encoder.encode(s)));
    }
  });

  it('decodes long text across its chunking', () => {
    const text = 'ü€😀a'.repeat(5000);
    expect(decodeUtf8(new TextEncoder().encode(text))).toBe(text);
  });
});
