/**
 * `.wat` input: compiled to a binary with the `wabt` package before anything else sees it.
 * @packageDocumentation
 */
import { CliError } from './errors.js';

/**
 * Compiles WebAssembly text to a binary, keeping names (`$f`) in a `name` section so that
 * `inspect` and trap backtraces show them. wabt's own validation is skipped on purpose: whether
 * the module is valid is for `@rt/validate` and the engine to say, in their words and offsets.
 * wabt is loaded lazily; it is large and `.wasm` input never needs it.
 *
 * @throws {@link CliError} (exit 2) with wabt's first diagnostic (`file:line:col: error: …`).
 */
export async function compileWat(displayName: string, text: Uint8Array): Promise<Uint8Array> {
  const { default: wabt } = await import('wabt');
  const w = await wabt();
  let module: ReturnType<typeof w.parseWat> | undefined;
  try {
    // WebAssembly 2.0, and 3.0's part 1 (`multi_memory` works in wabt 1.0.39 but is missing from its typings).
    const features: Parameters<typeof w.parseWat>[2] & { multi_memory: boolean } = {
      mutable_globals: true, sat_float_to_int: true, sign_extension: true, simd: true,
      multi_value: true, bulk_memory: true, reference_types: true,
      tail_call: true, multi_memory: true, memory64: true, relaxed_simd: true, extended_const: true,
    };
    module = w.parseWat(displayName, text, features);
    module.resolveNames();
    return module.toBinary({ log: false, write_debug_names: true }).buffer;
  } catch (e) {
    throw new CliError(withFileName(displayName, firstDiagnostic(e instanceof Error ? e.message : String(e))));
  } finally {
    module?.destroy();
  }
}

/**
 * wabt's JS binding copies the file name into wasm memory without its terminating NUL, so its
 * diagnostics name the file followed by whatever bytes came next (`file#:1:16`, `file+:1:16`, …).
 * Rebuild the location from the first `:line:col: error:` after the name, with the name as given.
 */
function withFileName(displayName: string, diagnostic: string): string {
  const location = /:(\d+):(\d+): error: /g;
  location.lastIndex = diagnostic.startsWith(displayName) ? displayName.length : 0;
  const m = location.exec(diagnostic);
  return m ? `${displayName}:${m[1]}:${m[2]}: error: ${diagnostic.slice(m.index + m[0].length)}` : diagnostic;
}

/** wabt reports `parseWat failed:\n<file:line:col: error: …>\n<source line>\n<caret>`; keep the diagnostic. */
function firstDiagnostic(message: string): string {
  const lines = message.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines.find((l) => /: error: /.test(l)) ?? lines.find((l) => !l.endsWith('failed:')) ?? message;
}
