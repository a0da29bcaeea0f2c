/**
 * Float bit patterns as exact text: hexadecimal significands (`0x1.8p+1`), `inf`, and
 * `nan:0x…` with the payload, so printing and parsing again gives back the same bits.
 */
export function floatText(bits: bigint, width: 32 | 64): string {
  const mantBits = width === 32 ? 23 : 52;
  const expBits = width === 32 ? 8 : 11;
  const bias = width === 32 ? 127 : 1023;
  const sign = (bits >> BigInt(width - 1)) & 1n ? '-' : '';
  const exp = Number((bits >> BigInt(mantBits)) & ((1n << BigInt(expBits)) - 1n));
  const mant = bits & ((1n << BigInt(mantBits)) - 1n);
  if (exp === (1 << expBits) - 1) {
    if (mant === 0n) return `${sign}inf`;
    return `${sign}nan:0x${mant.toString(16)}`;
  }
  if (exp === 0 && mant === 0n) return `${sign}0x0p+0`;
  // Align the fraction to whole hex digits (23 bits → 24), then drop trailing zeros.
  const digits = Math.ceil(mantBits / 4);
  let frac = (mant << BigInt(digits * 4 - mantBits)).toString(16).padStart(digits, '0').replace(/0+$/, '');
  const lead = exp === 0 ? '0' : '1';
  const e = exp === 0 ? 1 - bias : exp - bias;
  if (frac !== '') frac = '.' + frac;
  return `${sign}0x${lead}${frac}p${e >= 0 ? '+' : ''}${e}`;
}
