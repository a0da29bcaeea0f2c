// args: prints its command-line arguments and its environment, one per line, then exits with
// the code given by the environment variable EXIT (default 0) through exit(), i.e. proc_exit.
// It shows what the guest sees: argv[0] is the module path, and only the variables passed with
// --env exist:
//
//   rt run --env GREETING=hi --env EXIT=3 examples/args/args.wasm one --two
#include <stdio.h>
#include <stdlib.h>

extern char **environ;

int main(int argc, char **argv) {
  for (int i = 0; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]);
  for (char **e = environ; *e; e++) printf("env %s\n", *e);
  const char *code = getenv("EXIT");
  fflush(stdout);
  exit(code ? atoi(code) : 0);
}
