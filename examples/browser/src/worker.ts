/**
 * The worker that runs one program on rt and streams its output to the page.
 * @packageDocumentation
 */
import type { EngineOptions } from '@rt/interp';
import { runProgram } from '@rt/engine-matrix/run-program';
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
    });
    post({ type: 'done', exitCode: result.exitCode, tiers: result.tiers, compileMs: result.compileMs, runMs: result.runMs, files: readFiles(result.files) });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  }
});
