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

export async function loadValidateStage(): Promise<ValidateStage | string> {
  const pkg = await loadPackage('@rt/validate');
  if (!pkg.ok) return pkg.reason;
  const { validate, ValidationError } = pkg.exports;
  if (typeof validate !== 'function' || typeof ValidationError !== 'function') {
    return '@rt/validate does not export validate and ValidationError yet';
  }
  const fn = validate as (module: unknown) => void;
  return {
    validate(module) {
      try {
        fn(module);
        return { ok: true };
      } catch (e) {
        if (isInstance(e, ValidationError)) return { ok: false, kind: 'rejected', message: (e as Error).message };
        return { ok: false, kind: 'crashed', message: describe(e) };
      }
    },
  };
}
