/**
 * The programs this package runs, each a committed build with the build script beside it and the
 * native engine's output recorded next to it (`*.expected.json`, written by the build script).
 */

/** One program and the native engines that are its oracles. */
export interface Program {
  /** Its name in the results. */
  readonly name: string;
  /** The `.wasm` file, relative to this package. */
  readonly wasm: string;
  /** The recorded native result (`run-program.ts`'s RESULT line), relative to this package. */
  readonly expected: string;
  /**
   * Native engines to compare with as they run now: `deno` (V8 with final GC and exnref) and
   * `node` (this Node; its V8 has legacy exceptions but not final GC).
   */
  readonly oracles: ReadonlyArray<'deno' | 'node'>;
  /** The exit code `rt run` must end with (134: an exception reached the host). */
  readonly cliExit: number;
}

/** Every program, in the order they run. */
export const programs: readonly Program[] = [
  {
    // Kotlin/Wasm (wasm-wasi target, Kotlin 2.4.20): WasmGC structs, arrays, casts, call_ref;
    // exceptions as try_table/throw_ref (exnref). Our source; Kotlin's compiler and standard library.
    name: 'kotlin-calc (Kotlin/Wasm, WasmGC + exnref)',
    wasm: 'programs/kotlin/calc.wasm',
    expected: 'programs/kotlin/calc.expected.json',
    oracles: ['deno'],
    cliExit: 0,
  },
  {
    // clang-14 -fwasm-exceptions (legacy try/catch/rethrow) with our EH runtime (eh-runtime.cpp).
    name: 'cxx-eh (C++ exceptions, clang -fwasm-exceptions)',
    wasm: 'programs/cxx-eh/eh.wasm',
    expected: 'programs/cxx-eh/eh.expected.json',
    oracles: ['node', 'deno'],
    cliExit: 134,
  },
];
