/* Tiny assertion helpers shared by the test programs. Every check prints one line, so the
 * output can be compared between engines and file systems; a failed check prints FAIL and
 * makes the program exit with status 1. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

#define CHECK(cond)                                                                          \
  do {                                                                                       \
    errno = 0;                                                                               \
    if (cond) {                                                                              \
      printf("ok %s\n", #cond);                                                              \
    } else {                                                                                 \
      printf("FAIL %s:%d: %s (errno %d: %s)\n", __FILE__, __LINE__, #cond, errno, strerror(errno)); \
      failures++;                                                                            \
    }                                                                                        \
  } while (0)

/* Expects `expr` to fail with -1 (or NULL) and errno `e`. */
#define CHECK_ERR(expr, e)                                                                    \
  do {                                                                                       \
    errno = 0;                                                                               \
    long r_ = (long)(expr);                                                                  \
    if ((r_ == -1 || r_ == 0) && errno == (e)) {                                              \
      printf("ok %s fails with %s\n", #expr, #e);                                            \
    } else {                                                                                 \
      printf("FAIL %s:%d: %s returned %ld errno %d (%s), expected %s\n", __FILE__, __LINE__, #expr, r_, errno, strerror(errno), #e); \
      failures++;                                                                            \
    }                                                                                        \
  } while (0)

#define DONE()                                                                               \
  do {                                                                                       \
    printf("%d failures\n", failures);                                                       \
    return failures ? 1 : 0;                                                                 \
  } while (0)
