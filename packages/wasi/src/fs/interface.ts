/**
 * The interface every file system behind the WASI layer implements.
 *
 * The WASI layer owns descriptors, rights and all path resolution. It walks paths one component
 * at a time, resolves symlinks itself and refuses anything that would leave a preopened directory,
 * so a file system only ever sees single, validated names inside directories it handed out:
 * never `""`, `"."`, `".."`, a `/` or a NUL. It never needs to follow a symlink.
 * @packageDocumentation
 */
import type { FiletypeValue } from '../abi/constants';

/** What `stat` reports. Times are nanoseconds since the Unix epoch. */
export interface Stat {
  /** Device id: equal for all nodes of one file system. */
  dev: bigint;
  /** Inode number: stable for the node's lifetime, and what directory listings report. */
  ino: bigint;
  /** The node's type (a WASI `filetype`). */
  filetype: FiletypeValue;
  /** Number of hard links. */
  nlink: bigint;
  /** Size in bytes (for a symlink: the length of its target). */
  size: bigint;
  /** Last access time. */
  atim: bigint;
  /** Last data modification time. */
  mtim: bigint;
  /** Last status change time. */
  ctim: bigint;
}

/** One entry of a directory listing (without `.` and `..`, which the WASI layer adds). */
export interface DirEntry {
  /** The entry's name. */
  name: string;
  /** The inode number, equal to `stat(lookup(dir, name)).ino`. */
  ino: bigint;
  /** The entry's type. */
  filetype: FiletypeValue;
}

/** An open regular file. Positions are absolute; the WASI layer keeps the file offset. */
export interface OpenFile {
  /** Reads up to `buf.length` bytes at `position` into `buf`; returns the count (0 at end of file). */
  read(buf: Uint8Array, position: bigint): number;
  /** Writes `data` at `position` (growing the file, zero-filling any gap); returns the count. */
  write(data: Uint8Array, position: bigint): number;
  /** The file's current status. */
  stat(): Stat;
  /** Truncates or zero-extends the file to `size` bytes. */
  setSize(size: bigint): void;
  /** Flushes data and metadata to storage. */
  sync(): void;
  /**
   * Optional: sets times through the open file (like `futimens`), so it works after the file was
   * renamed or unlinked. Without it the WASI layer uses {@link FileSystem.setTimes} on the node.
   */
  setTimes?(atim: bigint | null, mtim: bigint | null): void;
  /** Releases the file. Called exactly once. */
  close(): void;
}

/** Which accesses an `open` needs. */
export interface OpenAccess {
  /** Open for reading. */
  read: boolean;
  /** Open for writing. */
  write: boolean;
}

/**
 * A file system the WASI layer can preopen. `N` is the implementation's node handle: an object, a
 * host path, an id — whatever it likes. Report failures by throwing a {@link WasiError} with the
 * proper errno (`noent`, `exist`, `notdir`, `isdir`, `notempty`, `rofs`, ...).
 *
 * @example A file system that exposes one read-only file, `hello.txt`:
 * ```ts
 * import { Errno, Filetype, WasiError, type FileSystem, type Stat } from '@rt/wasi';
 * const text = new TextEncoder().encode('hello\n');
 * const stat = (ino: bigint): Stat => ({ dev: 9n, ino, filetype: ino === 1n ? Filetype.DIRECTORY :
 *   Filetype.REGULAR_FILE, nlink: 1n, size: ino === 1n ? 0n : BigInt(text.length), atim: 0n, mtim: 0n, ctim: 0n });
 * const rofs = (): never => { throw new WasiError(Errno.rofs); };
 * export const hello: FileSystem<bigint> = {
 *   root: 1n,
 *   lookup: (dir, name) => { if (dir === 1n && name === 'hello.txt') return 2n; throw new WasiError(Errno.noent); },
 *   stat,
 *   readlink: () => { throw new WasiError(Errno.inval); },
 *   readdir: () => [{ name: 'hello.txt', ino: 2n, filetype: Filetype.REGULAR_FILE }],
 *   open: (node, access) => {
 *     if (access.write) rofs();
 *     return { read: (buf, pos) => { const part = text.subarray(Number(pos), Number(pos) + buf.length);
 *       buf.set(part); return part.length; }, write: rofs, stat: () => stat(node), setSize: rofs,
 *       sync: () => {}, close: () => {} };
 *   },
 *   createFile: rofs, createDirectory: rofs, symlink: rofs, link: rofs, unlink: rofs,
 *   removeDirectory: rofs, rename: rofs, setTimes: rofs,
 * };
 * ```
 */
export interface FileSystem<N = unknown> {
  /** The directory this file system exposes; a preopen's `..` can never go above it. */
  readonly root: N;
  /** The node named `name` in directory `dir`, not following a symlink. `noent` if absent. */
  lookup(dir: N, name: string): N;
  /** Status of a node (a symlink's own status). */
  stat(node: N): Stat;
  /** The target of a symlink node, verbatim. */
  readlink(node: N): string;
  /** The entries of directory `dir`, without `.` and `..`. */
  readdir(dir: N): DirEntry[];
  /** Opens a regular file node. */
  open(node: N, access: OpenAccess): OpenFile;
  /** Creates an empty regular file `name` in `dir` (`exist` if the name is taken); returns it. */
  createFile(dir: N, name: string): N;
  /** Creates directory `name` in `dir` (`exist` if the name is taken). */
  createDirectory(dir: N, name: string): void;
  /** Creates symlink `name` in `dir` holding `target` verbatim (`exist` if the name is taken). */
  symlink(target: string, dir: N, name: string): void;
  /** Adds a hard link `name` in `dir` to the non-directory `node` (`exist` if the name is taken). */
  link(node: N, dir: N, name: string): void;
  /** Removes the non-directory entry `name` from `dir` (`isdir` for a directory). */
  unlink(dir: N, name: string): void;
  /** Removes the empty directory `name` from `dir` (`notdir`, `notempty`). */
  removeDirectory(dir: N, name: string): void;
  /**
   * Renames with POSIX `rename(2)` semantics: replaces an existing file, or an empty directory
   * when the source is a directory; `isdir`/`notdir` on a kind mismatch; `inval` when moving a
   * directory into itself.
   */
  rename(srcDir: N, srcName: string, dstDir: N, dstName: string): void;
  /** Sets access and/or modification time (ns since the epoch); `null` leaves one unchanged. */
  setTimes(node: N, atim: bigint | null, mtim: bigint | null): void;
}
