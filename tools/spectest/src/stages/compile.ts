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
import { fail, PASS, type Check } from '../report.js';

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

function makeCompileStage(api: CompileApi, specMessages: boolean): CompileStage {
  const validate = (bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; message: string } => {
    try {
      return { ok: true, value: api.validate(bytes) };
    } catch (e) {
      return { ok: false, message: describe(e) };
    }
  };
  return {
    rejects(bytes, message) {
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
export async function loadCompileStage(engine: 'rt' | 'native'): Promise<CompileStage | string> {
  if (engine === 'native') return makeCompileStage((globalThis as unknown as { WebAssembly: CompileApi }).WebAssembly, false);
  const pkg = await loadPackage('@rt/interp');
  if (!pkg.ok) return pkg.reason;
  const api = pkg.exports['WebAssembly'] as Partial<CompileApi> | undefined;
  if (!api || typeof api.Module !== 'function' || typeof api.validate !== 'function' || typeof api.CompileError !== 'function') {
    return '@rt/interp does not export a JS API yet';
  }
  return makeCompileStage(api as CompileApi, true);
}
