import { utf8Decoder } from '@rt/binary';

/**
 * The bytes of a string literal (`text` includes the quotes), or a reason it is malformed.
 * Characters outside ASCII are encoded as UTF-8.
 */
export function stringBytes(text: string): Uint8Array | string {
  const out: number[] = [];
  const end = text.length - 1;
  for (let i = 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x5c) {
      if (c < 0x80) out.push(c);
      else {
        const cp = text.codePointAt(i)!;
        if (cp > 0xffff) i++;
        pushUtf8(out, cp);
      }
      continue;
    }
    const e = text[++i];
    switch (e) {
      case 't': out.push(9); break;
      case 'n': out.push(10); break;
      case 'r': out.push(13); break;
      case '"': out.push(0x22); break;
      case "'": out.push(0x27); break;
      case '\\': out.push(0x5c); break;
      case 'u': {
        if (text[i + 1] !== '{') return 'illegal escape';
        const close = text.indexOf('}', i + 2);
        const hex = close < 0 ? '' : text.slice(i + 2, close);
        if (!/^[0-9a-fA-F](_?[0-9a-fA-F])*$/.test(hex)) return 'illegal escape';
        const cp = parseInt(hex.replace(/_/g, ''), 16);
        if (cp >= 0x110000 || (cp >= 0xd800 && cp < 0xe000)) return 'illegal escape';
        pushUtf8(out, cp);
        i = close;
        break;
      }
      default: {
        const h = text.slice(i, i + 2);
        if (!/^[0-9a-fA-F]{2}$/.test(h)) return 'illegal escape';
        out.push(parseInt(h, 16));
        i++;
      }
    }
  }
  return Uint8Array.from(out);
}

function pushUtf8(out: number[], cp: number): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
}

const utf8 = utf8Decoder({ fatal: true, ignoreBOM: true });

/** Decodes UTF-8 strictly; `null` when `bytes` is not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** The bytes of `parts`, one after another (as the strings of a literal list are joined). */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
