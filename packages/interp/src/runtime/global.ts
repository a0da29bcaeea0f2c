import type { GlobalType, TypeDef } from '@rt/binary';

/**
 * A global instance. The value is kept as raw bits in a 16-byte buffer with the same layout as a
 * stack value (see `StackViews`): i32/f32/reference index in word 0, i64 as words 0 (low) and 1
 * (high), f64 as `f64[0]`, v128 as all four words. Floats never pass through a JS number.
 */
export class GlobalInstance {
  /** The global's type. */
  readonly type: GlobalType;
  /** Signed 32-bit view of the value (4 words). */
  readonly i32: Int32Array;
  /** f32 view of the value. */
  readonly f32: Float32Array;
  /** f64 view of the value. */
  readonly f64: Float64Array;
  /**
   * The type section of the module that defined the global, when its type names a type index
   * (3.0's typed references): what the index means, for import matching in another module.
   */
  typeDefs: readonly TypeDef[] | undefined = undefined;

  /** Creates a global whose value is all zero bits (i.e. 0, +0.0, or the null reference). */
  constructor(type: GlobalType) {
    this.type = type;
    const buffer = new ArrayBuffer(16);
    this.i32 = new Int32Array(buffer);
    this.f32 = new Float32Array(buffer);
    this.f64 = new Float64Array(buffer);
  }
}
