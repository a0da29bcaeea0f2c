/**
 * The validate stage: `@rt/validate`'s `validate(module): void`, which throws `ValidationError`
 * (with `.message`) on an invalid module. It needs the decode stage's module.
 *
 * Checks: every `assert_invalid` module is rejected with a message that starts with the expected
 * text, and every module the suite otherwise loads validates.
 */
import { describe, isInstance, loadPackage } from './load.js';

export type ValidateOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly kind: 'rejected'; readonly message: string }
  | { readonly ok: false; readonly kind: 'crashed'; readonly message: string };

export interface ValidateStage {
  validate(module: unknown): ValidateOutcome;
}

/** Loads the stage; `version` is passed to `validate` as its `version` option (see `loadDecodeStage`). */
export async function loadValidateStage(version?: '2.0' | '3.0'): Promise<ValidateStage | string> {
  const pkg = await loadPackage('@rt/validate');
  if (!pkg.ok) return pkg.reason;
  const { validate, ValidationError } = pkg.exports;
  if (typeof validate !== 'function' || typeof ValidationError !== 'function') {
    return '@rt/validate does not export validate and ValidationError yet';
  }
  const fn = validate as (module: unknown, options?: { version: string }) => void;
  return {
    validate(module) {
      try {
        if (version === undefined) fn(module);
        else fn(module, { version });
        return { ok: true };
      } catch (e) {
        if (isInstance(e, ValidationError)) return { ok: false, kind: 'rejected', message: (e as Error).message };
        return { ok: false, kind: 'crashed', message: describe(e) };
      }
    },
  };
}
