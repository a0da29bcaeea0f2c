/**
 * Path operations other than opening: `path_create_directory`, `path_filestat_get`,
 * `path_filestat_set_times`, `path_link`, `path_readlink`, `path_remove_directory`, `path_rename`,
 * `path_symlink`, `path_unlink_file`. Every path goes through {@link resolvePath}; the file system
 * only receives the resolved directory and a single name.
 * @packageDocumentation
 */
import { Filetype, Lookupflags } from '../abi/constants';
import { writeFilestat } from '../abi/filestat';
import type { GuestMemory } from '../abi/memory';
import { utf8 } from '../abi/memory';
import { u32, u64, type WasiContext } from '../context';
import type { DirectoryDescriptor } from '../descriptors';
import { Errno, WasiError } from '../errno';
import { resolvePath, type Resolved } from '../path-resolution';
import { Rights } from '../rights';
import { timesFromFlags } from './times';

/** The directory fd `fd` holding `rights`: `notdir` for another kind of fd, `notcapable` without the rights. */
export function directoryFd(ctx: WasiContext, fd: number, rights: bigint): DirectoryDescriptor {
  const d = ctx.fds.get(fd);
  if (d.kind !== 'directory') throw new WasiError(Errno.notdir);
  if ((d.rightsBase & rights) !== rights) throw new WasiError(Errno.notcapable);
  return d;
}

/** Reads a path argument. */
export function pathArg(mem: GuestMemory, ptr: number, len: number): string {
  return mem.string(u32(ptr), u32(len));
}

/** Resolves `path` under directory fd `d`. */
export function resolveAt(d: DirectoryDescriptor, path: string, follow: boolean): Resolved {
  return resolvePath(d.fs, d.node, path, follow);
}

/** The existing node a path names, or `noent`; a trailing slash demands a directory. */
function existing(r: Resolved): Resolved & { stat: NonNullable<Resolved['stat']> } {
  if (r.node === null || r.stat === null) throw new WasiError(Errno.noent);
  if (r.trailingSlash && r.stat.filetype !== Filetype.DIRECTORY) throw new WasiError(Errno.notdir);
  return r as Resolved & { stat: NonNullable<Resolved['stat']> };
}

/** A name to create: `exist` if the path names something already. */
function vacant(r: Resolved): { parent: unknown; name: string } {
  if (r.node !== null || r.name === null) throw new WasiError(Errno.exist);
  return { parent: r.parent, name: r.name };
}

/** The nine path functions. */
export function pathFunctions(ctx: WasiContext) {
  return {
    path_create_directory: (fd: number, pathPtr: number, pathLen: number) => {
      const d = directoryFd(ctx, fd, Rights.PATH_CREATE_DIRECTORY);
      const v = vacant(resolveAt(d, pathArg(ctx.memory(), pathPtr, pathLen), false));
      d.fs.createDirectory(v.parent, v.name);
    },
    path_filestat_get: (fd: number, flags: number, pathPtr: number, pathLen: number, bufPtr: number) => {
      const d = directoryFd(ctx, fd, Rights.PATH_FILESTAT_GET);
      const mem = ctx.memory();
      const r = existing(resolveAt(d, pathArg(mem, pathPtr, pathLen), (u32(flags) & Lookupflags.SYMLINK_FOLLOW) !== 0));
      writeFilestat(mem, u32(bufPtr), r.stat);
    },
    path_filestat_set_times: (fd: number, flags: number, pathPtr: number, pathLen: number, atim: bigint, mtim: bigint, fstflags: number) => {
      const d = directoryFd(ctx, fd, Rights.PATH_FILESTAT_SET_TIMES);
      const t = timesFromFlags(ctx, u64(atim), u64(mtim), fstflags);
      const r = existing(resolveAt(d, pathArg(ctx.memory(), pathPtr, pathLen), (u32(flags) & Lookupflags.SYMLINK_FOLLOW) !== 0));
      if (t.atim !== null || t.mtim !== null) d.fs.setTimes(r.node, t.atim, t.mtim);
    },
    // Following a symlink source is refused (`inval`) like wasmtime does: the link would
    // otherwise name whatever the symlink points at, which POSIX leaves implementation-defined.
    path_link: (oldFd: number, oldFlags: number, oldPtr: number, oldLen: number, newFd: number, newPtr: number, newLen: number) => {
      const src = directoryFd(ctx, oldFd, Rights.PATH_LINK_SOURCE);
      const dst = directoryFd(ctx, newFd, Rights.PATH_LINK_TARGET);
      if (u32(oldFlags) & Lookupflags.SYMLINK_FOLLOW) throw new WasiError(Errno.inval);
      const mem = ctx.memory();
      const from = existing(resolveAt(src, pathArg(mem, oldPtr, oldLen), false));
      if (from.stat.filetype === Filetype.DIRECTORY) throw new WasiError(Errno.perm);
      const to = resolveAt(dst, pathArg(mem, newPtr, newLen), false);
      const v = vacant(to);
      if (to.trailingSlash) throw new WasiError(Errno.noent);
      if (src.fs !== dst.fs) throw new WasiError(Errno.xdev);
      dst.fs.link(from.node, v.parent, v.name);
    },
    // Like POSIX readlink, a buffer shorter than the target receives a truncated target.
    path_readlink: (fd: number, pathPtr: number, pathLen: number, bufPtr: number, bufLen: number, bufusedPtr: number) => {
      const d = directoryFd(ctx, fd, Rights.PATH_READLINK);
      const mem = ctx.memory();
      const r = resolveAt(d, pathArg(mem, pathPtr, pathLen), false);
      if (r.node === null || r.stat === null) throw new WasiError(Errno.noent);
      if (r.stat.filetype !== Filetype.SYMBOLIC_LINK) throw new WasiError(Errno.inval);
      const target = utf8(d.fs.readlink(r.node));
      const n = Math.min(target.length, u32(bufLen));
      mem.slice(u32(bufPtr), n).set(target.subarray(0, n));
      mem.setU32(u32(bufusedPtr), n);
    },
    path_remove_directory: (fd: number, pathPtr: number, pathLen: number) => {
      const d = directoryFd(ctx, fd, Rights.PATH_REMOVE_DIRECTORY);
      const r = existing(resolveAt(d, pathArg(ctx.memory(), pathPtr, pathLen), false));
      // `.` or a path ending in `..`: POSIX rmdir refuses these.
      if (r.name === null) throw new WasiError(Errno.inval);
      if (r.stat.filetype !== Filetype.DIRECTORY) throw new WasiError(Errno.notdir);
      d.fs.removeDirectory(r.parent, r.name);
    },
    path_rename: (fd: number, oldPtr: number, oldLen: number, newFd: number, newPtr: number, newLen: number) => {
      const src = directoryFd(ctx, fd, Rights.PATH_RENAME_SOURCE);
      const dst = directoryFd(ctx, newFd, Rights.PATH_RENAME_TARGET);
      const mem = ctx.memory();
      const from = existing(resolveAt(src, pathArg(mem, oldPtr, oldLen), false));
      const to = resolveAt(dst, pathArg(mem, newPtr, newLen), false);
      if (from.name === null || to.name === null) throw new WasiError(Errno.inval);
      const isDir = from.stat.filetype === Filetype.DIRECTORY;
      if (to.trailingSlash && !isDir) throw new WasiError(Errno.notdir);
      if (to.stat && to.trailingSlash && to.stat.filetype !== Filetype.DIRECTORY) throw new WasiError(Errno.notdir);
      if (src.fs !== dst.fs) throw new WasiError(Errno.xdev);
      src.fs.rename(from.parent, from.name, to.parent, to.name);
    },
    // Absolute targets are refused at creation (`perm`); relative ones are stored verbatim and
    // checked whenever they are followed, so a target that climbs out can never be used.
    path_symlink: (oldPtr: number, oldLen: number, fd: number, newPtr: number, newLen: number) => {
      const d = directoryFd(ctx, fd, Rights.PATH_SYMLINK);
      const mem = ctx.memory();
      const target = pathArg(mem, oldPtr, oldLen);
      if (target.includes('\0')) throw new WasiError(Errno.inval);
      if (target.startsWith('/')) throw new WasiError(Errno.perm);
      if (target === '') throw new WasiError(Errno.noent);
      const to = resolveAt(d, pathArg(mem, newPtr, newLen), false);
      // A trailing slash asks for a directory, so over an existing non-directory the name is
      // the wrong type (`notdir`, as wasmtime answers on Linux) rather than merely taken.
      if (to.trailingSlash && to.stat !== null && to.stat.filetype !== Filetype.DIRECTORY) throw new WasiError(Errno.notdir);
      const v = vacant(to);
      if (to.trailingSlash) throw new WasiError(Errno.noent);
      d.fs.symlink(target, v.parent, v.name);
    },
    path_unlink_file: (fd: number, pathPtr: number, pathLen: number) => {
      const d = directoryFd(ctx, fd, Rights.PATH_UNLINK_FILE);
      const r = resolveAt(d, pathArg(ctx.memory(), pathPtr, pathLen), false);
      if (r.node === null || r.stat === null) throw new WasiError(Errno.noent);
      if (r.name === null || r.stat.filetype === Filetype.DIRECTORY) throw new WasiError(Errno.isdir);
      if (r.trailingSlash) throw new WasiError(Errno.notdir);
      d.fs.unlink(r.parent, r.name);
    },
  };
}
