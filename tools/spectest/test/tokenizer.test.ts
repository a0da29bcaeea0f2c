import { describe, expect, it } from 'vitest';
import { tokenize, type Token } from '../src/reader/tokenizer.js';
import { parseSExprs } from '../src/reader/sexpr.js';

const bytes = (t: Token): number[] => (t.kind === 'string' ? Array.from(t.bytes) : []);

describe('tokenizer', () => {
  it('splits parens, atoms and strings, with line numbers', () => {
    const toks = tokenize('(module $M\n  (func (export "f")))');
    expect(toks.map((t) => t.kind)).toEqual(['lparen', 'atom', 'atom', 'lparen', 'atom', 'lparen', 'atom', 'string', 'rparen', 'rparen', 'rparen']);
    expect(toks[2]).toMatchObject({ text: '$M', line: 1 });
    expect(toks[4]).toMatchObject({ text: 'func', line: 2 });
  });

  it('skips line comments and nested block comments, counting their lines', () => {
    const toks = tokenize(';; a comment (\n(; outer (; inner ;) still ;\n comment ;) x ;; y\nz');
    expect(toks.map((t) => (t.kind === 'atom' ? t.text : t.kind))).toEqual(['x', 'z']);
    expect(toks[0]!.line).toBe(3);
    expect(toks[1]!.line).toBe(4);
  });

  it('ends an atom at a line comment but not at a single semicolon', () => {
    expect(tokenize('a;;b\nc').map((t) => (t as { text: string }).text)).toEqual(['a', 'c']);
  });

  it('rejects an unclosed block comment', () => {
    expect(() => tokenize('(; never closed')).toThrow(/unclosed block comment/);
  });
});

describe('strings', () => {
  it('resolves hex escapes to raw bytes', () => {
    expect(bytes(tokenize('"\\00\\61sm\\01\\00\\00\\00"')[0]!)).toEqual([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  });

  it('resolves the named escapes', () => {
    expect(bytes(tokenize(String.raw`"\t\n\r\"\'\\"`)[0]!)).toEqual([9, 10, 13, 0x22, 0x27, 0x5c]);
  });

  it('encodes \\u{...} as UTF-8', () => {
    expect(bytes(tokenize('"\\u{41}\\u{e9}\\u{20ac}\\u{1f600}"')[0]!)).toEqual([0x41, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]);
  });

  it('keeps raw UTF-8 bytes as they are', () => {
    expect(bytes(tokenize('"é"')[0]!)).toEqual([0xc3, 0xa9]);
  });

  it('rejects malformed escapes and surrogates', () => {
    expect(() => tokenize('"\\x1"')).toThrow(/escape/);
    expect(() => tokenize('"\\u{d800}"')).toThrow(/surrogate/);
    expect(() => tokenize('"abc')).toThrow(/unclosed string/);
  });
});

describe('S-expressions', () => {
  it('builds nested lists with byte spans', () => {
    const [node] = parseSExprs('(a (b "c") d)');
    expect(node).toMatchObject({ kind: 'list', start: 0, end: 13 });
    if (node?.kind !== 'list') throw new Error('not a list');
    expect(node.items.map((n) => n.kind)).toEqual(['atom', 'list', 'atom']);
  });

  it('reports unbalanced parentheses', () => {
    expect(() => parseSExprs('(a (b)')).toThrow(/unclosed/);
    expect(() => parseSExprs(')')).toThrow(/unexpected "\)"/);
  });
});
