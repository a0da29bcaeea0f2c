/**
 * A wrapper that makes any file system read-only.
 * @packageDocumentation
 */
import { Errno, WasiError } from '../errno';
import type { DirEntry, FileSystem, OpenAccess, OpenFile, Stat } from './interface';

function rofs(): never {
  throw new WasiError(Errno.rofs);
}

/**
 * Exposes `inner` for reading only: every change — writing, creating, removing, renaming, linking,
 * truncating, setting times — fails with `rofs`, as on a read-only mount.
 */
export class ReadOnlyFileSystem<N> implements FileSystem<N> {
  /** The wrapped file system's root. */
  readonly root: N;

  /** @param inner - the file system to protect. */
  constructor(private readonly inner: FileSystem<N>) {
    this.root = inner.root;
  }

  /** {@inheritDoc FileSystem.lookup} */
  lookup(dir: N, name: string): N { return this.inner.lookup(dir, name); }
  /** {@inheritDoc FileSystem.stat} */
  stat(node: N): Stat { return this.inner.stat(node); }
  /** {@inheritDoc FileSystem.readlink} */
  readlink(node: N): string { return this.inner.readlink(node); }
  /** {@inheritDoc FileSystem.readdir} */
  readdir(dir: N): DirEntry[] { return this.inner.readdir(dir); }

  /** {@inheritDoc FileSystem.open} */
  open(node: N, access: OpenAccess): OpenFile {
    if (access.write) rofs();
    const file = this.inner.open(node, { read: access.read, write: false });
    return {
      read: (buf, position) => file.read(buf, position),
      write: rofs,
      stat: () => file.stat(),
      setSize: rofs,
      setTimes: rofs,
      sync: () => {},
      close: () => file.close(),
    };
  }

  /** Fails with `rofs`. */
  createFile(): N { return rofs(); }
  /** Fails with `rofs`. */
  createDirectory(): void { rofs(); }
  /** Fails with `rofs`. */
  symlink(): void { rofs(); }
  /** Fails with `rofs`. */
  link(): void { rofs(); }
  /** Fails with `rofs`. */
  unlink(): void { rofs(); }
  /** Fails with `rofs`. */
  removeDirectory(): void { rofs(); }
  /** Fails with `rofs`. */
  rename(): void { rofs(); }
  /** Fails with `rofs`. */
  setTimes(): void { rofs(); }
}
