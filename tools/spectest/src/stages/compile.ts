/**
 * The compile stage: the JS API's own entry points for bytes, `new WebAssembly.Module(bytes)` and
 * `WebAssembly.validate(bytes)`, of the engine under test. The decode and validate stages check
 * `@rt/binary` and `@rt/validate` alone; this one checks what a user of the engine sees, where an
 * engine that lowers code while validating could crash on an invalid module instead of
 * rejecting it.
 *
 * Checks: every `assert_invalid` and binary `assert_malformed` module makes `new Module` throw the
 * API's `CompileError` (with the expected message first, when the engine reports the spec's
 * messages) and `validate` return `false`; every module the suite loads makes `validate` return
 * `true` (the engine stage compiles it).
 */
import { describe, loadPackage } from './load.js';
import { messageMatches } from '../match.js';
import { fail, PASS, skip, type Check } from '../report.js';
import type { DecodeStage } from './decode.js';
import type { ValidateStage } from './validate.js';

/**
 * The 3.0 rules (`@rt/binary` and `@rt/validate` as the JS API runs them): where a 2.0 module
 * means something else in 3.0 (a memory index where 2.0 reserves a zero byte, new limits flags,
 * 3.0's wording), the JS API follows 3.0, and the 2.0 verdict is not its to meet.
 */
export interface ThreeRules {
  readonly decode: DecodeStage;
  readonly validate: ValidateStage;
}

/** What 3.0 says of `bytes`: `null` when it accepts them, else its error message. */
function verdict3(rules: ThreeRules, bytes: Uint8Array): string | null {
  const d = rules.decode.decode(bytes);
  if (!d.ok) return d.message;
  const v = rules.validate.validate(d.module);
  return v.ok ? null : v.message;
}

/** The part of a JS API this stage uses. */
interface CompileApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly CompileError: abstract new (...args: never[]) => Error;
  validate(bytes: Uint8Array): unknown;
}

export interface CompileStage {
  /** `new Module` throws a CompileError whose message starts with `message`; `validate` is `false`. */
  rejects(bytes: Uint8Array, message: string): Check;
  /** `validate` is `true`. */
  accepts(bytes: Uint8Array): Check;
}

function makeCompileStage(api: CompileApi, specMessages: boolean, rules: ThreeRules | undefined): CompileStage {
  const validate = (bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; message: string } => {
    try {
      return { ok: true, value: api.validate(bytes) };
    } catch (e) {
      return { ok: false, message: describe(e) };
    }
  };
  return {
    rejects(bytes, message) {
      if (rules !== undefined) {
        const three = verdict3(rules, bytes);
        if (three === null || !messageMatches(message, three))
          return skip('2.0 and 3.0 differ here; the JS API follows 3.0', three === null ? 'valid in 3.0' : `3.0: ${three}`);
      }
      const expected = `new Module: CompileError: ${message}; validate: false`;
      try {
        new api.Module(bytes);
        return fail(expected, 'new Module compiled it');
      } catch (e) {
        if (!(e instanceof api.CompileError)) return fail(expected, `new Module threw ${describe(e)}`);
        if (specMessages && !messageMatches(message, e.message)) return fail(expected, `new Module threw ${describe(e)}`);
      }
      const v = validate(bytes);
      if (!v.ok) return fail(expected, `validate threw ${v.message}`);
      if (v.value !== false) return fail(expected, `validate returned ${String(v.value)}`);
      return PASS;
    },
    accepts(bytes) {
      const v = validate(bytes);
      if (!v.ok) return fail('validate: true', `validate threw ${v.message}`);
      return v.value === true ? PASS : fail('validate: true', `validate returned ${String(v.value)}`);
    },
  };
}

/** The stage over rt's JS API (`rt`) or Node's (`native`: V8's messages are not compared). */
export async function loadCompileStage(engine: 'rt' | 'native', rules?: ThreeRules): Promise<CompileStage | string> {
  if (engine === 'native') return makeCompileStage((globalThis as unknown as { WebAssembly: CompileApi }).WebAssembly, false, rules);
  const pkg = await loadPackage('@rt/interp');
  if (!pkg.ok) return pkg.reason;
  const api = pkg.exports['WebAssembly'] as Partial<CompileApi> | undefined;
  if (!api || typeof api.Module !== 'function' || typeof api.validate !== 'function' || typeof api.CompileError !== 'function') {
    return '@rt/interp does not export a JS API yet';
  }
  return makeCompileStage(api as CompileApi, true, rules);
}
