/* cat: lists the current directory, copies each argument file to stdout, and reports the error
 * of trying to create a file (so read-only file systems show `rofs`). */
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>
#include "check.h"

int main(int argc, char **argv) {
  DIR *d = opendir(".");
  if (d) {
    struct dirent *e;
    while ((e = readdir(d))) printf("entry %s\n", e->d_name);
    closedir(d);
  }
  for (int i = 1; i < argc; i++) {
    int fd = open(argv[i], O_RDONLY);
    if (fd < 0) {
      printf("%s: %s\n", argv[i], strerror(errno));
      continue;
    }
    char buf[16];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) fwrite(buf, 1, n, stdout);
    close(fd);
  }
  int fd = open("new.txt", O_CREAT | O_WRONLY, 0644);
  printf("create: %s\n", fd < 0 ? strerror(errno) : "ok");
  return 0;
}
