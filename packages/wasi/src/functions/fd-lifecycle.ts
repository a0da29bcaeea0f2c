/**
 * The fd table and preopens: `fd_close`, `fd_renumber`, `fd_prestat_get`, `fd_prestat_dir_name`.
 * @packageDocumentation
 */
import { Preopentype } from '../abi/constants';
import { utf8 } from '../abi/memory';
import { u32, type WasiContext } from '../context';
import type { DirectoryDescriptor } from '../descriptors';
import { Errno, WasiError } from '../errno';

/**
 * The preopen at `fd`, or `badf` for any fd that is not one. wasi-libc enumerates preopens from
 * fd 3 until the first `badf` and aborts on any other errno, so `badf` is the only answer here.
 */
function preopen(ctx: WasiContext, fd: number): DirectoryDescriptor & { preopenName: string } {
  const d = ctx.fds.get(fd);
  if (d.kind !== 'directory' || d.preopenName === null) throw new WasiError(Errno.badf);
  return d as DirectoryDescriptor & { preopenName: string };
}

/** The four fd-table functions. */
export function fdLifecycleFunctions(ctx: WasiContext) {
  return {
    // Preopens may be closed too (the testsuite's `close_preopen`).
    fd_close: (fd: number) => ctx.fds.close(fd),
    fd_renumber: (from: number, to: number) => ctx.fds.renumber(from, to),
    fd_prestat_get: (fd: number, ptr: number) => {
      const d = preopen(ctx, fd);
      const mem = ctx.memory();
      const p = u32(ptr);
      mem.check(p, 8);
      mem.slice(p, 8).fill(0);
      mem.setU8(p, Preopentype.DIR);
      mem.setU32(p + 4, utf8(d.preopenName).length);
    },
    // A buffer shorter than the name is `nametoolong` (wasmtime); a longer one is fine.
    fd_prestat_dir_name: (fd: number, pathPtr: number, pathLen: number) => {
      const name = utf8(preopen(ctx, fd).preopenName);
      if (u32(pathLen) < name.length) throw new WasiError(Errno.nametoolong);
      ctx.memory().slice(u32(pathPtr), name.length).set(name);
    },
  };
}
