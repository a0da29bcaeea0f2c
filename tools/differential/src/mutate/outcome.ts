/**
 * What each engine makes of one binary on the compile path.
 *
 * rt: `new WebAssembly.Module(bytes)` and `WebAssembly.validate(bytes)` of rt's JS API (the
 * first decodes, validates and lowers every function; the second decodes and validates). Both
 * must agree, and the only exception allowed is a `CompileError` carrying the decoder's or
 * validator's error. Anything else, including a call that takes too long, is a crash.
 *
 * Native: `WebAssembly.validate(bytes)` of Node's V8 (which validates every function body).
 */
import { DecodeError } from '@rt/binary';
import { WebAssembly as RtWasm } from '@rt/interp';
import { ValidationError } from '@rt/validate';

/** rt's verdict on a binary. */
export type RtVerdict =
  | { readonly kind: 'valid' }
  /** A `CompileError`; `cause` is the decoder's or validator's error. */
  | { readonly kind: 'invalid'; readonly message: string; readonly cause: DecodeError | ValidationError | undefined }
  /** Anything but a `CompileError`: `key` names the class (error, message shape, where). */
  | { readonly kind: 'crash'; readonly key: string; readonly detail: string };

/** A compile taking longer than this (ms) is a crash ("slow"): no valid input needs it here. */
export const SLOW_MS = 5000;

/** `Error: message` with the numbers taken out, and the first stack frame's function: a crash's class. */
export function crashKey(e: unknown): { key: string; detail: string } {
  if (!(e instanceof Error)) return { key: `non-Error thrown: ${typeof e}`, detail: String(e) };
  const frame = (e.stack ?? '').split('\n').find((l) => l.trim().startsWith('at '));
  const where = frame?.trim().replace(/^at /, '').replace(/\s*\(.*\)$/, '').replace(/ .*$/, '') ?? '?';
  const shape = e.message.replace(/0x[0-9a-f]+|\d+/gi, 'N');
  return { key: `${e.name}: ${shape} @ ${where}`, detail: e.stack ?? `${e.name}: ${e.message}` };
}

function causeOf(e: Error): DecodeError | ValidationError | undefined {
  const c = (e as { cause?: unknown }).cause;
  return c instanceof DecodeError || c instanceof ValidationError ? c : undefined;
}

/** Compiles `bytes` with rt's JS API (`Module`, then `validate`) and classifies the result. */
export function rtVerdict(bytes: Uint8Array): RtVerdict {
  const t0 = performance.now();
  let verdict: RtVerdict;
  try {
    new RtWasm.Module(bytes);
    verdict = { kind: 'valid' };
  } catch (e) {
    if (e instanceof RtWasm.CompileError) {
      const cause = causeOf(e);
      // A CompileError that hides something else (an internal error rewrapped) is still a crash.
      verdict = cause !== undefined || !(e as { cause?: unknown }).cause
        ? { kind: 'invalid', message: e.message, cause }
        : { kind: 'crash', ...crashKey((e as { cause?: unknown }).cause) };
    } else verdict = { kind: 'crash', ...crashKey(e) };
  }
  let valid: unknown;
  try {
    valid = RtWasm.validate(bytes);
  } catch (e) {
    const k = crashKey(e);
    return { kind: 'crash', key: `validate threw ${k.key}`, detail: k.detail };
  }
  const ms = performance.now() - t0;
  if (ms > SLOW_MS) return { kind: 'crash', key: 'slow compile', detail: `${Math.round(ms)} ms for ${bytes.length} bytes` };
  if (verdict.kind === 'crash') return verdict;
  if (valid !== (verdict.kind === 'valid')) {
    return { kind: 'crash', key: `validate returned ${String(valid)} where Module ${verdict.kind === 'valid' ? 'compiled' : 'failed'}`, detail: verdict.kind === 'invalid' ? verdict.message : '' };
  }
  return verdict;
}

/** The part of Node's own `WebAssembly` the mutation mode uses (ES2022's lib does not declare it). */
interface NativeCompiler {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
}
const NativeWasm = (globalThis as unknown as { WebAssembly: NativeCompiler }).WebAssembly;

/** Node's native verdict: whether V8 validates the binary. */
export function nativeValid(bytes: Uint8Array): boolean {
  return NativeWasm.validate(bytes);
}

/** V8's reason for rejecting `bytes`. */
export function nativeMessage(bytes: Uint8Array): string {
  try {
    new NativeWasm.Module(bytes);
    return 'V8 compiles it';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
