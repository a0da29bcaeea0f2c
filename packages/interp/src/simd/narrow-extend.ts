/**
 * Width-changing integer operations: `narrow` (saturating), `extend_low/high`, `extmul_low/high`,
 * `extadd_pairwise` and `i32x4.dot_i16x8_s`.
 *
 * Output lanes here are built from input lanes at other byte positions, so each operation either
 * orders its writes so that no unread input is overwritten, reads the lanes it needs into locals,
 * or (narrow, dot) copies its inputs to the module scratch first. Either way `dst` may alias `a`
 * or `b`, and nothing is allocated per call.
 * @module
 */
import { hi64, mulS32, mulU32 } from './int64.js';
import { SCRATCH_I16, SCRATCH_I32, toScratch, type SimdOp } from './types.js';

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

// ---- extend and extmul ----
// Output lane i (twice as wide) covers input lanes 2i and 2i+1. For the low half (inputs 0..n-1)
// the lanes are produced from the last to the first, for the high half (inputs n..2n-1) from the
// first to the last: either way no output lane overwrites an input lane that is still to be read,
// so `dst` may alias an operand without a scratch copy. `hi` selects the high half.

function extend8to16S(hi: boolean): SimdOp {
  return hi
    ? (s, dst, a) => {
        const v = s.i8, o = s.i16, x = 8 * a + 8, d = 4 * dst;
        for (let i = 0; i < 8; i++) o[d + i] = v[x + i];
      }
    : (s, dst, a) => {
        const v = s.i8, o = s.i16, x = 8 * a, d = 4 * dst;
        for (let i = 7; i >= 0; i--) o[d + i] = v[x + i];
      };
}
function extend8to16U(hi: boolean): SimdOp {
  return hi
    ? (s, dst, a) => {
        const v = s.u8, o = s.u16, x = 8 * a + 8, d = 4 * dst;
        for (let i = 0; i < 8; i++) o[d + i] = v[x + i];
      }
    : (s, dst, a) => {
        const v = s.u8, o = s.u16, x = 8 * a, d = 4 * dst;
        for (let i = 7; i >= 0; i--) o[d + i] = v[x + i];
      };
}
function extend16to32S(hi: boolean): SimdOp {
  return hi
    ? (s, dst, a) => {
        const v = s.i16, o = s.i32, x = 4 * a + 4, d = 2 * dst;
        for (let i = 0; i < 4; i++) o[d + i] = v[x + i];
      }
    : (s, dst, a) => {
        const v = s.i16, o = s.i32, x = 4 * a, d = 2 * dst;
        for (let i = 3; i >= 0; i--) o[d + i] = v[x + i];
      };
}
function extend16to32U(hi: boolean): SimdOp {
  return hi
    ? (s, dst, a) => {
        const v = s.u16, o = s.i32, x = 4 * a + 4, d = 2 * dst;
        for (let i = 0; i < 4; i++) o[d + i] = v[x + i];
      }
    : (s, dst, a) => {
        const v = s.u16, o = s.i32, x = 4 * a, d = 2 * dst;
        for (let i = 3; i >= 0; i--) o[d + i] = v[x + i];
      };
}
function extend32to64S(hi: boolean): SimdOp {
  const off = hi ? 2 : 0;
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
function extend32to64U(hi: boolean): SimdOp {
  const off = hi ? 2 : 0;
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
export const i16x8ExtendLowI8x16S = extend8to16S(false);
/** `i16x8.extend_high_i8x16_s`. */
export const i16x8ExtendHighI8x16S = extend8to16S(true);
/** `i16x8.extend_low_i8x16_u`. */
export const i16x8ExtendLowI8x16U = extend8to16U(false);
/** `i16x8.extend_high_i8x16_u`. */
export const i16x8ExtendHighI8x16U = extend8to16U(true);
/** `i32x4.extend_low_i16x8_s`. */
export const i32x4ExtendLowI16x8S = extend16to32S(false);
/** `i32x4.extend_high_i16x8_s`. */
export const i32x4ExtendHighI16x8S = extend16to32S(true);
/** `i32x4.extend_low_i16x8_u`. */
export const i32x4ExtendLowI16x8U = extend16to32U(false);
/** `i32x4.extend_high_i16x8_u`. */
export const i32x4ExtendHighI16x8U = extend16to32U(true);
/** `i64x2.extend_low_i32x4_s`. */
export const i64x2ExtendLowI32x4S = extend32to64S(false);
/** `i64x2.extend_high_i32x4_s`. */
export const i64x2ExtendHighI32x4S = extend32to64S(true);
/** `i64x2.extend_low_i32x4_u`. */
export const i64x2ExtendLowI32x4U = extend32to64U(false);
/** `i64x2.extend_high_i32x4_u`. */
export const i64x2ExtendHighI32x4U = extend32to64U(true);

function extmul8S(hi: boolean): SimdOp {
  return hi
    ? (s, dst, a, b) => {
        const v = s.i8, o = s.i16, x = 8 * a + 8, y = 8 * b + 8, d = 4 * dst;
        for (let i = 0; i < 8; i++) o[d + i] = v[x + i] * v[y + i];
      }
    : (s, dst, a, b) => {
        const v = s.i8, o = s.i16, x = 8 * a, y = 8 * b, d = 4 * dst;
        for (let i = 7; i >= 0; i--) o[d + i] = v[x + i] * v[y + i];
      };
}
function extmul8U(hi: boolean): SimdOp {
  return hi
    ? (s, dst, a, b) => {
        const v = s.u8, o = s.u16, x = 8 * a + 8, y = 8 * b + 8, d = 4 * dst;
        for (let i = 0; i < 8; i++) o[d + i] = v[x + i] * v[y + i];
      }
    : (s, dst, a, b) => {
        const v = s.u8, o = s.u16, x = 8 * a, y = 8 * b, d = 4 * dst;
        for (let i = 7; i >= 0; i--) o[d + i] = v[x + i] * v[y + i];
      };
}
function extmul16S(hi: boolean): SimdOp {
  return hi
    ? (s, dst, a, b) => {
        const v = s.i16, o = s.i32, x = 4 * a + 4, y = 4 * b + 4, d = 2 * dst;
        for (let i = 0; i < 4; i++) o[d + i] = v[x + i] * v[y + i];
      }
    : (s, dst, a, b) => {
        const v = s.i16, o = s.i32, x = 4 * a, y = 4 * b, d = 2 * dst;
        for (let i = 3; i >= 0; i--) o[d + i] = v[x + i] * v[y + i];
      };
}
/** Unsigned 16×16 products reach 65535², above INT32_MAX: stored through the u32 view. */
function extmul16U(hi: boolean): SimdOp {
  return hi
    ? (s, dst, a, b) => {
        const v = s.u16, o = s.u32, x = 4 * a + 4, y = 4 * b + 4, d = 2 * dst;
        for (let i = 0; i < 4; i++) o[d + i] = v[x + i] * v[y + i];
      }
    : (s, dst, a, b) => {
        const v = s.u16, o = s.u32, x = 4 * a, y = 4 * b, d = 2 * dst;
        for (let i = 3; i >= 0; i--) o[d + i] = v[x + i] * v[y + i];
      };
}
/** 32×32→64 products (exact, via {@link mulS32}); both lanes' inputs are read before writing. */
function extmul32S(hi: boolean): SimdOp {
  const off = hi ? 2 : 0;
  return (s, dst, a, b) => {
    const v = s.i32;
    const x = 2 * a + off, y = 2 * b + off;
    const a0 = v[x], a1 = v[x + 1], b0 = v[y], b1 = v[y + 1];
    const d = 2 * dst;
    v[d] = mulS32(a0, b0);
    v[d + 1] = hi64;
    v[d + 2] = mulS32(a1, b1);
    v[d + 3] = hi64;
  };
}
function extmul32U(hi: boolean): SimdOp {
  const off = hi ? 2 : 0;
  return (s, dst, a, b) => {
    const v = s.i32;
    const x = 2 * a + off, y = 2 * b + off;
    const a0 = v[x], a1 = v[x + 1], b0 = v[y], b1 = v[y + 1];
    const d = 2 * dst;
    v[d] = mulU32(a0, b0);
    v[d + 1] = hi64;
    v[d + 2] = mulU32(a1, b1);
    v[d + 3] = hi64;
  };
}

/** `i16x8.extmul_low_i8x16_s`. */
export const i16x8ExtmulLowI8x16S = extmul8S(false);
/** `i16x8.extmul_high_i8x16_s`. */
export const i16x8ExtmulHighI8x16S = extmul8S(true);
/** `i16x8.extmul_low_i8x16_u`. */
export const i16x8ExtmulLowI8x16U = extmul8U(false);
/** `i16x8.extmul_high_i8x16_u`. */
export const i16x8ExtmulHighI8x16U = extmul8U(true);
/** `i32x4.extmul_low_i16x8_s`. */
export const i32x4ExtmulLowI16x8S = extmul16S(false);
/** `i32x4.extmul_high_i16x8_s`. */
export const i32x4ExtmulHighI16x8S = extmul16S(true);
/** `i32x4.extmul_low_i16x8_u`. */
export const i32x4ExtmulLowI16x8U = extmul16U(false);
/** `i32x4.extmul_high_i16x8_u`. */
export const i32x4ExtmulHighI16x8U = extmul16U(true);
/** `i64x2.extmul_low_i32x4_s`. */
export const i64x2ExtmulLowI32x4S = extmul32S(false);
/** `i64x2.extmul_high_i32x4_s`. */
export const i64x2ExtmulHighI32x4S = extmul32S(true);
/** `i64x2.extmul_low_i32x4_u`. */
export const i64x2ExtmulLowI32x4U = extmul32U(false);
/** `i64x2.extmul_high_i32x4_u`. */
export const i64x2ExtmulHighI32x4U = extmul32U(true);

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
