/**
 * Translating Node's `fs` errors into WASI errnos.
 * @packageDocumentation
 */
import { Errno, WasiError, type ErrnoValue } from '../errno';

const byCode: Record<string, ErrnoValue> = {
  ENOENT: Errno.noent, EEXIST: Errno.exist, ENOTDIR: Errno.notdir, EISDIR: Errno.isdir,
  ENOTEMPTY: Errno.notempty, EACCES: Errno.acces, EPERM: Errno.perm, ELOOP: Errno.loop,
  EINVAL: Errno.inval, EXDEV: Errno.xdev, EBADF: Errno.badf, ENAMETOOLONG: Errno.nametoolong,
  ENOSPC: Errno.nospc, EROFS: Errno.rofs, EMLINK: Errno.mlink, EBUSY: Errno.busy, EFBIG: Errno.fbig,
  EIO: Errno.io, EAGAIN: Errno.again, ENOSYS: Errno.nosys, ENOTSUP: Errno.notsup, EOPNOTSUPP: Errno.notsup,
  ESPIPE: Errno.spipe, EMFILE: Errno.mfile, ENFILE: Errno.nfile, EDQUOT: Errno.dquot, ETXTBSY: Errno.txtbsy,
  EOVERFLOW: Errno.overflow, ENXIO: Errno.nxio, ENOMEM: Errno.nomem, EPIPE: Errno.pipe,
};

/** Runs `f`, converting a Node system error into a {@link WasiError} with the matching errno. */
export function hostCall<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof WasiError) throw e;
    const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
    throw new WasiError(byCode[code] ?? Errno.io, e instanceof Error ? e.message : String(e));
  }
}
