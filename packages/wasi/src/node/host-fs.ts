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

const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_NOFOLLOW, O_NONBLOCK } = fs.constants;

function filetype(s: fs.BigIntStats | fs.Dirent): FiletypeValue {
  if (s.isFile()) return Filetype.REGULAR_FILE;
  if (s.isDirectory()) return Filetype.DIRECTORY;
  if (s.isSymbolicLink()) return Filetype.SYMBOLIC_LINK;
  if (s.isCharacterDevice()) return Filetype.CHARACTER_DEVICE;
  if (s.isBlockDevice()) return Filetype.BLOCK_DEVICE;
  if (s.isSocket()) return Filetype.SOCKET_STREAM;
  return Filetype.UNKNOWN; // FIFOs have no WASI filetype.
}

function toStat(s: fs.BigIntStats): Stat {
  return {
    dev: s.dev, ino: s.ino, filetype: filetype(s), nlink: s.nlink, size: s.size,
    atim: s.atimeNs, mtim: s.mtimeNs, ctim: s.ctimeNs,
  };
}

/**
 * Exposes the host directory `root` (and everything below it) to a guest. Nodes are absolute
 * host paths built only from names the WASI layer validated and resolved, and every open uses
 * `O_NOFOLLOW`, so the host never follows a symlink on the guest's behalf.
 *
 * Node has no `openat`, so a node is a path, and a path can change meaning: the guest (or the
 * host) may rename a directory the guest holds open and put a symlink in its place. Before every
 * use, the directory part of a node's path is therefore checked to contain no symlink at all
 * (`realpath(dir) === dir`); if one appeared, the operation fails with `noent` instead of
 * following it. Consequences:
 * - a directory fd refers to a path, not an inode: after its directory is renamed it sees
 *   whatever is at the old path (always inside the sandbox), not the moved directory;
 * - a host process racing the guest between the check and the use (a TOCTOU window of one
 *   system call) could still redirect that one operation. Do not share a preopened host
 *   directory with untrusted host processes.
 * Timestamps are set through `lutimes` with about microsecond precision. Regular files and
 * devices can be opened; FIFOs and sockets are `notsup` (reading them would block the thread).
 */
export class HostFileSystem implements FileSystem<string> {
  /** The absolute host path of the exposed directory. */
  readonly root: string;

  /** @param root - host directory to expose; must exist. */
  constructor(root: string) {
    // The canonical path, so that the symlink check below can compare paths exactly.
    this.root = fs.realpathSync.native(nodePath.resolve(root));
    if (!fs.statSync(this.root).isDirectory()) throw new TypeError(`${root} is not a directory`);
  }

  /** Fails unless `dir` is still a real directory path with no symlink in it (see the class doc). */
  private sealed(dir: string): string {
    let real: string;
    try {
      real = fs.realpathSync.native(dir);
    } catch {
      throw new WasiError(Errno.noent);
    }
    if (real !== dir) throw new WasiError(Errno.noent, `${dir} now passes through a symlink`);
    return dir;
  }

  /** `node` after checking the directory holding it. */
  private checked(node: string): string {
    if (node !== this.root) this.sealed(nodePath.dirname(node));
    return node;
  }

  private child(dir: string, name: string): string {
    this.sealed(dir);
    // Defence in depth: the WASI layer never passes these, and a file system must not trust that.
    if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0')) {
      throw new WasiError(Errno.inval, `invalid name ${JSON.stringify(name)}`);
    }
    return nodePath.join(dir, name);
  }

  /** {@inheritDoc FileSystem.lookup} */
  lookup(dir: string, name: string): string {
    const p = this.child(dir, name);
    hostCall(() => fs.lstatSync(p));
    return p;
  }

  /** {@inheritDoc FileSystem.stat} */
  stat(node: string): Stat {
    this.checked(node);
    return hostCall(() => toStat(fs.lstatSync(node, { bigint: true })));
  }

  /** {@inheritDoc FileSystem.readlink} */
  readlink(node: string): string {
    this.checked(node);
    return hostCall(() => fs.readlinkSync(node, 'utf8'));
  }

  /** {@inheritDoc FileSystem.readdir} */
  readdir(dir: string): DirEntry[] {
    this.sealed(dir);
    return hostCall(() =>
      fs.readdirSync(dir, { withFileTypes: true }).map((e) => ({
        name: e.name,
        ino: fs.lstatSync(nodePath.join(dir, e.name), { bigint: true }).ino,
        filetype: filetype(e),
      })),
    );
  }

  /** {@inheritDoc FileSystem.open} */
  open(node: string, access: OpenAccess): OpenFile {
    this.checked(node);
    const mode = access.read && access.write ? O_RDWR : access.write ? O_WRONLY : O_RDONLY;
    const fd = hostCall(() => fs.openSync(node, mode | O_NOFOLLOW | O_NONBLOCK));
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
      stat: () => hostCall(() => toStat(fs.fstatSync(fd, { bigint: true }))),
      setSize: (size) => hostCall(() => fs.ftruncateSync(fd, Number(size))),
      sync: () => hostCall(() => fs.fsyncSync(fd)),
      close: () => hostCall(() => fs.closeSync(fd)),
    };
  }

  /** {@inheritDoc FileSystem.createFile} */
  createFile(dir: string, name: string): string {
    const p = this.child(dir, name);
    hostCall(() => fs.closeSync(fs.openSync(p, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW, 0o666)));
    return p;
  }

  /** {@inheritDoc FileSystem.createDirectory} */
  createDirectory(dir: string, name: string): void {
    const p = this.child(dir, name);
    hostCall(() => fs.mkdirSync(p, 0o777));
  }

  /** {@inheritDoc FileSystem.symlink} */
  symlink(target: string, dir: string, name: string): void {
    const p = this.child(dir, name);
    hostCall(() => fs.symlinkSync(target, p));
  }

  /** {@inheritDoc FileSystem.link} */
  link(node: string, dir: string, name: string): void {
    this.checked(node);
    const p = this.child(dir, name);
    hostCall(() => fs.linkSync(node, p));
  }

  /** {@inheritDoc FileSystem.unlink} */
  unlink(dir: string, name: string): void {
    const p = this.child(dir, name);
    hostCall(() => {
      if (fs.lstatSync(p).isDirectory()) throw new WasiError(Errno.isdir);
      fs.unlinkSync(p);
    });
  }

  /** {@inheritDoc FileSystem.removeDirectory} */
  removeDirectory(dir: string, name: string): void {
    const p = this.child(dir, name);
    hostCall(() => fs.rmdirSync(p));
  }

  /** {@inheritDoc FileSystem.rename} */
  rename(srcDir: string, srcName: string, dstDir: string, dstName: string): void {
    const from = this.child(srcDir, srcName);
    const to = this.child(dstDir, dstName);
    hostCall(() => fs.renameSync(from, to));
  }

  /** {@inheritDoc FileSystem.setTimes} */
  setTimes(node: string, atim: bigint | null, mtim: bigint | null): void {
    this.checked(node);
    hostCall(() => {
      const cur = fs.lstatSync(node, { bigint: true });
      const seconds = (ns: bigint): number => Number(ns / 1000n) / 1e6;
      fs.lutimesSync(node, seconds(atim ?? cur.atimeNs), seconds(mtim ?? cur.mtimeNs));
    });
  }
}
