// tee: copies stdin to stdout and to every file named on the command line, creating or
// truncating them. The files are guest paths in a preopened directory:
//
//   echo hi | rt run --dir /tmp/out::/out examples/tee/tee.wasm /out/copy.txt
//
// It exercises reading stdin and creating and writing files through WASI.
#include <errno.h>
#include <stdio.h>
#include <string.h>

#define MAX_FILES 16

int main(int argc, char **argv) {
  FILE *files[MAX_FILES];
  int nfiles = 0;
  for (int i = 1; i < argc; i++) {
    if (nfiles == MAX_FILES) {
      fprintf(stderr, "tee: at most %d files\n", MAX_FILES);
      return 2;
    }
    FILE *f = fopen(argv[i], "wb");
    if (!f) {
      fprintf(stderr, "tee: %s: %s\n", argv[i], strerror(errno));
      return 1;
    }
    files[nfiles++] = f;
  }
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) {
    fwrite(buf, 1, n, stdout);
    for (int i = 0; i < nfiles; i++) fwrite(buf, 1, n, files[i]);
  }
  int status = 0;
  for (int i = 0; i < nfiles; i++) {
    if (fclose(files[i]) != 0) {
      fprintf(stderr, "tee: %s: %s\n", argv[i + 1], strerror(errno));
      status = 1;
    }
  }
  return status;
}
