/**
 * Lane construction and access: `v128.const`, splats, `extract_lane`/`replace_lane`,
 * `i8x16.shuffle` and `i8x16.swizzle`. See {@link SimdOp} for the calling convention.
 *
 * Float lanes are moved as raw bit patterns (through the `u32` view), never through a JS number,
 * because those operations must preserve NaN payloads exactly (a number round trip may quiet a
 * signalling NaN).
 * @module
 */
import { SCRATCH_U8, toScratch, type SimdOp } from './types.js';

/** `v128.const`: four immediate words, least significant first. */
export const v128Const: SimdOp = (s, dst, _a, _b, _c, imm, k) => {
  const u = s.u32;
  const d = 2 * dst;
  u[d] = imm[k];
  u[d + 1] = imm[k + 1];
  u[d + 2] = imm[k + 2];
  u[d + 3] = imm[k + 3];
};

/** Writes the 32-bit pattern `w` to all four words of the v128 at `dst`. */
function fill32(u: Uint32Array, dst: number, w: number): void {
  const d = 2 * dst;
  u[d] = w;
  u[d + 1] = w;
  u[d + 2] = w;
  u[d + 3] = w;
}

/** `i8x16.splat`: the low byte of the i32, replicated (`* 0x01010101` builds the word directly). */
export const i8x16Splat: SimdOp = (s, dst, a) => {
  fill32(s.u32, dst, (s.u32[2 * a] & 0xff) * 0x01010101);
};

/** `i16x8.splat`: the low half of the i32, replicated. */
export const i16x8Splat: SimdOp = (s, dst, a) => {
  fill32(s.u32, dst, (s.u32[2 * a] & 0xffff) * 0x00010001);
};

/** `i32x4.splat`. Also `f32x4.splat`, since the f32 bits live in the same word. */
export const i32x4Splat: SimdOp = (s, dst, a) => {
  fill32(s.u32, dst, s.u32[2 * a]);
};

/** `f32x4.splat`: copies the bit pattern (NaN payloads preserved). */
export const f32x4Splat: SimdOp = i32x4Splat;

/** `i64x2.splat`. Also `f64x2.splat`: both copy the 8-byte slot twice. */
export const i64x2Splat: SimdOp = (s, dst, a) => {
  const u = s.u32;
  const lo = u[2 * a];
  const hi = u[2 * a + 1];
  const d = 2 * dst;
  u[d] = lo;
  u[d + 1] = hi;
  u[d + 2] = lo;
  u[d + 3] = hi;
};

/** `f64x2.splat`: copies the bit pattern. */
export const f64x2Splat: SimdOp = i64x2Splat;

/** `i8x16.extract_lane_s`. */
export const i8x16ExtractLaneS: SimdOp = (s, dst, a, _b, _c, imm, k) => {
  s.i32[2 * dst] = s.i8[8 * a + (imm[k] & 15)];
};

/** `i8x16.extract_lane_u`. */
export const i8x16ExtractLaneU: SimdOp = (s, dst, a, _b, _c, imm, k) => {
  s.i32[2 * dst] = s.u8[8 * a + (imm[k] & 15)];
};

/** `i16x8.extract_lane_s`. */
export const i16x8ExtractLaneS: SimdOp = (s, dst, a, _b, _c, imm, k) => {
  s.i32[2 * dst] = s.i16[4 * a + (imm[k] & 7)];
};

/** `i16x8.extract_lane_u`. */
export const i16x8ExtractLaneU: SimdOp = (s, dst, a, _b, _c, imm, k) => {
  s.i32[2 * dst] = s.u16[4 * a + (imm[k] & 7)];
};

/** `i32x4.extract_lane`; also `f32x4.extract_lane` (bit copy). */
export const i32x4ExtractLane: SimdOp = (s, dst, a, _b, _c, imm, k) => {
  s.u32[2 * dst] = s.u32[2 * a + (imm[k] & 3)];
};

/** `f32x4.extract_lane`: bit copy. */
export const f32x4ExtractLane: SimdOp = i32x4ExtractLane;

/** `i64x2.extract_lane`; also `f64x2.extract_lane` (bit copy of both words). */
export const i64x2ExtractLane: SimdOp = (s, dst, a, _b, _c, imm, k) => {
  const u = s.u32;
  const x = 2 * a + 2 * (imm[k] & 1);
  const lo = u[x];
  const hi = u[x + 1];
  u[2 * dst] = lo;
  u[2 * dst + 1] = hi;
};

/** `f64x2.extract_lane`: bit copy. */
export const f64x2ExtractLane: SimdOp = i64x2ExtractLane;

/**
 * Copies the v128 at `a` to `dst` (no-op when equal). Reads all four words before writing, so an
 * overlapping (shifted) copy is also correct.
 */
function copyV128(u: Uint32Array, dst: number, a: number): void {
  if (dst === a) return;
  const x = 2 * a;
  const w0 = u[x];
  const w1 = u[x + 1];
  const w2 = u[x + 2];
  const w3 = u[x + 3];
  const d = 2 * dst;
  u[d] = w0;
  u[d + 1] = w1;
  u[d + 2] = w2;
  u[d + 3] = w3;
}

/** `i8x16.replace_lane`: the scalar is read first, in case `dst` overlaps its slot. */
export const i8x16ReplaceLane: SimdOp = (s, dst, a, b, _c, imm, k) => {
  const v = s.u32[2 * b];
  copyV128(s.u32, dst, a);
  s.u8[8 * dst + (imm[k] & 15)] = v;
};

/** `i16x8.replace_lane`. */
export const i16x8ReplaceLane: SimdOp = (s, dst, a, b, _c, imm, k) => {
  const v = s.u32[2 * b];
  copyV128(s.u32, dst, a);
  s.u16[4 * dst + (imm[k] & 7)] = v;
};

/** `i32x4.replace_lane`; also `f32x4.replace_lane` (bit copy). */
export const i32x4ReplaceLane: SimdOp = (s, dst, a, b, _c, imm, k) => {
  const v = s.u32[2 * b];
  copyV128(s.u32, dst, a);
  s.u32[2 * dst + (imm[k] & 3)] = v;
};

/** `f32x4.replace_lane`: bit copy. */
export const f32x4ReplaceLane: SimdOp = i32x4ReplaceLane;

/** `i64x2.replace_lane`; also `f64x2.replace_lane` (bit copy). */
export const i64x2ReplaceLane: SimdOp = (s, dst, a, b, _c, imm, k) => {
  const u = s.u32;
  const lo = u[2 * b];
  const hi = u[2 * b + 1];
  copyV128(u, dst, a);
  const d = 2 * dst + 2 * (imm[k] & 1);
  u[d] = lo;
  u[d + 1] = hi;
};

/** `f64x2.replace_lane`: bit copy. */
export const f64x2ReplaceLane: SimdOp = i64x2ReplaceLane;

/**
 * `i8x16.shuffle`: lane `i` of the result is byte `imm[k + i]` of the 32-byte concatenation `a ‖ b`.
 * The validator guarantees indices < 32; `& 31` only keeps a malformed index in scratch.
 */
export const i8x16Shuffle: SimdOp = (s, dst, a, b, _c, imm, k) => {
  toScratch(s, a, b);
  const u8 = s.u8;
  const d = 8 * dst;
  for (let i = 0; i < 16; i++) u8[d + i] = SCRATCH_U8[imm[k + i] & 31];
};

/** `i8x16.swizzle`: lane `i` is `a[b[i]]`, or 0 when the index is 16 or more. */
export const i8x16Swizzle: SimdOp = (s, dst, a, b) => {
  toScratch(s, a, b);
  const u8 = s.u8;
  const d = 8 * dst;
  for (let i = 0; i < 16; i++) {
    const j = SCRATCH_U8[16 + i];
    u8[d + i] = j < 16 ? SCRATCH_U8[j] : 0;
  }
};
