/**
 * UTF-8 for hosts with and without `TextDecoder`/`TextEncoder`: the built-ins where they exist,
 * else a plain JavaScript codec with the same results (WHATWG's decoder: fatal or replacing,
 * BOM kept or stripped; the encoder replaces lone surrogates). Embedded engines such as Hermes
 * and QuickJS have no `TextDecoder`; there decoding is a JavaScript loop, several times slower
 * than the built-in, which only matters for long strings (module names are short).
 * @packageDocumentation
 */

/** Options as `TextDecoder`'s. */
export interface Utf8DecoderOptions {
  /** Throw a `TypeError` on malformed input instead of inserting U+FFFD. */
  readonly fatal?: boolean;
  /** Keep a leading byte order mark (true) instead of stripping it (false, the default). */
  readonly ignoreBOM?: boolean;
}

/** What rt needs of a `TextDecoder`. */
export interface Utf8Decoder {
  /** The text of `bytes`. */
  decode(bytes: Uint8Array): string;
}

/** What rt needs of a `TextEncoder`. */
export interface Utf8Encoder {
  /** The UTF-8 bytes of `text`. */
  encode(text: string): Uint8Array;
}

interface Globals {
  TextDecoder?: new (label: string, options: Utf8DecoderOptions) => Utf8Decoder;
  TextEncoder?: new () => Utf8Encoder;
}

/** A UTF-8 decoder: the host's `TextDecoder` if it has one, else {@link decodeUtf8}. */
export function utf8Decoder(options: Utf8DecoderOptions = {}): Utf8Decoder {
  const Native = (globalThis as Globals).TextDecoder;
  return Native !== undefined ? new Native('utf-8', options) : { decode: (bytes) => decodeUtf8(bytes, options) };
}

/** A UTF-8 encoder: the host's `TextEncoder` if it has one, else {@link encodeUtf8}. */
export function utf8Encoder(): Utf8Encoder {
  const Native = (globalThis as Globals).TextEncoder;
  return Native !== undefined ? new Native() : { encode: encodeUtf8 };
}

/** Decodes `bytes` as WHATWG's UTF-8 decoder does, in plain JavaScript. */
export function decodeUtf8(bytes: Uint8Array, options: Utf8DecoderOptions = {}): string {
  const units: number[] = [];
  let out = '';
  let i = bytes.length >= 3 && !options.ignoreBOM && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let cp = b;
    let next = i + 1;
    if (b >= 0x80) {
      // Lead byte: how many continuation bytes follow, and the first one's range (no overlong
      // forms, no surrogates, nothing above U+10FFFF).
      let need = 0;
      let lower = 0x80;
      let upper = 0xbf;
      if (b >= 0xc2 && b <= 0xdf) need = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        need = 2;
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        need = 3;
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
      }
      cp = need === 0 ? -1 : b & (0x3f >> need);
      for (let k = 0; k < need; k++) {
        const c = bytes[next];
        if (c === undefined || c < lower || c > upper) {
          cp = -1; // the offending byte is read again as the start of what follows
          break;
        }
        cp = (cp << 6) | (c & 0x3f);
        lower = 0x80;
        upper = 0xbf;
        next++;
      }
      if (cp < 0) {
        if (options.fatal) throw new TypeError('The encoded data was not valid for encoding utf-8');
        cp = 0xfffd;
      }
    }
    if (cp >= 0x10000) units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
    else units.push(cp);
    if (units.length >= 4096) {
      out += String.fromCharCode(...units);
      units.length = 0;
    }
    i = next;
  }
  return out + String.fromCharCode(...units);
}

/** Encodes `text` as UTF-8 (lone surrogates become U+FFFD), in plain JavaScript. */
export function encodeUtf8(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdfff) {
      const low = text.charCodeAt(i + 1);
      if (cp <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      } else cp = 0xfffd;
    }
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return new Uint8Array(out);
}
