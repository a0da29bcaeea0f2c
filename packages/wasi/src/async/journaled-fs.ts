/**
 * An {@link AsyncFileSystem} seen through the journal as a synchronous {@link FileSystem}, so the
 * WASI functions and path resolution run over it unchanged (see `./journal`).
 * @packageDocumentation
 */
import type { DirEntry, FileSystem, OpenAccess, OpenFile, Stat } from '../fs/interface';
import type { AsyncFileSystem, AsyncOpenFile } from './fs-interface';
import { isThenable, type Journal } from './journal';

/** The facade of one preopened async file system. */
export class JournaledFileSystem implements FileSystem {
  readonly root: unknown;
  /** Closes still settling: the next new operation on this file system waits for them. */
  private readonly closing = new Set<Promise<unknown>>();

  /**
   * @param fs - the asynchronous file system.
   * @param journal - the async WASI instance's journal.
   */
  constructor(readonly fs: AsyncFileSystem, private readonly journal: Journal) {
    this.root = fs.root;
  }

  private readonly barrier = (): Promise<unknown> | null => (this.closing.size > 0 ? Promise.allSettled([...this.closing]) : null);

  /** Performs one operation of this file system through the journal. */
  perform<T>(key: string, start: () => T | PromiseLike<T>): T {
    return this.journal.perform(key, start, this.barrier);
  }

  /** Resolves when every close started so far has settled. */
  async settled(): Promise<void> {
    while (this.closing.size > 0) await Promise.allSettled([...this.closing]);
  }

  /** Starts a close without making the guest wait (see {@link AsyncOpenFile.close}). */
  background(close: () => unknown): void {
    // A run unwinding from a suspension is replayed: the file it would close is still in use.
    if (this.journal.unwinding) return;
    let r: unknown;
    try {
      r = close();
    } catch {
      return;
    }
    if (isThenable(r)) {
      const p = Promise.resolve(r).then(() => undefined, () => undefined);
      this.closing.add(p);
      void p.then(() => this.closing.delete(p));
    }
  }

  lookup(dir: unknown, name: string): unknown {
    return this.perform('lookup', () => this.fs.lookup(dir, name));
  }
  stat(node: unknown): Stat {
    return this.perform('stat', () => this.fs.stat(node));
  }
  readlink(node: unknown): string {
    return this.perform('readlink', () => this.fs.readlink(node));
  }
  readdir(dir: unknown): DirEntry[] {
    return this.perform('readdir', () => this.fs.readdir(dir));
  }
  open(node: unknown, access: OpenAccess): OpenFile {
    return new JournaledFile(this.perform('open', () => this.fs.open(node, access)), this);
  }
  createFile(dir: unknown, name: string): unknown {
    return this.perform('createFile', () => this.fs.createFile(dir, name));
  }
  createDirectory(dir: unknown, name: string): void {
    this.perform('createDirectory', () => this.fs.createDirectory(dir, name));
  }
  symlink(target: string, dir: unknown, name: string): void {
    this.perform('symlink', () => this.fs.symlink(target, dir, name));
  }
  link(node: unknown, dir: unknown, name: string): void {
    this.perform('link', () => this.fs.link(node, dir, name));
  }
  unlink(dir: unknown, name: string): void {
    this.perform('unlink', () => this.fs.unlink(dir, name));
  }
  removeDirectory(dir: unknown, name: string): void {
    this.perform('removeDirectory', () => this.fs.removeDirectory(dir, name));
  }
  rename(srcDir: unknown, srcName: string, dstDir: unknown, dstName: string): void {
    this.perform('rename', () => this.fs.rename(srcDir, srcName, dstDir, dstName));
  }
  setTimes(node: unknown, atim: bigint | null, mtim: bigint | null): void {
    this.perform('setTimes', () => this.fs.setTimes(node, atim, mtim));
  }
}

/** An {@link AsyncOpenFile} seen through the journal. */
class JournaledFile implements OpenFile {
  readonly setTimes?: (atim: bigint | null, mtim: bigint | null) => void;

  constructor(private readonly file: AsyncOpenFile, private readonly owner: JournaledFileSystem) {
    if (file.setTimes) {
      const set = file.setTimes.bind(file);
      this.setTimes = (atim, mtim) => void owner.perform('file.setTimes', () => set(atim, mtim));
    }
  }

  read(buf: Uint8Array, position: bigint): number {
    const bytes = this.owner.perform('file.read', () => this.file.read(buf.length, position));
    // Written here, on every run, into the view of guest memory this run took.
    const n = Math.min(bytes.length, buf.length);
    buf.set(bytes.subarray(0, n));
    return n;
  }
  write(data: Uint8Array, position: bigint): number {
    return this.owner.perform('file.write', () => this.file.write(data, position));
  }
  stat(): Stat {
    return this.owner.perform('file.stat', () => this.file.stat());
  }
  setSize(size: bigint): void {
    this.owner.perform('file.setSize', () => this.file.setSize(size));
  }
  sync(): void {
    this.owner.perform('file.sync', () => this.file.sync());
  }
  close(): void {
    this.owner.background(() => this.file.close());
  }
}
