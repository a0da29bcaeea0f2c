/* Timestamps: setting them explicitly, UTIME_OMIT, UTIME_NOW, and writes advancing mtime. */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"

int main(void) {
  struct stat st;
  int fd = open("t.txt", O_CREAT | O_RDWR, 0644);
  CHECK(fd > 2);
  struct timespec ts[2] = {{1000000000, 500000000}, {1200000000, 250000000}};
  CHECK(futimens(fd, ts) == 0);
  CHECK(fstat(fd, &st) == 0);
  CHECK(st.st_atim.tv_sec == 1000000000 && st.st_atim.tv_nsec / 1000 == 500000);
  CHECK(st.st_mtim.tv_sec == 1200000000 && st.st_mtim.tv_nsec / 1000 == 250000);

  struct timespec omit[2] = {{0, UTIME_OMIT}, {1300000000, 0}};
  CHECK(utimensat(AT_FDCWD, "t.txt", omit, 0) == 0);
  CHECK(stat("t.txt", &st) == 0 && st.st_atim.tv_sec == 1000000000 && st.st_mtim.tv_sec == 1300000000);

  CHECK(write(fd, "x", 1) == 1);
  CHECK(fstat(fd, &st) == 0 && st.st_mtim.tv_sec != 1300000000);

  /* NULL means "now" for both (this wasi-libc rejects an explicit UTIME_NOW pair itself). */
  CHECK(futimens(fd, NULL) == 0);
  struct stat st2;
  CHECK(fstat(fd, &st2) == 0 && st2.st_atim.tv_sec == st2.st_mtim.tv_sec);

  /* Symlink times are its own with AT_SYMLINK_NOFOLLOW. */
  CHECK(symlink("t.txt", "l") == 0);
  CHECK(utimensat(AT_FDCWD, "l", ts, AT_SYMLINK_NOFOLLOW) == 0);
  CHECK(lstat("l", &st) == 0 && st.st_mtim.tv_sec == 1200000000);
  CHECK(stat("l", &st) == 0 && st.st_mtim.tv_sec == st2.st_mtim.tv_sec);
  close(fd);
  DONE();
}
