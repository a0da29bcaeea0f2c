/**
 * The messages between the page and the worker that runs the program (a worker, so the page
 * stays responsive: output appears as it is written and Stop can end the run at once).
 * @packageDocumentation
 */
import type { TierReport } from '@rt/engine-matrix/run-program';

/** Which of rt's tiers to use: rt's default tier-up, or one tier for everything. */
export type TierChoice = 'auto' | 'interpreter' | 'frame' | 'fast';

/** Page → worker: run this. */
export interface RunRequest {
  readonly bytes: ArrayBuffer;
  readonly args: readonly string[];
  readonly files: Readonly<Record<string, string>>;
  readonly stdin: string;
  /**
   * Where stdin comes from while the program runs (see `shared-stdin.ts`): the page delivers
   * `stdin` and then whatever is typed. Absent: `stdin` alone, then end of input.
   */
  readonly stdinBuffer?: SharedArrayBuffer;
  /** Pause, resume and the fuel limit (see `run-control.ts`), where the page is cross-origin isolated. */
  readonly control?: SharedArrayBuffer;
  /** The fuel limit; without `control` the run ends when it has used this much fuel. */
  readonly fuelLimit?: number;
  readonly tier: TierChoice;
  /**
   * Remove the worker's `WebAssembly` global before running, as a browser with WebAssembly
   * switched off has none (Chromium 156's V8 no longer has `--noexpose-wasm`).
   */
  readonly hideNativeWebAssembly: boolean;
}

/** What the worker found about its JavaScript host before running anything. */
export interface HostFacts {
  /** Whether the host has its own `WebAssembly` (absent with `--noexpose-wasm`, Lockdown Mode, …). */
  readonly nativeWebAssembly: boolean;
  /** Whether native WebAssembly may compile code (a CSP without `'wasm-unsafe-eval'` forbids it). */
  readonly nativeCompile: boolean;
  /** Whether `new Function` works (a CSP without `unsafe-eval` refuses it): rt's compiled tiers need it. */
  readonly codeGeneration: boolean;
}

/** Worker → page. */
export type RunEvent =
  | { readonly type: 'host'; readonly facts: HostFacts }
  | { readonly type: 'stdout' | 'stderr'; readonly text: string }
  | { readonly type: 'stdin-wait' }
  | { readonly type: 'fuel'; readonly consumed: number }
  | { readonly type: 'paused'; readonly consumed: number; readonly reason: 'paused' | 'fuel limit' }
  | { readonly type: 'resumed' }
  | { readonly type: 'done'; readonly exitCode: number; readonly tiers: TierReport; readonly compileMs: number; readonly runMs: number; readonly fuelConsumed: number; readonly files: Readonly<Record<string, string>> }
  | { readonly type: 'error'; readonly message: string };
