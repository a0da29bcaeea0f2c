/* Exit codes: `exit(n)` (proc_exit) ends the program at once from deep in the call stack. */
#include "check.h"

static void deep(int depth, int code) {
  if (depth == 0) {
    printf("exiting with %d\n", code);
    fflush(stdout);
    exit(code);
  }
  deep(depth - 1, code);
  printf("never printed\n");
}

int main(int argc, char **argv) {
  int code = argc > 1 ? atoi(argv[1]) : 0;
  if (argc > 2) return code; /* returning from main: the same code through proc_exit */
  deep(50, code);
  return 99;
}
