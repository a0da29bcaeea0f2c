/**
 * The exception `proc_exit` throws to unwind every Wasm frame at once.
 * @packageDocumentation
 */
import { isBranded } from './brand';

const BRAND = Symbol.for('@rt/wasi.WasiExit');

/**
 * Thrown by `proc_exit`. It travels through the engine like any host exception, so no Wasm code
 * after the call runs; {@link WASI.start} catches it and returns {@link WasiExit.code}.
 * A guest compiled with exception handling could intercept it with `catch_all`; C, Rust and Go
 * guests do not.
 */
export class WasiExit extends Error {
  /**
   * `instanceof` works across copies of this class (the core and `@rt/wasi/node` bundles each
   * carry one) by a registered brand as well as the prototype chain (`brand.ts`).
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isBranded(this, value, BRAND);
  }

  /** The exit code the guest passed to `proc_exit`, as an unsigned 32-bit number. */
  readonly code: number;

  /** @param code - the exit code. */
  constructor(code: number) {
    super(`WASI program exited with code ${code}`);
    this.name = 'WasiExit';
    Object.defineProperty(this, BRAND, { value: true });
    this.code = code;
  }
}
