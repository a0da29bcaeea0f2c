// Bit-exact comparison of benchmark results between engines.

/**
 * Results are i32 numbers or i64 BigInts (the programs fold floating-point
 * results into integer checksums of their bit patterns), so equality here
 * is exact: same type and same value. Object.is also keeps -0 apart from 0
 * and NaN equal to NaN, should a program ever return a float.
 */
export function sameResult(a, b) {
  return typeof a === typeof b && Object.is(a, b);
}

/** Formats a result for the table, with its type so i32 -1 and i64 -1n differ. */
export function showResult(r) {
  return typeof r === 'bigint' ? `${r}n` : String(r);
}
