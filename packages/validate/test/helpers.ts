import { decode, type Module, type SpecVersion } from '@rt/binary';
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
  // WebAssembly 3.0, part 1 (wabt 1.0.39 knows `multi_memory` although its typings do not).
  tail_call: true,
  memory64: true,
  relaxed_simd: true,
  extended_const: true,
  multi_memory: true,
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

/** The error `validate` reports for a text module, or `null` when it is valid. */
export async function errorOf(text: string, version?: SpecVersion): Promise<import('../src/index.js').ValidationError | null> {
  const { validateResult } = await import('../src/index.js');
  return validateResult(await mod(text), version ? { version } : undefined);
}

/** The message of the error `validate` reports for a text module (`'valid'` when none). */
export async function messageOf(text: string, version?: SpecVersion): Promise<string> {
  return (await errorOf(text, version))?.message ?? 'valid';
}

/** Wraps instructions in a function of the given signature inside a module with a memory and a table. */
export function fn(body: string, sig = '', extra = ''): string {
  return `(module (memory 1) (table 2 funcref) ${extra} (func ${sig} ${body}))`;
}

/** Decodes a module written as hex bytes (spaces ignored), for what wabt will not encode. */
export function hex(text: string): Module {
  const clean = text.replace(/\s+/g, '');
  return decode(Uint8Array.from(clean.match(/../g)!, (b) => parseInt(b, 16)));
}
