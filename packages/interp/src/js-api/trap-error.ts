/**
 * A core {@link Trap} as the JS API's `RuntimeError`, keeping its Wasm backtrace: the same
 * `wasmFrames` (and `wasmFramesOmitted`) properties, and the frames in `stack` in V8's layout
 * (`    at name (wasm-function[3]:0x2a)`), so tools that read native stacks read ours.
 */
import type { WasmFrame } from '../runtime/backtrace.js';
import type { Trap } from '../runtime/trap.js';
import { RuntimeError } from './errors.js';

/** One `stack` line for `frame`, as V8 writes a Wasm frame. */
function stackLine(frame: WasmFrame): string {
  const name = frame.module.module.names?.functions.get(frame.funcIndex);
  const at = `wasm-function[${frame.funcIndex}]:0x${frame.offset.toString(16)}`;
  return name === undefined ? `    at ${at}` : `    at ${name} (${at})`;
}

/** The `RuntimeError` for `trap`, with its message and backtrace. */
export function runtimeErrorOf(trap: Trap): RuntimeError {
  const error = new RuntimeError(trap.message);
  const frames = trap.wasmFrames;
  if (frames === undefined) return error;
  // Not enumerable, as on `Trap`: errors compared by enumerable properties stay equal.
  const hidden = { writable: true, enumerable: false, configurable: true };
  Object.defineProperties(error, {
    wasmFrames: { ...hidden, value: frames },
    wasmFramesOmitted: { ...hidden, value: trap.wasmFramesOmitted },
  });
  const stack = error.stack;
  if (typeof stack === 'string' && frames.length > 0) {
    // V8 lists Wasm frames innermost first right after the message line, before the JS frames.
    const lines = stack.split('\n');
    const wasm = frames.map(stackLine);
    if (trap.wasmFramesOmitted > 0) wasm.push(`    ... ${trap.wasmFramesOmitted} more Wasm frames`);
    lines.splice(1, 0, ...wasm);
    error.stack = lines.join('\n');
  }
  return error;
}
