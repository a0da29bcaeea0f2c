/**
 * Wasm backtraces: the frames a {@link Trap} carries in {@link Trap.wasmFrames}.
 *
 * Nothing is tracked while code runs. The interpreter already keeps every caller's return
 * position and function in the store's frame arrays (`store.frames`, `store.frameFuncs`) and the
 * current one in local variables, so the frames are read off once, when a trap passes out of the
 * dispatch loop, before anything unwinds them. Positions are mapped back to byte offsets with the
 * module's trap-site table (`lower/trap-sites.ts`).
 * @packageDocumentation
 */
import type { CompiledModule } from '../lower/compiled-module.js';
import { trapSiteOffset } from '../lower/trap-sites.js';
import { definedIndex, type WasmFunction } from './func.js';
import type { Store } from './store.js';
import type { Trap } from './trap.js';

/** One active Wasm frame of a trap. */
export interface WasmFrame {
  /** Index of the function in its module's function index space. */
  readonly funcIndex: number;
  /**
   * Absolute byte offset in the module binary of the instruction executing in the frame: the
   * trapping instruction (innermost frame) or the call (callers).
   */
  readonly offset: number;
  /** The module the function belongs to (frames of one stack can come from different modules). */
  readonly module: CompiledModule;
  /** The module's name from its name section, or `null`. */
  readonly moduleName: string | null;
}

/**
 * Most frames a trap keeps. Deep recursion (the usual cause of call-stack exhaustion) can have
 * tens of thousands; the innermost ones are what a reader needs, the rest are only counted
 * ({@link Trap.wasmFramesOmitted}).
 */
export const MAX_WASM_FRAMES = 100;

/**
 * Appends `fn`'s frame at byte offset `offset` to `trap`'s backtrace (starting it if it has none),
 * or only counts it past {@link MAX_WASM_FRAMES}. The fast tier's generated functions call this
 * as a trap leaves them: the innermost with the trapping instruction, each caller with its call.
 */
export function pushFrameAt(trap: Trap, fn: WasmFunction, offset: number): void {
  const frames = (trap.wasmFrames ??= []);
  if (frames.length >= MAX_WASM_FRAMES) {
    trap.wasmFramesOmitted++;
    return;
  }
  const compiled = fn.instance.module;
  frames.push({ funcIndex: fn.index, offset, module: compiled, moduleName: compiled.module.names?.module ?? null });
}

function pushFrame(trap: Trap, fn: WasmFunction, pc: number): void {
  const compiled = fn.instance.module;
  let offset = trapSiteOffset(fn.trapSites, pc);
  // Not expected (every trap and call site has an entry); the function's first instruction
  // still points the reader at the right function.
  if (offset < 0 || pc >= fn.end) {
    const m = compiled.module;
    const body = m.codes[definedIndex(fn)]!.code;
    offset = m.instructions.offsets[body.start]!;
  }
  pushFrameAt(trap, fn, offset);
}

/**
 * Appends to `trap` the frames of one run of the dispatch loop (innermost first): the current
 * function `fn` at position `pc`, then the callers saved in the store from depth `depth - 1`
 * down to `baseDepth`.
 *
 * `pc` is the trapping instruction's position when the trap has no frames yet, and a return
 * position (just after a call) when it has: a trap coming back out of a host call (host → Wasm
 * re-entry) or raised by the call sequence itself. The trap then carries an array already, which
 * is how the caller marks it (see `afterCall`).
 */
export function recordFrames(store: Store, trap: Trap, fn: WasmFunction, pc: number, baseDepth: number, depth: number): void {
  if (trap.wasmFrames === undefined) {
    trap.wasmFrames = [];
    if (trap.sitePc >= 0) pc = trap.sitePc;
    trap.sitePc = -1;
    pushFrame(trap, fn, pc);
  } else {
    pushFrame(trap, fn, pc - 1);
  }
  const saved = store.frames;
  const funcs = store.frameFuncs;
  for (let d = depth - 1; d >= baseDepth; d--) {
    if (trap.wasmFrames.length >= MAX_WASM_FRAMES) {
      // Only counting from here on.
      trap.wasmFramesOmitted += d - baseDepth + 1;
      return;
    }
    pushFrame(trap, funcs[d]!, saved[2 * d]! - 1);
  }
}

/**
 * Marks `trap` as raised at (or coming back through) a call, so that {@link recordFrames} reads
 * the current position as a return position. Returns it.
 */
export function afterCall(trap: Trap): Trap {
  trap.wasmFrames ??= [];
  return trap;
}
