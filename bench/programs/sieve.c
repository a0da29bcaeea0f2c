/* Sieve of Eratosthenes up to n. Measures byte stores with a large stride
 * (memory-bound inner loop), byte loads, and loop control. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Returns the number of primes <= n mixed with the sum of the primes, so a
 * sieve that marks the right count of the wrong numbers is caught. */
__attribute__((export_name("bench_run"))) uint32_t bench_run(uint32_t n) {
  uint8_t *composite = malloc(n + 1);
  if (!composite) return 0;
  memset(composite, 0, n + 1);
  for (uint32_t i = 2; (uint64_t)i * i <= n; i++)
    if (!composite[i])
      for (uint32_t j = i * i; j <= n; j += i) composite[j] = 1;
  uint32_t count = 0, sum = 0;
  for (uint32_t i = 2; i <= n; i++)
    if (!composite[i]) {
      count++;
      sum += i;
    }
  free(composite);
  return count * 2654435761u ^ sum;
}
