import type { StackViews } from '../runtime/stack-views.js';

export type { StackViews };

/**
 * A pure (non-memory) SIMD operation.
 *
 * All operand positions are **slot indices** into the stack described by {@link StackViews}:
 * a `v128` at slot `s` covers bytes `[8s, 8s + 16)`; a scalar `i32`/`f32` lives in the first word
 * of its slot, an `i64` in both words (low first), an `f64` in `f64[s]`.
 *
 * - `dst`: where the result goes. It may be equal to `a`, `b` or `c` (the usual stack-machine
 *   case `dst === a`); every operation reads what it needs before it writes anything that could
 *   overlap, so in-place evaluation is safe.
 * - `a`, `b`, `c`: the operands in stack order (first pushed = `a`). Unused ones are ignored.
 *   For shifts `b` is the `i32` shift count; for `replace_lane` `b` is the scalar; for
 *   `bitselect` `c` is the mask.
 * - `imm`, `immIndex`: the decoded module's `instructions.imms` and the instruction's first
 *   immediate word (`instructions.immStart[i]`); read by `v128.const` (4 words), `i8x16.shuffle`
 *   (16 lane words) and the `extract_lane`/`replace_lane` family (1 lane word). Others ignore them.
 */
export type SimdOp = (
  s: StackViews,
  dst: number,
  a: number,
  b: number,
  c: number,
  imm: Uint32Array,
  immIndex: number,
) => void;

/**
 * A SIMD memory operation (`v128.load*`, `v128.store*`, lane loads and stores).
 *
 * - `dst`: slot of the `v128` result (loads; ignored by stores). May equal `a`.
 * - `a`: slot of the `i32` base address (read as unsigned).
 * - `b`: slot of the `v128` operand (stores, lane loads); ignored by plain loads.
 * - `mem`: the bytes of the memory named by the memarg (memory 0 in WebAssembly 2.0), as it is now.
 * - `imm`, `immIndex`: the `memarg`/`memarg_lane` immediate words — alignment (ignored: alignment is
 *   only a hint), offset, memory index, and for lane ops the lane index.
 *
 * Throws the core's `Trap` with `TrapMessage.memoryOutOfBounds` when `base + offset + width`
 * exceeds `mem.length` (computed exactly, without 32-bit wrap-around); nothing is read or written
 * in that case.
 */
export type SimdMemOp = (
  s: StackViews,
  dst: number,
  a: number,
  b: number,
  mem: Uint8Array,
  imm: Uint32Array,
  immIndex: number,
) => void;

// The lane layout (lane 0 at the lowest address, matching wasm's little-endian memory) only holds
// on a little-endian host, because the stack is accessed through native-endian typed arrays.
if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
  throw new Error('@rt/interp SIMD requires a little-endian host');
}

/**
 * Module-level scratch space for operations whose output lanes depend on other input lanes
 * (shuffles, narrowing, …): inputs are copied here first so `dst` may alias them, without
 * allocating per call. 32 bytes = two v128 values.
 */
const SCRATCH_BUFFER = new ArrayBuffer(32);
/** Scratch as bytes. */
export const SCRATCH_U8 = new Uint8Array(SCRATCH_BUFFER);
/** Scratch as signed bytes. */
export const SCRATCH_I8 = new Int8Array(SCRATCH_BUFFER);
/** Scratch as signed 16-bit lanes. */
export const SCRATCH_I16 = new Int16Array(SCRATCH_BUFFER);
/** Scratch as unsigned 16-bit lanes. */
export const SCRATCH_U16 = new Uint16Array(SCRATCH_BUFFER);
/** Scratch as signed 32-bit lanes. */
export const SCRATCH_I32 = new Int32Array(SCRATCH_BUFFER);
/** Scratch as unsigned 32-bit words. */
export const SCRATCH_U32 = new Uint32Array(SCRATCH_BUFFER);

/**
 * Copies the v128 at slot `a` into scratch words 0..3 and the one at slot `b` into words 4..7.
 * Used by cross-lane operations so their reads are unaffected by writes to an aliasing `dst`.
 */
export function toScratch(s: StackViews, a: number, b: number): void {
  const u = s.u32;
  const x = 2 * a;
  const y = 2 * b;
  SCRATCH_U32[0] = u[x];
  SCRATCH_U32[1] = u[x + 1];
  SCRATCH_U32[2] = u[x + 2];
  SCRATCH_U32[3] = u[x + 3];
  SCRATCH_U32[4] = u[y];
  SCRATCH_U32[5] = u[y + 1];
  SCRATCH_U32[6] = u[y + 2];
  SCRATCH_U32[7] = u[y + 3];
}
