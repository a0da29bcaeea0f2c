/**
 * Enumerations and flag sets of `wasi_snapshot_preview1` (from `typenames.witx`).
 * @packageDocumentation
 */

/** `filetype`: what kind of object a descriptor or directory entry refers to. */
export const Filetype = {
  UNKNOWN: 0,
  BLOCK_DEVICE: 1,
  CHARACTER_DEVICE: 2,
  DIRECTORY: 3,
  REGULAR_FILE: 4,
  SOCKET_DGRAM: 5,
  SOCKET_STREAM: 6,
  SYMBOLIC_LINK: 7,
} as const;

/** A `filetype` value. */
export type FiletypeValue = (typeof Filetype)[keyof typeof Filetype];

/** `whence` for `fd_seek` (preview1 order: set, cur, end). */
export const Whence = { SET: 0, CUR: 1, END: 2 } as const;

/** `oflags` for `path_open`. */
export const Oflags = { CREAT: 1, DIRECTORY: 2, EXCL: 4, TRUNC: 8 } as const;

/** `fdflags`. */
export const Fdflags = { APPEND: 1, DSYNC: 2, NONBLOCK: 4, RSYNC: 8, SYNC: 16 } as const;

/** `fstflags` for the `*_set_times` functions. */
export const Fstflags = { ATIM: 1, ATIM_NOW: 2, MTIM: 4, MTIM_NOW: 8 } as const;

/** `lookupflags`. */
export const Lookupflags = { SYMLINK_FOLLOW: 1 } as const;

/** `clockid`. */
export const Clockid = { REALTIME: 0, MONOTONIC: 1, PROCESS_CPUTIME_ID: 2, THREAD_CPUTIME_ID: 3 } as const;

/** A `clockid` value. */
export type ClockidValue = (typeof Clockid)[keyof typeof Clockid];

/** `eventtype` for `poll_oneoff`. */
export const Eventtype = { CLOCK: 0, FD_READ: 1, FD_WRITE: 2 } as const;

/** `subclockflags`. */
export const Subclockflags = { ABSTIME: 1 } as const;

/** `eventrwflags`. */
export const Eventrwflags = { HANGUP: 1 } as const;

/** `riflags` for `sock_recv`. */
export const Riflags = { RECV_PEEK: 1, RECV_WAITALL: 2 } as const;

/** `roflags` for `sock_recv`. */
export const Roflags = { RECV_DATA_TRUNCATED: 1 } as const;

/** `sdflags` for `sock_shutdown`. */
export const Sdflags = { RD: 1, WR: 2 } as const;

/** `advice` for `fd_advise`. */
export const Advice = { NORMAL: 0, SEQUENTIAL: 1, RANDOM: 2, WILLNEED: 3, DONTNEED: 4, NOREUSE: 5 } as const;

/** `preopentype`. */
export const Preopentype = { DIR: 0 } as const;

/** Sizes of the structs the ABI passes through memory, checked against wasi-libc's `_Static_assert`s. */
export const Size = {
  IOVEC: 8,
  DIRENT: 24,
  FILESTAT: 64,
  FDSTAT: 24,
  PRESTAT: 8,
  SUBSCRIPTION: 48,
  EVENT: 32,
} as const;
