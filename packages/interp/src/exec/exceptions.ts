/**
 * Throwing and catching Wasm exceptions (3.0's exception handling, and the legacy `try`
 * instructions) in the interpreter.
 *
 * `throw` builds a {@link WasmException} and throws it as a JavaScript exception. The interpreter's
 * trap/throw path (`execute`'s `catch`) hands whatever arrives there to {@link catchException},
 * which walks the active frames of that `execute` call from the innermost outwards and looks each
 * one's position up in its function's {@link HandlerRecord}s (made by the lowerer). When a clause
 * matches, the payload and the exception reference are written to the handler's cells and
 * `execute` continues at the handler; otherwise the exception leaves `execute` and reaches the
 * next one out (through host or fast-tier frames) or the embedder.
 *
 * A JavaScript exception thrown by a host function becomes catchable as an exception with tag
 * {@link JS_TAG}; traps never are (nor the JavaScript engine's own stack overflow).
 */
import type { WasmFunction } from '../runtime/func.js';
import type { ModuleInstance } from '../runtime/instance.js';
import type { Store } from '../runtime/store.js';
import { JS_TAG, WasmException } from '../runtime/exception.js';
import { Trap, TrapMessage } from '../runtime/trap.js';
import { Stop } from '../fuel/stop.js';
import type { Value } from '../runtime/values.js';
import type { HandlerRecord } from '../lower/handlers.js';
import { readValue, writeValue } from './value-io.js';

/** `throw x` with the payload in the cells from word `w` of `I`: throws the new exception. */
export function throwTag(store: Store, inst: ModuleInstance, tagIndex: number, I: Int32Array, w: number): never {
  const tag = inst.tags[tagIndex]!;
  const params = tag.type.params;
  const payload: Value[] = new Array<Value>(params.length);
  for (let j = 0; j < params.length; j++) payload[j] = readValue(store, I, w + 4 * j, params[j]!);
  throw new WasmException(tag, payload);
}

/** `throw_ref` (and legacy `rethrow`) of exception reference index `ref`: throws it again. */
export function throwRef(store: Store, ref: number): never {
  if (ref === 0) throw new Trap(TrapMessage.nullExceptionReference);
  throw store.refs[ref] as WasmException;
}

/** The exception `e` stands for inside Wasm, or `null` when Wasm code cannot catch it. */
export function asWasmException(e: unknown): WasmException | null {
  if (e instanceof WasmException) return e;
  // A stop (fuel, suspension) is the engine's, never the guest's to catch.
  if (e instanceof Trap || e instanceof Stop) return null;
  // The JavaScript engine's own stack overflow is the embedder's, as a trap would be.
  if (e instanceof RangeError && e.message.includes('call stack')) return null;
  return new WasmException(JS_TAG, [e], true);
}

/** Where {@link catchException} found a handler: the frame (call depth) and position to continue at. */
export interface Resume {
  /** Call depth of the handling frame. */
  depth: number;
  /** Its function. */
  fn: WasmFunction;
  /** Its frame pointer (words). */
  fp: number;
  /** The handler's position. */
  pc: number;
}

const resume: Resume = { depth: 0, fn: undefined as unknown as WasmFunction, fp: 0, pc: 0 };

/**
 * Looks for a handler of `e` in the frames of one `execute` call: the current one (`fn` at
 * `pc`, frame `fp`, call depth `depth`) and its callers down to depth `baseDepth` (from the
 * store's frame arrays). Positions are those after the instruction that threw or called. On a
 * match, writes the payload (and exception reference) into the handler's frame and returns where
 * to continue (an object reused by every call); else returns `null`.
 */
export function catchException(store: Store, e: unknown, fn: WasmFunction, pc: number, fp: number, baseDepth: number, depth: number): Resume | null {
  let exc: WasmException | null | undefined;
  for (let d = depth; d >= baseDepth; d--) {
    const f = d === depth ? fn : store.frameFuncs[d]!;
    const records = f.handlers;
    if (records.length === 0) continue;
    const at = d === depth ? pc : store.frames[2 * d]!;
    const framePtr = d === depth ? fp : store.frames[2 * d + 1]!;
    if (exc === undefined) exc = asWasmException(e);
    if (exc === null) return null;
    const pad = findClause(store, records, f.instance, exc, at, framePtr);
    if (pad >= 0) {
      resume.depth = d;
      resume.fn = f;
      resume.fp = framePtr;
      resume.pc = pad;
      return resume;
    }
  }
  return null;
}

/** The handler of `exc` at position `at` among `records` (payload written at frame `fp`), or -1. */
function findClause(store: Store, records: readonly HandlerRecord[], inst: ModuleInstance, exc: WasmException, at: number, fp: number): number {
  let outside = Infinity;
  for (const r of records) {
    if (at <= r.start || at > r.end || r.frameIndex > outside) continue;
    if (r.delegate >= 0) {
      outside = r.delegate;
      continue;
    }
    for (const c of r.clauses) {
      if (c.kind < 2 && inst.tags[c.tag] !== exc.tag) continue;
      const I = store.stack.i32;
      if (c.kind < 2) for (let j = 0; j < c.types.length; j++) writeValue(store, I, fp + c.dst + 4 * j, c.types[j]!, exc.payload[j]);
      if (c.exnDst >= 0) I[fp + c.exnDst] = store.externRef(exc);
      return c.pad;
    }
  }
  return -1;
}
