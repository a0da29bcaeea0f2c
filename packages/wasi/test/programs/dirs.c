/* Directories: mkdir, rmdir, readdir (with . and .., inode numbers, sorted output), rename of
 * files and directories, trailing slashes, and operations that must fail. */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void touch(const char *path) {
  int fd = open(path, O_CREAT | O_WRONLY, 0644);
  write(fd, path, strlen(path));
  close(fd);
}

/* Prints the sorted names in `path` and checks each d_ino against stat. */
static int list(const char *path) {
  DIR *d = opendir(path);
  if (!d) return -1;
  char *names[256];
  int n = 0, inos_ok = 1;
  struct dirent *e;
  while ((e = readdir(d)) && n < 256) {
    struct stat st;
    char full[512];
    snprintf(full, sizeof full, "%s/%s", path, e->d_name);
    if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || st.st_ino != e->d_ino) {
      if (strcmp(e->d_name, "..") != 0) inos_ok = 0;
    }
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof names[0], cmp);
  printf("%s:", path);
  for (int i = 0; i < n; i++) {
    printf(" %s", names[i]);
    free(names[i]);
  }
  printf("\n");
  CHECK(inos_ok);
  return n;
}

int main(void) {
  struct stat st;
  CHECK(mkdir("top", 0755) == 0);
  CHECK_ERR(mkdir("top", 0755), EEXIST);
  CHECK(mkdir("top/sub", 0755) == 0);
  CHECK(mkdir("top/sub/deeper/", 0755) == 0);
  CHECK_ERR(mkdir("nope/sub", 0755), ENOENT);
  touch("top/a.txt");
  touch("top/b.txt");
  touch("top/sub/c.txt");
  CHECK(list("top") == 5);
  CHECK(list("top/sub") == 4);
  CHECK(stat("top/sub/", &st) == 0 && S_ISDIR(st.st_mode));
  CHECK_ERR(stat("top/a.txt/", &st), ENOTDIR);
  CHECK_ERR(open("top/a.txt/x", O_RDONLY), ENOTDIR);
  CHECK(stat("top/./sub/../sub//deeper/..", &st) == 0 && S_ISDIR(st.st_mode));

  /* A directory with many entries, read in several calls to fd_readdir. */
  CHECK(mkdir("many", 0755) == 0);
  char name[64];
  for (int i = 0; i < 100; i++) {
    snprintf(name, sizeof name, "many/file-with-a-rather-long-name-%03d", i);
    touch(name);
  }
  DIR *d = opendir("many");
  int n = 0;
  while (readdir(d)) n++;
  CHECK(n == 102);
  rewinddir(d);
  n = 0;
  while (readdir(d)) n++;
  CHECK(n == 102);
  /* telldir/seekdir: resume from a remembered cookie. */
  rewinddir(d);
  for (int i = 0; i < 10; i++) readdir(d);
  long pos = telldir(d);
  struct dirent *at = readdir(d);
  char remembered[256];
  strcpy(remembered, at->d_name);
  while (readdir(d)) {}
  seekdir(d, pos);
  at = readdir(d);
  CHECK(at && strcmp(at->d_name, remembered) == 0);
  closedir(d);
  /* Deleting every entry while listing sees each name exactly once. */
  d = opendir("many");
  n = 0;
  while ((at = readdir(d))) {
    if (at->d_name[0] == '.') continue;
    snprintf(name, sizeof name, "many/%s", at->d_name);
    if (unlink(name) == 0) n++;
  }
  closedir(d);
  CHECK(n == 100);
  CHECK(rmdir("many") == 0);

  /* Removing. */
  CHECK_ERR(rmdir("top"), ENOTEMPTY);
  CHECK_ERR(rmdir("top/a.txt"), ENOTDIR);
  CHECK_ERR(unlink("top/sub"), EISDIR);
  CHECK(rmdir("top/sub/deeper") == 0);
  CHECK_ERR(stat("top/sub/deeper", &st), ENOENT);

  /* Renaming. */
  CHECK(rename("top/a.txt", "top/renamed.txt") == 0);
  CHECK_ERR(stat("top/a.txt", &st), ENOENT);
  CHECK(stat("top/renamed.txt", &st) == 0 && st.st_size == 9);
  CHECK(rename("top/renamed.txt", "top/b.txt") == 0); /* replaces b.txt */
  CHECK(stat("top/b.txt", &st) == 0 && st.st_size == 9);
  CHECK(rename("top/sub", "moved") == 0);
  CHECK(stat("moved/c.txt", &st) == 0);
  CHECK_ERR(rename("moved", "moved/inside"), EINVAL);
  CHECK(mkdir("empty", 0755) == 0);
  CHECK(rename("moved", "empty") == 0); /* a directory replaces an empty one */
  CHECK(stat("empty/c.txt", &st) == 0);
  CHECK(mkdir("full", 0755) == 0);
  touch("full/x");
  CHECK_ERR(rename("empty", "full"), ENOTEMPTY);
  CHECK_ERR(rename("top/b.txt", "full"), EISDIR);
  CHECK_ERR(rename("full", "top/b.txt"), ENOTDIR);
  CHECK_ERR(rename("nothing", "x"), ENOENT);
  CHECK(list("top") == 3);

  /* A directory fd: no reads, no seeks. */
  int dfd = open("top", O_RDONLY | O_DIRECTORY);
  CHECK(dfd > 2);
  char buf[4];
  CHECK_ERR(read(dfd, buf, 4), EBADF);
  CHECK(lseek(dfd, 0, SEEK_SET) == -1);
  CHECK(fstat(dfd, &st) == 0 && S_ISDIR(st.st_mode));
  CHECK_ERR(openat(dfd, "b.txt", O_RDONLY | O_DIRECTORY), ENOTDIR);
  int f = openat(dfd, "b.txt", O_RDONLY);
  CHECK(f > 2);
  close(f);
  close(dfd);
  CHECK_ERR(open("top", O_WRONLY), EISDIR);
  DONE();
}
