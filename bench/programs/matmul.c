/* Matrix multiply: C = A * B on n x n matrices of doubles, i-k-j loop
 * order. Measures f64 multiply-add and strided array indexing
 * (address arithmetic plus f64.load/f64.store in the innermost loop). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Deterministic fill: small exact values so the sums do not depend on a
 * libm implementation, only on IEEE-754 double arithmetic. */
static void fill(double *m, int n, unsigned seed) {
  for (int i = 0; i < n * n; i++) {
    seed = seed * 1103515245u + 12345u;
    m[i] = (double)((seed >> 16) & 0xff) / 16.0 - 8.0;
  }
}

__attribute__((export_name("bench_run"))) int64_t bench_run(int n) {
  size_t bytes = (size_t)n * n * sizeof(double);
  double *a = malloc(bytes), *b = malloc(bytes), *c = malloc(bytes);
  if (!a || !b || !c) return -1;
  fill(a, n, 1);
  fill(b, n, 2);
  memset(c, 0, bytes);
  for (int i = 0; i < n; i++)
    for (int k = 0; k < n; k++) {
      double aik = a[i * n + k];
      for (int j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
    }
  /* Checksum over the bit patterns of every element: an exact comparison
   * between engines, not a tolerance. */
  uint64_t h = 0;
  for (int i = 0; i < n * n; i++) {
    uint64_t bits;
    memcpy(&bits, &c[i], sizeof bits);
    h = (h ^ bits) * 0x100000001b3ull;
  }
  free(a);
  free(b);
  free(c);
  return (int64_t)h;
}
