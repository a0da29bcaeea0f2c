import type { Module, ValType } from '@rt/binary';

/** The type of an operand the polymorphic stack invented in unreachable code (matches any type). */
export const UNKNOWN_TYPE = 0;

/** What kind of construct opened a control frame. */
export const FrameKind = {
  Function: 0,
  Block: 1,
  Loop: 2,
  If: 3,
  Else: 4,
  /** 3.0's `try_table`. */
  TryTable: 5,
  /** A legacy `try` before its first handler. */
  Try: 6,
  /** A legacy `catch` handler (after `catch x`). */
  Catch: 7,
  /** A legacy `catch_all` handler. */
  CatchAll: 8,
} as const;

/** One of the {@link FrameKind} values. */
export type FrameKind = (typeof FrameKind)[keyof typeof FrameKind];

/**
 * A read-only view of the validator's state while it walks one function, handed to a
 * {@link FunctionVisitor} around every instruction. It is one reused object: query it inside
 * the callback, never keep it. Nothing here allocates.
 */
export interface ValidationState {
  /** The module being validated. */
  readonly module: Module;
  /** Index of the function in the function index space (imports first). */
  readonly funcIndex: number;
  /** Number of operand values currently on the stack (all frames). */
  readonly height: number;
  /**
   * Type of the operand `depth` places below the top (0 is the top), or {@link UNKNOWN_TYPE}
   * for a value the polymorphic stack supplied in unreachable code.
   */
  operandType(depth: number): ValType;
  /** Number of open control frames, the function's own frame included. */
  readonly frameCount: number;
  /** Kind of the frame at label depth `depth` (0 is the innermost). */
  frameKind(depth: number): FrameKind;
  /** Operand-stack height at which the frame at label depth `depth` starts (its params excluded). */
  frameHeight(depth: number): number;
  /**
   * Types carried by a branch to label depth `depth`: the parameters for a `loop`, the
   * results otherwise. The array belongs to the module's types: do not modify it.
   */
  labelTypes(depth: number): readonly ValType[];
  /** Result types of the frame at label depth `depth`. */
  frameResults(depth: number): readonly ValType[];
  /**
   * Parameter types of the frame at label depth `depth`. The function's own frame has none
   * (its parameters are locals, not operands).
   */
  frameParams(depth: number): readonly ValType[];
  /** Whether the rest of the current frame is unreachable (after `br`, `return`, `unreachable`, …). */
  readonly unreachable: boolean;
  /**
   * Types of all locals of the function: parameters first, then declared locals. Built on first
   * request, one entry per local: a body may declare up to 2^32-1 locals in a few bytes, so a
   * consumer bounds the count first (`module.codes[k].localCount`), as rt's engine does.
   */
  readonly localTypes: readonly ValType[];
}

/**
 * Hooks called while a function is validated, so that a consumer (the engine's lowering pass,
 * a profiler, an inspector) learns operand types, stack heights and block structure from the
 * one pass that validation makes anyway, instead of tracking types a second time.
 *
 * For the instruction at index `i` of `module.instructions`, `before` sees the state before
 * the instruction pops its operands, `after` the state after it pushed its results
 * (for `block`/`loop`/`if`/`else` that includes the new frame; for `end`, the closed frame is
 * gone, and after the function's final `end` `frameCount` is 0 and the stack holds its results).
 *
 * The guarantee: a hook only ever sees an instruction the validator has accepted. Each
 * instruction is checked in full (its immediates: labels, functions, types, tables, memories,
 * locals, globals, segments, alignment, lanes; and its operand types) before `before` runs, and
 * nothing of the state changes in between, so `before` sees valid indices and operands that
 * match the instruction's signature. An invalid instruction makes validation throw a
 * `ValidationError` without either hook being called for it (or for anything later); a consumer
 * that builds code while validating discards it when `validate` throws. The function's own
 * `end` is checked like any instruction; module-level rules that come after the bodies (the
 * start function, exports) may still reject the module after every hook has run.
 */
export interface FunctionVisitor {
  /** Called once instruction `i` has been accepted, before it pops its operands. */
  before?(i: number, state: ValidationState): void;
  /** Called after instruction `i` pushed its results. */
  after?(i: number, state: ValidationState): void;
}
