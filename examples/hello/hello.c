// The smallest WASI command: prints a greeting to stdout and returns 0 from main, so `_start`
// returns normally and `rt run` exits with 0.
#include <stdio.h>

int main(void) {
  printf("Hello, world!\n");
  return 0;
}
