// Small statistics helpers for the benchmark runner.

/** Median of a non-empty list of numbers; robust to the odd slow run on a shared machine. */
export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Geometric mean: the right average for ratios (a 2x win and a 2x loss cancel out). */
export function geomean(values) {
  if (values.length === 0) return NaN;
  return Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
}

/** Relative spread (max - min) / median, as a rough noise figure. */
export function spread(values) {
  return (Math.max(...values) - Math.min(...values)) / median(values);
}
