/** Test helper: compiles WebAssembly text with the `wabt` package (all 2.0 features on; {@link wat3} adds 3.0's part 1). */
import wabtInit from 'wabt';

let wabt: Awaited<ReturnType<typeof wabtInit>> | undefined;

/** Compiles `text` to a binary module (with a name section when `names` is set). */
export async function wat(text: string, { names = false, v3 = false } = {}): Promise<Uint8Array> {
  wabt ??= await wabtInit();
  const m = wabt.parseWat('test.wat', text, {
    ...(v3 ? { tail_call: true, multi_memory: true, memory64: true, relaxed_simd: true, extended_const: true } : {}),
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

/** Compiles `text` with 3.0's tail calls, multiple memories, memory64, relaxed SIMD and extended constants on. */
export function wat3(text: string): Promise<Uint8Array> {
  return wat(text, { v3: true });
}
