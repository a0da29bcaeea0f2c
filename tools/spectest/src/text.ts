/**
 * Text modules to binaries with `@rt/text`, and the text-format `assert_malformed` checks.
 * (wabt, in `wabt.ts`, stays only as an oracle for tests.)
 */
import { parseWat, WatSyntaxError } from '@rt/text';
import type { ScriptModule } from './reader/commands.js';
import { messageMatches } from './match.js';
import { fail, PASS, skip, type Check } from './report.js';

/** The binary of a script module, or why it has none. */
export type Encoded =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly reason: '@rt/text cannot encode'; readonly detail: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The source text of a text or quoted module; throws a `WatSyntaxError` when it is not UTF-8. */
function sourceOf(m: ScriptModule): string {
  // The script runner resolves instances of definitions itself (see script.ts).
  if (m.source.kind === 'instance') throw new Error('a `module instance` names a definition: it has no source of its own');
  try {
    return utf8.decode(m.source.bytes);
  } catch {
    throw new WatSyntaxError('', 0, 'malformed UTF-8 encoding');
  }
}

/** Produces the binary of a script module: `module binary` as given, text and `module quote` through `@rt/text`. */
export function encodeModule(m: ScriptModule): Encoded {
  if (m.source.kind === 'binary') return { ok: true, bytes: m.source.bytes };
  try {
    return { ok: true, bytes: parseWat(sourceOf(m)) };
  } catch (e) {
    return { ok: false, reason: '@rt/text cannot encode', detail: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * A text-format `assert_malformed`: `@rt/text` must reject the module with the expected message.
 *
 * `@rt/text` reads the 3.0 text format, and the 2.0 suite differs from it twice (see
 * `packages/text/test/suites.ts`): memory and table limits and memory offsets of 2^32 and more
 * are well-formed in 3.0 (64-bit), so they are skipped with that reason; and 2.0's
 * "malformed lane index" is 3.0's "i8 constant out of range" or "unexpected token", which pass.
 */
export function checkMalformedText(m: ScriptModule, message: string): Check {
  try {
    parseWat(sourceOf(m));
  } catch (e) {
    if (!(e instanceof WatSyntaxError)) return fail(`WatSyntaxError: ${message}`, `crashed: ${e instanceof Error ? e.message : String(e)}`);
    if (messageMatches(message, e.reason)) return PASS;
    if (message === 'malformed lane index' && /^(?:i8 constant out of range|unexpected token)/.test(e.reason)) return PASS;
    return fail(`WatSyntaxError: ${message}`, `WatSyntaxError: ${e.message}`);
  }
  if ('i32 constant out of range'.startsWith(message)) return skip('well-formed in the 3.0 text format (64-bit limits and offsets)');
  return fail(`WatSyntaxError: ${message}`, 'parsed');
}
