/**
 * Entries at loops: how a fast-tier function is generated so that a running activation can
 * continue in it at a loop header (`loop-entry.ts` makes the call). JavaScript cannot jump into
 * the middle of a function, so the function itself takes the way there.
 *
 * The function gets one more parameter, `E`: `undefined` on an ordinary call, and for an entry a
 * `Float64Array` with the frame's declared locals (its parameters come as the ordinary
 * arguments) and the number `osr` of the loop, the function's entry loops being numbered 1…k
 * in instruction order. While `osr` is not 0, every statement sequence on the way to that loop
 * runs only what leads there:
 * - code before (and between) the blocks that lead to an entry loop runs only when `osr` is 0
 *   (`if (!osr) { … }`), and a block that leads to some entry loops but not to all of its
 *   sequence's is skipped unless it leads to loop `osr` (`if (!osr || osr >= a && osr <= b)`);
 * - an `if` on the way enters the arm that leads there (`if (osr ? osr >= a && osr <= b : c)`,
 *   `osr || c`, `!osr && c`);
 * - the loop clears `osr` just before its header.
 * So the first statement run is the loop's header, and every later pass (`osr` is 0) is the
 * function's own code. Code after a block on the way runs only after it (so with `osr` clear)
 * and needs no test. An ordinary call pays one test of `E`, and the tests of the code around
 * the loops once per pass. Only loops entered with an empty operand stack are entries (every
 * block around one starting with an empty stack and no parameters), which is how compilers
 * leave loops; the generator refuses the others.
 */
import { Op, type Module } from '@rt/binary';

/** A `block`/`loop`/`if` that leads to an entry loop, or an entry loop. */
export interface EntryOpener {
  /** The entries it leads to (its own number included, for an entry loop): `lo` to `hi`. */
  readonly lo: number;
  readonly hi: number;
  /** For an `if`: the entries its `then` arm and its `else` arm lead to (`hi` < `lo` for none). */
  readonly thenLo: number;
  readonly thenHi: number;
  readonly elseLo: number;
  readonly elseHi: number;
}

/** What the generator adds to a function for its entry loops. */
export interface EntryPlan {
  /** The entry loops' instruction indices; entry `k` (from 1) is `loops[k - 1]`. */
  readonly loops: readonly number[];
  /** The openers on the way to an entry loop (entry loops included), by instruction index. */
  readonly openers: ReadonlyMap<number, EntryOpener>;
  /** Statements to emit before the instruction at an index (closing, then opening tests). */
  readonly before: ReadonlyMap<number, readonly string[]>;
  /** Statements to emit after the instruction at an index (the `end` of an opener on the way). */
  readonly after: ReadonlyMap<number, readonly string[]>;
}

/** `osr` is one of entries `lo`…`hi` (assuming it is not 0). */
function inRange(lo: number, hi: number): string {
  return lo === hi ? `osr === ${lo}` : `osr >= ${lo} && osr <= ${hi}`;
}

/** The condition of an `if` on the way to an entry loop, whose own condition is `c`. */
export function entryCondition(o: EntryOpener, c: string): string {
  const inThen = o.thenLo <= o.thenHi;
  const inElse = o.elseLo <= o.elseHi;
  if (inThen && inElse) return `osr ? ${inRange(o.thenLo, o.thenHi)} : ${c}`;
  return inThen ? `osr || ${c}` : `!osr && ${c}`;
}

interface Open {
  readonly at: number;
  readonly op: number;
  /** The entry number if it is an entry loop, else 0. */
  readonly id: number;
  /** Whether its `else` was seen. */
  inElse: boolean;
  lo: number;
  hi: number;
  thenLo: number;
  thenHi: number;
  elseLo: number;
  elseHi: number;
  /** Children on the way to an entry, per arm (`then`, `else`; one for other blocks): opener index and end index. */
  readonly children: { at: number; end: number; lo: number; hi: number }[][];
  /** First instruction of each arm. */
  readonly starts: number[];
}

/**
 * The plan for entries at the loops at instruction indices `loops` (sorted, each a `loop` of
 * `body`), or `null` if one of them is not a loop of the body or the body has a construct the
 * plan does not handle (exception handlers, which the fast tier refuses anyway).
 */
export function entryPlan(m: Module, body: { readonly start: number; readonly end: number }, loops: readonly number[]): EntryPlan | null {
  const ops = m.instructions.ops;
  const ids = new Map<number, number>();
  loops.forEach((at, k) => ids.set(at, k + 1));
  for (const at of loops) if (at < body.start || at >= body.end || ops[at] !== Op.loop) return null;
  const none = (): Pick<Open, 'lo' | 'hi' | 'thenLo' | 'thenHi' | 'elseLo' | 'elseHi'> => ({
    lo: Infinity, hi: -Infinity, thenLo: Infinity, thenHi: -Infinity, elseLo: Infinity, elseHi: -Infinity,
  });
  const func: Open = { at: -1, op: Op.block, id: 0, inElse: false, ...none(), children: [[]], starts: [body.start] };
  const stack: Open[] = [func];
  const openers = new Map<number, EntryOpener>();
  const before = new Map<number, string[]>();
  const after = new Map<number, string[]>();
  for (let i = body.start; i < body.end; i++) {
    const op = ops[i]!;
    if (op === Op.try || op === Op.try_table) return null;
    if (op === Op.block || op === Op.loop || op === Op.if) {
      const id = ids.get(i) ?? 0;
      const o: Open = { at: i, op, id, inElse: false, ...none(), children: [[], []], starts: [i + 1] };
      stack.push(o);
      if (id > 0) {
        // Its number counts for it and for every block around it, in the arm that holds it.
        for (const outer of stack) {
          outer.lo = Math.min(outer.lo, id);
          outer.hi = Math.max(outer.hi, id);
          if (outer === o) continue;
          if (outer.inElse) {
            outer.elseLo = Math.min(outer.elseLo, id);
            outer.elseHi = Math.max(outer.elseHi, id);
          } else {
            outer.thenLo = Math.min(outer.thenLo, id);
            outer.thenHi = Math.max(outer.thenHi, id);
          }
        }
      }
    } else if (op === Op.else) {
      const o = stack[stack.length - 1]!;
      o.inElse = true;
      o.starts.push(i + 1);
    } else if (op === Op.end) {
      if (stack.length === 1) break;
      const o = stack.pop()!;
      if (o.lo > o.hi) continue;
      openers.set(o.at, { lo: o.lo, hi: o.hi, thenLo: o.thenLo, thenHi: o.thenHi, elseLo: o.elseLo, elseHi: o.elseHi });
      const parent = stack[stack.length - 1]!;
      parent.children[parent.inElse ? 1 : 0]!.push({ at: o.at, end: i, lo: o.lo, hi: o.hi });
      addTests(o, ids, before, after);
    }
  }
  addTests(func, ids, before, after);
  return { loops, openers, before, after };
}

function add(map: Map<number, string[]>, at: number, line: string): void {
  const lines = map.get(at);
  if (lines === undefined) map.set(at, [line]);
  else lines.push(line);
}

/** The tests of `o`'s statement sequences (its arms) around their children on the way to entries. */
function addTests(o: Open, ids: ReadonlyMap<number, number>, before: Map<number, string[]>, after: Map<number, string[]>): void {
  for (let arm = 0; arm < o.starts.length; arm++) {
    const children = o.children[arm]!;
    // The entries this sequence leads to: those strictly inside `o`, in this arm.
    const lo = arm === 0 ? o.thenLo : o.elseLo;
    const hi = arm === 0 ? o.thenHi : o.elseHi;
    let from = o.starts[arm]!;
    for (const c of children) {
      // The code before it (from the sequence's start, or the previous child's end) leads nowhere.
      if (from < c.at) {
        add(before, from, 'if (!osr) {');
        add(before, c.at, '}');
      }
      if (c.lo !== lo || c.hi !== hi) {
        add(before, c.at, `if (!osr || ${inRange(c.lo, c.hi)}) {`);
        add(after, c.end, '}');
      }
      const id = ids.get(c.at);
      if (id !== undefined) add(before, c.at, c.lo === c.hi ? 'osr = 0;' : `if (osr === ${id}) osr = 0;`);
      from = c.end + 1;
    }
  }
}
