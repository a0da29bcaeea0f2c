/**
 * `DeferredFileSystem`: any synchronous file system made asynchronous, every operation answering
 * later through a promise. An in-memory async file system is `new DeferredFileSystem(new
 * MemoryFileSystem(tree))`; it is also how a host runs a synchronous store behind an async queue
 * (a lock, a rate limit, simulated latency).
 * @packageDocumentation
 */
import type { DirEntry, FileSystem, OpenAccess, OpenFile, Stat } from '../fs/interface';
import type { AsyncFileSystem, AsyncOpenFile } from './fs-interface';

/** Options of {@link DeferredFileSystem}. */
export interface DeferredFileSystemOptions {
  /**
   * Waits before each operation runs. Default: a macrotask (`setTimeout(0)`), so every operation
   * really leaves the current job, as storage behind an event loop does.
   */
  delay?: () => Promise<void>;
}

const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** The asynchronous view of a synchronous {@link FileSystem}: same behaviour, answers later. */
export class DeferredFileSystem<N = unknown> implements AsyncFileSystem<N> {
  readonly root: N;
  private readonly delay: () => Promise<void>;

  /**
   * @param fs - the file system doing the work.
   * @param options - see {@link DeferredFileSystemOptions}.
   */
  constructor(private readonly fs: FileSystem<N>, options: DeferredFileSystemOptions = {}) {
    this.root = fs.root;
    this.delay = options.delay ?? macrotask;
  }

  /** Runs `op` after the delay; its exception becomes the rejection. */
  private async later<T>(op: () => T): Promise<T> {
    await this.delay();
    return op();
  }

  lookup(dir: N, name: string): Promise<N> {
    return this.later(() => this.fs.lookup(dir, name));
  }
  stat(node: N): Promise<Stat> {
    return this.later(() => this.fs.stat(node));
  }
  readlink(node: N): Promise<string> {
    return this.later(() => this.fs.readlink(node));
  }
  readdir(dir: N): Promise<DirEntry[]> {
    return this.later(() => this.fs.readdir(dir));
  }
  async open(node: N, access: OpenAccess): Promise<AsyncOpenFile> {
    const file = await this.later(() => this.fs.open(node, access));
    return deferredFile(file, (op) => this.later(op));
  }
  createFile(dir: N, name: string): Promise<N> {
    return this.later(() => this.fs.createFile(dir, name));
  }
  createDirectory(dir: N, name: string): Promise<void> {
    return this.later(() => this.fs.createDirectory(dir, name));
  }
  symlink(target: string, dir: N, name: string): Promise<void> {
    return this.later(() => this.fs.symlink(target, dir, name));
  }
  link(node: N, dir: N, name: string): Promise<void> {
    return this.later(() => this.fs.link(node, dir, name));
  }
  unlink(dir: N, name: string): Promise<void> {
    return this.later(() => this.fs.unlink(dir, name));
  }
  removeDirectory(dir: N, name: string): Promise<void> {
    return this.later(() => this.fs.removeDirectory(dir, name));
  }
  rename(srcDir: N, srcName: string, dstDir: N, dstName: string): Promise<void> {
    return this.later(() => this.fs.rename(srcDir, srcName, dstDir, dstName));
  }
  setTimes(node: N, atim: bigint | null, mtim: bigint | null): Promise<void> {
    return this.later(() => this.fs.setTimes(node, atim, mtim));
  }
}

function deferredFile(file: OpenFile, later: <T>(op: () => T) => Promise<T>): AsyncOpenFile {
  const setTimes = file.setTimes?.bind(file);
  return {
    read: (length, position) =>
      later(() => {
        const buf = new Uint8Array(length);
        return buf.subarray(0, file.read(buf, position));
      }),
    write: (data, position) => later(() => file.write(data, position)),
    stat: () => later(() => file.stat()),
    setSize: (size) => later(() => file.setSize(size)),
    sync: () => later(() => file.sync()),
    ...(setTimes ? { setTimes: (atim: bigint | null, mtim: bigint | null) => later(() => setTimes(atim, mtim)) } : {}),
    close: () => later(() => file.close()),
  };
}
