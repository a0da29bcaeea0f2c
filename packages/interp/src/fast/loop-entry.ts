/**
 * Entering the fast tier in the middle of a running activation, at a loop header ("on-stack
 * replacement"). A function called once that loops for the whole run (a `main`, a benchmark's
 * driver) tiers up while its only activation is in the interpreter; without this, that
 * activation would finish in the frame-layout tier, several times slower than the fast tier.
 *
 * The entry is the function's own generated code, generated again with an entry at that loop
 * (`entry-plan.ts`): the same JavaScript function then serves the activation and every later
 * call, so the JavaScript engine optimises one function, not two. The interpreter passes the
 * frame's locals; the call *replaces* the frame (its depth, its place in backtraces, its
 * results), and the frame's caller continues as after a call of a fast-tier function, so a trap,
 * a Wasm exception or a stop (fuel, suspension) out of it is seen exactly as one out of that
 * call.
 */
import { definedIndex, type WasmFunction } from '../runtime/func.js';
import type { Store } from '../runtime/store.js';
import { cellArguments, versionWithEntry, writeResults, type FastVersion } from './tier.js';
import { f32n } from './helpers.js';

/** An entry at one loop of one function instance. */
export interface LoopEntry {
  /** The version of the function it enters. */
  readonly version: FastVersion;
  /** The loop's number among the version's entries. */
  readonly id: number;
  readonly caller: LocalsCaller;
}

/**
 * Calls `fn.fastCall` at call depth `depth` with the locals of the frame at word `w`: the
 * parameters as arguments, the declared locals in `E` (then entry number `id`).
 */
type LocalsCaller = (fn: WasmFunction, I: Int32Array, F: Float64Array, w: number, f32: typeof f32n, E: Float64Array, id: number, depth: number) => number | undefined;

/** Per function instance: its entries by the lowered position of their `LOOP`, `null` where there is none. */
const entriesOf = new WeakMap<WasmFunction, Map<number, LoopEntry | null>>();

/**
 * The entry into fast-tier function `fn` at its loop whose `LOOP` instruction is at `pc` of its
 * lowered code (generated on first use), or `null` if the tier cannot enter there (a loop
 * entered with values on the operand stack, or a body the generator refuses).
 */
export function loopEntry(fn: WasmFunction, pc: number): LoopEntry | null {
  let entries = entriesOf.get(fn);
  if (entries === undefined) entriesOf.set(fn, (entries = new Map()));
  let entry = entries.get(pc);
  // (Another loop's entry may have replaced the function's version since this one was made.)
  if (entry === undefined || (entry !== null && versionWithEntry(fn, entry.version.loops[entry.id - 1]!) !== entry.version)) {
    entry = createEntry(fn, pc);
    entries.set(pc, entry);
  }
  return entry;
}

function createEntry(fn: WasmFunction, pc: number): LoopEntry | null {
  const compiled = fn.instance.module;
  const defined = definedIndex(fn);
  const loops = compiled.lower(defined).loops;
  let loop = -1;
  for (let j = 0; j < loops.length; j += 2) if (loops[j] === pc) loop = loops[j + 1]!;
  if (loop < 0) return null;
  const version = versionWithEntry(fn, loop);
  if (version === null) return null;
  const caller = localsCallerOf(fn, compiled.module.codes[defined]!.locals);
  return caller === null ? null : { version, id: version.loops.indexOf(loop) + 1, caller };
}

/** Locals callers by parameter and declared local types (`null` if the JavaScript engine refused one). */
const localsCallers = new Map<string, LocalsCaller | null>();

/** The caller passing the locals of a frame of `fn` (one cell each) in the fast convention. */
function localsCallerOf(fn: WasmFunction, declared: readonly { readonly type: number; readonly count: number }[]): LocalsCaller | null {
  const params = fn.type.params;
  const locals: number[] = [];
  for (const g of declared) for (let j = 0; j < g.count; j++) locals.push(g.type);
  const key = `${params.join(',')};${locals.join(',')}`;
  let caller = localsCallers.get(key);
  if (caller === undefined) {
    // The parameters are the ordinary arguments, the declared locals (the next cells) go to `E`.
    const args = cellArguments(params);
    const writes = cellArguments([...params, ...locals]).slice(args.length).map((v, k) => `E[${k}] = ${v};`);
    const k = writes.length;
    try {
      caller = new Function(
        'fn', 'I', 'F', 'w', 'f32', 'E', 'id', 'd',
        `${writes.join(' ')} E[${k}] = id; return fn.fastCall(${['d', ...args, 'E'].join(', ')});`,
      ) as LocalsCaller;
    } catch {
      caller = null;
    }
    localsCallers.set(key, caller);
  }
  return caller;
}

let scratch = new Float64Array(64);

/**
 * Continues the activation of `fn` whose frame is at word `w` at `entry`'s loop, and writes its
 * results there, where its caller expects them. `store.callDepth` must count the frames below
 * it (the function counts its own); the frame's cells are free once the call has begun.
 */
export function enterLoop(store: Store, fn: WasmFunction, entry: LoopEntry, w: number): void {
  const n = 2 * fn.localCount + 1;
  if (scratch.length < n) scratch = new Float64Array(2 * n);
  // (The function copies `E` out before it runs anything, so one scratch serves every entry.)
  const r0 = entry.caller(fn, store.stack.i32, store.stack.f64, w, f32n, scratch, entry.id, store.callDepth + 1);
  writeResults(store, fn.type.results, r0, w);
}
