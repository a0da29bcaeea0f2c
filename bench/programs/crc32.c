/* CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), byte-at-a-time
 * with a 256-entry table. Measures byte loads, table lookups (i32.load with
 * computed addresses), shifts and xors in a tight loop with a data
 * dependency carried from one iteration to the next. */
#include <stdint.h>

#define BUF_BYTES (1 << 20)

static uint32_t table[256];
static uint8_t buf[BUF_BYTES];

static void make_table(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
}

static uint32_t crc32(uint32_t crc, const uint8_t *p, uint32_t len) {
  crc = ~crc;
  for (uint32_t i = 0; i < len; i++) crc = table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
  return ~crc;
}

/* n passes over a 1 MiB buffer (n MiB in total), the CRC of each pass
 * seeding the next. The table and buffer are rebuilt on every call so a
 * call's result does not depend on earlier calls. */
__attribute__((export_name("bench_run"))) uint32_t bench_run(int n) {
  make_table();
  uint32_t x = 2463534242u;
  for (uint32_t i = 0; i < BUF_BYTES; i++) {
    x ^= x << 13; x ^= x >> 17; x ^= x << 5;
    buf[i] = (uint8_t)(x >> 24);
  }
  uint32_t crc = 0;
  for (int r = 0; r < n; r++) crc = crc32(crc, buf, BUF_BYTES);
  return crc;
}
