/**
 * An in-memory file system: the default of the core entry point, for browsers and tests.
 * @packageDocumentation
 */
import { Filetype, type FiletypeValue } from '../abi/constants';
import { Errno, WasiError } from '../errno';
import type { DirEntry, FileSystem, OpenAccess, OpenFile, Stat } from './interface';
import { utf8Encoder } from '@rt/binary';

const utf8 = utf8Encoder();

/** A node of a {@link MemoryFileSystem}. Opaque to users. */
export class MemoryNode {
  /** @internal */ nlink = 1n;
  /** @internal */ data = new Uint8Array(0);
  /** @internal */ size = 0;
  /** @internal */ readonly entries = new Map<string, MemoryNode>();
  /** @internal */ parent: MemoryNode | null = null;
  /** @internal */ atim: bigint;
  /** @internal */ mtim: bigint;
  /** @internal */ ctim: bigint;

  /** @internal */
  constructor(
    /** @internal */ readonly ino: bigint,
    /** @internal */ readonly filetype: FiletypeValue,
    time: bigint,
    /** @internal */ readonly target = '',
  ) {
    this.atim = this.mtim = this.ctim = time;
  }
}

/** Options of {@link MemoryFileSystem}. */
export interface MemoryFileSystemOptions {
  /**
   * Where timestamps come from (ns since the epoch). Default: a logical clock that starts at 0 and
   * advances 1 ms per use, so the file system reveals no real time unless the host supplies it.
   */
  now?: () => bigint;
  /** Largest file size in bytes (`fbig` beyond it). Default 1 GiB. */
  maxFileSize?: number;
  /**
   * Most bytes all files together may hold (`nospc` beyond it), so a guest cannot exhaust the
   * host's memory. Default 1 GiB. Space of an unlinked file is returned when its last link goes.
   */
  capacity?: number;
}

/** A description of initial content: strings and byte arrays are files, objects are directories. */
export interface MemoryTree {
  [name: string]: string | Uint8Array | MemoryTree | { symlink: string };
}

let nextDev = 1n;

/**
 * A complete POSIX-like file system held in JavaScript objects: files, directories, symlinks,
 * hard links, timestamps. Open files survive unlinking, as on POSIX.
 */
export class MemoryFileSystem implements FileSystem<MemoryNode> {
  /** The root directory. */
  readonly root: MemoryNode;
  private readonly dev = nextDev++;
  private nextIno = 1n;
  private readonly now: () => bigint;
  private readonly maxFileSize: number;
  private readonly capacity: number;
  private used = 0;

  /** @param tree - initial content; @param options - see {@link MemoryFileSystemOptions}. */
  constructor(tree: MemoryTree = {}, options: MemoryFileSystemOptions = {}) {
    let logical = 0n;
    this.now = options.now ?? (() => (logical += 1_000_000n));
    this.maxFileSize = options.maxFileSize ?? 1 << 30;
    this.capacity = options.capacity ?? 1 << 30;
    this.root = this.node(Filetype.DIRECTORY);
    this.root.nlink = 2n;
    this.populate(this.root, tree);
  }

  private node(filetype: FiletypeValue, target = ''): MemoryNode {
    return new MemoryNode(this.nextIno++, filetype, this.now(), target);
  }

  private populate(dir: MemoryNode, tree: MemoryTree): void {
    for (const [name, value] of Object.entries(tree)) {
      if (typeof value === 'string' || value instanceof Uint8Array) {
        const file = this.createFile(dir, name);
        const bytes = typeof value === 'string' ? utf8.encode(value) : value;
        this.writeAt(file, bytes, 0);
      } else if ('symlink' in value && typeof value.symlink === 'string') {
        this.symlink(value.symlink, dir, name);
      } else {
        this.createDirectory(dir, name);
        this.populate(this.lookup(dir, name), value as MemoryTree);
      }
    }
  }

  private dir(node: MemoryNode): MemoryNode {
    if (node.filetype !== Filetype.DIRECTORY) throw new WasiError(Errno.notdir);
    return node;
  }

  private vacant(dir: MemoryNode, name: string): void {
    if (this.dir(dir).entries.has(name)) throw new WasiError(Errno.exist);
    // A directory removed while open can hold no new entries, as on Linux.
    if (dir.nlink === 0n) throw new WasiError(Errno.noent);
  }

  private touch(node: MemoryNode, data: boolean): void {
    const t = this.now();
    node.ctim = t;
    if (data) node.mtim = t;
  }

  private writeAt(node: MemoryNode, data: Uint8Array, position: number): number {
    const end = position + data.length;
    if (end > this.maxFileSize) throw new WasiError(Errno.fbig);
    if (data.length === 0) return 0;
    this.resize(node, Math.max(end, node.size));
    node.data.set(data, position);
    this.touch(node, true);
    return data.length;
  }

  private resize(node: MemoryNode, size: number): void {
    if (size > this.maxFileSize) throw new WasiError(Errno.fbig);
    if (this.used + size - node.size > this.capacity) throw new WasiError(Errno.nospc);
    this.used += size - node.size;
    if (size > node.data.length) {
      const grown = new Uint8Array(Math.max(size, Math.min(node.data.length * 2, this.maxFileSize)));
      grown.set(node.data.subarray(0, node.size));
      node.data = grown;
    } else if (size < node.size) {
      // Zero the cut-off tail so a later extension reads zeros, not old bytes.
      node.data.fill(0, size, node.size);
    }
    node.size = size;
  }

  /** {@inheritDoc FileSystem.lookup} */
  lookup(dir: MemoryNode, name: string): MemoryNode {
    const node = this.dir(dir).entries.get(name);
    if (!node) throw new WasiError(Errno.noent);
    return node;
  }

  /** {@inheritDoc FileSystem.stat} */
  stat(node: MemoryNode): Stat {
    const size = node.filetype === Filetype.SYMBOLIC_LINK ? utf8.encode(node.target).length : node.size;
    return {
      dev: this.dev, ino: node.ino, filetype: node.filetype, nlink: node.nlink, size: BigInt(size),
      atim: node.atim, mtim: node.mtim, ctim: node.ctim,
    };
  }

  /** {@inheritDoc FileSystem.readlink} */
  readlink(node: MemoryNode): string {
    if (node.filetype !== Filetype.SYMBOLIC_LINK) throw new WasiError(Errno.inval);
    return node.target;
  }

  /** {@inheritDoc FileSystem.readdir} */
  readdir(dir: MemoryNode): DirEntry[] {
    return [...this.dir(dir).entries].map(([name, n]) => ({ name, ino: n.ino, filetype: n.filetype }));
  }

  /** {@inheritDoc FileSystem.open} */
  open(node: MemoryNode, access: OpenAccess): OpenFile {
    if (node.filetype === Filetype.DIRECTORY) throw new WasiError(Errno.isdir);
    if (node.filetype !== Filetype.REGULAR_FILE) throw new WasiError(Errno.inval);
    return {
      read: (buf, position) => {
        if (!access.read) throw new WasiError(Errno.badf);
        const start = Math.min(Number(position), node.size);
        const n = Math.min(buf.length, node.size - start);
        buf.set(node.data.subarray(start, start + n));
        node.atim = this.now();
        return n;
      },
      write: (data, position) => {
        if (!access.write) throw new WasiError(Errno.badf);
        if (position + BigInt(data.length) > BigInt(this.maxFileSize)) throw new WasiError(Errno.fbig);
        return this.writeAt(node, data, Number(position));
      },
      stat: () => this.stat(node),
      setSize: (size) => {
        if (!access.write) throw new WasiError(Errno.badf);
        if (size > BigInt(this.maxFileSize)) throw new WasiError(Errno.fbig);
        this.resize(node, Number(size));
        this.touch(node, true);
      },
      sync: () => {},
      close: () => {},
    };
  }

  /** {@inheritDoc FileSystem.createFile} */
  createFile(dir: MemoryNode, name: string): MemoryNode {
    this.vacant(dir, name);
    const file = this.node(Filetype.REGULAR_FILE);
    dir.entries.set(name, file);
    this.touch(dir, true);
    return file;
  }

  /** {@inheritDoc FileSystem.createDirectory} */
  createDirectory(dir: MemoryNode, name: string): void {
    this.vacant(dir, name);
    const sub = this.node(Filetype.DIRECTORY);
    sub.nlink = 2n;
    sub.parent = dir;
    dir.entries.set(name, sub);
    dir.nlink++;
    this.touch(dir, true);
  }

  /** {@inheritDoc FileSystem.symlink} */
  symlink(target: string, dir: MemoryNode, name: string): void {
    this.vacant(dir, name);
    dir.entries.set(name, this.node(Filetype.SYMBOLIC_LINK, target));
    this.touch(dir, true);
  }

  /** {@inheritDoc FileSystem.link} */
  link(node: MemoryNode, dir: MemoryNode, name: string): void {
    if (node.filetype === Filetype.DIRECTORY) throw new WasiError(Errno.perm);
    this.vacant(dir, name);
    dir.entries.set(name, node);
    node.nlink++;
    this.touch(node, false);
    this.touch(dir, true);
  }

  /** {@inheritDoc FileSystem.unlink} */
  unlink(dir: MemoryNode, name: string): void {
    const node = this.lookup(dir, name);
    if (node.filetype === Filetype.DIRECTORY) throw new WasiError(Errno.isdir);
    dir.entries.delete(name);
    node.nlink--;
    this.release(node);
    this.touch(node, false);
    this.touch(dir, true);
  }

  /** Returns a file's space once no name refers to it (open fds keep reading the data). */
  private release(node: MemoryNode): void {
    if (node.nlink === 0n && node.filetype === Filetype.REGULAR_FILE) this.used -= node.size;
  }

  /** {@inheritDoc FileSystem.removeDirectory} */
  removeDirectory(dir: MemoryNode, name: string): void {
    const node = this.lookup(dir, name);
    if (node.filetype !== Filetype.DIRECTORY) throw new WasiError(Errno.notdir);
    if (node.entries.size > 0) throw new WasiError(Errno.notempty);
    dir.entries.delete(name);
    dir.nlink--;
    node.nlink = 0n;
    this.touch(dir, true);
  }

  /** {@inheritDoc FileSystem.rename} */
  rename(srcDir: MemoryNode, srcName: string, dstDir: MemoryNode, dstName: string): void {
    const node = this.lookup(srcDir, srcName);
    this.dir(dstDir);
    const existing = dstDir.entries.get(dstName);
    if (existing === node) return; // Same file under both names: POSIX says do nothing.
    if (node.filetype === Filetype.DIRECTORY) {
      // Moving a directory below itself would detach a cycle from the tree.
      for (let d: MemoryNode | null = dstDir; d; d = d.parent) if (d === node) throw new WasiError(Errno.inval);
      if (existing) {
        if (existing.filetype !== Filetype.DIRECTORY) throw new WasiError(Errno.notdir);
        if (existing.entries.size > 0) throw new WasiError(Errno.notempty);
      }
    } else if (existing?.filetype === Filetype.DIRECTORY) {
      throw new WasiError(Errno.isdir);
    }
    if (dstDir.nlink === 0n) throw new WasiError(Errno.noent);
    if (existing) {
      if (existing.filetype === Filetype.DIRECTORY) {
        existing.nlink = 0n;
        dstDir.nlink--;
      } else {
        existing.nlink--;
        this.release(existing);
      }
    }
    srcDir.entries.delete(srcName);
    dstDir.entries.set(dstName, node);
    if (node.filetype === Filetype.DIRECTORY) {
      srcDir.nlink--;
      dstDir.nlink++;
      node.parent = dstDir;
    }
    this.touch(node, false);
    this.touch(srcDir, true);
    this.touch(dstDir, true);
  }

  /** {@inheritDoc FileSystem.setTimes} */
  setTimes(node: MemoryNode, atim: bigint | null, mtim: bigint | null): void {
    if (atim !== null) node.atim = atim;
    if (mtim !== null) node.mtim = mtim;
    node.ctim = this.now();
  }
}
