/**
 * A syntax error in WebAssembly text: where it is (line and column, both 1-based, and the
 * character offset) and why, in the test suite's wording where the suite states one
 * (`unknown operator`, `unexpected token`, `mismatching label`, …).
 */
export class WatSyntaxError extends Error {
  /** The reason alone, without the position (`unknown operator`). */
  readonly reason: string;
  /** 1-based line of the offending token. */
  readonly line: number;
  /** 1-based column (in UTF-16 code units) of the offending token. */
  readonly column: number;
  /** Character offset of the offending token in the source. */
  readonly offset: number;

  /** Creates the error for `reason` at character `offset` of `source`. */
  constructor(source: string, offset: number, reason: string) {
    const { line, column } = lineColumn(source, offset);
    super(`${line}:${column}: ${reason}`);
    this.name = 'WatSyntaxError';
    this.reason = reason;
    this.line = line;
    this.column = column;
    this.offset = offset;
  }
}

/** The 1-based line and column of character `offset` in `source`. */
export function lineColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, source.length);
  for (let i = 0; i < end; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
