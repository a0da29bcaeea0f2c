/**
 * The decode stage: `@rt/binary`'s `decode(bytes): Module`, which throws `DecodeError` (with
 * `.offset` and `.message`) on a malformed binary.
 *
 * Checks: every module the suite uses decodes (including `assert_invalid` ones: type errors are
 * the validator's job), and every binary `assert_malformed` is rejected with a message that starts
 * with the expected text (the reference interpreter's rule). Every call also checks that the
 * decoder respects the view it is given and leaves its input unchanged.
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

/**
 * Loads the stage, or returns why it is not available (reported as the skip reason). `version`
 * is passed to `decode` as its `version` option: the 2.0 suite decodes as 2.0 (some bytes mean
 * something else in 3.0, e.g. a memory index where 2.0 expects a zero byte).
 */
export async function loadDecodeStage(version?: '2.0' | '3.0'): Promise<DecodeStage | string> {
  const pkg = await loadPackage('@rt/binary');
  if (!pkg.ok) return pkg.reason;
  const { decode, DecodeError } = pkg.exports;
  if (typeof decode !== 'function' || typeof DecodeError !== 'function') {
    return '@rt/binary does not export decode and DecodeError yet';
  }
  const fn = decode as (bytes: Uint8Array, options?: { version: string }) => unknown;
  return makeDecodeStage(version === undefined ? fn : (bytes) => fn(bytes, { version }), DecodeError);
}

/** The stage over a given `decode` function and `DecodeError` class (exported for tests). */
export function makeDecodeStage(fn: (bytes: Uint8Array) => unknown, DecodeError: unknown): DecodeStage {
  return {
    decode(bytes) {
      // Hand the decoder its own copy, as a view in the middle of a larger buffer filled with
      // 0xFF: a decoder that ignores `byteOffset` or reads past the view's end fails, one that
      // writes into its input is caught, and the later stages keep the original bytes.
      const backing = new Uint8Array(bytes.length + 16).fill(0xff);
      backing.set(bytes, 7);
      const copy = backing.subarray(7, 7 + bytes.length);
      const mutated = (): boolean => copy.some((b, i) => b !== bytes[i]) || backing[6] !== 0xff || backing[7 + bytes.length] !== 0xff;
      try {
        const module = fn(copy);
        if (mutated()) return { ok: false, kind: 'crashed', message: 'decode wrote into its input' };
        return { ok: true, module };
      } catch (e) {
        if (mutated()) return { ok: false, kind: 'crashed', message: 'decode wrote into its input' };
        if (isInstance(e, DecodeError)) {
          const err = e as { message: string; offset: unknown };
          return { ok: false, kind: 'rejected', message: err.message, offset: typeof err.offset === 'number' ? err.offset : -1 };
        }
        return { ok: false, kind: 'crashed', message: describe(e) };
      }
    },
  };
}
