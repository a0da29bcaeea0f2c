/* Standard streams: copy stdin to stdout upper-cased, report counts on stderr. */
#include <ctype.h>
#include <unistd.h>
#include "check.h"

int main(void) {
  char buf[7]; /* small on purpose: many reads */
  long total = 0, lines = 0;
  ssize_t n;
  while ((n = read(0, buf, sizeof buf)) > 0) {
    for (ssize_t i = 0; i < n; i++) {
      if (buf[i] == '\n') lines++;
      buf[i] = toupper((unsigned char)buf[i]);
    }
    write(1, buf, n);
    total += n;
  }
  fprintf(stderr, "%ld bytes, %ld lines, isatty(1)=%d\n", total, lines, isatty(1));
  return n < 0 ? 2 : 0;
}
