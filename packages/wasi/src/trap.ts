/**
 * The error a WASI call throws when the guest breaks the ABI itself.
 * @packageDocumentation
 */
import { isBranded } from './brand';

const BRAND = Symbol.for('@rt/wasi.WasiTrap');

/**
 * Thrown when the guest passes a pointer range outside its memory, or calls before the instance is
 * bound. The witx documentation requires such calls to trap (wasmtime does) rather than to return
 * an errno, so this unwinds the guest like a Wasm trap.
 */
export class WasiTrap extends Error {
  /**
   * `instanceof` works across copies of this class (the core and `@rt/wasi/node` bundles each
   * carry one) by a registered brand as well as the prototype chain (`brand.ts`).
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isBranded(this, value, BRAND);
  }

  /** @param message - what was wrong. */
  constructor(message: string) {
    super(message);
    this.name = 'WasiTrap';
    Object.defineProperty(this, BRAND, { value: true });
  }
}
