/* Regular files: create, write, read, seek, tell, pread/pwrite, append, truncate, exclusive
 * creation, access modes, and reading a file after unlinking it. */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"

int main(void) {
  char buf[64];
  int fd = open("data.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
  CHECK(fd > 2);
  CHECK(write(fd, "hello, world", 12) == 12);
  CHECK(lseek(fd, 0, SEEK_CUR) == 12);
  CHECK(lseek(fd, 0, SEEK_SET) == 0);
  memset(buf, 0, sizeof buf);
  CHECK(read(fd, buf, 5) == 5 && memcmp(buf, "hello", 5) == 0);
  CHECK(lseek(fd, 2, SEEK_CUR) == 7);
  CHECK(read(fd, buf, 64) == 5 && memcmp(buf, "world", 5) == 0);
  CHECK(read(fd, buf, 64) == 0);
  CHECK(lseek(fd, -5, SEEK_END) == 7);
  CHECK_ERR(lseek(fd, -100, SEEK_CUR), EINVAL);
  CHECK(lseek(fd, 20, SEEK_SET) == 20);
  CHECK(write(fd, "!", 1) == 1);
  struct stat st;
  CHECK(fstat(fd, &st) == 0 && st.st_size == 21 && S_ISREG(st.st_mode));
  CHECK(pread(fd, buf, 3, 12) == 3 && buf[0] == 0 && buf[1] == 0 && buf[2] == 0);
  CHECK(pwrite(fd, "HELLO", 5, 0) == 5);
  CHECK(lseek(fd, 0, SEEK_CUR) == 21); /* pwrite leaves the offset alone */
  CHECK(pread(fd, buf, 12, 0) == 12 && memcmp(buf, "HELLO, world", 12) == 0);
  CHECK(ftruncate(fd, 5) == 0 && fstat(fd, &st) == 0 && st.st_size == 5);
  CHECK(ftruncate(fd, 8) == 0 && pread(fd, buf, 8, 0) == 8 && memcmp(buf, "HELLO\0\0\0", 8) == 0);
  CHECK(close(fd) == 0);
  CHECK_ERR(close(fd), EBADF);

  /* Exclusive creation and truncation. */
  CHECK_ERR(open("data.txt", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
  CHECK_ERR(open("missing.txt", O_RDONLY), ENOENT);
  fd = open("data.txt", O_WRONLY | O_TRUNC);
  CHECK(fd > 2 && fstat(fd, &st) == 0 && st.st_size == 0);
  CHECK_ERR(read(fd, buf, 1), EBADF);
  CHECK(write(fd, "abc", 3) == 3);
  close(fd);
  fd = open("data.txt", O_RDONLY);
  CHECK_ERR(write(fd, "x", 1), EBADF);
  close(fd);

  /* Append mode, at open and switched on later with fcntl. */
  fd = open("data.txt", O_WRONLY | O_APPEND);
  CHECK(write(fd, "def", 3) == 3);
  CHECK(lseek(fd, 0, SEEK_SET) == 0);
  CHECK(write(fd, "ghi", 3) == 3);
  CHECK((fcntl(fd, F_GETFL) & O_APPEND) != 0);
  CHECK(fcntl(fd, F_SETFL, 0) == 0 && (fcntl(fd, F_GETFL) & O_APPEND) == 0);
  CHECK(lseek(fd, 0, SEEK_SET) == 0 && write(fd, "A", 1) == 1);
  CHECK(fcntl(fd, F_SETFL, O_APPEND) == 0);
  CHECK(lseek(fd, 0, SEEK_SET) == 0 && write(fd, "jkl", 3) == 3);
  close(fd);
  fd = open("data.txt", O_RDONLY);
  memset(buf, 0, sizeof buf);
  CHECK(read(fd, buf, 64) == 12 && strcmp(buf, "Abcdefghijkl") == 0);

  /* An unlinked file stays readable through an open fd. */
  CHECK(unlink("data.txt") == 0);
  CHECK(pread(fd, buf, 3, 0) == 3 && memcmp(buf, "Abc", 3) == 0);
  CHECK(fstat(fd, &st) == 0 && st.st_nlink == 0);
  close(fd);
  CHECK_ERR(open("data.txt", O_RDONLY), ENOENT);

  /* stdio on top of it all. */
  FILE *f = fopen("lines.txt", "w");
  CHECK(f != NULL);
  for (int i = 0; i < 1000; i++) fprintf(f, "line %d\n", i);
  fclose(f);
  f = fopen("lines.txt", "r");
  int count = 0;
  char line[32];
  while (fgets(line, sizeof line, f)) count++;
  CHECK(count == 1000);
  CHECK(fseek(f, -9, SEEK_END) == 0 && fgets(line, sizeof line, f) && strcmp(line, "line 999\n") == 0);
  fclose(f);
  CHECK(stat("lines.txt", &st) == 0 && st.st_size == 8890);
  DONE();
}
