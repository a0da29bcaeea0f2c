/**
 * Whether the host lets rt generate JavaScript (`new Function`), asked once per realm: a CSP
 * without `'unsafe-eval'` refuses it, and every refused attempt would cost an exception and a
 * CSP violation report, so the compiled tiers ask here before trying.
 * @packageDocumentation
 */

let allowed: boolean | undefined;

/** True where `new Function` works; false where the host refuses code generation. */
export function codeGenerationAllowed(): boolean {
  if (allowed === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      allowed = new Function('return 1')() === 1;
    } catch {
      allowed = false;
    }
  }
  return allowed;
}
