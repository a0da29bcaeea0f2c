/**
 * Frames in and out of a {@link Continuation}: what each tier's frame leaves behind when a
 * {@link Stop} unwinds it, and how the interpreter's frames are rebuilt from them.
 * @packageDocumentation
 */
import { ValType } from '@rt/binary';
import type { CompiledModule } from '../lower/compiled-module.js';
import { L } from '../lower/ops.js';
import { ensureLowered, type WasmFunction } from '../runtime/func.js';
import type { Store } from '../runtime/store.js';
import { Trap, TrapMessage } from '../runtime/trap.js';
import { f32b } from '../fast/helpers.js';
import type { Continuation, InterpSegment, ResumeFrame, Stop } from './stop.js';

/** Where a fast-tier frame stood when a {@link Stop} left it (recorded by the code generator). */
export interface FastSite {
  /** A checkpoint at the function's entry or a loop's header, or a call. */
  readonly kind: 'entry' | 'loop' | 'call';
  /** Types of the operand stack's values (below a call's arguments), bottom first. */
  readonly stack: readonly number[];
  /**
   * For each of them: `null` if it is in its stack variable, else (a literal) where the frame's
   * `catch` captured its value, as an index from the function's `extrasStart` (an i64's two halves
   * at that index and the next).
   */
  readonly literals: readonly (number | null)[];
}

/** The `site` value of a fast-tier frame stopped at its entry checkpoint. */
export const ENTRY_SITE = -1;

/**
 * Adds a fast-tier frame to `stop`, in the interpreter's layout: `fn` stood at `site` (a byte
 * offset, or {@link ENTRY_SITE}) with `vals`, its locals then its stack variables `s0, s0h, s1, …`
 * in the fast calling convention (read before anything else runs: a shared scratch), and the
 * local and site types of its generated code.
 */
export function leaveFastFrame(stop: Stop, fn: WasmFunction, site: number, vals: Float64Array, localTypes: readonly number[], sites: ReadonlyMap<number, FastSite>, extrasStart: number): void {
  // The interpreter resumes the frame: in lowered code, which a function compiled before its
  // first run does not have yet.
  ensureLowered(fn);
  const code = fn.code;
  const words = new Int32Array(4 * fn.frameSize);
  // An f64 is copied as its bits (a NaN's payload and signalling bit included).
  const valBits = new Int32Array(vals.buffer, vals.byteOffset, vals.length * 2);
  const write = (t: number, w: number, from: Float64Array, k: number): number => {
    if (t === ValType.i64) {
      words[w] = from[k]!;
      words[w + 1] = from[k + 1]!;
      return 2;
    }
    if (t === ValType.f64) {
      words[w] = valBits[2 * k]!;
      words[w + 1] = valBits[2 * k + 1]!;
    } else if (t === ValType.f32) words[w] = f32b(from[k]!);
    else words[w] = from[k]!;
    return 1;
  };
  let k = 0;
  for (let j = 0; j < localTypes.length; j++) k += write(localTypes[j]!, 4 * j, vals, k);
  // The constant cells the entry instruction fills (see the lowerer's `collectConstants`).
  let constCount = 0;
  if (code[fn.entry] === L.CONSTS) {
    constCount = code[fn.entry + 2]!;
    for (let j = 0; j < constCount; j++) {
      words[4 * (fn.localCount + j)] = code[fn.entry + 3 + 2 * j]!;
      words[4 * (fn.localCount + j) + 1] = code[fn.entry + 4 + 2 * j]!;
    }
  }
  const home = fn.localCount + constCount;
  if (site === ENTRY_SITE) {
    stop.frames.push({ kind: 'frame', fn, pc: fn.entry, calleeOffset: 0, words });
    return;
  }
  const at = sites.get(site)!;
  // Stack variable `h` is at `vals[k + 2h]` (each has a high-half companion).
  for (let h = 0; h < at.stack.length; h++) {
    const literal = at.literals[h]!;
    write(at.stack[h]!, 4 * (home + h), vals, literal === null ? k + 2 * h : extrasStart + literal);
  }
  if (at.kind === 'loop') stop.frames.push({ kind: 'frame', fn, pc: loopCheckpointOf(fn.instance.module, site), calleeOffset: 0, words });
  else stop.frames.push({ kind: 'frame', fn, pc: afterCallOf(fn, site), calleeOffset: 4 * (home + at.stack.length), words });
}

/** Lowered position of the checkpoint of the loop at byte offset `offset`. */
function loopCheckpointOf(compiled: CompiledModule, offset: number): number {
  const pc = compiled.loopCheckpoints?.get(offset);
  if (pc === undefined) throw new Error(`rt: no checkpoint for the loop at byte ${offset}`);
  return pc;
}

/** Per function's trap-site table: byte offset of each call instruction → lowered position after it. */
const afterCalls = new WeakMap<Int32Array, Map<number, number>>();

/** Position in `fn`'s lowered code right after its call instruction at byte offset `offset` (its return address). */
function afterCallOf(fn: WasmFunction, offset: number): number {
  const t = fn.trapSites;
  let map = afterCalls.get(t);
  if (map === undefined) {
    // The trap-site table has an entry for every call: its end is where the caller continues.
    map = new Map();
    for (let j = 0; j < t.length; j += 2) map.set(t[j + 1]!, t[j]!);
    afterCalls.set(t, map);
  }
  const pc = map.get(offset);
  if (pc === undefined) throw new Error(`rt: no lowered call at byte ${offset}`);
  return pc;
}

/**
 * Copies the frames of `cont`'s attached segments off the value stack and the frame arrays, so
 * that other calls may use them; `cont` can then be resumed anywhere.
 */
export function detach(store: Store, cont: Continuation): void {
  if (store.attached === cont) store.attached = null;
  if (!cont.frames.some((f) => f.kind === 'interp')) return;
  const I = store.stack.i32;
  const frames: ResumeFrame[] = [];
  for (const seg of cont.frames) {
    if (seg.kind === 'frame') {
      frames.push(seg);
      continue;
    }
    frames.push({ kind: 'frame', fn: seg.fn, pc: seg.pc, calleeOffset: seg.argw, words: I.slice(seg.fp, seg.fp + 4 * seg.fn.frameSize) });
    let above = seg.fp;
    for (let d = seg.depth - 1; d >= seg.baseDepth; d--) {
      const caller = store.frameFuncs[d]!;
      const callerFp = store.frames[2 * d + 1]!;
      frames.push({ kind: 'frame', fn: caller, pc: store.frames[2 * d]!, calleeOffset: above - callerFp, words: I.slice(callerFp, callerFp + 4 * caller.frameSize) });
      above = callerFp;
    }
    // The frame arrays no longer keep the callers (and their instances) alive.
    store.frameFuncs.fill(undefined, seg.baseDepth, seg.depth);
  }
  cont.frames = frames;
}

/** Drops `cont` for good: its frames are released (nothing is copied, since nothing resumes it). */
export function release(store: Store, cont: Continuation): void {
  if (store.attached === cont) store.attached = null;
  for (const seg of cont.frames) if (seg.kind === 'interp') store.frameFuncs.fill(undefined, seg.baseDepth, seg.depth);
  cont.frames = [];
}

/** Where the interpreter continues a resumed call: its innermost frame. */
export interface ResumePoint {
  readonly fn: WasmFunction;
  readonly pc: number;
  /** The frame's first cell. */
  readonly fpCell: number;
  /** How many frames are below it, from `store.callDepth` on. */
  readonly depth: number;
  /** See {@link ResumeFrame.calleeOffset}. */
  readonly calleeOffset: number;
}

/**
 * Puts `cont`'s frames back for the interpreter, from value-stack cell `base` and frame depth
 * `store.callDepth`: in place when it is still attached there, else rebuilt from its copies.
 */
export function reattach(store: Store, cont: Continuation, base: number): ResumePoint {
  const d0 = store.callDepth;
  // In place: nothing ran since the stop, the call resumes at the same spot, and the one segment
  // on the stack is the outermost (fast frames above it are written above its innermost frame).
  const interp = cont.frames.findIndex((f) => f.kind === 'interp');
  const inPlace = store.attached === cont && base === cont.base && d0 === cont.baseDepth && interp === cont.frames.length - 1;
  if (!inPlace) detach(store, cont);
  store.attached = null;
  const frames = cont.frames;
  const outermost = frames[frames.length - 1]!;
  const I = store.stack.i32;
  let k = frames.length - 1;
  let top: { fn: WasmFunction; pc: number; fp: number; depth: number; calleeOffset: number };
  if (inPlace) {
    const seg = outermost as InterpSegment;
    top = { fn: seg.fn, pc: seg.pc, fp: seg.fp, depth: seg.depth, calleeOffset: seg.argw };
  } else {
    const f = frames[k] as ResumeFrame;
    if (4 * base + f.words.length > I.length) throw new Trap(TrapMessage.callStackExhausted);
    I.set(f.words, 4 * base);
    top = { fn: f.fn, pc: f.pc, fp: 4 * base, depth: d0, calleeOffset: f.calleeOffset };
  }
  for (k--; k >= 0; k--) {
    const f = frames[k] as ResumeFrame;
    const fp = top.fp + top.calleeOffset;
    if (fp + f.words.length > I.length || top.depth + 1 >= store.limits.maxCallDepth) throw new Trap(TrapMessage.callStackExhausted);
    store.frames[2 * top.depth] = top.pc;
    store.frames[2 * top.depth + 1] = top.fp;
    store.frameFuncs[top.depth] = top.fn;
    I.set(f.words, fp);
    top = { fn: f.fn, pc: f.pc, fp, depth: top.depth + 1, calleeOffset: f.calleeOffset };
  }
  return { fn: top.fn, pc: top.pc, fpCell: top.fp >> 2, depth: top.depth - d0, calleeOffset: top.calleeOffset };
}
