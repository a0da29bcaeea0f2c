import type { ValType } from '@rt/binary';

/** One catch clause of a `try_table`, or one legacy `catch`/`catch_all` handler. */
export interface CatchClause {
  /** 0 `catch`, 1 `catch_ref`, 2 `catch_all`, 3 `catch_all_ref` (legacy `catch` is 0 or 2). */
  readonly kind: number;
  /** The tag index (for kinds 0 and 1). */
  readonly tag: number;
  /** Where execution continues: a landing pad that branches to the clause's label, or a legacy handler body. */
  readonly pad: number;
  /** Frame word where the payload values go (consecutive cells). */
  readonly dst: number;
  /** The payload's types (the tag's parameters; empty for `catch_all`). */
  readonly types: readonly ValType[];
  /** Frame word where the exception reference goes, or -1 (`catch_ref`, `catch_all_ref`, legacy handlers). */
  readonly exnDst: number;
}

/**
 * A range of a function's lowered code where thrown exceptions are looked for: the body of a
 * `try_table` or of a legacy `try`. Records of a function are kept in the order their ranges
 * close, so the first record that covers a position is the innermost.
 */
export interface HandlerRecord {
  /** First position of the protected code. */
  readonly start: number;
  /** One past the last protected position. */
  end: number;
  /** Number of control frames around the `try` (the function's own frame counts: 1 at top level). */
  readonly frameIndex: number;
  /** The catch clauses in order. */
  readonly clauses: CatchClause[];
  /**
   * A legacy `delegate`: the frame index of its target label. The search goes on with the
   * records of frames at this index or outside it; -1 for none.
   */
  delegate: number;
}
