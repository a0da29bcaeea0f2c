/**
 * S-expressions over the token stream.
 *
 * Commands and their arguments are small and are read into trees. Text module bodies are large and
 * only need to reach wabt as bytes, so {@link SExprReader.skipList} skips them without building
 * nodes: this keeps parsing the whole suite fast and light.
 */
import { ScriptSyntaxError, Tokenizer, type Token } from './tokenizer.js';

export interface SAtom {
  readonly kind: 'atom';
  readonly text: string;
  readonly line: number;
}

export interface SString {
  readonly kind: 'string';
  readonly bytes: Uint8Array;
  readonly line: number;
}

export interface SList {
  readonly kind: 'list';
  readonly items: readonly SNode[];
  readonly line: number;
  /** Byte offsets of the opening and just past the closing parenthesis. */
  readonly start: number;
  readonly end: number;
}

export type SNode = SAtom | SString | SList;

/** A reader over a token stream with one token of look-ahead. */
export class SExprReader {
  private readonly tokens: Tokenizer;
  private peeked: Token | undefined;
  private hasPeeked = false;

  constructor(readonly src: Uint8Array) {
    this.tokens = new Tokenizer(src);
  }

  peek(): Token | undefined {
    if (!this.hasPeeked) {
      this.peeked = this.tokens.next();
      this.hasPeeked = true;
    }
    return this.peeked;
  }

  next(): Token | undefined {
    const t = this.peek();
    this.hasPeeked = false;
    return t;
  }

  /** Consumes a `(`, or throws. */
  expectOpen(): Token {
    const t = this.next();
    if (t?.kind !== 'lparen') throw new ScriptSyntaxError('expected "("', t?.line ?? this.lastLine());
    return t;
  }

  /** Consumes a `)`, or throws. */
  expectClose(): Token {
    const t = this.next();
    if (t?.kind !== 'rparen') throw new ScriptSyntaxError('expected ")"', t?.line ?? this.lastLine());
    return t;
  }

  /** Reads one node (atom, string, or a whole list). */
  readNode(): SNode {
    const t = this.next();
    if (t === undefined) throw new ScriptSyntaxError('unexpected end of script', this.lastLine());
    switch (t.kind) {
      case 'atom':
        return { kind: 'atom', text: t.text, line: t.line };
      case 'string':
        return { kind: 'string', bytes: t.bytes, line: t.line };
      case 'rparen':
        throw new ScriptSyntaxError('unexpected ")"', t.line);
      case 'lparen':
        return this.readListBody(t);
    }
  }

  /** Reads the rest of a list whose `(` (given) was already consumed. */
  readListBody(open: Token): SList {
    const items: SNode[] = [];
    for (;;) {
      const t = this.peek();
      if (t === undefined) throw new ScriptSyntaxError('unclosed "("', open.line);
      if (t.kind === 'rparen') {
        this.next();
        return { kind: 'list', items, line: open.line, start: open.start, end: t.end };
      }
      items.push(this.readNode());
    }
  }

  /**
   * Skips the remaining items of the current list, consuming its `)`. Returns the byte offset just
   * past that parenthesis.
   */
  skipList(openLine: number): number {
    let depth = 1;
    for (;;) {
      const t = this.next();
      if (t === undefined) throw new ScriptSyntaxError('unclosed "("', openLine);
      if (t.kind === 'lparen') depth++;
      else if (t.kind === 'rparen' && --depth === 0) return t.end;
    }
  }

  private lastLine(): number {
    // Count lines up to the current offset: only used to report errors.
    let line = 1;
    for (let i = 0; i < this.tokens.offset; i++) if (this.src[i] === 0x0a) line++;
    return line;
  }
}

/** Parses a whole input into nodes (for tests and small inputs). */
export function parseSExprs(src: Uint8Array | string): SNode[] {
  const bytes = typeof src === 'string' ? new TextEncoder().encode(src) : src;
  const r = new SExprReader(bytes);
  const out: SNode[] = [];
  while (r.peek() !== undefined) out.push(r.readNode());
  return out;
}
