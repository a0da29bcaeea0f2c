/* Symbolic and hard links: creation, readlink, lstat versus stat, following, loops, and the
 * sandbox refusing links that lead outside the preopened directory. */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"

int main(void) {
  struct stat st, lst;
  char buf[64];
  int fd = open("target.txt", O_CREAT | O_WRONLY, 0644);
  write(fd, "target", 6);
  close(fd);
  CHECK(mkdir("dir", 0755) == 0);

  CHECK(symlink("target.txt", "link") == 0);
  CHECK_ERR(symlink("target.txt", "link"), EEXIST);
  ssize_t n = readlink("link", buf, sizeof buf);
  CHECK(n == 10 && memcmp(buf, "target.txt", 10) == 0);
  CHECK(readlink("link", buf, 3) == 3 && memcmp(buf, "tar", 3) == 0);
  CHECK_ERR(readlink("target.txt", buf, sizeof buf), EINVAL);
  CHECK(stat("link", &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 6);
  CHECK(lstat("link", &lst) == 0 && S_ISLNK(lst.st_mode) && lst.st_size == 10);
  CHECK(st.st_ino != lst.st_ino);
  fd = open("link", O_RDONLY);
  CHECK(fd > 2 && read(fd, buf, 6) == 6 && memcmp(buf, "target", 6) == 0);
  close(fd);
  CHECK_ERR(open("link", O_RDONLY | O_NOFOLLOW), ELOOP);

  /* Links through directories, relative targets with .. that stay inside. */
  CHECK(symlink("../target.txt", "dir/up") == 0);
  CHECK(stat("dir/up", &st) == 0 && st.st_size == 6);
  CHECK(symlink("dir", "dirlink") == 0);
  CHECK(stat("dirlink/up", &st) == 0 && st.st_size == 6);
  CHECK(stat("dirlink/../target.txt", &st) == 0);

  /* Dangling links and loops. */
  CHECK(symlink("nowhere", "dangling") == 0);
  CHECK_ERR(stat("dangling", &st), ENOENT);
  CHECK(lstat("dangling", &st) == 0 && S_ISLNK(st.st_mode));
  CHECK(symlink("loop", "loop") == 0);
  CHECK_ERR(stat("loop", &st), ELOOP);
  CHECK(symlink("loop2", "loop1") == 0 && symlink("loop1", "loop2") == 0);
  CHECK_ERR(open("loop1", O_RDONLY), ELOOP);
  fd = open("dangling", O_CREAT | O_WRONLY, 0644); /* creates the target */
  CHECK(fd > 2);
  close(fd);
  CHECK(stat("nowhere", &st) == 0);

  /* The sandbox: no way out. */
  CHECK_ERR(symlink("/etc/passwd", "abs"), EPERM);
  CHECK(symlink("../../../../etc/passwd", "escape") == 0);
  CHECK(open("escape", O_RDONLY) == -1);
  CHECK(stat("escape", &st) == -1);
  CHECK(symlink("..", "parent") == 0);
  CHECK(stat("parent/x", &st) == -1);
  CHECK(open("../outside.txt", O_CREAT | O_WRONLY, 0644) == -1);
  CHECK(mkdir("dir/../../up", 0755) == -1);

  /* Hard links. */
  CHECK(link("target.txt", "hard") == 0);
  CHECK(stat("hard", &st) == 0 && st.st_nlink == 2);
  CHECK(stat("target.txt", &lst) == 0 && lst.st_ino == st.st_ino);
  CHECK_ERR(link("target.txt", "hard"), EEXIST);
  CHECK_ERR(link("dir", "dirhard"), EPERM);
  CHECK_ERR(link("missing", "x"), ENOENT);
  CHECK(unlink("target.txt") == 0);
  CHECK(stat("hard", &st) == 0 && st.st_nlink == 1 && st.st_size == 6);
  CHECK_ERR(stat("link", &st), ENOENT);
  CHECK(unlink("link") == 0);
  CHECK_ERR(lstat("link", &st), ENOENT);
  DONE();
}
