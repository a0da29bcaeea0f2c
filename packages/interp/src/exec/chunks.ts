/**
 * Large functions in the frame-layout tier: compiled as several bodies ("chunks") of consecutive
 * lowered code, each small enough for V8 to optimise.
 *
 * V8 does not optimise a function whose bytecode is too large, and a big compiled body run by
 * V8's bytecode interpreter is slower than our own dispatch loop, so `compileBody` declines
 * functions over `MAX_COMPILED_WORDS`. The biggest functions are often the hottest: an
 * interpreter's eval loop (CPython's is one loop around a `switch` of 42 000 instructions) runs
 * for the whole program and cannot be compiled loop by loop either, since its one loop is the
 * whole function. Cut into chunks, each chunk is an ordinary compiled body over its range that
 * can be entered at any of the function's labels inside it; a jump to a label in another chunk
 * (or falling off the end of one) returns that position, and the dispatcher here enters the
 * chunk holding it. A chunk returns a position inside itself only at an instruction the
 * interpreter performs (a call, a return, a spent fuel checkpoint), which the dispatcher hands
 * back to the interpreter, so to the interpreter the chunks together are one compiled body.
 *
 * Cuts avoid splitting a loop that fits in one chunk, so inner loops run without leaving their
 * chunk. A chunk using an instruction the translator does not handle is left out: entering it
 * returns to the interpreter, which runs it.
 */
import { L } from '../lower/ops.js';
import { branchTargets, compileBody, compiledWords, labelsOf, length, type CompiledBody } from './jit.js';

/** Largest chunk, in lowered words. */
const CHUNK_WORDS = 500;

/**
 * The lowered code `[start, end)` cut into ranges of at most {@link CHUNK_WORDS} words at
 * instruction boundaries, never inside a loop that would fit in one range. Returns `null` if an
 * instruction's length is unknown to the translator.
 */
export function chunkRanges(c: Int32Array, start: number, end: number): [number, number][] | null {
  const cases = dispatchCases(c, start, end);
  if (cases === null) return null;
  const ranges: [number, number][] = [];
  let from = start;
  // The outermost loop opened in the current range that fits in a range of its own.
  let loopStart = -1;
  let loopEnd = -1;
  // The last start of an eval loop's case in the current range.
  let caseStart = -1;
  for (let p = start; p < end; ) {
    const n = length(c, p);
    if (p >= loopEnd) loopStart = -1;
    if (loopStart < 0 && c[p] === L.LOOP && c[p + 1]! - p <= CHUNK_WORDS) {
      loopStart = p;
      loopEnd = c[p + 1]!;
    }
    if (p + n - from > CHUNK_WORDS && p > from) {
      // Cut before the open loop if it started after this range did; else before the last
      // case that started in its second half, so that a case runs without leaving its chunk;
      // else here.
      const cut = loopStart > from ? loopStart : caseStart - from >= CHUNK_WORDS / 2 ? caseStart : p;
      ranges.push([from, cut]);
      from = cut;
    }
    if (cases.has(p)) caseStart = p;
    p += n;
  }
  ranges.push([from, end]);
  return ranges;
}

/**
 * The cases of the eval loops in `[start, end)`: the targets of every `br_table` of at least
 * {@link DISPATCH_TARGETS} distinct targets. `null` if an instruction's length is unknown.
 */
function dispatchCases(c: Int32Array, start: number, end: number): Set<number> | null {
  const cases = new Set<number>();
  for (let p = start; p < end; ) {
    const n = length(c, p);
    if (n < 0) return null;
    if (c[p] === L.BR_TABLE) {
      const targets = new Set(branchTargets(c, p));
      if (targets.size >= DISPATCH_TARGETS) for (const t of targets) cases.add(t);
    }
    p += n;
  }
  return cases;
}

/** Most words of the shared trace (below) copied into every chunk. */
const TRACE_WORDS = 256;

/** Fewest branches into a label for it to start a shared trace. */
const TRACE_MIN_JOINS = 8;

/**
 * The shared trace of `[entry, end)`: the code at the label most branches lead to, followed
 * through unconditional branches up to a `br_table`, a return or {@link TRACE_WORDS} words, as
 * instruction-aligned ranges. An interpreter's eval loop ends every opcode's case with a branch
 * to the same join, which leads to its loop header and the `br_table` over the opcodes: a copy of
 * it in every chunk turns "case, join, header, next case" from three chunk crossings into at
 * most one. Empty when no label is a join of {@link TRACE_MIN_JOINS} branches.
 */
export function sharedTrace(c: Int32Array, entry: number, end: number): [number, number][] {
  const joins = new Map<number, number>();
  const join = (t: number) => joins.set(t, (joins.get(t) ?? 0) + 1);
  for (let p = entry; p < end; ) {
    const n = length(c, p);
    if (n < 0) return [];
    // A `br_table` counts once per distinct target.
    for (const t of new Set(branchTargets(c, p))) join(t);
    p += n;
  }
  let best = -1;
  let most = TRACE_MIN_JOINS - 1;
  for (const [t, k] of joins) if (k > most || (k === most && best >= 0 && t < best)) [best, most] = [t, k];
  if (best < 0) return [];
  const ranges: [number, number][] = [];
  const covered = (q: number) => ranges.some(([a, b]) => q >= a && q < b);
  let words = 0;
  let from = best;
  let p = best;
  for (;;) {
    if (p >= end || covered(p)) break;
    const n = length(c, p);
    // Every chunk carries the trace, so it stays small; an eval loop's `br_table` is one
    // lookup, however many targets it has.
    const w = compiledWords(c, p);
    if (words + w > TRACE_WORDS) break;
    const op = c[p]!;
    p += n;
    words += w;
    if (op === L.BR) {
      ranges.push([from, p]);
      from = p = c[p - n + 1]!;
      continue;
    }
    if (op === L.BR_TABLE || op === L.RETURN || op === L.UNREACHABLE) break;
  }
  if (p > from) ranges.push([from, p]);
  return ranges;
}

/** `ranges` without the words of `[from, to)`. */
function without(ranges: readonly [number, number][], from: number, to: number): [number, number][] {
  const rest: [number, number][] = [];
  for (const [a, b] of ranges) {
    if (b <= from || a >= to) rest.push([a, b]);
    else {
      if (a < from) rest.push([a, from]);
      if (b > to) rest.push([to, b]);
    }
  }
  return rest;
}

/** Fewest targets of a `br_table` for it to count as an eval loop's dispatch. */
const DISPATCH_TARGETS = 64;

/** Fewest lowered words per case of an eval loop for its chunks to beat the interpreter. */
const MIN_CASE_WORDS = 128;

/**
 * Whether `[entry, end)` is an eval loop with small cases: a `br_table` of at least
 * {@link DISPATCH_TARGETS} distinct targets, and fewer than {@link MIN_CASE_WORDS} words of the
 * function per target. Nearly every case then ends in a chunk crossing (~150 ns), which costs
 * more than the interpreter takes for a small case: an eval loop of 1 000 cases of ~15 words ran
 * 4x slower in chunks than interpreted, while CPython's (~320 words per case) runs 25–35% faster.
 */
function smallCases(c: Int32Array, entry: number, end: number): boolean {
  let targets = 0;
  for (let p = entry; p < end; p += length(c, p)) {
    if (c[p] === L.BR_TABLE) targets = Math.max(targets, new Set(branchTargets(c, p)).size);
  }
  return targets >= DISPATCH_TARGETS && (end - entry) / targets < MIN_CASE_WORDS;
}

/**
 * Compiles the function body `[entry, end)` of `c` as chunks (`callsFast` as for `compileBody`) behind one dispatcher with the
 * {@link CompiledBody} contract. Returns `null` when no chunk compiles.
 */
export function compileChunks(
  c: Int32Array,
  entry: number,
  end: number,
  i32Locals: readonly number[],
  singleUse: Uint8Array | undefined,
  callsFast: boolean,
): CompiledBody | null {
  const labels = labelsOf(c, entry, end);
  const ranges = chunkRanges(c, entry, end);
  if (labels === null || ranges === null || smallCases(c, entry, end)) return null;
  for (const [from] of ranges) labels.add(from);
  const trace = sharedTrace(c, entry, end);
  // Where a copy of the trace stops, its owner continues.
  for (const [, to] of trace) labels.add(to);
  const inTrace = new Uint8Array(end - entry);
  for (const [a, b] of trace) inTrace.fill(1, a - entry, b - entry);
  const bodies: CompiledBody[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  // Label (relative to the entry) → index of the compiled chunk that holds it, or -1.
  const chunkAt = new Int32Array(end - entry).fill(-1);
  for (const [from, to] of ranges) {
    const body =
      compileBody(c, entry, from, to, i32Locals, singleUse, labels, without(trace, from, to), callsFast) ??
      compileBody(c, entry, from, to, i32Locals, singleUse, labels, [], callsFast);
    if (body === null) continue;
    const k = bodies.length;
    bodies.push(body);
    starts.push(from);
    ends.push(to);
    for (const p of labels) if (p >= from && p < to) chunkAt[p - entry] = k;
  }
  if (bodies.length === 0) return null;
  return function chunked(S, fp, pc, inst, mem, depth, fn) {
    for (;;) {
      const k = pc >= entry && pc < end ? chunkAt[pc - entry]! : -1;
      // A position in a chunk that did not compile: the interpreter runs it.
      if (k < 0) return pc;
      pc = bodies[k]!(S, fp, pc, inst, mem, depth, fn);
      // Inside its own code: an instruction for the interpreter (call, return, fuel).
      if ((pc >= starts[k]! && pc < ends[k]!) || inTrace[pc - entry] === 1) return pc;
    }
  };
}
