/**
 * What an fd can stand for. The WASI layer keeps these in its fd table.
 * @packageDocumentation
 */
import type { FiletypeValue } from './abi/constants';
import type { DirEntry, FileSystem, OpenFile } from './fs/interface';
import type { WasiSocket } from './socket';
import type { InputStream, OutputStream } from './stdio';

/** State every descriptor has. */
interface Common {
  /** Rights of this fd. */
  rightsBase: bigint;
  /** Rights fds opened through this one may get. */
  rightsInheriting: bigint;
  /** `fdflags` (APPEND, NONBLOCK, ...). */
  fdflags: number;
}

/** A regular file opened through a file system. */
export interface FileDescriptor extends Common {
  kind: 'file';
  fs: FileSystem;
  node: unknown;
  file: OpenFile;
  /** The file's type when opened (a host file system can open devices, not only regular files). */
  filetype: FiletypeValue;
  /** The file offset, kept here so every file system gets it right. */
  position: bigint;
}

/** A directory: the base of path resolution. */
export interface DirectoryDescriptor extends Common {
  kind: 'directory';
  fs: FileSystem;
  node: unknown;
  /** The directory's parent, for the `..` entry of `fd_readdir`; `null` for a preopen. */
  parent: unknown;
  /** For a preopen: the name the guest sees in `fd_prestat_dir_name`. */
  preopenName: string | null;
  /** Listing taken when `fd_readdir` starts at cookie 0, so later cookies index a stable list. */
  listing: DirEntry[] | null;
}

/** A standard stream (character device). */
export interface StreamDescriptor extends Common {
  kind: 'stream';
  input: InputStream | null;
  output: OutputStream | null;
}

/** A host-provided socket. */
export interface SocketDescriptor extends Common {
  kind: 'socket';
  socket: WasiSocket;
}

/** Any descriptor. */
export type Descriptor = FileDescriptor | DirectoryDescriptor | StreamDescriptor | SocketDescriptor;

/** The WASI filetype of a descriptor. */
export function descriptorFiletype(d: Descriptor): FiletypeValue {
  switch (d.kind) {
    case 'file':
      return d.filetype;
    case 'directory':
      return 3;
    case 'stream':
      return 2;
    case 'socket':
      return d.socket.kind === 'stream' ? 6 : 5;
  }
}
