import { decode, type Module } from '@rt/binary';
import wabtInit from 'wabt';

type Wabt = Awaited<ReturnType<typeof wabtInit>>;
let wabt: Wabt | undefined;

const FEATURES = {
  multi_value: true,
  reference_types: true,
  bulk_memory: true,
  simd: true,
  sign_extension: true,
  sat_float_to_int: true,
  mutable_globals: true,
};

/** Encodes a text module with wabt (never validating it: invalid modules are what we test). */
export async function wat(text: string, names = true): Promise<Uint8Array> {
  wabt ??= await wabtInit();
  const m = wabt.parseWat('test.wat', text, FEATURES);
  try {
    m.resolveNames();
    return m.toBinary({ write_debug_names: names }).buffer;
  } finally {
    m.destroy();
  }
}

/** Encodes and decodes a text module. */
export async function mod(text: string, names = true): Promise<Module> {
  return decode(await wat(text, names));
}
