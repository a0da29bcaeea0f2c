/**
 * Wasm backtraces for traps: which functions were executing, innermost first, named from the
 * module's name section, with the byte offset of the instruction in each.
 * @packageDocumentation
 */
import type { Module } from '@rt/binary';

/** One Wasm frame of a trap. */
export interface WasmFrame {
  /** Index in the function index space. */
  readonly funcIndex: number;
  /** Absolute byte offset of the executing instruction in the module, when known. */
  readonly offset: number | null;
}

function isFrame(x: unknown): x is { funcIndex: number; offset?: unknown } {
  return typeof x === 'object' && x !== null && typeof (x as { funcIndex?: unknown }).funcIndex === 'number';
}

/**
 * The Wasm frames of `error`, innermost first, or `null` when the error carries none. An engine
 * can attach them as an array of `{ funcIndex, offset }` under `wasmFrames` (preferred) or
 * `frames`; otherwise a V8-style stack (`wasm-function[3]:0x1a2`) is read, so engines that
 * mimic V8's stack format work too.
 */
export function framesOf(error: unknown): WasmFrame[] | null {
  if (typeof error !== 'object' || error === null) return null;
  for (const key of ['wasmFrames', 'frames']) {
    const v = (error as Record<string, unknown>)[key];
    if (Array.isArray(v) && v.every(isFrame)) {
      return v.map((f) => ({ funcIndex: f.funcIndex, offset: typeof f.offset === 'number' ? f.offset : null }));
    }
  }
  const stack = (error as { stack?: unknown }).stack;
  if (typeof stack !== 'string') return null;
  const frames: WasmFrame[] = [];
  for (const m of stack.matchAll(/wasm-function\[(\d+)\](?::0x([0-9a-f]+))?/gi)) {
    frames.push({ funcIndex: Number(m[1]), offset: m[2] === undefined ? null : parseInt(m[2], 16) });
  }
  return frames.length > 0 ? frames : null;
}

/**
 * How many outermost frames the engine left out of {@link framesOf}'s list (`wasmFramesOmitted`:
 * `@rt/interp` keeps the innermost 100 of a deep stack), or 0.
 */
export function omittedOf(error: unknown): number {
  if (typeof error !== 'object' || error === null) return 0;
  const n = (error as { wasmFramesOmitted?: unknown }).wasmFramesOmitted;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : 0;
}

function sameFrame(a: WasmFrame, b: WasmFrame): boolean {
  return a.funcIndex === b.funcIndex && a.offset === b.offset;
}

/**
 * The backtrace as text, in wasmtime's layout:
 * ```
 * wasm backtrace:
 *     0:    0x1a2 - hello.wasm!divide
 *     1:    0x2c0 - hello.wasm!_start
 * ```
 * `omitted` (see {@link omittedOf}) adds a last line counting the frames the engine left out.
 */
export function formatBacktrace(frames: readonly WasmFrame[] | null, module: Module, moduleLabel: string, omitted = 0): string {
  if (frames === null || frames.length === 0) {
    return 'wasm backtrace: not available (the engine reported no Wasm frames for this error)\n';
  }
  const width = Math.max(...frames.map((f) => (f.offset === null ? 1 : f.offset.toString(16).length + 2)));
  const lines: string[] = [];
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i]!;
    const at = (f.offset === null ? '?' : `0x${f.offset.toString(16)}`).padStart(width);
    const name = module.names?.functions.get(f.funcIndex) ?? `<wasm function ${f.funcIndex}>`;
    lines.push(`  ${String(i).padStart(4)}: ${at} - ${moduleLabel}!${name}`);
    // Deep recursion (the usual cause of `call stack exhausted`) repeats one frame thousands of
    // times: print it once with a count instead.
    let same = 0;
    while (i + 1 + same < frames.length && sameFrame(frames[i + 1 + same]!, f)) same++;
    if (same > 1) {
      lines.push(`        ... the frame above repeated ${same} more times`);
      i += same;
    }
  }
  // The engine caps the list (call-stack exhaustion can be thousands deep); say so.
  if (omitted > 0) lines.push(`        ... ${omitted} outer frame${omitted === 1 ? '' : 's'} not recorded`);
  return `wasm backtrace:\n${lines.join('\n')}\n`;
}
