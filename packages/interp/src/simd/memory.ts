/**
 * SIMD memory access: `v128.load`, the extending loads (`8x8`, `16x4`, `32x2`, signed and
 * unsigned), the splat loads, the zero-extending loads (`load32_zero`, `load64_zero`), the lane
 * loads/stores and `v128.store`. See {@link SimdMemOp} for the calling convention.
 *
 * Each operation computes the effective address `u32(base) + offset` as an exact JS number (up to
 * 2^33, no wrap-around, as wasm requires), bounds-checks it against the memory's current length and
 * throws the core's `Trap` ("out of bounds memory access") before touching anything. Memory is
 * little-endian and so is the stack (asserted in `types.ts`), so bytes are copied in order;
 * multi-byte lanes are assembled from bytes because the address need not be aligned.
 * @module
 */
import { Trap, TrapMessage } from '../runtime/trap.js';
import type { SimdMemOp, StackViews } from './types.js';

/**
 * Effective address of the access, after checking that `width` bytes fit in `mem`.
 * `imm[k + 1]` is the memarg offset.
 */
function address(s: StackViews, a: number, mem: Uint8Array, imm: Uint32Array, k: number, width: number): number {
  const ea = s.u32[2 * a] + imm[k + 1];
  if (ea + width > mem.length) throw new Trap(TrapMessage.memoryOutOfBounds);
  return ea;
}

/** Little-endian 16-bit read (unsigned). */
function read16(mem: Uint8Array, p: number): number {
  return mem[p] | (mem[p + 1] << 8);
}

/** Little-endian 32-bit read (as a signed i32). */
function read32(mem: Uint8Array, p: number): number {
  return mem[p] | (mem[p + 1] << 8) | (mem[p + 2] << 16) | (mem[p + 3] << 24);
}

/** Writes a little-endian 32-bit word. */
function write32(mem: Uint8Array, p: number, w: number): void {
  mem[p] = w;
  mem[p + 1] = w >>> 8;
  mem[p + 2] = w >>> 16;
  mem[p + 3] = w >>> 24;
}

/** Writes the four words to the v128 at `dst`. */
function put(s: StackViews, dst: number, w0: number, w1: number, w2: number, w3: number): void {
  const v = s.i32;
  const d = 2 * dst;
  v[d] = w0;
  v[d + 1] = w1;
  v[d + 2] = w2;
  v[d + 3] = w3;
}

/** `v128.load`: 16 bytes. Words are read before `dst` (which may equal `a`) is written. */
export const v128Load: SimdMemOp = (s, dst, a, _b, mem, imm, k) => {
  const p = address(s, a, mem, imm, k, 16);
  put(s, dst, read32(mem, p), read32(mem, p + 4), read32(mem, p + 8), read32(mem, p + 12));
};

/** `v128.load8x8_s`: 8 bytes, each sign-extended to an i16 lane. */
export const v128Load8x8S: SimdMemOp = (s, dst, a, _b, mem, imm, k) => {
  const p = address(s, a, mem, imm, k, 8);
  const o = s.i16;
  const d = 4 * dst;
  for (let i = 0; i < 8; i++) o[d + i] = (mem[p + i] << 24) >> 24;
};

/** `v128.load8x8_u`. */
export const v128Load8x8U: SimdMemOp = (s, dst, a, _b, mem, imm, k) => {
  const p = address(s, a, mem, imm, k, 8);
  const o = s.u16;
  const d = 4 * dst;
  for (let i = 0; i < 8; i++) o[d + i] = mem[p + i];
};

/** `v128.load16x4_s`: 4 halves, each sign-extended to an i32 lane. */
export const v128Load16x4S: SimdMemOp = (s, dst, a, _b, mem, imm, k) => {
  const p = address(s, a, mem, imm, k, 8);
  const o = s.i32;
  const d = 2 * dst;
  for (let i = 0; i < 4; i++) o[d + i] = (read16(mem, p + 2 * i) << 16) >> 16;
};

/** `v128.load16x4_u`. */
export const v128Load16x4U: SimdMemOp = (s, dst, a, _b, mem, imm, k) => {
  const p = address(s, a, mem, imm, k, 8);
  const o = s.i32;
  const d = 2 * dst;
  for (let i = 0; i < 4; i++) o[d + i] = read16(mem, p + 2 * i);
};

/** `v128.load32x2_s`: 2 words, each sign-extended to an i64 lane. */
export const v128Load32x2S: SimdMemOp = (s, dst, a, _b, mem, imm, k) => {
  const p = address(s, a, mem, imm, k, 8);
  const e0 = read32(mem, p);
  const e1 = read32(mem, p + 4);
  put(s, dst, e0, e0 >> 31, e1, e1 >> 31);
};

/** `v128.load32x2_u`. */
export const v128Load32x2U: SimdMemOp = (s, dst, a, _b, mem, imm, k) => {
  const p = address(s, a, mem, imm, k, 8);
  put(s, dst, read32(mem, p), 0, read32(mem, p + 4), 0);
};

/** `v128.load8_splat`. */
export const v128Load8Splat: SimdMemOp = (s, dst, a, _b, mem, imm, k) => {
  const p = address(s, a, mem, imm, k, 1);
  const w = mem[p] * 0x01010101;
  put(s, dst, w, w, w, w);
};

/** `v128.load16_splat`. */
export const v128Load16Splat: SimdMemOp = (s, dst, a, _b, mem, imm, k) => {
  const p = address(s, a, mem, imm, k, 2);
  const w = read16(mem, p) * 0x00010001;
  put(s, dst, w, w, w, w);
};

/** `v128.load32_splat`. */
export const v128Load32Splat: SimdMemOp = (s, dst, a, _b, mem, imm, k) => {
  const p = address(s, a, mem, imm, k, 4);
  const w = read32(mem, p);
  put(s, dst, w, w, w, w);
};

/** `v128.load64_splat`. */
export const v128Load64Splat: SimdMemOp = (s, dst, a, _b, mem, imm, k) => {
  const p = address(s, a, mem, imm, k, 8);
  const lo = read32(mem, p);
  const hi = read32(mem, p + 4);
  put(s, dst, lo, hi, lo, hi);
};

/** `v128.load32_zero`: one word into lane 0, the rest zero. */
export const v128Load32Zero: SimdMemOp = (s, dst, a, _b, mem, imm, k) => {
  const p = address(s, a, mem, imm, k, 4);
  put(s, dst, read32(mem, p), 0, 0, 0);
};

/** `v128.load64_zero`: eight bytes into the low lane, the high lane zero. */
export const v128Load64Zero: SimdMemOp = (s, dst, a, _b, mem, imm, k) => {
  const p = address(s, a, mem, imm, k, 8);
  put(s, dst, read32(mem, p), read32(mem, p + 4), 0, 0);
};

/**
 * Copies the v128 at `b` to `dst`. All words are read before any is written, which also handles
 * the usual stack shape `dst = a`, `b = a + 1` where source and destination overlap.
 */
function copyV128(s: StackViews, dst: number, b: number): void {
  const v = s.i32;
  const y = 2 * b;
  put(s, dst, v[y], v[y + 1], v[y + 2], v[y + 3]);
}

/** `v128.load8_lane`: the v128 in `b` with byte lane `imm[k + 3]` replaced from memory. */
export const v128Load8Lane: SimdMemOp = (s, dst, a, b, mem, imm, k) => {
  const p = address(s, a, mem, imm, k, 1);
  copyV128(s, dst, b);
  s.u8[8 * dst + (imm[k + 3] & 15)] = mem[p];
};

/** `v128.load16_lane`. */
export const v128Load16Lane: SimdMemOp = (s, dst, a, b, mem, imm, k) => {
  const p = address(s, a, mem, imm, k, 2);
  copyV128(s, dst, b);
  s.u16[4 * dst + (imm[k + 3] & 7)] = read16(mem, p);
};

/** `v128.load32_lane`. */
export const v128Load32Lane: SimdMemOp = (s, dst, a, b, mem, imm, k) => {
  const p = address(s, a, mem, imm, k, 4);
  copyV128(s, dst, b);
  s.i32[2 * dst + (imm[k + 3] & 3)] = read32(mem, p);
};

/** `v128.load64_lane`. */
export const v128Load64Lane: SimdMemOp = (s, dst, a, b, mem, imm, k) => {
  const p = address(s, a, mem, imm, k, 8);
  copyV128(s, dst, b);
  const d = 2 * dst + 2 * (imm[k + 3] & 1);
  s.i32[d] = read32(mem, p);
  s.i32[d + 1] = read32(mem, p + 4);
};

/** `v128.store`: the 16 bytes of the v128 in `b`. */
export const v128Store: SimdMemOp = (s, _dst, a, b, mem, imm, k) => {
  const p = address(s, a, mem, imm, k, 16);
  const v = s.u8;
  const y = 8 * b;
  for (let i = 0; i < 16; i++) mem[p + i] = v[y + i];
};

/** `v128.store8_lane`. */
export const v128Store8Lane: SimdMemOp = (s, _dst, a, b, mem, imm, k) => {
  const p = address(s, a, mem, imm, k, 1);
  mem[p] = s.u8[8 * b + (imm[k + 3] & 15)];
};

/** `v128.store16_lane`. */
export const v128Store16Lane: SimdMemOp = (s, _dst, a, b, mem, imm, k) => {
  const p = address(s, a, mem, imm, k, 2);
  const w = s.u16[4 * b + (imm[k + 3] & 7)];
  mem[p] = w;
  mem[p + 1] = w >>> 8;
};

/** `v128.store32_lane`. */
export const v128Store32Lane: SimdMemOp = (s, _dst, a, b, mem, imm, k) => {
  const p = address(s, a, mem, imm, k, 4);
  write32(mem, p, s.i32[2 * b + (imm[k + 3] & 3)]);
};

/** `v128.store64_lane`. */
export const v128Store64Lane: SimdMemOp = (s, _dst, a, b, mem, imm, k) => {
  const p = address(s, a, mem, imm, k, 8);
  const y = 2 * b + 2 * (imm[k + 3] & 1);
  write32(mem, p, s.i32[y]);
  write32(mem, p + 4, s.i32[y + 1]);
};
