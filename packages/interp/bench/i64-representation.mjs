#!/usr/bin/env node
// Measures the two candidate i64 representations (see RATIONALE.md §2):
// `node packages/interp/bench/i64-representation.mjs`
// Interpreter-shaped i64 benchmark: a dispatch loop runs the program
// x = x * K; x = x + C; t = x >>> 29; x = x ^ t  (one op per dispatch), with operands in
// (A) Int32Array halves or (B) a BigInt64Array, N times.
const N = 3_000_000;
function umulhi(a, b) { const a0 = a & 0xffff, a1 = a >>> 16, b0 = b & 0xffff, b1 = b >>> 16; const t = a0 * b0; const m1 = a1 * b0 + (t >>> 16); const m2 = a0 * b1 + (m1 & 0xffff); return (a1 * b1 + (m1 >>> 16) + (m2 >>> 16)) | 0; }
const code = new Int32Array([1, 0, 0, 2, 2, 0, 0, 3, 3, 1, 0, 4, 4, 0, 0, 1, 5, 0, 0, 0]); // op dst a b ; slots: 0=x 1=K 2=C 3=shift(29) 4=tmp
function halves() {
  const I = new Int32Array(16);
  I[0] = 12345; I[2] = 0x4c957f2d; I[3] = 0x5851f42d; I[4] = 1442695; I[6] = 29;
  let n = 0, pc = 0;
  for (;;) {
    switch (code[pc]) {
      case 1: { const d = code[pc+1]*2, a = code[pc+2]*2, b = 2*code[pc+3]; const lo = I[a], hi = I[a+1], bl = I[b], bh = I[b+1];
        I[d+1] = (umulhi(lo, bl) + Math.imul(lo, bh) + Math.imul(hi, bl)) | 0; I[d] = Math.imul(lo, bl); pc += 4; continue; }
      case 2: { const d = code[pc+1]*2, a = code[pc+2]*2, b = 2*code[pc+3]; const alo = I[a]; const lo = (alo + I[b]) | 0;
        I[d+1] = I[a+1] + I[b+1] + ((lo >>> 0) < (alo >>> 0) ? 1 : 0); I[d] = lo; pc += 4; continue; }
      case 3: { const d = 8, a = 0, s = I[6] & 63; const lo = I[a], hi = I[a+1];
        if (s < 32) { I[d] = (lo >>> s) | (hi << (32 - s)); I[d+1] = hi >>> s; } else { I[d] = hi >>> (s - 32); I[d+1] = 0; } pc += 4; continue; }
      case 4: { I[0] ^= I[8]; I[1] ^= I[9]; pc += 4; continue; }
      case 5: if (++n === N) return (BigInt(I[1]) << 32n) | BigInt(I[0] >>> 0); pc = 0; continue;
    }
  }
}
function bigints() {
  const B = new BigInt64Array(8);
  B[0] = 12345n; B[1] = 0x5851f42d4c957f2dn; B[2] = 1442695n; B[3] = 29n;
  let n = 0, pc = 0;
  for (;;) {
    switch (code[pc]) {
      case 1: B[code[pc+1]] = B[code[pc+2]] * B[code[pc+3]]; pc += 4; continue;
      case 2: B[code[pc+1]] = B[code[pc+2]] + B[code[pc+3]]; pc += 4; continue;
      case 3: B[4] = BigInt.asIntN(64, BigInt.asUintN(64, B[0]) >> (B[3] & 63n)); pc += 4; continue;
      case 4: B[0] ^= B[4]; pc += 4; continue;
      case 5: if (++n === N) return B[0]; pc = 0; continue;
    }
  }
}
for (const f of [halves, bigints, halves, bigints]) {
  const t = performance.now(); const r = f(); console.log(f.name, (performance.now() - t).toFixed(0) + 'ms', BigInt.asUintN(64, r).toString(16));
}

// Straight-line variant: the whole computation in one function.
const N2 = 5_000_000;
function umulhi2(a, b) { const a0 = a & 0xffff, a1 = a >>> 16, b0 = b & 0xffff, b1 = b >>> 16; const t = a0 * b0; const m1 = a1 * b0 + (t >>> 16); const m2 = a0 * b1 + (m1 & 0xffff); return (a1 * b1 + (m1 >>> 16) + (m2 >>> 16)) | 0; }
function straightHalves() {
  const I = new Int32Array(8); I[0] = 12345; I[1] = 0; const KL = 0x4c957f2d, KH = 0x5851f42d;
  for (let i = 0; i < N2; i++) {
    const lo = I[0], hi = I[1];
    let rhi = (umulhi2(lo, KL) + Math.imul(lo, KH) + Math.imul(hi, KL)) | 0; let rlo = Math.imul(lo, KL);
    const s = (rlo + 1442695) | 0; rhi = (rhi + ((s >>> 0) < (rlo >>> 0) ? 1 : 0)) | 0; rlo = s;
    // x ^= x >>> 29
    const xl = (rlo >>> 29) | (rhi << 3), xh = rhi >>> 29;
    I[0] = rlo ^ xl; I[1] = rhi ^ xh;
  }
  return (BigInt(I[1]) << 32n) | BigInt(I[0] >>> 0);
}
function straightBigints() {
  const B = new BigInt64Array(8); B[0] = 12345n;
  for (let i = 0; i < N2; i++) {
    let x = B[0] * 0x5851f42d4c957f2dn + 1442695n;
    x = BigInt.asUintN(64, x);
    B[0] = x ^ (x >> 29n);
  }
  return BigInt.asUintN(64, B[0]);
}
for (const f of [straightHalves, straightBigints, straightHalves, straightBigints]) {
  const t = performance.now(); const r = f(); console.log(f.name, (performance.now() - t).toFixed(0) + 'ms', BigInt.asUintN(64, r).toString(16));
}
