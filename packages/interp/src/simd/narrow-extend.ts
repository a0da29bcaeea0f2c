/**
 * Width-changing integer operations: `narrow` (saturating), `extend_low/high`, `extmul_low/high`,
 * `extadd_pairwise` and `i32x4.dot_i16x8_s`.
 *
 * Output lanes here are built from input lanes at other byte positions, so operations that could
 * see their own writes copy their inputs to the module scratch first (or read every needed lane
 * into locals), which keeps `dst` aliasing `a`/`b` correct without per-call allocation.
 * @module
 */
import { hi64, mulS32, mulU32 } from './int64.js';
import { SCRATCH_I16, SCRATCH_I32, SCRATCH_I8, SCRATCH_U16, SCRATCH_U32, SCRATCH_U8, toScratch, type SimdOp } from './types.js';

// ---- narrow ----

/** `i8x16.narrow_i16x8_s`: lanes of `a` then `b`, each saturated to [-128, 127]. */
export const i8x16NarrowI16x8S: SimdOp = (s, dst, a, b) => {
  toScratch(s, a, b);
  const o = s.i8;
  const d = 8 * dst;
  for (let i = 0; i < 16; i++) {
    const e = SCRATCH_I16[i];
    o[d + i] = e > 127 ? 127 : e < -128 ? -128 : e;
  }
};

/** `i8x16.narrow_i16x8_u`: signed inputs saturated to [0, 255]. */
export const i8x16NarrowI16x8U: SimdOp = (s, dst, a, b) => {
  toScratch(s, a, b);
  const o = s.u8;
  const d = 8 * dst;
  for (let i = 0; i < 16; i++) {
    const e = SCRATCH_I16[i];
    o[d + i] = e > 255 ? 255 : e < 0 ? 0 : e;
  }
};

/** `i16x8.narrow_i32x4_s`. */
export const i16x8NarrowI32x4S: SimdOp = (s, dst, a, b) => {
  toScratch(s, a, b);
  const o = s.i16;
  const d = 4 * dst;
  for (let i = 0; i < 8; i++) {
    const e = SCRATCH_I32[i];
    o[d + i] = e > 32767 ? 32767 : e < -32768 ? -32768 : e;
  }
};

/** `i16x8.narrow_i32x4_u`. */
export const i16x8NarrowI32x4U: SimdOp = (s, dst, a, b) => {
  toScratch(s, a, b);
  const o = s.u16;
  const d = 4 * dst;
  for (let i = 0; i < 8; i++) {
    const e = SCRATCH_I32[i];
    o[d + i] = e > 65535 ? 65535 : e < 0 ? 0 : e;
  }
};

// ---- extend ----
// `off` selects the low (0) or high half of the input lanes.

function extend8to16S(off: number): SimdOp {
  return (s, dst, a) => {
    toScratch(s, a, a);
    const o = s.i16;
    const d = 4 * dst;
    for (let i = 0; i < 8; i++) o[d + i] = SCRATCH_I8[off + i];
  };
}
function extend8to16U(off: number): SimdOp {
  return (s, dst, a) => {
    toScratch(s, a, a);
    const o = s.i16;
    const d = 4 * dst;
    for (let i = 0; i < 8; i++) o[d + i] = SCRATCH_U8[off + i];
  };
}
function extend16to32S(off: number): SimdOp {
  return (s, dst, a) => {
    toScratch(s, a, a);
    const o = s.i32;
    const d = 2 * dst;
    for (let i = 0; i < 4; i++) o[d + i] = SCRATCH_I16[off + i];
  };
}
function extend16to32U(off: number): SimdOp {
  return (s, dst, a) => {
    toScratch(s, a, a);
    const o = s.i32;
    const d = 2 * dst;
    for (let i = 0; i < 4; i++) o[d + i] = SCRATCH_U16[off + i];
  };
}
function extend32to64S(off: number): SimdOp {
  return (s, dst, a) => {
    const v = s.i32;
    const x = 2 * a + off;
    const e0 = v[x];
    const e1 = v[x + 1];
    const d = 2 * dst;
    v[d] = e0;
    v[d + 1] = e0 >> 31;
    v[d + 2] = e1;
    v[d + 3] = e1 >> 31;
  };
}
function extend32to64U(off: number): SimdOp {
  return (s, dst, a) => {
    const v = s.i32;
    const x = 2 * a + off;
    const e0 = v[x];
    const e1 = v[x + 1];
    const d = 2 * dst;
    v[d] = e0;
    v[d + 1] = 0;
    v[d + 2] = e1;
    v[d + 3] = 0;
  };
}

/** `i16x8.extend_low_i8x16_s`. */
export const i16x8ExtendLowI8x16S = extend8to16S(0);
/** `i16x8.extend_high_i8x16_s`. */
export const i16x8ExtendHighI8x16S = extend8to16S(8);
/** `i16x8.extend_low_i8x16_u`. */
export const i16x8ExtendLowI8x16U = extend8to16U(0);
/** `i16x8.extend_high_i8x16_u`. */
export const i16x8ExtendHighI8x16U = extend8to16U(8);
/** `i32x4.extend_low_i16x8_s`. */
export const i32x4ExtendLowI16x8S = extend16to32S(0);
/** `i32x4.extend_high_i16x8_s`. */
export const i32x4ExtendHighI16x8S = extend16to32S(4);
/** `i32x4.extend_low_i16x8_u`. */
export const i32x4ExtendLowI16x8U = extend16to32U(0);
/** `i32x4.extend_high_i16x8_u`. */
export const i32x4ExtendHighI16x8U = extend16to32U(4);
/** `i64x2.extend_low_i32x4_s`. */
export const i64x2ExtendLowI32x4S = extend32to64S(0);
/** `i64x2.extend_high_i32x4_s`. */
export const i64x2ExtendHighI32x4S = extend32to64S(2);
/** `i64x2.extend_low_i32x4_u`. */
export const i64x2ExtendLowI32x4U = extend32to64U(0);
/** `i64x2.extend_high_i32x4_u`. */
export const i64x2ExtendHighI32x4U = extend32to64U(2);

// ---- extmul: extend both operands' low/high halves, multiply lane-wise ----
// After toScratch, `a` occupies scratch lanes [0, n) and `b` lanes [n, 2n) for each view.

function extmul8S(off: number): SimdOp {
  return (s, dst, a, b) => {
    toScratch(s, a, b);
    const o = s.i16;
    const d = 4 * dst;
    for (let i = 0; i < 8; i++) o[d + i] = SCRATCH_I8[off + i] * SCRATCH_I8[16 + off + i];
  };
}
function extmul8U(off: number): SimdOp {
  return (s, dst, a, b) => {
    toScratch(s, a, b);
    const o = s.u16;
    const d = 4 * dst;
    for (let i = 0; i < 8; i++) o[d + i] = SCRATCH_U8[off + i] * SCRATCH_U8[16 + off + i];
  };
}
function extmul16S(off: number): SimdOp {
  return (s, dst, a, b) => {
    toScratch(s, a, b);
    const o = s.i32;
    const d = 2 * dst;
    for (let i = 0; i < 4; i++) o[d + i] = SCRATCH_I16[off + i] * SCRATCH_I16[8 + off + i];
  };
}
function extmul16U(off: number): SimdOp {
  return (s, dst, a, b) => {
    toScratch(s, a, b);
    const o = s.u32;
    const d = 2 * dst;
    for (let i = 0; i < 4; i++) o[d + i] = SCRATCH_U16[off + i] * SCRATCH_U16[8 + off + i];
  };
}
function extmul32S(off: number): SimdOp {
  return (s, dst, a, b) => {
    toScratch(s, a, b);
    const o = s.i32;
    const d = 2 * dst;
    for (let i = 0; i < 2; i++) {
      o[d + 2 * i] = mulS32(SCRATCH_I32[off + i], SCRATCH_I32[4 + off + i]);
      o[d + 2 * i + 1] = hi64;
    }
  };
}
function extmul32U(off: number): SimdOp {
  return (s, dst, a, b) => {
    toScratch(s, a, b);
    const o = s.i32;
    const d = 2 * dst;
    for (let i = 0; i < 2; i++) {
      o[d + 2 * i] = mulU32(SCRATCH_U32[off + i], SCRATCH_U32[4 + off + i]);
      o[d + 2 * i + 1] = hi64;
    }
  };
}

/** `i16x8.extmul_low_i8x16_s`. */
export const i16x8ExtmulLowI8x16S = extmul8S(0);
/** `i16x8.extmul_high_i8x16_s`. */
export const i16x8ExtmulHighI8x16S = extmul8S(8);
/** `i16x8.extmul_low_i8x16_u`. */
export const i16x8ExtmulLowI8x16U = extmul8U(0);
/** `i16x8.extmul_high_i8x16_u`. */
export const i16x8ExtmulHighI8x16U = extmul8U(8);
/** `i32x4.extmul_low_i16x8_s`. */
export const i32x4ExtmulLowI16x8S = extmul16S(0);
/** `i32x4.extmul_high_i16x8_s`. */
export const i32x4ExtmulHighI16x8S = extmul16S(4);
/** `i32x4.extmul_low_i16x8_u`: products up to 65535² fit a u32 exactly. */
export const i32x4ExtmulLowI16x8U = extmul16U(0);
/** `i32x4.extmul_high_i16x8_u`. */
export const i32x4ExtmulHighI16x8U = extmul16U(4);
/** `i64x2.extmul_low_i32x4_s`: exact 64-bit products via {@link mulS32}. */
export const i64x2ExtmulLowI32x4S = extmul32S(0);
/** `i64x2.extmul_high_i32x4_s`. */
export const i64x2ExtmulHighI32x4S = extmul32S(2);
/** `i64x2.extmul_low_i32x4_u`. */
export const i64x2ExtmulLowI32x4U = extmul32U(0);
/** `i64x2.extmul_high_i32x4_u`. */
export const i64x2ExtmulHighI32x4U = extmul32U(2);

// ---- extadd_pairwise: output lane i = ext(in[2i]) + ext(in[2i+1]) ----
// Output lane i occupies exactly the bytes of input lanes 2i and 2i+1, which are read first, so
// in-place evaluation is safe without scratch.

/** `i16x8.extadd_pairwise_i8x16_s`. */
export const i16x8ExtaddPairwiseI8x16S: SimdOp = (s, dst, a) => {
  const v = s.i8;
  const o = s.i16;
  const x = 8 * a, d = 4 * dst;
  for (let i = 0; i < 8; i++) o[d + i] = v[x + 2 * i] + v[x + 2 * i + 1];
};

/** `i16x8.extadd_pairwise_i8x16_u`. */
export const i16x8ExtaddPairwiseI8x16U: SimdOp = (s, dst, a) => {
  const v = s.u8;
  const o = s.u16;
  const x = 8 * a, d = 4 * dst;
  for (let i = 0; i < 8; i++) o[d + i] = v[x + 2 * i] + v[x + 2 * i + 1];
};

/** `i32x4.extadd_pairwise_i16x8_s`. */
export const i32x4ExtaddPairwiseI16x8S: SimdOp = (s, dst, a) => {
  const v = s.i16;
  const o = s.i32;
  const x = 4 * a, d = 2 * dst;
  for (let i = 0; i < 4; i++) o[d + i] = v[x + 2 * i] + v[x + 2 * i + 1];
};

/** `i32x4.extadd_pairwise_i16x8_u`. */
export const i32x4ExtaddPairwiseI16x8U: SimdOp = (s, dst, a) => {
  const v = s.u16;
  const o = s.u32;
  const x = 4 * a, d = 2 * dst;
  for (let i = 0; i < 4; i++) o[d + i] = v[x + 2 * i] + v[x + 2 * i + 1];
};

/**
 * `i32x4.dot_i16x8_s`: lane i = a[2i]·b[2i] + a[2i+1]·b[2i+1], wrapping. The sum is exact in a
 * double (|sum| ≤ 2^31); the only overflow, (-32768)²·2 = 2^31, wraps to INT_MIN in the store.
 */
export const i32x4DotI16x8S: SimdOp = (s, dst, a, b) => {
  toScratch(s, a, b);
  const o = s.i32;
  const d = 2 * dst;
  for (let i = 0; i < 4; i++) {
    o[d + i] = SCRATCH_I16[2 * i] * SCRATCH_I16[8 + 2 * i] + SCRATCH_I16[2 * i + 1] * SCRATCH_I16[8 + 2 * i + 1];
  }
};
