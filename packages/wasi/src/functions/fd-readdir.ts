/**
 * `fd_readdir`.
 * @packageDocumentation
 */
import { Filetype } from '../abi/constants';
import { utf8 } from '../abi/memory';
import { u32, u64, type WasiContext } from '../context';
import { Errno, WasiError } from '../errno';
import type { DirEntry } from '../fs/interface';
import { Rights } from '../rights';

/**
 * Lists a directory into the guest's buffer as `dirent` headers (24 bytes) each followed by its
 * name. Cookies: 0 starts; `.` and `..` come first (cookies 1 and 2 resume after them, as in
 * wasmtime), then the file system's entries. The listing is snapshotted when a read starts at
 * cookie 0, so cookies stay valid while the guest deletes entries between calls. The last entry
 * is cut off when the buffer ends inside it, and `bufused < buf_len` tells the guest it has
 * reached the end.
 */
export function fdReaddirFunctions(ctx: WasiContext) {
  return {
    fd_readdir: (fd: number, bufPtr: number, bufLen: number, cookie: bigint, bufusedPtr: number) => {
      const d = ctx.fds.get(fd);
      if (d.kind !== 'directory') throw new WasiError(d.kind === 'file' ? Errno.notdir : Errno.badf);
      if ((d.rightsBase & Rights.FD_READDIR) === 0n) throw new WasiError(Errno.notcapable);
      const mem = ctx.memory();
      const buf = mem.slice(u32(bufPtr), u32(bufLen));
      const start = u64(cookie);
      if (start === 0n || d.listing === null) d.listing = d.fs.readdir(d.node);
      const self = d.fs.stat(d.node).ino;
      let parentIno = self;
      if (d.parent !== null) {
        try {
          parentIno = d.fs.stat(d.parent).ino;
        } catch {
          // The parent is gone; `..` then reports the directory itself, like the root's `..`.
        }
      }
      const entries: DirEntry[] = [
        { name: '.', ino: self, filetype: Filetype.DIRECTORY },
        { name: '..', ino: parentIno, filetype: Filetype.DIRECTORY },
        ...d.listing,
      ];
      const header = new Uint8Array(24);
      const hv = new DataView(header.buffer);
      let used = 0;
      for (let i = start; i < BigInt(entries.length) && used < buf.length; i++) {
        const e = entries[Number(i)]!;
        const name = utf8(e.name);
        hv.setBigUint64(0, i + 1n, true);
        hv.setBigUint64(8, e.ino, true);
        hv.setUint32(16, name.length, true);
        hv.setUint32(20, e.filetype, true); // d_type is one byte; the padding after it is zeroed.
        const record = new Uint8Array(24 + name.length);
        record.set(header);
        record.set(name, 24);
        const n = Math.min(record.length, buf.length - used);
        buf.set(record.subarray(0, n), used);
        used += n;
      }
      mem.setU32(u32(bufusedPtr), used);
    },
  };
}
