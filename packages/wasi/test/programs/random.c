/* Randomness: getentropy limits, arc4random over large buffers. */
#include <unistd.h>
#include "check.h"

static unsigned char big[1 << 20];

int main(void) {
  unsigned char a[256], b[256];
  CHECK(getentropy(a, 0) == 0);
  CHECK(getentropy(a, sizeof a) == 0 && getentropy(b, sizeof b) == 0);
  CHECK(memcmp(a, b, sizeof a) != 0);
  arc4random_buf(big, sizeof big);
  int seen[256] = {0}, distinct = 0;
  for (size_t i = 0; i < sizeof big; i++) seen[big[i]]++;
  for (int i = 0; i < 256; i++) distinct += seen[i] > 0;
  CHECK(distinct == 256);
  CHECK(arc4random_uniform(10) < 10);
  DONE();
}
