/** Running a compiled test program under WASI and capturing what it did. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WASI, collectOutput, type WASIOptions } from '../../src/index';
import type { Engine } from './engines';

const cache = new Map<string, Uint8Array>();

/** The bytes of `test/programs/<name>.wasm`. */
export function program(name: string): Uint8Array {
  let bytes = cache.get(name);
  if (!bytes) {
    bytes = readFileSync(fileURLToPath(new URL(`../programs/${name}.wasm`, import.meta.url)));
    cache.set(name, bytes);
  }
  return bytes;
}

/** What a program run produced. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs program `name` on `engine` with `options` (stdout/stderr are captured). */
export async function run(engine: Engine, name: string, options: WASIOptions = {}): Promise<RunResult> {
  const stdout = collectOutput();
  const stderr = collectOutput();
  const wasi = new WASI({
    ...options,
    stdout,
    stderr,
    onHostError: (fn, e) => {
      throw new Error(`host error in ${fn}: ${String(e)}`);
    },
  });
  const instance = await engine.instantiate(program(name), wasi.getImportObject());
  const code = wasi.start(instance);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
