/** Test helper: compiles WebAssembly text with the `wabt` package (all 2.0 features on). */
import wabtInit from 'wabt';

let wabt: Awaited<ReturnType<typeof wabtInit>> | undefined;

/** Compiles `text` to a binary module (with a name section when `names` is set). */
export async function wat(text: string, { names = false } = {}): Promise<Uint8Array> {
  wabt ??= await wabtInit();
  const m = wabt.parseWat('test.wat', text, {
    simd: true,
    reference_types: true,
    bulk_memory: true,
    sign_extension: true,
    sat_float_to_int: true,
    multi_value: true,
    mutable_globals: true,
  });
  try {
    return m.toBinary({ write_debug_names: names }).buffer;
  } finally {
    m.destroy();
  }
}
