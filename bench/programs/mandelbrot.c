/* Mandelbrot set on an n x n grid over [-2, 0.5] x [-1.25, 1.25], at most
 * 255 iterations per point. Measures a tight f64 loop (mul, add, compare)
 * with an early exit that depends on the data. */
#include <stdint.h>

__attribute__((export_name("bench_run"))) uint32_t bench_run(int n) {
  uint32_t total = 0, hash = 0;
  for (int py = 0; py < n; py++) {
    double ci = -1.25 + 2.5 * py / n;
    for (int px = 0; px < n; px++) {
      double cr = -2.0 + 2.5 * px / n;
      double zr = 0, zi = 0;
      int k = 0;
      while (k < 255 && zr * zr + zi * zi <= 4.0) {
        double t = zr * zr - zi * zi + cr;
        zi = 2.0 * zr * zi + ci;
        zr = t;
        k++;
      }
      total += (uint32_t)k;
      /* Position-sensitive hash of the escape counts, so that an engine
       * rounding differently at one pixel changes the result. */
      hash = (hash ^ (uint32_t)k) * 16777619u;
    }
  }
  return total ^ hash;
}
