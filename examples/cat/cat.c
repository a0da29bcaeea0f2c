// cat: copies each file named on the command line (or stdin when there is none, or for "-") to
// stdout. Files are guest paths, so the host directory must be preopened:
//
//   rt run --dir examples/cat::/data examples/cat/cat.wasm /data/input.txt
//
// A file that cannot be opened prints a message to stderr and makes the exit code 1, as POSIX
// cat does, so the example also shows errors crossing the WASI boundary.
#include <errno.h>
#include <stdio.h>
#include <string.h>

static int copy(FILE *in, const char *name) {
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
    if (fwrite(buf, 1, n, stdout) != n) {
      fprintf(stderr, "cat: write error: %s\n", strerror(errno));
      return 1;
    }
  }
  if (ferror(in)) {
    fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
    return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) return copy(stdin, "-");
  int status = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-") == 0) {
      status |= copy(stdin, "-");
      continue;
    }
    FILE *f = fopen(argv[i], "rb");
    if (!f) {
      fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
      status = 1;
      continue;
    }
    status |= copy(f, argv[i]);
    fclose(f);
  }
  return status;
}
