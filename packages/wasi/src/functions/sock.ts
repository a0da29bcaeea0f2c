/**
 * `sock_accept`, `sock_recv`, `sock_send`, `sock_shutdown`.
 *
 * Preview1 cannot create sockets, so these only work on sockets the host passed in
 * (`new WASI({ sockets })`). Any other open fd is `notsock`, a closed one `badf`.
 * @packageDocumentation
 */
import { Fdflags, Riflags, Roflags, Sdflags } from '../abi/constants';
import { u32, type WasiContext } from '../context';
import type { SocketDescriptor } from '../descriptors';
import { Errno, WasiError } from '../errno';
import { SOCKET_RIGHTS, Rights } from '../rights';
import { iovecs, recvInto } from './fd-io';

function socketFd(ctx: WasiContext, fd: number, right: bigint): SocketDescriptor {
  const d = ctx.fds.get(fd);
  if (d.kind !== 'socket') throw new WasiError(Errno.notsock);
  if ((d.rightsBase & right) === 0n) throw new WasiError(Errno.notcapable);
  return d;
}

/** The four socket functions. */
export function sockFunctions(ctx: WasiContext) {
  return {
    sock_accept: (fd: number, flags: number, fdPtr: number) => {
      const d = socketFd(ctx, fd, Rights.SOCK_ACCEPT);
      const f = u32(flags);
      if (f & ~Fdflags.NONBLOCK) throw new WasiError(Errno.inval);
      if (!d.socket.accept) throw new WasiError(Errno.inval); // Not a listening socket.
      const conn = d.socket.accept();
      if (conn === null) throw new WasiError(Errno.again);
      const newFd = ctx.fds.add({ kind: 'socket', socket: conn, rightsBase: SOCKET_RIGHTS & ~Rights.SOCK_ACCEPT, rightsInheriting: 0n, fdflags: f });
      ctx.memory().setU32(u32(fdPtr), newFd);
    },
    sock_recv: (fd: number, riPtr: number, riLen: number, riflags: number, roDatalenPtr: number, roFlagsPtr: number) => {
      const d = socketFd(ctx, fd, Rights.FD_READ);
      const f = u32(riflags);
      if (f & ~(Riflags.RECV_PEEK | Riflags.RECV_WAITALL)) throw new WasiError(Errno.inval);
      const mem = ctx.memory();
      const r = recvInto(d, iovecs(mem, riPtr, riLen), f);
      mem.setU32(u32(roDatalenPtr), r.bytes);
      mem.setU16(u32(roFlagsPtr), r.truncated ? Roflags.RECV_DATA_TRUNCATED : 0);
    },
    sock_send: (fd: number, siPtr: number, siLen: number, _siflags: number, soDatalenPtr: number) => {
      const d = socketFd(ctx, fd, Rights.FD_WRITE);
      const mem = ctx.memory();
      const parts = iovecs(mem, siPtr, siLen);
      const data = new Uint8Array(parts.reduce((n, b) => n + b.length, 0));
      let at = 0;
      for (const b of parts) {
        data.set(b, at);
        at += b.length;
      }
      mem.setU32(u32(soDatalenPtr), d.socket.send(data));
    },
    sock_shutdown: (fd: number, how: number) => {
      const d = socketFd(ctx, fd, Rights.SOCK_SHUTDOWN);
      const h = u32(how);
      if (h === 0 || h & ~(Sdflags.RD | Sdflags.WR)) throw new WasiError(Errno.inval);
      d.socket.shutdown({ read: (h & Sdflags.RD) !== 0, write: (h & Sdflags.WR) !== 0 });
    },
  };
}
