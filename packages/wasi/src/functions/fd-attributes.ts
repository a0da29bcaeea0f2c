/**
 * Status and attributes of open fds: `fd_fdstat_get`, `fd_fdstat_set_flags`,
 * `fd_fdstat_set_rights`, `fd_filestat_get`, `fd_filestat_set_size`, `fd_filestat_set_times`,
 * `fd_advise`, `fd_allocate`, `fd_datasync`, `fd_sync`.
 * @packageDocumentation
 */
import { Fdflags } from '../abi/constants';
import { writeFilestat } from '../abi/filestat';
import { u32, u64, type WasiContext } from '../context';
import { descriptorFiletype, type Descriptor, type FileDescriptor } from '../descriptors';
import { Errno, WasiError } from '../errno';
import type { Stat } from '../fs/interface';
import { Rights } from '../rights';
import { timesFromFlags } from './times';

/** The status of any descriptor; streams and sockets get a synthetic one. */
export function descriptorStat(d: Descriptor): Stat {
  if (d.kind === 'file') return d.file.stat();
  if (d.kind === 'directory') return d.fs.stat(d.node);
  return { dev: 0n, ino: 0n, filetype: descriptorFiletype(d), nlink: 1n, size: 0n, atim: 0n, mtim: 0n, ctim: 0n };
}

/** A regular file, else `badf` for a directory (wasmtime) and `inval` for a stream or socket. */
function fileOf(d: Descriptor): FileDescriptor {
  if (d.kind === 'file') return d;
  throw new WasiError(d.kind === 'directory' ? Errno.badf : Errno.inval);
}

/** The ten attribute functions. */
export function fdAttributeFunctions(ctx: WasiContext) {
  return {
    fd_fdstat_get: (fd: number, ptr: number) => {
      const d = ctx.fds.get(fd);
      const mem = ctx.memory();
      const p = u32(ptr);
      mem.check(p, 24);
      mem.slice(p, 24).fill(0);
      mem.setU8(p, descriptorFiletype(d));
      mem.setU16(p + 2, d.fdflags);
      mem.setU64(p + 8, d.rightsBase);
      mem.setU64(p + 16, d.rightsInheriting);
    },
    // Only APPEND and NONBLOCK can change after open; the sync flags are `inval`, as in wasmtime.
    fd_fdstat_set_flags: (fd: number, flags: number) => {
      const d = ctx.fds.withRights(fd, Rights.FD_FDSTAT_SET_FLAGS);
      const f = u32(flags);
      if (f & ~(Fdflags.APPEND | Fdflags.NONBLOCK)) throw new WasiError(Errno.inval);
      d.fdflags = f;
    },
    // Rights can only be dropped: asking for one the fd lacks is `notcapable` (witx).
    fd_fdstat_set_rights: (fd: number, base: bigint, inheriting: bigint) => {
      const d = ctx.fds.get(fd);
      const b = u64(base);
      const i = u64(inheriting);
      if ((b & ~d.rightsBase) !== 0n || (i & ~d.rightsInheriting) !== 0n) throw new WasiError(Errno.notcapable);
      d.rightsBase = b;
      d.rightsInheriting = i;
    },
    fd_filestat_get: (fd: number, ptr: number) => {
      const d = ctx.fds.withRights(fd, Rights.FD_FILESTAT_GET);
      writeFilestat(ctx.memory(), u32(ptr), descriptorStat(d));
    },
    fd_filestat_set_size: (fd: number, size: bigint) => {
      const d = fileOf(ctx.fds.get(fd));
      if ((d.rightsBase & Rights.FD_FILESTAT_SET_SIZE) === 0n) throw new WasiError(Errno.notcapable);
      const s = u64(size);
      if (s >= 1n << 63n) throw new WasiError(Errno.inval);
      d.file.setSize(s);
    },
    fd_filestat_set_times: (fd: number, atim: bigint, mtim: bigint, fstflags: number) => {
      const d = ctx.fds.withRights(fd, Rights.FD_FILESTAT_SET_TIMES);
      const t = timesFromFlags(ctx, u64(atim), u64(mtim), fstflags);
      if (d.kind !== 'file' && d.kind !== 'directory') throw new WasiError(Errno.inval);
      if (t.atim === null && t.mtim === null) return;
      if (d.kind === 'file' && d.file.setTimes) d.file.setTimes(t.atim, t.mtim);
      else d.fs.setTimes(d.node, t.atim, t.mtim);
    },
    // Advice is only a hint, so after validating it there is nothing to do.
    fd_advise: (fd: number, offset: bigint, len: bigint, advice: number) => {
      const raw = ctx.fds.get(fd);
      if (raw.kind === 'stream' || raw.kind === 'socket') throw new WasiError(Errno.spipe);
      const d = fileOf(raw);
      if ((d.rightsBase & Rights.FD_ADVISE) === 0n) throw new WasiError(Errno.notcapable);
      if (u32(advice) > 5) throw new WasiError(Errno.inval);
      if (u64(offset) >= 1n << 63n || u64(len) >= 1n << 63n) throw new WasiError(Errno.inval);
    },
    // posix_fallocate: make sure [offset, offset+len) is backed, growing the file if needed.
    fd_allocate: (fd: number, offset: bigint, len: bigint) => {
      const d = fileOf(ctx.fds.get(fd));
      if ((d.rightsBase & Rights.FD_ALLOCATE) === 0n) throw new WasiError(Errno.notcapable);
      const end = u64(offset) + u64(len);
      if (u64(len) === 0n) throw new WasiError(Errno.inval);
      if (end >= 1n << 63n) throw new WasiError(Errno.fbig);
      if (end > d.file.stat().size) d.file.setSize(end);
    },
    fd_datasync: (fd: number) => {
      const d = ctx.fds.get(fd);
      if (d.kind === 'directory') return;
      if ((d.rightsBase & Rights.FD_DATASYNC) === 0n) throw new WasiError(Errno.notcapable);
      if (d.kind === 'file') d.file.sync();
      else if (d.kind === 'socket') throw new WasiError(Errno.inval);
    },
    fd_sync: (fd: number) => {
      const d = ctx.fds.withRights(fd, Rights.FD_SYNC);
      if (d.kind === 'file') d.file.sync();
      else if (d.kind === 'socket') throw new WasiError(Errno.inval);
    },
  };
}

