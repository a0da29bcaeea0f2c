/* Clocks and sleeping: resolution, monotonic progress, nanosleep and poll timeouts. */
#include <poll.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static long long ns(struct timespec t) { return t.tv_sec * 1000000000LL + t.tv_nsec; }

int main(void) {
  struct timespec a, b, res;
  CHECK(clock_getres(CLOCK_MONOTONIC, &res) == 0 && ns(res) > 0);
  CHECK(clock_getres(CLOCK_REALTIME, &res) == 0 && ns(res) > 0);
  CHECK(clock_gettime(CLOCK_REALTIME, &a) == 0);
  CHECK(clock_gettime(CLOCK_MONOTONIC, &a) == 0);
  CHECK(clock_gettime(CLOCK_MONOTONIC, &b) == 0 && ns(b) >= ns(a));
  struct timespec d = {0, 20000000};
  CHECK(nanosleep(&d, NULL) == 0);
  CHECK(clock_gettime(CLOCK_MONOTONIC, &b) == 0 && ns(b) - ns(a) >= 20000000);
  a = b;
  CHECK(poll(NULL, 0, 15) == 0);
  CHECK(clock_gettime(CLOCK_MONOTONIC, &b) == 0 && ns(b) - ns(a) >= 15000000);
  /* Absolute sleep on the realtime clock. */
  CHECK(clock_gettime(CLOCK_REALTIME, &a) == 0);
  struct timespec until = a;
  until.tv_nsec += 10000000;
  if (until.tv_nsec >= 1000000000) { until.tv_sec++; until.tv_nsec -= 1000000000; }
  CHECK(clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &until, NULL) == 0);
  CHECK(clock_gettime(CLOCK_REALTIME, &b) == 0 && ns(b) >= ns(until));
  CHECK(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a) == 0);
  CHECK(time(NULL) >= 0);
  /* poll on the standard streams: stdout and stderr are writable at once. */
  struct pollfd fds[2] = {{1, POLLOUT, 0}, {2, POLLOUT, 0}};
  CHECK(poll(fds, 2, 1000) == 2 && (fds[0].revents & POLLOUT) && (fds[1].revents & POLLOUT));
  DONE();
}
