/**
 * `path_open`.
 * @packageDocumentation
 */
import { Fdflags, Filetype, Lookupflags, Oflags } from '../abi/constants';
import { u32, u64, type WasiContext } from '../context';
import type { Descriptor } from '../descriptors';
import { Errno, WasiError } from '../errno';
import { DIRECTORY_RIGHTS, FILE_RIGHTS, READ_ACCESS_RIGHTS, Rights, WRITE_ACCESS_RIGHTS } from '../rights';
import { directoryFd, pathArg, resolveAt } from './path';

const ALL_FDFLAGS = Fdflags.APPEND | Fdflags.DSYNC | Fdflags.NONBLOCK | Fdflags.RSYNC | Fdflags.SYNC;

/**
 * Opens (and with `O_CREAT` creates) a file or directory under a directory fd.
 *
 * Rights: the new fd gets the requested rights masked by the directory's inheriting rights and by
 * what the node's type supports (wasi-libc requests "everything" and relies on this masking).
 * Write access — and therefore `isdir` on a directory — follows from the write rights requested,
 * as in wasmtime. `O_CREAT` needs `PATH_CREATE_FILE` and `O_TRUNC` `PATH_FILESTAT_SET_SIZE` on the
 * directory. Without `SYMLINK_FOLLOW` a final symlink is `loop` (`notdir` with `O_DIRECTORY`), and
 * `O_CREAT|O_EXCL` never follows one.
 */
export function pathOpenFunctions(ctx: WasiContext) {
  return {
    path_open: (
      fd: number, dirflags: number, pathPtr: number, pathLen: number, oflags: number,
      rightsBase: bigint, rightsInheriting: bigint, fdflags: number, fdPtr: number,
    ) => {
      const o = u32(oflags);
      const flags = u32(fdflags);
      let needed = Rights.PATH_OPEN;
      if (o & Oflags.CREAT) needed |= Rights.PATH_CREATE_FILE;
      if (o & Oflags.TRUNC) needed |= Rights.PATH_FILESTAT_SET_SIZE;
      const dir = directoryFd(ctx, fd, needed);
      if (o & ~0xf || flags & ~ALL_FDFLAGS) throw new WasiError(Errno.inval);
      if (o & Oflags.CREAT && o & Oflags.DIRECTORY) throw new WasiError(Errno.inval);
      const mem = ctx.memory();
      const path = pathArg(mem, pathPtr, pathLen);
      const excl = (o & Oflags.CREAT) !== 0 && (o & Oflags.EXCL) !== 0;
      const follow = (u32(dirflags) & Lookupflags.SYMLINK_FOLLOW) !== 0 && !excl;
      const r = resolveAt(dir, path, follow);

      let node = r.node;
      let stat = r.stat;
      if (node === null || stat === null) {
        if (!(o & Oflags.CREAT) || r.name === null) throw new WasiError(Errno.noent);
        if (r.trailingSlash) throw new WasiError(Errno.isdir);
        node = dir.fs.createFile(r.parent, r.name);
        stat = dir.fs.stat(node);
      } else if (excl) {
        throw new WasiError(Errno.exist);
      }

      if (stat.filetype === Filetype.SYMBOLIC_LINK) throw new WasiError(o & Oflags.DIRECTORY ? Errno.notdir : Errno.loop);
      const isDir = stat.filetype === Filetype.DIRECTORY;
      if ((o & Oflags.DIRECTORY || r.trailingSlash) && !isDir) throw new WasiError(Errno.notdir);

      const base = u64(rightsBase) & dir.rightsInheriting;
      const inheriting = u64(rightsInheriting) & dir.rightsInheriting;
      const write = (base & WRITE_ACCESS_RIGHTS) !== 0n;
      let d: Descriptor;
      if (isDir) {
        // As on Linux, a directory cannot be opened for writing, truncated, or "created".
        if (write || o & (Oflags.TRUNC | Oflags.CREAT)) throw new WasiError(Errno.isdir);
        d = {
          kind: 'directory', fs: dir.fs, node, parent: r.name !== null ? r.parent : r.parent !== node ? r.parent : node === dir.node ? dir.parent : null,
          preopenName: null, listing: null, rightsBase: base & DIRECTORY_RIGHTS, rightsInheriting: inheriting, fdflags: flags,
        };
      } else {
        const read = (base & READ_ACCESS_RIGHTS) !== 0n;
        // Truncation needs a writable handle even when the fd itself will not write (as Linux).
        const file = dir.fs.open(node, { read, write: write || (o & Oflags.TRUNC) !== 0 });
        try {
          if (o & Oflags.TRUNC) file.setSize(0n);
        } catch (e) {
          file.close();
          throw e;
        }
        d = { kind: 'file', fs: dir.fs, node, file, filetype: stat.filetype, position: 0n, rightsBase: base & FILE_RIGHTS, rightsInheriting: inheriting & FILE_RIGHTS, fdflags: flags };
      }
      let newFd: number;
      try {
        newFd = ctx.fds.add(d);
      } catch (e) {
        if (d.kind === 'file') d.file.close();
        throw e;
      }
      mem.setU32(u32(fdPtr), newFd);
    },
  };
}
