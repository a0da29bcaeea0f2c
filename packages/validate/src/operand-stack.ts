import type { ValType } from '@rt/binary';

/**
 * The operand-type stack of the validation algorithm: one typed array reused across all
 * functions of a module, grown by doubling (amortised, never per instruction).
 * `UNKNOWN_TYPE` (0) entries are values the polymorphic stack supplied in unreachable code.
 */
export class OperandStack {
  /** Types by position, bottom first; only `[0, size)` is meaningful. */
  types: Uint32Array = new Uint32Array(128);
  /** Number of values on the stack. */
  size = 0;

  constructor() {
    // Grown once at once so V8 treats `types` as a mutable field from the start (see ControlStack).
    this.grow();
  }

  /** Pushes one type. */
  push(t: ValType): void {
    if (this.size === this.types.length) this.grow();
    this.types[this.size++] = t;
  }

  /** Pushes a sequence of types, the last one ending on top. */
  pushAll(ts: readonly ValType[]): void {
    const n = ts.length;
    while (this.size + n > this.types.length) this.grow();
    for (let k = 0; k < n; k++) this.types[this.size++] = ts[k]!;
  }

  private grow(): void {
    const next = new Uint32Array(this.types.length * 2);
    next.set(this.types);
    this.types = next;
  }
}
