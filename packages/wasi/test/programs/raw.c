/* The WASI API called directly (wasi/api.h), for the functions libc rarely reaches: preopen
 * enumeration, fd_renumber, rights, advise/allocate/sync, fdstat flags, readdir cookies,
 * poll_oneoff, random_get, sched_yield and the sock_* functions on non-sockets. */
#include <fcntl.h>
#include <wasi/api.h>
#include "check.h"

#define E(expr, want)                                                                          \
  do {                                                                                         \
    __wasi_errno_t e_ = (expr);                                                                \
    if (e_ == (want)) printf("ok %s == %s\n", #expr, #want);                                   \
    else { printf("FAIL %s:%d: %s = %d, want %s\n", __FILE__, __LINE__, #expr, e_, #want); failures++; } \
  } while (0)

int main(void) {
  /* Preopens: contiguous from 3, then badf. */
  __wasi_prestat_t pre;
  E(__wasi_fd_prestat_get(3, &pre), __WASI_ERRNO_SUCCESS);
  CHECK(pre.tag == __WASI_PREOPENTYPE_DIR && pre.u.dir.pr_name_len == 1);
  char name[8] = {0};
  E(__wasi_fd_prestat_dir_name(3, (uint8_t *)name, 0), __WASI_ERRNO_NAMETOOLONG);
  E(__wasi_fd_prestat_dir_name(3, (uint8_t *)name, sizeof name), __WASI_ERRNO_SUCCESS);
  CHECK(name[0] == '/');
  E(__wasi_fd_prestat_get(4, &pre), __WASI_ERRNO_BADF);
  E(__wasi_fd_prestat_get(0, &pre), __WASI_ERRNO_BADF);

  /* A file to work on. */
  __wasi_fd_t f, g;
  E(__wasi_path_open(3, 0, "raw.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, ~0ULL, ~0ULL, 0, &f), __WASI_ERRNO_SUCCESS);
  E(__wasi_path_open(3, 0, "raw.txt", 0, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL | __WASI_RIGHTS_FD_FILESTAT_GET, 0, 0, &g), __WASI_ERRNO_SUCCESS);
  __wasi_ciovec_t out = {(const uint8_t *)"abcdef", 6};
  __wasi_size_t n;
  E(__wasi_fd_write(f, &out, 1, &n), __WASI_ERRNO_SUCCESS);

  /* fd_advise, fd_allocate, fd_sync, fd_datasync. */
  E(__wasi_fd_advise(f, 0, 6, __WASI_ADVICE_SEQUENTIAL), __WASI_ERRNO_SUCCESS);
  E(__wasi_fd_allocate(f, 0, 100), __WASI_ERRNO_SUCCESS);
  __wasi_filestat_t st;
  E(__wasi_fd_filestat_get(f, &st), __WASI_ERRNO_SUCCESS);
  CHECK(st.size == 100);
  E(__wasi_fd_filestat_set_size(f, 6), __WASI_ERRNO_SUCCESS);
  E(__wasi_fd_sync(f), __WASI_ERRNO_SUCCESS);
  E(__wasi_fd_datasync(f), __WASI_ERRNO_SUCCESS);
  E(__wasi_fd_allocate(g, 0, 1), __WASI_ERRNO_NOTCAPABLE);

  /* Rights: dropping works, adding back does not. */
  __wasi_fdstat_t fst;
  E(__wasi_fd_fdstat_get(g, &fst), __WASI_ERRNO_SUCCESS);
  CHECK(fst.fs_filetype == __WASI_FILETYPE_REGULAR_FILE);
  CHECK(fst.fs_rights_base == (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL | __WASI_RIGHTS_FD_FILESTAT_GET));
  E(__wasi_fd_fdstat_set_rights(g, __WASI_RIGHTS_FD_READ, 0), __WASI_ERRNO_SUCCESS);
  E(__wasi_fd_fdstat_set_rights(g, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK, 0), __WASI_ERRNO_NOTCAPABLE);
  __wasi_filesize_t pos;
  E(__wasi_fd_seek(g, 0, __WASI_WHENCE_END, &pos), __WASI_ERRNO_NOTCAPABLE);

  /* Append set later with fd_fdstat_set_flags; sync flags are refused. */
  E(__wasi_fd_fdstat_set_flags(f, __WASI_FDFLAGS_APPEND), __WASI_ERRNO_SUCCESS);
  E(__wasi_fd_seek(f, 0, __WASI_WHENCE_SET, &pos), __WASI_ERRNO_SUCCESS);
  out.buf = (const uint8_t *)"gh";
  out.buf_len = 2;
  E(__wasi_fd_write(f, &out, 1, &n), __WASI_ERRNO_SUCCESS);
  E(__wasi_fd_tell(f, &pos), __WASI_ERRNO_SUCCESS);
  CHECK(pos == 8);
  E(__wasi_fd_fdstat_set_flags(f, __WASI_FDFLAGS_SYNC), __WASI_ERRNO_INVAL);

  /* fd_renumber: g moves onto f; f's old file is closed; g is gone. */
  E(__wasi_fd_renumber(g, f), __WASI_ERRNO_SUCCESS);
  E(__wasi_fd_fdstat_get(g, &fst), __WASI_ERRNO_BADF);
  E(__wasi_fd_fdstat_get(f, &fst), __WASI_ERRNO_SUCCESS);
  CHECK(fst.fs_rights_base == __WASI_RIGHTS_FD_READ);
  uint8_t buf[16];
  __wasi_iovec_t in = {buf, sizeof buf};
  E(__wasi_fd_read(f, &in, 1, &n), __WASI_ERRNO_SUCCESS);
  CHECK(n == 8 && memcmp(buf, "abcdefgh", 8) == 0);
  E(__wasi_fd_renumber(f, 1234), __WASI_ERRNO_BADF);
  E(__wasi_fd_renumber(f, f), __WASI_ERRNO_SUCCESS);
  E(__wasi_fd_close(f), __WASI_ERRNO_SUCCESS);
  E(__wasi_fd_close(f), __WASI_ERRNO_BADF);

  /* fd_readdir: . and .. first; cookies resume. */
  E(__wasi_path_create_directory(3, "rd"), __WASI_ERRNO_SUCCESS);
  __wasi_fd_t d;
  E(__wasi_path_open(3, 0, "rd", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_PATH_CREATE_FILE | __WASI_RIGHTS_FD_FILESTAT_GET, ~0ULL, 0, &d), __WASI_ERRNO_SUCCESS);
  for (int i = 0; i < 3; i++) {
    char nm[2] = {(char)('a' + i), 0};
    __wasi_fd_t t;
    E(__wasi_path_open(d, 0, nm, __WASI_OFLAGS_CREAT, 0, 0, 0, &t), __WASI_ERRNO_SUCCESS);
    __wasi_fd_close(t);
  }
  uint8_t dirbuf[256];
  __wasi_size_t used;
  E(__wasi_fd_readdir(d, dirbuf, sizeof dirbuf, 0, &used), __WASI_ERRNO_SUCCESS);
  __wasi_dirent_t first;
  memcpy(&first, dirbuf, sizeof first);
  E(__wasi_fd_filestat_get(d, &st), __WASI_ERRNO_SUCCESS);
  CHECK(first.d_namlen == 1 && dirbuf[24] == '.' && first.d_ino == st.ino && first.d_type == __WASI_FILETYPE_DIRECTORY);
  CHECK(used == 5 * 24 + 1 + 2 + 1 + 1 + 1);
  E(__wasi_fd_readdir(d, dirbuf, sizeof dirbuf, 3, &used), __WASI_ERRNO_SUCCESS); /* after . .. a */
  CHECK(used == 2 * (24 + 1));
  E(__wasi_fd_readdir(d, dirbuf, 30, 0, &used), __WASI_ERRNO_SUCCESS);
  CHECK(used == 30); /* the second entry is cut off */
  E(__wasi_fd_seek(d, 0, __WASI_WHENCE_CUR, &pos), __WASI_ERRNO_BADF);

  /* poll_oneoff: a file is ready at once, before the 1 s timeout. */
  __wasi_fd_t r;
  E(__wasi_path_open(3, 0, "raw.txt", 0, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_POLL_FD_READWRITE, 0, 0, &r), __WASI_ERRNO_SUCCESS);
  __wasi_subscription_t subs[2];
  memset(subs, 0, sizeof subs);
  subs[0].userdata = 7;
  subs[0].u.tag = __WASI_EVENTTYPE_CLOCK;
  subs[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  subs[0].u.u.clock.timeout = 1000000000;
  subs[1].userdata = 8;
  subs[1].u.tag = __WASI_EVENTTYPE_FD_READ;
  subs[1].u.u.fd_read.file_descriptor = r;
  __wasi_event_t ev[2];
  E(__wasi_poll_oneoff(subs, ev, 2, &n), __WASI_ERRNO_SUCCESS);
  CHECK(n == 1 && ev[0].userdata == 8 && ev[0].type == __WASI_EVENTTYPE_FD_READ && ev[0].fd_readwrite.nbytes == 8);
  E(__wasi_poll_oneoff(subs, ev, 0, &n), __WASI_ERRNO_INVAL);
  E(__wasi_poll_oneoff(subs, ev, 1, &n), __WASI_ERRNO_SUCCESS);
  CHECK(n == 1 && ev[0].userdata == 7 && ev[0].type == __WASI_EVENTTYPE_CLOCK && ev[0].error == 0);

  /* Sockets: none exist, so stdout is notsock and a closed fd badf. */
  __wasi_size_t dl;
  __wasi_roflags_t rf;
  E(__wasi_sock_recv(1, &in, 1, 0, &dl, &rf), __WASI_ERRNO_NOTSOCK);
  E(__wasi_sock_send(r, &out, 1, 0, &dl), __WASI_ERRNO_NOTSOCK);
  E(__wasi_sock_shutdown(1, __WASI_SDFLAGS_WR), __WASI_ERRNO_NOTSOCK);
  E(__wasi_sock_shutdown(999, __WASI_SDFLAGS_WR), __WASI_ERRNO_BADF);
  __wasi_fd_t acc;
  E(__wasi_sock_accept(3, 0, &acc), __WASI_ERRNO_NOTSOCK);
  E(__wasi_sock_accept(999, 0, &acc), __WASI_ERRNO_BADF);

  /* The rest. */
  E(__wasi_sched_yield(), __WASI_ERRNO_SUCCESS);
  E(__wasi_random_get(buf, 0), __WASI_ERRNO_SUCCESS);
  E(__wasi_random_get(buf, sizeof buf), __WASI_ERRNO_SUCCESS);
  __wasi_timestamp_t res;
  E(__wasi_clock_res_get(__WASI_CLOCKID_REALTIME, &res), __WASI_ERRNO_SUCCESS);
  E(__wasi_clock_time_get(99, 0, &res), __WASI_ERRNO_INVAL);
  E(__wasi_fd_write((__wasi_fd_t)-31337, &out, 1, &n), __WASI_ERRNO_BADF);
  E(__wasi_path_open(3, 0, "..", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &acc), __WASI_ERRNO_NOTCAPABLE);
  E(__wasi_path_open(3, 0, "/raw.txt", 0, 0, 0, 0, &acc), __WASI_ERRNO_NOTCAPABLE);
  E(__wasi_path_symlink("/etc", 3, "abs"), __WASI_ERRNO_PERM);
  E(__wasi_path_link(3, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "raw.txt", 3, "l"), __WASI_ERRNO_INVAL);
  E(__wasi_fd_filestat_set_times(3, 1, 1, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW), __WASI_ERRNO_INVAL);
  E(__wasi_fd_close(3), __WASI_ERRNO_SUCCESS);
  E(__wasi_fd_prestat_get(3, &pre), __WASI_ERRNO_BADF);
  DONE();
}
