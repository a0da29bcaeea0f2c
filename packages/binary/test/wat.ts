import wabtInit from 'wabt';

const wabt = await wabtInit();

/** Compiles WebAssembly text to a binary with the `wabt` package (names section included). */
export function wat(text: string): Uint8Array {
  const m = wabt.parseWat('test.wat', text, {
    multi_value: true, bulk_memory: true, reference_types: true, simd: true,
    sign_extension: true, sat_float_to_int: true, mutable_globals: true,
  });
  try {
    return m.toBinary({ write_debug_names: true }).buffer;
  } finally {
    m.destroy();
  }
}
