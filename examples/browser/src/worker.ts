/**
 * The worker that runs one program on rt and streams its output to the page.
 * @packageDocumentation
 */
import type { EngineOptions } from '@rt/interp';
import { ProgramStopped, runProgram } from '@rt/engine-matrix/run-program';
import { RunControl } from './run-control.js';
import { hostFacts } from './host-facts.js';
import { readFiles } from './read-files.js';
import { sharedStdin } from './shared-stdin.js';
import type { RunEvent, RunRequest, TierChoice } from './protocol.js';

/** The engine options of each tier choice. */
const TIER_OPTIONS: Record<TierChoice, EngineOptions> = {
  auto: {},
  interpreter: { jitThreshold: Infinity },
  frame: { jitThreshold: 0, fastTier: false },
  fast: { jitThreshold: 0 },
};

const post = (event: RunEvent): void => postMessage(event);

/**
 * Fuel per slice (or the fuel limit, if smaller): the engine stops this often, some 50 ms of
 * work, so that the page gets a live count and can pause the program. Not much more often: each
 * stop moves fast-tier frames back to the interpreter.
 */
const FUEL_SLICE = 200_000_000;
/** At most one fuel message per this many milliseconds. */
const FUEL_REPORT_MS = 100;

/** The fuel checkpoint: reports the count, and pauses or stops as the page says. */
function fuelCheckpoint(request: RunRequest): (consumed: number) => 'continue' | 'stop' {
  const control = request.control === undefined ? undefined : new RunControl(request.control);
  let reported = 0;
  return (consumed) => {
    const t = performance.now();
    if (t - reported >= FUEL_REPORT_MS) {
      reported = t;
      post({ type: 'fuel', consumed });
    }
    if (control === undefined) return consumed >= (request.fuelLimit ?? Infinity) ? 'stop' : 'continue';
    const goOn = control.checkpoint(consumed, (reason) => post({ type: 'paused', consumed, reason }), () => post({ type: 'resumed' }));
    return goOn ? 'continue' : 'stop';
  };
}

/** A stream that decodes UTF-8 across chunk boundaries and posts each piece as it arrives. */
function streamTo(type: 'stdout' | 'stderr'): (bytes: Uint8Array) => void {
  const decoder = new TextDecoder();
  return (bytes) => post({ type, text: decoder.decode(bytes, { stream: true }) });
}

addEventListener('message', (e: MessageEvent<RunRequest>) => {
  const request = e.data;
  if (request.hideNativeWebAssembly) delete (globalThis as { WebAssembly?: unknown }).WebAssembly;
  post({ type: 'host', facts: hostFacts() });
  try {
    const result = runProgram({
      bytes: new Uint8Array(request.bytes),
      args: request.args,
      files: request.files,
      stdin: request.stdinBuffer === undefined ? request.stdin : sharedStdin(request.stdinBuffer, () => post({ type: 'stdin-wait' })),
      stdout: streamTo('stdout'),
      stderr: streamTo('stderr'),
      engine: TIER_OPTIONS[request.tier],
      fuelSlice: Math.min(FUEL_SLICE, request.fuelLimit ?? Infinity),
      onFuel: fuelCheckpoint(request),
    });
    post({ type: 'done', exitCode: result.exitCode, tiers: result.tiers, compileMs: result.compileMs, runMs: result.runMs, fuelConsumed: result.fuelConsumed!, files: readFiles(result.files) });
  } catch (err) {
    const message = err instanceof ProgramStopped ? `stopped: ${err.message}` : err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    post({ type: 'error', message });
  }
});
