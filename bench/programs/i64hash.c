/* 64-bit integer workload: xorshift64* generation, multiply-mod
 * exponentiation (i64.mul, i64.rem_u), rotates, i64 shifts, popcount and
 * count-leading/trailing-zeros, mixed into a 64-bit hash. This is where an
 * engine hosted in JavaScript pays for 64-bit integers that JS does not
 * have natively. */
#include <stdint.h>

/* Masked shift counts keep r == 0 defined in C; clang still emits i64.rotl. */
static inline uint64_t rotl64(uint64_t x, int r) {
  return (x << (r & 63)) | (x >> (-r & 63));
}

/* a^e mod m with m < 2^32, so every product fits in 64 bits. */
static uint64_t powmod(uint64_t a, uint64_t e, uint64_t m) {
  uint64_t r = 1;
  a %= m;
  while (e) {
    if (e & 1) r = r * a % m;
    a = a * a % m;
    e >>= 1;
  }
  return r;
}

__attribute__((export_name("bench_run"))) int64_t bench_run(int n) {
  uint64_t s = 0x9E3779B97F4A7C15ull;
  uint64_t h = 0xCBF29CE484222325ull;
  for (int i = 0; i < n; i++) {
    s ^= s >> 12;
    s ^= s << 25;
    s ^= s >> 27;
    uint64_t r = s * 0x2545F4914F6CDD1Dull;
    /* 4294967291 is the largest prime below 2^32. */
    uint64_t p = powmod(r >> 32, r & 0xffff, 4294967291ull);
    h ^= rotl64(r, (int)(p & 63)) + p;
    h *= 0x100000001B3ull;
    h += (uint64_t)__builtin_popcountll(r) << 7;
    h ^= (uint64_t)__builtin_clzll(r | 1) << 17;
    h ^= (uint64_t)__builtin_ctzll(r | (1ull << 63)) << 29;
    h = rotl64(h, 23) ^ (uint64_t)((int64_t)h >> 41);
  }
  return (int64_t)h;
}
