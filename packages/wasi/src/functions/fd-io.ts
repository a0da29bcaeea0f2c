/**
 * Data transfer and offsets: `fd_read`, `fd_write`, `fd_pread`, `fd_pwrite`, `fd_seek`, `fd_tell`.
 * @packageDocumentation
 */
import { Fdflags, Riflags, Whence } from '../abi/constants';
import type { GuestMemory } from '../abi/memory';
import { s64, u32, u64, type WasiContext } from '../context';
import type { Descriptor, FileDescriptor } from '../descriptors';
import { Errno, WasiError } from '../errno';
import { Rights } from '../rights';

/** Largest file offset: the u64 offsets of the ABI are kept within s64 like POSIX `off_t`. */
const MAX_OFFSET = (1n << 63n) - 1n;

/**
 * The file behind `fd` for a positional operation, or the errno wasmtime and the testsuite expect:
 * `badf` for a directory (not `isdir`), `spipe` for streams and sockets.
 */
function seekableFile(d: Descriptor): FileDescriptor {
  if (d.kind === 'file') return d;
  if (d.kind === 'directory') throw new WasiError(Errno.badf);
  throw new WasiError(Errno.spipe);
}

/** Missing read/write access is `badf`, as for a POSIX fd opened without that mode. */
function access(d: Descriptor, right: bigint): void {
  if ((d.rightsBase & right) === 0n) throw new WasiError(Errno.badf);
}

function readFile(d: FileDescriptor, iovs: Uint8Array[], position: bigint): number {
  let total = 0;
  for (const buf of iovs) {
    if (buf.length === 0) continue;
    const n = d.file.read(buf, position + BigInt(total));
    total += n;
    if (n < buf.length) break;
  }
  return total;
}

function writeFile(d: FileDescriptor, iovs: Uint8Array[], position: bigint): number {
  let total = 0;
  for (const buf of iovs) {
    if (buf.length === 0) continue;
    // Copy: the file system may keep the bytes, and guest memory may change or grow.
    const n = d.file.write(buf.slice(), position + BigInt(total));
    total += n;
    if (n < buf.length) break;
  }
  return total;
}

function gather(iovs: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(iovs.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of iovs) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

function readStreamOrSocket(d: Descriptor, iovs: Uint8Array[]): number {
  let total = 0;
  for (const buf of iovs) {
    if (buf.length === 0) continue;
    let n: number;
    if (d.kind === 'stream') {
      if (!d.input) throw new WasiError(Errno.badf);
      const chunk = d.input.read(buf.length);
      buf.set(chunk.subarray(0, buf.length));
      n = Math.min(chunk.length, buf.length);
    } else if (d.kind === 'socket') {
      n = d.socket.recv(buf, { peek: false, waitall: false }).bytes;
    } else {
      throw new WasiError(Errno.badf);
    }
    total += n;
    // A short read means no more is available now: return what there is rather than block.
    if (n < buf.length) break;
  }
  return total;
}

function writeStreamOrSocket(d: Descriptor, iovs: Uint8Array[]): number {
  const data = gather(iovs);
  if (d.kind === 'stream') {
    if (!d.output) throw new WasiError(Errno.badf);
    if (data.length > 0) d.output.write(data);
    return data.length;
  }
  if (d.kind === 'socket') return d.socket.send(data);
  throw new WasiError(Errno.badf);
}

function checkOffset(p: bigint): bigint {
  if (p > MAX_OFFSET) throw new WasiError(Errno.inval);
  return p;
}

/** Shared by `sock_recv`: receives into iovecs honouring peek/waitall. */
export function recvInto(d: Descriptor, iovs: Uint8Array[], riflags: number): { bytes: number; truncated: boolean } {
  if (d.kind !== 'socket') throw new WasiError(Errno.notsock);
  const buf = new Uint8Array(iovs.reduce((n, b) => n + b.length, 0));
  const r = d.socket.recv(buf, { peek: (riflags & Riflags.RECV_PEEK) !== 0, waitall: (riflags & Riflags.RECV_WAITALL) !== 0 });
  let at = 0;
  for (const b of iovs) {
    if (at >= r.bytes) break;
    const n = Math.min(b.length, r.bytes - at);
    b.set(buf.subarray(at, at + n));
    at += n;
  }
  return { bytes: r.bytes, truncated: r.truncated === true };
}

/** Reads the iovec array. */
export function iovecs(mem: GuestMemory, ptr: number, len: number): Uint8Array[] {
  return mem.iovecs(u32(ptr), u32(len));
}

/** The six data-transfer functions. */
export function fdIoFunctions(ctx: WasiContext) {
  return {
    fd_read: (fd: number, iovsPtr: number, iovsLen: number, nreadPtr: number) => {
      const d = ctx.fds.get(fd);
      const mem = ctx.memory();
      const iovs = iovecs(mem, iovsPtr, iovsLen);
      let n: number;
      if (d.kind === 'file') {
        access(d, Rights.FD_READ);
        n = readFile(d, iovs, d.position);
        d.position += BigInt(n);
      } else {
        if (d.kind === 'directory') throw new WasiError(Errno.badf);
        access(d, Rights.FD_READ);
        n = readStreamOrSocket(d, iovs);
      }
      mem.setU32(u32(nreadPtr), n);
    },
    fd_write: (fd: number, iovsPtr: number, iovsLen: number, nwrittenPtr: number) => {
      const d = ctx.fds.get(fd);
      const mem = ctx.memory();
      const iovs = iovecs(mem, iovsPtr, iovsLen);
      let n: number;
      if (d.kind === 'file') {
        access(d, Rights.FD_WRITE);
        // Append mode: every write goes to the current end, whatever the offset was.
        if (d.fdflags & Fdflags.APPEND) d.position = d.file.stat().size;
        n = writeFile(d, iovs, d.position);
        d.position += BigInt(n);
      } else {
        if (d.kind === 'directory') throw new WasiError(Errno.badf);
        access(d, Rights.FD_WRITE);
        n = writeStreamOrSocket(d, iovs);
      }
      mem.setU32(u32(nwrittenPtr), n);
    },
    fd_pread: (fd: number, iovsPtr: number, iovsLen: number, offset: bigint, nreadPtr: number) => {
      const d = seekableFile(ctx.fds.get(fd));
      access(d, Rights.FD_READ);
      if ((d.rightsBase & Rights.FD_SEEK) === 0n) throw new WasiError(Errno.notcapable);
      const mem = ctx.memory();
      const n = readFile(d, iovecs(mem, iovsPtr, iovsLen), checkOffset(u64(offset)));
      mem.setU32(u32(nreadPtr), n);
    },
    // POSIX pwrite: the data goes at `offset` even in append mode, and the file offset stays put.
    fd_pwrite: (fd: number, iovsPtr: number, iovsLen: number, offset: bigint, nwrittenPtr: number) => {
      const d = seekableFile(ctx.fds.get(fd));
      access(d, Rights.FD_WRITE);
      if ((d.rightsBase & Rights.FD_SEEK) === 0n) throw new WasiError(Errno.notcapable);
      const mem = ctx.memory();
      const n = writeFile(d, iovecs(mem, iovsPtr, iovsLen), checkOffset(u64(offset)));
      mem.setU32(u32(nwrittenPtr), n);
    },
    fd_seek: (fd: number, offset: bigint, whence: number, newOffsetPtr: number) => {
      const raw = ctx.fds.get(fd);
      const d = seekableFile(raw);
      const delta = s64(offset);
      // A pure query (offset 0 from the current position) needs only FD_TELL, as the witx says.
      const needed = delta === 0n && u32(whence) === Whence.CUR ? Rights.FD_TELL : Rights.FD_SEEK;
      if ((d.rightsBase & needed) === 0n && (d.rightsBase & Rights.FD_SEEK) === 0n) throw new WasiError(Errno.notcapable);
      let base: bigint;
      switch (u32(whence)) {
        case Whence.SET: base = 0n; break;
        case Whence.CUR: base = d.position; break;
        case Whence.END: base = d.file.stat().size; break;
        default: throw new WasiError(Errno.inval);
      }
      const next = base + delta;
      if (next < 0n || next > MAX_OFFSET) throw new WasiError(Errno.inval);
      d.position = next;
      ctx.memory().setU64(u32(newOffsetPtr), next);
    },
    fd_tell: (fd: number, offsetPtr: number) => {
      const d = seekableFile(ctx.fds.get(fd));
      if ((d.rightsBase & Rights.FD_TELL) === 0n) throw new WasiError(Errno.notcapable);
      ctx.memory().setU64(u32(offsetPtr), d.position);
    },
  };
}
