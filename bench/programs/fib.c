/* Recursive Fibonacci: measures the cost of direct calls and returns.
 * Almost no memory traffic, so an engine's per-call overhead (frame setup,
 * argument passing, return) dominates. */

/* noinline keeps clang from turning the recursion into a loop or unrolling
 * it into a few big frames, which would stop measuring calls. */
__attribute__((noinline)) static unsigned fib(unsigned n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

/* Work grows by ~1.618x per unit of n. Returns fib(n) mod 2^32. */
__attribute__((export_name("bench_run"))) unsigned bench_run(unsigned n) {
  return fib(n);
}
