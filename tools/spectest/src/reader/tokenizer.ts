/**
 * Tokenizer for the `.wast` script format (the WebAssembly text format's lexical grammar).
 *
 * It works on bytes, not on a JS string: scripts contain raw UTF-8 inside strings (and stray
 * non-UTF-8 bytes inside comments), and a string literal's value is a byte sequence that must reach
 * the module binary exactly. Decoding the file to UTF-16 first could silently replace bytes.
 */

/** One lexical token. Offsets are byte offsets into the script. */
export type Token =
  | { readonly kind: 'lparen'; readonly start: number; readonly end: number; readonly line: number }
  | { readonly kind: 'rparen'; readonly start: number; readonly end: number; readonly line: number }
  | {
      readonly kind: 'atom';
      /** Keywords, numbers and `$identifiers`: always ASCII, so a JS string is exact. */
      readonly text: string;
      readonly start: number;
      readonly end: number;
      readonly line: number;
    }
  | {
      readonly kind: 'string';
      /** The string's value after escapes, as raw bytes. */
      readonly bytes: Uint8Array;
      readonly start: number;
      readonly end: number;
      readonly line: number;
    };

/** A lexical error, with the 1-based line where it happened. */
export class ScriptSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'ScriptSyntaxError';
  }
}

const LPAREN = 0x28;
const RPAREN = 0x29;
const SEMI = 0x3b;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NL = 0x0a;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x61 && b <= 0x66) return b - 0x61 + 10;
  if (b >= 0x41 && b <= 0x46) return b - 0x41 + 10;
  return -1;
}

/**
 * A pull tokenizer. Pulling (rather than producing an array) lets the S-expression reader skip the
 * body of a text module without materialising its tokens: the suite is 11 MB of text and most of it
 * only needs to be handed to wabt as a byte range.
 */
export class Tokenizer {
  private pos = 0;
  private line = 1;

  constructor(readonly src: Uint8Array) {}

  /** The current byte offset (after the last token returned). */
  get offset(): number {
    return this.pos;
  }

  /** Returns the next token, or `undefined` at the end of input. */
  next(): Token | undefined {
    this.skipTrivia();
    const src = this.src;
    if (this.pos >= src.length) return undefined;
    const start = this.pos;
    const line = this.line;
    const b = src[start]!;
    if (b === LPAREN) {
      this.pos++;
      return { kind: 'lparen', start, end: this.pos, line };
    }
    if (b === RPAREN) {
      this.pos++;
      return { kind: 'rparen', start, end: this.pos, line };
    }
    if (b === QUOTE) return this.readString();
    // An atom runs until whitespace, a paren, a quote, or a line comment.
    let p = start;
    while (p < src.length) {
      const c = src[p]!;
      if (isSpace(c) || c === LPAREN || c === RPAREN || c === QUOTE) break;
      if (c === SEMI && src[p + 1] === SEMI) break;
      p++;
    }
    this.pos = p;
    let text = '';
    for (let i = start; i < p; i++) text += String.fromCharCode(src[i]!);
    return { kind: 'atom', text, start, end: p, line };
  }

  /** Skips whitespace, `;; line comments` and nested `(; block comments ;)`. */
  private skipTrivia(): void {
    const src = this.src;
    for (;;) {
      const b = src[this.pos];
      if (b === undefined) return;
      if (isSpace(b)) {
        if (b === NL) this.line++;
        this.pos++;
      } else if (b === SEMI && src[this.pos + 1] === SEMI) {
        while (this.pos < src.length && src[this.pos] !== NL) this.pos++;
      } else if (b === LPAREN && src[this.pos + 1] === SEMI) {
        this.skipBlockComment();
      } else {
        return;
      }
    }
  }

  private skipBlockComment(): void {
    const src = this.src;
    const line = this.line;
    let depth = 0;
    while (this.pos < src.length) {
      const b = src[this.pos]!;
      if (b === LPAREN && src[this.pos + 1] === SEMI) {
        depth++;
        this.pos += 2;
      } else if (b === SEMI && src[this.pos + 1] === RPAREN) {
        depth--;
        this.pos += 2;
        if (depth === 0) return;
      } else {
        if (b === NL) this.line++;
        this.pos++;
      }
    }
    throw new ScriptSyntaxError('unclosed block comment', line);
  }

  /** Reads a string literal, resolving `\t \n \r \" \' \\ \hh \u{h+}` escapes to bytes. */
  private readString(): Token {
    const src = this.src;
    const start = this.pos;
    const line = this.line;
    const out: number[] = [];
    let p = start + 1;
    for (;;) {
      if (p >= src.length) throw new ScriptSyntaxError('unclosed string', line);
      const b = src[p]!;
      if (b === QUOTE) {
        p++;
        break;
      }
      if (b === NL) throw new ScriptSyntaxError('newline in string', line);
      if (b !== BACKSLASH) {
        out.push(b);
        p++;
        continue;
      }
      const e = src[p + 1];
      switch (e) {
        case 0x74: out.push(0x09); p += 2; break; // \t
        case 0x6e: out.push(0x0a); p += 2; break; // \n
        case 0x72: out.push(0x0d); p += 2; break; // \r
        case QUOTE: out.push(QUOTE); p += 2; break;
        case 0x27: out.push(0x27); p += 2; break; // \'
        case BACKSLASH: out.push(BACKSLASH); p += 2; break;
        case 0x75: { // \u{...}: a Unicode scalar value, emitted as UTF-8
          if (src[p + 2] !== 0x7b) throw new ScriptSyntaxError('malformed \\u escape', line);
          let q = p + 3;
          let cp = 0;
          let digits = 0;
          while (q < src.length && src[q] !== 0x7d) {
            const c = src[q]!;
            if (c === 0x5f && digits > 0) { q++; continue; }
            const h = hexValue(c);
            if (h < 0) throw new ScriptSyntaxError('malformed \\u escape', line);
            cp = cp * 16 + h;
            if (cp > 0x10ffff) throw new ScriptSyntaxError('\\u escape out of range', line);
            digits++;
            q++;
          }
          if (digits === 0 || src[q] !== 0x7d) throw new ScriptSyntaxError('malformed \\u escape', line);
          if (cp >= 0xd800 && cp < 0xe000) throw new ScriptSyntaxError('\\u escape is a surrogate', line);
          pushUtf8(out, cp);
          p = q + 1;
          break;
        }
        default: {
          const h1 = e === undefined ? -1 : hexValue(e);
          const h2 = hexValue(src[p + 2] ?? 0);
          if (h1 < 0 || h2 < 0) throw new ScriptSyntaxError('malformed string escape', line);
          out.push(h1 * 16 + h2);
          p += 3;
        }
      }
    }
    this.pos = p;
    return { kind: 'string', bytes: Uint8Array.from(out), start, end: p, line };
  }
}

function pushUtf8(out: number[], cp: number): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}

/** Tokenizes a whole input eagerly (for tests and small inputs). */
export function tokenize(src: Uint8Array | string): Token[] {
  const bytes = typeof src === 'string' ? new TextEncoder().encode(src) : src;
  const t = new Tokenizer(bytes);
  const out: Token[] = [];
  for (let tok = t.next(); tok; tok = t.next()) out.push(tok);
  return out;
}
