/**
 * The decode stage: `@rt/binary`'s `decode(bytes): Module`, which throws `DecodeError` (with
 * `.offset` and `.message`) on a malformed binary.
 *
 * Checks: every module the suite uses decodes (including `assert_invalid` ones: type errors are
 * the validator's job), and every binary `assert_malformed` is rejected with a message that starts
 * with the expected text (the reference interpreter's rule).
 */
import { describe, isInstance, loadPackage } from './load.js';

export type DecodeOutcome =
  | { readonly ok: true; readonly module: unknown }
  | { readonly ok: false; readonly kind: 'rejected'; readonly message: string; readonly offset: number }
  /** Something other than a DecodeError escaped: always a failure. */
  | { readonly ok: false; readonly kind: 'crashed'; readonly message: string };

export interface DecodeStage {
  decode(bytes: Uint8Array): DecodeOutcome;
}

/** Loads the stage, or returns why it is not available (reported as the skip reason). */
export async function loadDecodeStage(): Promise<DecodeStage | string> {
  const pkg = await loadPackage('@rt/binary');
  if (!pkg.ok) return pkg.reason;
  const { decode, DecodeError } = pkg.exports;
  if (typeof decode !== 'function' || typeof DecodeError !== 'function') {
    return '@rt/binary does not export decode and DecodeError yet';
  }
  const fn = decode as (bytes: Uint8Array) => unknown;
  return {
    decode(bytes) {
      // Hand the decoder its own copy: it must not mutate its input, and we do not want a bug
      // there to corrupt the bytes the later stages see.
      const copy = new Uint8Array(bytes);
      try {
        return { ok: true, module: fn(copy) };
      } catch (e) {
        if (isInstance(e, DecodeError)) {
          const err = e as { message: string; offset: unknown };
          return { ok: false, kind: 'rejected', message: err.message, offset: typeof err.offset === 'number' ? err.offset : -1 };
        }
        return { ok: false, kind: 'crashed', message: describe(e) };
      }
    },
  };
}
