/**
 * The value stack of one execution: a single `ArrayBuffer` seen through aliased typed-array
 * views, so that every value kind is read and written in place without boxing.
 *
 * Layout (shared by the interpreter, the SIMD operations and any later tier):
 * - The stack is an array of 8-byte **slots**; an operand or local occupies one slot
 *   (a `v128` occupies two consecutive slots).
 * - `i32` of slot `s` is `i32[2 * s]` (`u32[2 * s]` for the unsigned view).
 * - `f32` of slot `s` is `f32[2 * s]`; `f64` of slot `s` is `f64[s]`.
 * - `i64` of slot `s` is two 32-bit halves: low word `i32[2 * s]`, high word `i32[2 * s + 1]`.
 * - `v128` at slot `s` covers bytes `[8 * s, 8 * s + 16)`, lanes little-endian (lane 0 at the
 *   lowest address), e.g. the i16 lane `k` is `i16[4 * s + k]`, the byte lane `k` is `u8[8 * s + k]`.
 * - References (`funcref`, `externref`) are indices into the store's reference table, stored as
 *   an `i32` in the low word; see `runtime/refs.ts` for the null sentinel.
 *
 * The platform is assumed little-endian (all JS engines in practice); `dv` exists for code that
 * wants explicit endianness anyway.
 */
export interface StackViews {
  /** The backing buffer. */
  readonly buffer: ArrayBuffer;
  /** Signed 32-bit view (two words per slot). */
  readonly i32: Int32Array;
  /** Unsigned 32-bit view (two words per slot). */
  readonly u32: Uint32Array;
  /** 32-bit float view (two words per slot; the value lives in the first). */
  readonly f32: Float32Array;
  /** 64-bit float view (one element per slot). */
  readonly f64: Float64Array;
  /** Unsigned byte view (eight bytes per slot). */
  readonly u8: Uint8Array;
  /** Signed byte view (eight bytes per slot). */
  readonly i8: Int8Array;
  /** Unsigned 16-bit view (four halves per slot). */
  readonly u16: Uint16Array;
  /** Signed 16-bit view (four halves per slot). */
  readonly i16: Int16Array;
  /** A DataView over the whole buffer. */
  readonly dv: DataView;
}

/** Bytes per stack slot. */
export const SLOT_BYTES = 8;

/**
 * Allocates a stack of `slots` 8-byte slots and its views.
 * @param slots - Number of slots (values) the stack can hold.
 */
export function createStackViews(slots: number): StackViews {
  const buffer = new ArrayBuffer(slots * SLOT_BYTES);
  return {
    buffer,
    i32: new Int32Array(buffer),
    u32: new Uint32Array(buffer),
    f32: new Float32Array(buffer),
    f64: new Float64Array(buffer),
    u8: new Uint8Array(buffer),
    i8: new Int8Array(buffer),
    u16: new Uint16Array(buffer),
    i16: new Int16Array(buffer),
    dv: new DataView(buffer),
  };
}
