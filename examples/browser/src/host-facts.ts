/**
 * Probes what the JavaScript host offers rt, without triggering anything but a CSP report.
 * @packageDocumentation
 */
import type { HostFacts } from './protocol.js';

/** The smallest module: the magic number and version 1. */
const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/** Whether the host has native WebAssembly, lets it compile, and allows code generation (see {@link HostFacts}). */
export function hostFacts(): HostFacts {
  let codeGeneration = false;
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    codeGeneration = new Function('return 1')() === 1;
  } catch {
    codeGeneration = false;
  }
  const native = (globalThis as { WebAssembly?: typeof WebAssembly }).WebAssembly;
  let nativeCompile = false;
  if (native !== undefined) {
    try {
      nativeCompile = new native.Module(EMPTY_MODULE) instanceof native.Module;
    } catch {
      nativeCompile = false; // "Wasm code generation disallowed by embedder"
    }
  }
  return { nativeWebAssembly: native !== undefined, nativeCompile, codeGeneration };
}
