import { WatSyntaxError } from '../errors.js';
import { AtomKind, type Atom, type List, type Node } from '../lex/sexpr.js';
import { decodeUtf8, stringBytes } from '../lex/strings.js';
import { parseFloatLiteral, parseNat, parseU32, parseU64 } from '../lex/numbers.js';
import { KNOWN_KEYWORDS } from './keywords.js';

/** Reads the items of one list (or a flat instruction sequence) left to right. */
export class Cursor {
  i: number;

  constructor(
    readonly source: string,
    readonly items: readonly Node[],
    start: number,
    /** Where errors at the end of the items point (the closing parenthesis). */
    readonly endOffset: number,
  ) {
    this.i = start;
  }

  /**
   * Throws a syntax error at `offset`. An `unexpected token` that is no token of the language at
   * all (an unknown keyword, a malformed number, a reserved token) is an `unknown operator`, as
   * the reference lexer says.
   */
  fail(offset: number, reason: string): never {
    if (reason === 'unexpected token') {
      const n = this.items.find((x) => x.offset === offset);
      if (n !== undefined && !n.list) reason = unexpected(n);
    }
    throw new WatSyntaxError(this.source, offset, reason);
  }

  /** Throws at the current item (or the list's end). */
  failHere(reason: string): never {
    return this.fail(this.offset(), reason);
  }

  /** Offset of the current item, or of the list's end. */
  offset(): number {
    const n = this.items[this.i];
    return n === undefined ? this.endOffset : n.offset;
  }

  done(): boolean {
    return this.i >= this.items.length;
  }

  peek(): Node | undefined {
    return this.items[this.i];
  }

  /** The current item's keyword text, or `null` when it is not a keyword. */
  peekKeyword(): string | null {
    const n = this.items[this.i];
    return n !== undefined && !n.list && n.kind === AtomKind.Keyword ? n.text : null;
  }

  /** Whether the current item is a list headed by keyword `head` (any keyword when omitted). */
  peekList(head?: string): List | null {
    const n = this.items[this.i];
    if (n === undefined || !n.list || n.annotation !== null) return null;
    if (head === undefined) return n;
    const h = n.items[0];
    return h !== undefined && !h.list && h.kind === AtomKind.Keyword && h.text === head ? n : null;
  }

  /** The head keyword of the current list item, or `null`. */
  peekListHead(): string | null {
    const n = this.items[this.i];
    if (n === undefined || !n.list || n.annotation !== null) return null;
    const h = n.items[0];
    return h !== undefined && !h.list && h.kind === AtomKind.Keyword ? h.text : null;
  }

  /** Consumes keyword `k` if it is next. */
  eat(k: string): boolean {
    if (this.peekKeyword() === k) {
      this.i++;
      return true;
    }
    return false;
  }

  /** Consumes the next item, whatever it is. */
  next(): Node {
    const n = this.items[this.i];
    if (n === undefined) this.failHere('unexpected token');
    this.i++;
    return n!;
  }

  /** Consumes a list item and returns a cursor over its contents after the head keyword. */
  enter(list: List): Cursor {
    return new Cursor(this.source, list.items, 1, list.end);
  }

  /** Consumes an optional identifier. */
  id(): Atom | null {
    const n = this.items[this.i];
    if (n !== undefined && !n.list && n.kind === AtomKind.Id) {
      this.i++;
      return n;
    }
    return null;
  }

  /** Consumes a keyword; fails with `unexpected token` otherwise. */
  keyword(): Atom {
    const n = this.items[this.i];
    if (n === undefined || n.list || n.kind !== AtomKind.Keyword) this.failHere('unexpected token');
    this.i++;
    return n as Atom;
  }

  /** Consumes an atom of kind Number, or fails. */
  number(): Atom {
    const n = this.items[this.i];
    if (n === undefined || n.list || n.kind !== AtomKind.Number) this.failHere('unexpected token');
    this.i++;
    return n as Atom;
  }

  /** Whether the current item is a number atom. */
  peekNumber(): boolean {
    const n = this.items[this.i];
    return n !== undefined && !n.list && n.kind === AtomKind.Number;
  }

  /** Whether the current item is an id or a number (an index). */
  peekIndex(): boolean {
    const n = this.items[this.i];
    return n !== undefined && !n.list && (n.kind === AtomKind.Number || n.kind === AtomKind.Id);
  }

  /** Consumes an unsigned 32-bit number. */
  u32(): number {
    const a = this.number();
    const v = parseU32(a.text);
    if (v === null) this.fail(a.offset, parseNat(a.text)?.signed === false ? 'i32 constant out of range' : 'unexpected token');
    return v!;
  }

  /** Consumes an unsigned 64-bit number. */
  u64(): bigint {
    const a = this.number();
    const v = parseU64(a.text);
    if (v === null) this.fail(a.offset, parseNat(a.text)?.signed === false ? 'i64 constant out of range' : 'unexpected token');
    return v!;
  }

  /** Whether the current item is a string literal. */
  peekString(): boolean {
    const n = this.items[this.i];
    return n !== undefined && !n.list && n.kind === AtomKind.String;
  }

  /** Consumes a string literal and returns its bytes. */
  bytes(): Uint8Array {
    const n = this.items[this.i];
    if (n === undefined || n.list || n.kind !== AtomKind.String) this.failHere('unexpected token');
    this.i++;
    const b = stringBytes((n as Atom).text);
    if (typeof b === 'string') this.fail(n!.offset, b);
    return b as Uint8Array;
  }

  /** Consumes a string literal that must be valid UTF-8 (a name), returning its bytes. */
  name(): Uint8Array {
    const at = this.offset();
    const b = this.bytes();
    if (decodeUtf8(b) === null) this.fail(at, 'malformed UTF-8 encoding');
    return b;
  }

  /** Fails unless every item was consumed. */
  end(): void {
    if (this.i < this.items.length) this.failHere('unexpected token');
  }
}

/** The name an identifier atom stands for (`$x` and `$"x"` are the same name). */
export function idName(source: string, a: Atom): string {
  if (a.text.charCodeAt(1) !== 0x22) return a.text.slice(1);
  const b = stringBytes(a.text.slice(1));
  if (typeof b === 'string') throw new WatSyntaxError(source, a.offset, b);
  const s = decodeUtf8(b);
  if (s === null) throw new WatSyntaxError(source, a.offset, 'malformed UTF-8 encoding');
  if (s.length === 0) throw new WatSyntaxError(source, a.offset, 'empty identifier');
  return s;
}

/** The reason for an atom where it does not belong. */
export function unexpected(a: Atom): string {
  if (a.kind === AtomKind.Reserved) return 'unknown operator';
  if (a.kind === AtomKind.Keyword && !KNOWN_KEYWORDS.has(a.text) && !/^(?:offset|align)=/.test(a.text) &&
    !/^nan:(?:canonical|arithmetic|0x[0-9a-fA-F](?:_?[0-9a-fA-F])*)$/.test(a.text)) {
    return `unknown operator ${a.text}`;
  }
  if (a.kind === AtomKind.Number && parseNat(a.text) === null && typeof parseFloatLiteral(a.text, 64) !== 'bigint') {
    return 'unknown operator';
  }
  return 'unexpected token';
}
