/**
 * A file system over a directory of the host, through `node:fs`.
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { Filetype, type FiletypeValue } from '../abi/constants';
import { Errno, WasiError } from '../errno';
import type { DirEntry, FileSystem, OpenAccess, OpenFile, Stat } from '../fs/interface';
import { hostCall } from './errors';

const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_NOFOLLOW, O_NONBLOCK, O_DIRECTORY } = fs.constants;

/** Options of {@link HostFileSystem}. */
export interface HostFileSystemOptions {
  /**
   * Pin each directory through `/proc/self/fd` before using it (see {@link HostFileSystem}).
   * Default: on where `/proc/self/fd` exists (Linux).
   */
  pinDirectories?: boolean;
}

/**
 * Nanoseconds to the float seconds `utimes` takes. Node (libuv) keeps only whole microseconds of
 * it, and a double near today's 1.8e9 s resolves about 240 ns, so aim at the middle of the
 * microsecond: the host then stores exactly `floor(ns / 1000) * 1000` instead of, at times, the
 * microsecond below.
 */
function seconds(ns: bigint): number {
  const us = ns / 1000n;
  return Number(us / 1_000_000n) + (Number(us % 1_000_000n) + 0.5) / 1e6;
}

/** A timestamp the guest set: what the host stored (microseconds) and what was asked (nanoseconds). */
interface ExactTime {
  stored: bigint;
  exact: bigint;
}

/** How many files' guest-set timestamps are remembered (the oldest are forgotten first). */
const MAX_EXACT_TIMES = 4096;

/** A directory as one operation uses it: a path prefix for names inside it, and its fd if pinned. */
interface Pinned {
  /** Prefix for `${prefix}/${name}`. */
  prefix: string;
  /** The open directory, or null in the unpinned fallback. */
  fd: number | null;
}

function filetype(s: fs.BigIntStats | fs.Dirent): FiletypeValue {
  if (s.isFile()) return Filetype.REGULAR_FILE;
  if (s.isDirectory()) return Filetype.DIRECTORY;
  if (s.isSymbolicLink()) return Filetype.SYMBOLIC_LINK;
  if (s.isCharacterDevice()) return Filetype.CHARACTER_DEVICE;
  if (s.isBlockDevice()) return Filetype.BLOCK_DEVICE;
  if (s.isSocket()) return Filetype.SOCKET_STREAM;
  return Filetype.UNKNOWN; // FIFOs have no WASI filetype.
}

/** The identity of a host file, for {@link HostFileSystem}'s remembered timestamps. */
function fileKey(s: fs.BigIntStats): string {
  return `${s.dev}:${s.ino}`;
}

/**
 * Exposes the host directory `root` (and everything below it) to a guest. Nodes are absolute
 * host paths built only from names the WASI layer validated and resolved; the final component is
 * never followed (`O_NOFOLLOW`, `lstat`, `lutimes`), so the host never follows a symlink on the
 * guest's behalf.
 *
 * Node has no `openat`, so a path can change meaning between the WASI layer's walk and the
 * operation: the guest or a host process may rename a directory and put a symlink in its place.
 * Every operation therefore first *pins* the directory it works in: on Linux it opens it
 * (`O_DIRECTORY|O_NOFOLLOW`), asks the kernel where that open directory really is
 * (`readlink /proc/self/fd/N`), refuses with `noent` unless that is exactly the expected path, and
 * then works on `/proc/self/fd/N/name`, which the kernel resolves inside that very directory — the
 * moral equivalent of `openat`, so a concurrent rename cannot redirect the operation outside.
 * Without `/proc` it falls back to checking `realpath(dir) === dir` before the operation, which
 * stops a guest (it cannot race itself) but leaves a host process a one-system-call window.
 *
 * A directory fd refers to a path, not an inode: after its directory is renamed it sees whatever
 * is at the old path (always inside the sandbox), not the moved directory.
 * Timestamps are set through `lutimes`/`futimes`, which in Node store whole microseconds only.
 * So that a guest reads back exactly the nanoseconds it set (as on wasmtime, and as programs that
 * set `mtim - 100` and compare expect), the file system remembers, per file (device and inode),
 * the time it asked for next to the one the host stored, and reports the former for as long as
 * the host still holds the latter; any later change on the host shows through. The same holds for
 * the time a call left unchanged, which the rewrite would otherwise round too.
 * Regular files and devices can be opened; FIFOs and sockets are `notsup` (reading them would
 * block the thread).
 */
export class HostFileSystem implements FileSystem<string> {
  /** The absolute, canonical host path of the exposed directory. */
  readonly root: string;
  private readonly pin: boolean;
  /** Guest-set timestamps by {@link fileKey}, in least recently set order (see the class doc). */
  private readonly exactTimes = new Map<string, { atim: ExactTime; mtim: ExactTime }>();

  /** @param root - host directory to expose; must exist. @param options - see {@link HostFileSystemOptions}. */
  constructor(root: string, options: HostFileSystemOptions = {}) {
    // The canonical path, so that the checks below can compare paths exactly.
    this.root = fs.realpathSync.native(nodePath.resolve(root));
    if (!fs.statSync(this.root).isDirectory()) throw new TypeError(`${root} is not a directory`);
    this.pin = options.pinDirectories ?? fs.existsSync('/proc/self/fd');
  }

  /** Runs `f` with directory `dir` pinned (see the class doc); fails with `noent` if it moved. */
  private inDir<T>(dir: string, f: (d: Pinned) => T): T {
    return hostCall(() => {
      if (!this.pin) {
        let real: string;
        try {
          real = fs.realpathSync.native(dir);
        } catch {
          throw new WasiError(Errno.noent);
        }
        if (real !== dir) throw new WasiError(Errno.noent, `${dir} now passes through a symlink`);
        return f({ prefix: dir, fd: null });
      }
      const fd = fs.openSync(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
      try {
        if (fs.readlinkSync(`/proc/self/fd/${fd}`) !== dir) throw new WasiError(Errno.noent, `${dir} has moved`);
        return f({ prefix: `/proc/self/fd/${fd}`, fd });
      } finally {
        fs.closeSync(fd);
      }
    });
  }

  /** Runs `f` on `node` as `${prefix}/${base}` inside its pinned parent directory. */
  private inParent<T>(node: string, f: (path: string) => T): T {
    const base = nodePath.basename(node);
    return this.inDir(nodePath.dirname(node), (d) => f(`${d.prefix}/${base}`));
  }

  /** Node's status as the guest sees it: the host's, with remembered exact timestamps. */
  private toStat(s: fs.BigIntStats): Stat {
    const exact = this.exactTimes.get(fileKey(s));
    return {
      dev: s.dev, ino: s.ino, filetype: filetype(s), nlink: s.nlink, size: s.size,
      atim: exact && exact.atim.stored === s.atimeNs ? exact.atim.exact : s.atimeNs,
      mtim: exact && exact.mtim.stored === s.mtimeNs ? exact.mtim.exact : s.mtimeNs,
      ctim: s.ctimeNs,
    };
  }

  /**
   * Sets a file's times through `set` (one of the `utimes` calls) and remembers them exactly;
   * `current` stats the same file. A `null` time keeps the value the guest currently sees.
   */
  private writeTimes(current: () => fs.BigIntStats, set: (atime: number, mtime: number) => void, atim: bigint | null, mtim: bigint | null): void {
    const seen = this.toStat(current());
    const a = atim ?? seen.atim;
    const m = mtim ?? seen.mtim;
    set(seconds(a), seconds(m));
    const after = current();
    const key = fileKey(after);
    this.exactTimes.delete(key);
    this.exactTimes.set(key, { atim: { stored: after.atimeNs, exact: a }, mtim: { stored: after.mtimeNs, exact: m } });
    if (this.exactTimes.size > MAX_EXACT_TIMES) {
      const oldest = this.exactTimes.keys().next();
      if (!oldest.done) this.exactTimes.delete(oldest.value);
    }
  }

  private name(name: string): string {
    // Defence in depth: the WASI layer never passes these, and a file system must not trust that.
    if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0')) {
      throw new WasiError(Errno.inval, `invalid name ${JSON.stringify(name)}`);
    }
    return name;
  }

  /** {@inheritDoc FileSystem.lookup} */
  lookup(dir: string, name: string): string {
    this.name(name);
    this.inDir(dir, (d) => fs.lstatSync(`${d.prefix}/${name}`));
    return nodePath.join(dir, name);
  }

  /** {@inheritDoc FileSystem.stat} */
  stat(node: string): Stat {
    if (node === this.root) {
      return this.inDir(node, (d) => this.toStat(d.fd === null ? fs.lstatSync(node, { bigint: true }) : fs.fstatSync(d.fd, { bigint: true })));
    }
    return this.inParent(node, (p) => this.toStat(fs.lstatSync(p, { bigint: true })));
  }

  /** {@inheritDoc FileSystem.readlink} */
  readlink(node: string): string {
    return this.inParent(node, (p) => fs.readlinkSync(p, 'utf8'));
  }

  /** {@inheritDoc FileSystem.readdir} */
  readdir(dir: string): DirEntry[] {
    return this.inDir(dir, (d) =>
      fs.readdirSync(d.prefix, { withFileTypes: true }).map((e) => ({
        name: e.name,
        ino: fs.lstatSync(`${d.prefix}/${e.name}`, { bigint: true }).ino,
        filetype: filetype(e),
      })),
    );
  }

  /** {@inheritDoc FileSystem.open} */
  open(node: string, access: OpenAccess): OpenFile {
    if (node === this.root) throw new WasiError(Errno.isdir);
    const mode = access.read && access.write ? O_RDWR : access.write ? O_WRONLY : O_RDONLY;
    const fd = this.inParent(node, (p) => fs.openSync(p, mode | O_NOFOLLOW | O_NONBLOCK));
    // Checked on the open fd, so the answer is about what was opened. Directories are the WASI
    // layer's business; FIFOs and sockets would block the single JS thread on every read.
    const kind = hostCall(() => fs.fstatSync(fd));
    if (!kind.isFile() && !kind.isCharacterDevice() && !kind.isBlockDevice()) {
      fs.closeSync(fd);
      throw new WasiError(kind.isDirectory() ? Errno.isdir : Errno.notsup);
    }
    return {
      read: (buf, position) => hostCall(() => fs.readSync(fd, buf, 0, buf.length, position)),
      write: (data, position) =>
        hostCall(() => {
          let done = 0;
          while (done < data.length) done += fs.writeSync(fd, data, done, data.length - done, Number(position) + done);
          return done;
        }),
      stat: () => hostCall(() => this.toStat(fs.fstatSync(fd, { bigint: true }))),
      setSize: (size) => hostCall(() => fs.ftruncateSync(fd, Number(size))),
      sync: () => hostCall(() => fs.fsyncSync(fd)),
      setTimes: (atim, mtim) =>
        hostCall(() => this.writeTimes(() => fs.fstatSync(fd, { bigint: true }), (a, m) => fs.futimesSync(fd, a, m), atim, mtim)),
      close: () => hostCall(() => fs.closeSync(fd)),
    };
  }

  /** {@inheritDoc FileSystem.createFile} */
  createFile(dir: string, name: string): string {
    this.name(name);
    this.inDir(dir, (d) => fs.closeSync(fs.openSync(`${d.prefix}/${name}`, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW, 0o666)));
    return nodePath.join(dir, name);
  }

  /** {@inheritDoc FileSystem.createDirectory} */
  createDirectory(dir: string, name: string): void {
    this.name(name);
    this.inDir(dir, (d) => fs.mkdirSync(`${d.prefix}/${name}`, 0o777));
  }

  /** {@inheritDoc FileSystem.symlink} */
  symlink(target: string, dir: string, name: string): void {
    this.name(name);
    this.inDir(dir, (d) => fs.symlinkSync(target, `${d.prefix}/${name}`));
  }

  /** {@inheritDoc FileSystem.link} */
  link(node: string, dir: string, name: string): void {
    this.name(name);
    this.inParent(node, (src) => this.inDir(dir, (d) => fs.linkSync(src, `${d.prefix}/${name}`)));
  }

  /** {@inheritDoc FileSystem.unlink} */
  unlink(dir: string, name: string): void {
    this.name(name);
    this.inDir(dir, (d) => {
      const p = `${d.prefix}/${name}`;
      if (fs.lstatSync(p).isDirectory()) throw new WasiError(Errno.isdir);
      fs.unlinkSync(p);
    });
  }

  /** {@inheritDoc FileSystem.removeDirectory} */
  removeDirectory(dir: string, name: string): void {
    this.name(name);
    this.inDir(dir, (d) => fs.rmdirSync(`${d.prefix}/${name}`));
  }

  /** {@inheritDoc FileSystem.rename} */
  rename(srcDir: string, srcName: string, dstDir: string, dstName: string): void {
    this.name(srcName);
    this.name(dstName);
    this.inDir(srcDir, (s) => this.inDir(dstDir, (d) => fs.renameSync(`${s.prefix}/${srcName}`, `${d.prefix}/${dstName}`)));
  }

  /** {@inheritDoc FileSystem.setTimes} */
  setTimes(node: string, atim: bigint | null, mtim: bigint | null): void {
    if (node === this.root) {
      this.inDir(node, (d) => {
        const dirFd = d.fd;
        if (dirFd === null) this.writeTimes(() => fs.statSync(node, { bigint: true }), (a, m) => fs.utimesSync(node, a, m), atim, mtim);
        else this.writeTimes(() => fs.fstatSync(dirFd, { bigint: true }), (a, m) => fs.futimesSync(dirFd, a, m), atim, mtim);
      });
      return;
    }
    this.inParent(node, (p) => this.writeTimes(() => fs.lstatSync(p, { bigint: true }), (a, m) => fs.lutimesSync(p, a, m), atim, mtim));
  }
}
