/**
 * The core WebAssembly type of every `wasi_snapshot_preview1` function, as the witx ABI lowers it.
 * @packageDocumentation
 */

/** A value type that appears in WASI preview1 signatures: handles, pointers and sizes are `i32`, 64-bit quantities `i64`. */
export type WasiValueType = 'i32' | 'i64';

/** The core WebAssembly function type of one WASI function. */
export interface WasiFunctionType {
  /** Parameter types, in order. */
  readonly params: readonly WasiValueType[];
  /** Result types: `['i32']` (an errno) for every function but `proc_exit`, which returns nothing. */
  readonly results: readonly WasiValueType[];
}

/** `(i32 × n) -> errno`, the most common shape, with i64 at the given parameter positions. */
function errnoFn(arity: number, i64At: readonly number[] = []): WasiFunctionType {
  const params = Array.from({ length: arity }, (_, i): WasiValueType => (i64At.includes(i) ? 'i64' : 'i32'));
  return { params, results: ['i32'] };
}

/**
 * The type of each of the 46 functions. A guest that imports one of them with another type cannot
 * be linked against this implementation (its arguments would be misread), so hosts that link by
 * name, such as the `rt` CLI, check imports against this table and report the difference.
 *
 * @example
 * ```ts
 * WASI_FUNCTION_TYPES.fd_write; // { params: ['i32', 'i32', 'i32', 'i32'], results: ['i32'] }
 * ```
 */
export const WASI_FUNCTION_TYPES: Readonly<Record<string, WasiFunctionType>> = Object.freeze({
  args_get: errnoFn(2),
  args_sizes_get: errnoFn(2),
  environ_get: errnoFn(2),
  environ_sizes_get: errnoFn(2),
  clock_res_get: errnoFn(2),
  clock_time_get: errnoFn(3, [1]),
  fd_advise: errnoFn(4, [1, 2]),
  fd_allocate: errnoFn(3, [1, 2]),
  fd_close: errnoFn(1),
  fd_datasync: errnoFn(1),
  fd_fdstat_get: errnoFn(2),
  fd_fdstat_set_flags: errnoFn(2),
  fd_fdstat_set_rights: errnoFn(3, [1, 2]),
  fd_filestat_get: errnoFn(2),
  fd_filestat_set_size: errnoFn(2, [1]),
  fd_filestat_set_times: errnoFn(4, [1, 2]),
  fd_pread: errnoFn(5, [3]),
  fd_prestat_get: errnoFn(2),
  fd_prestat_dir_name: errnoFn(3),
  fd_pwrite: errnoFn(5, [3]),
  fd_read: errnoFn(4),
  fd_readdir: errnoFn(5, [3]),
  fd_renumber: errnoFn(2),
  fd_seek: errnoFn(4, [1]),
  fd_sync: errnoFn(1),
  fd_tell: errnoFn(2),
  fd_write: errnoFn(4),
  path_create_directory: errnoFn(3),
  path_filestat_get: errnoFn(5),
  path_filestat_set_times: errnoFn(7, [4, 5]),
  path_link: errnoFn(7),
  path_open: errnoFn(9, [5, 6]),
  path_readlink: errnoFn(6),
  path_remove_directory: errnoFn(3),
  path_rename: errnoFn(6),
  path_symlink: errnoFn(5),
  path_unlink_file: errnoFn(3),
  poll_oneoff: errnoFn(4),
  proc_exit: { params: ['i32'], results: [] },
  proc_raise: errnoFn(1),
  sched_yield: errnoFn(0),
  random_get: errnoFn(2),
  sock_accept: errnoFn(3),
  sock_recv: errnoFn(6),
  sock_send: errnoFn(5),
  sock_shutdown: errnoFn(2),
});
