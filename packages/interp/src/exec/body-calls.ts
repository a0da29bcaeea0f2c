/**
 * Calls that frame-layout compiled code (`jit.ts`) makes itself: a direct `call` of a function
 * the fast tier has compiled is a JavaScript call from the body, instead of a return to the
 * interpreter, which would make the call and then enter the body again (for an eval loop in
 * chunks, the dispatcher, a chunk's prologue and its `switch`, on every call).
 *
 * The call is the interpreter's own call sequence ({@link callFast}, which the interpreter uses
 * too), so depth, stack and backtraces are the same. What differs is where an exception leaves
 * it: through the body, which stores its i32 variables back into the frame and names the return
 * position ({@link callFailed}), so the interpreter's handler sees its frame exactly as after a
 * call of its own: a trap's backtrace, a Wasm exception's handler and a stop's continuation
 * (fuel, suspension) all read the call's return position and arguments.
 */
import type { WasmFunction } from '../runtime/func.js';
import type { Store } from '../runtime/store.js';
import { afterCall } from '../runtime/backtrace.js';
import { Trap } from '../runtime/trap.js';
import { callCompiled } from '../fast/tier.js';
import { enterLoop, type LoopEntry } from '../fast/loop-entry.js';

/**
 * Calls fast-tier function `callee` from `caller`'s frame at word `fp`, its arguments (and then
 * results) at word `fp + argw`, at call depth `depth`. With `at`, the callee's frame is there
 * already, running, and continues in the fast tier at one of its loops (`fast/loop-entry.ts`).
 */
export function callFast(store: Store, caller: WasmFunction, callee: WasmFunction, fp: number, argw: number, depth: number, at?: LoopEntry): void {
  const savedTop = store.stackTop;
  // The callee's own frames (host calls, interpreted callees) go above the caller's.
  store.stackTop = (fp >> 2) + caller.frameSize;
  store.callDepth = depth;
  try {
    if (at === undefined) callCompiled(store, callee, fp + argw);
    else enterLoop(store, callee, at, fp + argw);
  } catch (e) {
    if (e instanceof Trap) afterCall(e);
    throw e;
  } finally {
    store.stackTop = savedTop;
  }
}

/** Rethrows `e`, out of a call compiled code made that returns to `returnPc` with arguments at `argw`. */
export function callFailed(store: Store, e: unknown, returnPc: number, argw: number): never {
  store.bodyCallPc = returnPc;
  store.bodyCallArgw = argw;
  throw e;
}
