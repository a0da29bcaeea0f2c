/**
 * `.wat` input: compiled to a binary with `@rt/text` before anything else sees it.
 * @packageDocumentation
 */
import { parseWat, WatSyntaxError } from '@rt/text';
import { CliError } from './errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Compiles WebAssembly text (all of 3.0) to a binary, keeping names (`$f`) in a `name` section
 * so that `inspect` and trap backtraces show them. Whether the module is valid is for
 * `@rt/validate` and the engine to say, in their words and offsets.
 *
 * @throws {@link CliError} (exit 2) `file:line:col: error: reason` for malformed text.
 */
export async function compileWat(displayName: string, text: Uint8Array): Promise<Uint8Array> {
  let source: string;
  try {
    source = utf8.decode(text);
  } catch {
    throw new CliError(`${displayName}: error: malformed UTF-8 encoding`);
  }
  try {
    return parseWat(source, { names: true });
  } catch (e) {
    if (e instanceof WatSyntaxError) throw new CliError(`${displayName}:${e.line}:${e.column}: error: ${e.reason}`);
    throw e;
  }
}
