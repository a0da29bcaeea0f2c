/**
 * Text modules to binaries, with the `wabt` npm package (we ship no text parser of our own).
 *
 * wabt is loaded once per run: instantiating its Wasm build costs far more than encoding a module.
 * We never call wabt's `validate()`: `assert_invalid` modules must still be encoded so that our
 * own validator can reject them. Modules wabt refuses are reported as skipped, never as passed.
 */
import wabtInit from 'wabt';
import type { ScriptModule } from './reader/commands.js';
import { makeFaithful } from './wabt-fixups.js';

/** The WebAssembly 2.0 feature set, explicitly: wabt's defaults change between releases. */
const FEATURES = {
  mutable_globals: true,
  sat_float_to_int: true,
  sign_extension: true,
  simd: true,
  multi_value: true,
  bulk_memory: true,
  reference_types: true,
  // Not in 2.0: keep them off so that 3.0 syntax is not silently accepted.
  exceptions: false,
  threads: false,
  tail_call: false,
  function_references: false,
  gc: false,
  memory64: false,
  extended_const: false,
  relaxed_simd: false,
  annotations: false,
  code_metadata: false,
} as const;

type Wabt = Awaited<ReturnType<typeof wabtInit>>;

let instance: Promise<Wabt> | undefined;

function getWabt(): Promise<Wabt> {
  instance ??= wabtInit();
  return instance;
}

/** The binary of a script module, or why it has none. */
export type Encoded =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly reason: 'wabt cannot encode' | 'text format'; readonly detail: string };

/**
 * Produces the binary of a script module: `module binary` as given, text through wabt.
 *
 * `module quote` holds module text as strings. Inside `assert_malformed` it tests a text parser,
 * which we do not ship: with `quote: 'skip'` it has no binary ("text format"). Elsewhere (a
 * top-level `(module quote ...)` is an ordinary module written that way) it is encoded like text.
 */
export async function encodeModule(m: ScriptModule, filename: string, quote: 'skip' | 'encode' = 'encode'): Promise<Encoded> {
  switch (m.source.kind) {
    case 'instance':
      // The script runner resolves instances of definitions itself (see script.ts).
      throw new Error('encodeModule: `module instance` names a definition, it has no binary of its own');
    case 'binary':
      return { ok: true, bytes: m.source.bytes };
    case 'quote':
    case 'text': {
      if (m.source.kind === 'quote' && quote === 'skip') return { ok: false, reason: 'text format', detail: 'module quote' };
      const enc = new TextEncoder();
      const text =
        m.source.kind === 'text'
          ? // A compact copy (never `.slice()`: on a Node Buffer it returns a view): wabt reads a
            // view's whole underlying buffer, not just the view.
            new Uint8Array(m.source.bytes)
          : Uint8Array.from([...enc.encode(`(module ${m.name ?? ''} `), ...m.source.bytes, ...enc.encode('\n)')]);
      const wabt = await getWabt();
      let mod: ReturnType<Wabt['parseWat']> | undefined;
      try {
        mod = wabt.parseWat(filename, text, FEATURES);
        // A copy: wabt's buffer may be a view into its own heap.
        const bytes = makeFaithful(new Uint8Array(mod.toBinary({}).buffer), text);
        if (!bytes) return { ok: false, reason: 'wabt cannot encode', detail: 'no faithful binary of `select (result)`' };
        return { ok: true, bytes };
      } catch (e) {
        const detail = e instanceof Error ? e.message.split('\n').slice(0, 2).join(' ').trim() : String(e);
        return { ok: false, reason: 'wabt cannot encode', detail };
      } finally {
        mod?.destroy();
      }
    }
  }
}

/** Encodes module text the runner itself writes (e.g. a host module). Throws if wabt refuses it. */
export async function watToBinary(text: string, filename: string): Promise<Uint8Array> {
  const wabt = await getWabt();
  const mod = wabt.parseWat(filename, text, FEATURES);
  try {
    return new Uint8Array(mod.toBinary({}).buffer);
  } finally {
    mod.destroy();
  }
}
