/* Arguments and the environment, including non-ASCII text. */
#include "check.h"

extern char **environ;

int main(int argc, char **argv) {
  printf("argc=%d\n", argc);
  for (int i = 0; i < argc; i++) printf("argv[%d]=%s (%zu bytes)\n", i, argv[i], strlen(argv[i]));
  int n = 0;
  for (char **e = environ; *e; e++) printf("env %s\n", *e), n++;
  printf("envc=%d\n", n);
  const char *home = getenv("HOME");
  printf("HOME=%s\n", home ? home : "(unset)");
  printf("PATH=%s\n", getenv("PATH") ? getenv("PATH") : "(unset)");
  return 0;
}
