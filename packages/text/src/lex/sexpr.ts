import { WatSyntaxError } from '../errors.js';
import { decodeUtf8, stringBytes } from './strings.js';

/** Kinds of atom (a token other than a parenthesis). */
export const enum AtomKind {
  /** A keyword: starts with a lowercase letter (`i32.add`, `offset=4`, `nan:0x1`, `inf`). */
  Keyword,
  /** A number literal (starts with a digit or a sign). */
  Number,
  /** A string literal, quotes included in {@link Atom.text}. */
  String,
  /** An identifier: `$name` or `$"name"`, kept with its `$`. */
  Id,
  /** Any other run of identifier characters: never valid. */
  Reserved,
}

/** One atom of the source, with its text and character offset. */
export interface Atom {
  readonly list: false;
  readonly kind: AtomKind;
  readonly text: string;
  readonly offset: number;
}

/** A parenthesised list; `annotation` is its name for `(@name …)`. */
export interface List {
  readonly list: true;
  readonly items: Node[];
  readonly offset: number;
  /** Offset of the closing parenthesis. */
  readonly end: number;
  readonly annotation: string | null;
}

/** A node of the S-expression tree. */
export type Node = Atom | List;

const IDCHAR = new Uint8Array(128);
for (const c of "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&'*+-./:<=>?@\\^_`|~") {
  IDCHAR[c.charCodeAt(0)] = 1;
}
// Characters that may appear in reserved tokens (never in a valid keyword or identifier).
for (const c of ',;[]{}') IDCHAR[c.charCodeAt(0)] = 2;

/**
 * Reads `source` into S-expressions. Comments and whitespace are skipped; every annotation
 * `(@id …)` is kept as a list (with `annotation` set) where it occurs, except the ones
 * `keep` rejects, which are dropped (unknown annotations are to be ignored).
 */
export function readSexprs(source: string, keep: (name: string) => boolean = () => true): Node[] {
  const top: Node[] = [];
  const stack: { items: Node[]; offset: number; annotation: string | null; drop: boolean }[] = [];
  let items = top;
  let dropping = 0;
  const n = source.length;
  let i = 0;
  const fail = (at: number, why: string): never => {
    throw new WatSyntaxError(source, at, why);
  };
  while (i < n) {
    const c = source.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) {
      i++;
      continue;
    }
    if (c === 0x3b /* ; */) {
      if (source.charCodeAt(i + 1) === 0x3b) {
        // A line comment ends at a line feed or a carriage return.
        while (i < n && source.charCodeAt(i) !== 0x0a && source.charCodeAt(i) !== 0x0d) i++;
        continue;
      }
    }
    if (c === 0x28 /* ( */) {
      if (source.charCodeAt(i + 1) === 0x3b) {
        i = skipBlockComment(source, i, fail);
        continue;
      }
      const start = i;
      i++;
      let annotation: string | null = null;
      if (source.charCodeAt(i) === 0x40 /* @ */) {
        i++;
        const s = i;
        if (source.charCodeAt(i) === 0x22) {
          const e = scanString(source, i, (at) => fail(at, 'empty annotation id'));
          const bytes = stringBytes(source.slice(s, e));
          const name = typeof bytes === 'string' ? null : decodeUtf8(bytes);
          if (name === null) fail(s, 'malformed UTF-8 encoding');
          annotation = name as string;
          i = e;
        } else {
          while (i < n && isIdChar(source.charCodeAt(i))) i++;
          annotation = source.slice(s, i);
        }
        if (annotation.length === 0 && !stack.some((f) => f.annotation !== null)) fail(start, 'empty annotation id');
      }
      const drop = annotation !== null && (dropping > 0 || !keep(annotation));
      if (drop) dropping++;
      stack.push({ items, offset: start, annotation, drop });
      items = [];
      continue;
    }
    if (c === 0x29 /* ) */) {
      const open = stack.pop();
      if (open === undefined) fail(i, 'unexpected token');
      const list: List = { list: true, items, offset: open!.offset, end: i, annotation: open!.annotation };
      items = open!.items;
      if (open!.drop) dropping--;
      else items.push(list);
      i++;
      continue;
    }
    // An atom: a run of identifier characters and strings.
    const start = i;
    let strings = 0;
    let plain = 0;
    let reserved = false;
    while (i < n) {
      const d = source.charCodeAt(i);
      if (d === 0x22) {
        // A malformed string right after `$` leaves the identifier empty.
        const afterDollar = i === start + 1 && c === 0x24;
        i = scanString(source, i, afterDollar ? (at) => fail(at, 'empty identifier') : fail);
        strings++;
      } else if (d < 128 && IDCHAR[d] !== 0) {
        if (d === 0x3b && source.charCodeAt(i + 1) === 0x3b && i > start) break;
        if (IDCHAR[d] === 2) reserved = true;
        i++;
        plain++;
      } else break;
    }
    if (i === start) {
      fail(i, c >= 0x80 || c < 0x20 || c === 0x7f ? 'illegal character' : 'unexpected token');
    }
    const text = source.slice(start, i);
    if (text === '$' && !stack.some((f) => f.annotation !== null)) fail(start, 'empty identifier');
    items.push({ list: false, kind: reserved ? AtomKind.Reserved : classify(text, strings, plain), text, offset: start });
  }
  if (stack.length > 0) {
    const open = stack[stack.length - 1]!;
    fail(open.offset, open.annotation !== null ? 'unclosed annotation' : 'unexpected end of input');
  }
  return top;
}

function isIdChar(c: number): boolean {
  return c < 128 && IDCHAR[c] === 1;
}

function classify(text: string, strings: number, plain: number): AtomKind {
  const c = text.charCodeAt(0);
  if (strings === 1 && plain === 0) return AtomKind.String;
  if (c === 0x24 /* $ */) {
    if (strings === 0 && text.length > 1) return AtomKind.Id;
    if (strings === 1 && plain === 1 && text.charCodeAt(1) === 0x22) return AtomKind.Id;
    return AtomKind.Reserved;
  }
  if (strings > 0) return AtomKind.Reserved;
  if (c >= 0x61 && c <= 0x7a) return AtomKind.Keyword;
  if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d) return AtomKind.Number;
  return AtomKind.Reserved;
}

/** Returns the offset just past the string literal starting at `i`. */
function scanString(source: string, i: number, fail: (at: number, why: string) => never): number {
  const start = i;
  i++;
  for (;;) {
    if (i >= source.length) fail(start, 'unclosed string');
    const c = source.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c === 0x0a) fail(start, 'unclosed string');
    if (c < 0x20 || c === 0x7f) fail(i, 'illegal control character');
    i += c === 0x5c ? 2 : 1;
  }
}

function skipBlockComment(source: string, i: number, fail: (at: number, why: string) => never): number {
  const start = i;
  let depth = 0;
  while (i < source.length) {
    const c = source.charCodeAt(i);
    if (c === 0x28 && source.charCodeAt(i + 1) === 0x3b) {
      depth++;
      i += 2;
    } else if (c === 0x3b && source.charCodeAt(i + 1) === 0x29) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return fail(start, 'unclosed comment');
}
