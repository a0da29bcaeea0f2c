/**
 * The asynchronous file-system interface: {@link FileSystem}'s operations, each allowed to answer
 * with a promise, for storage that can only be reached asynchronously (a browser's OPFS or
 * IndexedDB, a tree served over HTTP, a remote store).
 * @packageDocumentation
 */
import type { DirEntry, OpenAccess, Stat } from '../fs/interface';
import type { Awaitable } from './journal';

/**
 * An open regular file of an {@link AsyncFileSystem}. Unlike {@link OpenFile.read}, `read` returns
 * the bytes instead of filling a buffer: guest memory may grow (and its buffer be replaced) while
 * the read is pending, so only the WASI layer writes into it, once the bytes are there.
 */
export interface AsyncOpenFile {
  /** Reads up to `length` bytes at `position`; fewer (or none) at the end of the file. */
  read(length: number, position: bigint): Awaitable<Uint8Array>;
  /** Writes `data` (a copy the file may keep) at `position`, zero-filling any gap; returns the count. */
  write(data: Uint8Array, position: bigint): Awaitable<number>;
  /** The file's current status. */
  stat(): Awaitable<Stat>;
  /** Truncates or zero-extends the file to `size` bytes. */
  setSize(size: bigint): Awaitable<void>;
  /** Flushes data and metadata to storage. */
  sync(): Awaitable<void>;
  /** Optional: sets times through the open file (see {@link OpenFile.setTimes}). */
  setTimes?(atim: bigint | null, mtim: bigint | null): Awaitable<void>;
  /**
   * Releases the file. Called exactly once. The guest does not wait for it (as POSIX `close`
   * errors are ignored, so are its errors), but the next operation on the same file system waits
   * until it has settled, so a file written and closed is complete when it is opened again.
   */
  close(): Awaitable<void>;
}

/**
 * A file system whose operations may answer with promises; otherwise exactly the contract of
 * {@link FileSystem} (single validated names, no symlink following, errors as thrown or rejected
 * {@link WasiError}s, stable inode numbers). Preopen it in an {@link AsyncWASI}.
 */
export interface AsyncFileSystem<N = unknown> {
  /** The directory this file system exposes. */
  readonly root: N;
  /** The node named `name` in directory `dir`, not following a symlink. `noent` if absent. */
  lookup(dir: N, name: string): Awaitable<N>;
  /** Status of a node (a symlink's own status). */
  stat(node: N): Awaitable<Stat>;
  /** The target of a symlink node, verbatim. */
  readlink(node: N): Awaitable<string>;
  /** The entries of directory `dir`, without `.` and `..`. */
  readdir(dir: N): Awaitable<DirEntry[]>;
  /** Opens a regular file node. */
  open(node: N, access: OpenAccess): Awaitable<AsyncOpenFile>;
  /** Creates an empty regular file `name` in `dir` (`exist` if the name is taken); returns it. */
  createFile(dir: N, name: string): Awaitable<N>;
  /** Creates directory `name` in `dir`. */
  createDirectory(dir: N, name: string): Awaitable<void>;
  /** Creates symlink `name` in `dir` holding `target` verbatim. */
  symlink(target: string, dir: N, name: string): Awaitable<void>;
  /** Adds a hard link `name` in `dir` to the non-directory `node`. */
  link(node: N, dir: N, name: string): Awaitable<void>;
  /** Removes the non-directory entry `name` from `dir`. */
  unlink(dir: N, name: string): Awaitable<void>;
  /** Removes the empty directory `name` from `dir`. */
  removeDirectory(dir: N, name: string): Awaitable<void>;
  /** Renames with POSIX `rename(2)` semantics (see {@link FileSystem.rename}). */
  rename(srcDir: N, srcName: string, dstDir: N, dstName: string): Awaitable<void>;
  /** Sets access and/or modification time; `null` leaves one unchanged. */
  setTimes(node: N, atim: bigint | null, mtim: bigint | null): Awaitable<void>;
}
