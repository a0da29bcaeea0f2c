import { describe, expect, it } from 'vitest';
import { Errno, Filetype, MemoryFileSystem, WasiError, type WasiSocket } from '../../src/index';
import { Guest } from '../helpers/guest';

/** A connected in-memory socket end: what one end sends, the other receives. */
class TestSocket implements WasiSocket {
  inbox: Uint8Array[] = [];
  peer: TestSocket | null = null;
  closedWrite = false;
  closedRead = false;
  pending: TestSocket[] = [];
  constructor(readonly kind: 'stream' | 'dgram' = 'stream', private readonly listening = false) {}
  static pair(kind: 'stream' | 'dgram' = 'stream'): [TestSocket, TestSocket] {
    const a = new TestSocket(kind);
    const b = new TestSocket(kind);
    a.peer = b;
    b.peer = a;
    return [a, b];
  }
  recv(buf: Uint8Array, flags: { peek: boolean }) {
    if (this.closedRead) return { bytes: 0 };
    const msg = this.inbox[0];
    if (!msg) throw new WasiError(Errno.again);
    const n = Math.min(buf.length, msg.length);
    buf.set(msg.subarray(0, n));
    if (!flags.peek) {
      if (this.kind === 'dgram' || n === msg.length) this.inbox.shift();
      else this.inbox[0] = msg.subarray(n);
    }
    return { bytes: n, truncated: this.kind === 'dgram' && n < msg.length };
  }
  send(data: Uint8Array) {
    if (this.closedWrite) throw new WasiError(Errno.pipe);
    this.peer!.inbox.push(data.slice());
    return data.length;
  }
  shutdown(how: { read: boolean; write: boolean }) {
    if (how.read) this.closedRead = true;
    if (how.write) this.closedWrite = true;
  }
  accept(): WasiSocket | null {
    if (!this.listening) throw new WasiError(Errno.inval);
    return this.pending.shift() ?? null;
  }
  ready() {
    return this.inbox.length > 0;
  }
}

function send(g: Guest, fd: number, text: string): [number, number] {
  const [iov, n] = g.iovs(text);
  const out = g.alloc(4);
  const e = g.call('sock_send', fd, iov, n, 0, out);
  return [e, g.u32(out)];
}

function recv(g: Guest, fd: number, len: number, flags = 0): [number, string, number] {
  const [iov, n, [buf]] = g.iovs(len);
  const datalen = g.alloc(4);
  const roflags = g.alloc(2);
  const e = g.call('sock_recv', fd, iov, n, flags, datalen, roflags);
  return [e, e === 0 ? g.text(buf!, g.u32(datalen)) : '', g.u16(roflags)];
}

describe('sockets passed in by the host', () => {
  it('get fds after the preopens, are not preopens, and are sockets', () => {
    const [a] = TestSocket.pair();
    const g = new Guest({ preopens: { '/': new MemoryFileSystem() }, sockets: [a] });
    const st = g.alloc(24);
    expect(g.call('fd_fdstat_get', 4, st)).toBe(Errno.success);
    expect(g.u8(st)).toBe(Filetype.SOCKET_STREAM);
    expect(g.call('fd_prestat_get', 4, g.alloc(8))).toBe(Errno.badf);
  });
});

describe('sock_send / sock_recv', () => {
  it('exchange data; peek leaves it queued', () => {
    const [a, b] = TestSocket.pair();
    const g = new Guest({ sockets: [a, b] });
    expect(send(g, 3, 'hello')).toEqual([Errno.success, 5]);
    expect(recv(g, 4, 3, 1)).toEqual([Errno.success, 'hel', 0]);
    expect(recv(g, 4, 3)).toEqual([Errno.success, 'hel', 0]);
    expect(recv(g, 4, 10)).toEqual([Errno.success, 'lo', 0]);
    expect(recv(g, 4, 10)[0]).toBe(Errno.again);
  });
  it('datagram truncation is flagged', () => {
    const [a, b] = TestSocket.pair('dgram');
    const g = new Guest({ sockets: [a, b] });
    send(g, 3, 'a long datagram');
    expect(recv(g, 4, 6)).toEqual([Errno.success, 'a long', 1]);
  });
  it('fd_read and fd_write work on sockets too', () => {
    const [a, b] = TestSocket.pair();
    const g = new Guest({ sockets: [a, b] });
    expect(g.write(3, 'via fd_write')).toEqual([Errno.success, 12]);
    expect(g.read(4, 100)).toEqual([Errno.success, 'via fd_write']);
  });
  it('non-sockets are notsock, closed fds badf, bad flags inval', () => {
    const [a] = TestSocket.pair();
    const g = new Guest({ preopens: { '/': new MemoryFileSystem({ f: 'x' }) }, sockets: [a] });
    expect(send(g, 1, 'x')[0]).toBe(Errno.notsock);
    expect(send(g, 3, 'x')[0]).toBe(Errno.notsock);
    expect(recv(g, g.openOk(3, 'f'), 1)[0]).toBe(Errno.notsock);
    expect(send(g, 50, 'x')[0]).toBe(Errno.badf);
    expect(recv(g, -31337, 1)[0]).toBe(Errno.badf);
    expect(recv(g, 4, 1, 4)[0]).toBe(Errno.inval);
  });
});

describe('sock_shutdown', () => {
  it('shuts down sides; stdout is notsock, a bad fd badf, bad how inval', () => {
    const [a, b] = TestSocket.pair();
    const g = new Guest({ sockets: [a, b] });
    expect(g.call('sock_shutdown', 3, 2)).toBe(Errno.success);
    expect(send(g, 3, 'x')[0]).toBe(Errno.pipe);
    expect(g.call('sock_shutdown', 4, 1)).toBe(Errno.success);
    expect(recv(g, 4, 10)).toEqual([Errno.success, '', 0]);
    expect(g.call('sock_shutdown', 1, 3)).toBe(Errno.notsock);
    expect(g.call('sock_shutdown', 99, 3)).toBe(Errno.badf);
    expect(g.call('sock_shutdown', 3, 0)).toBe(Errno.inval);
    expect(g.call('sock_shutdown', 3, 4)).toBe(Errno.inval);
  });
});

describe('sock_accept', () => {
  it('accepts pending connections as new fds; again when none; inval on a non-listener', () => {
    const listener = new TestSocket('stream', true);
    const [server, client] = TestSocket.pair();
    listener.pending.push(server);
    const g = new Guest({ sockets: [listener, client] });
    const out = g.alloc(4);
    expect(g.call('sock_accept', 3, 0, out)).toBe(Errno.success);
    const conn = g.u32(out);
    expect(conn).toBe(5);
    send(g, 4, 'ping');
    expect(recv(g, conn, 10)).toEqual([Errno.success, 'ping', 0]);
    expect(g.call('sock_accept', 3, 4, out)).toBe(Errno.again);
    expect(g.call('sock_accept', 3, 1, out)).toBe(Errno.inval);
    expect(g.call('sock_accept', 4, 0, out)).toBe(Errno.inval);
    expect(g.call('sock_accept', 1, 0, out)).toBe(Errno.notsock);
    expect(g.call('sock_accept', 42, 0, out)).toBe(Errno.badf);
  });
});

describe('poll_oneoff on sockets', () => {
  function pollOne(g: Guest, subs: Array<[bigint, number, number | bigint]>): bigint[] {
    const inp = g.alloc(48 * subs.length);
    subs.forEach(([userdata, tag, arg], i) => {
      const p = inp + i * 48;
      g.view.setBigUint64(p, userdata, true);
      g.view.setUint8(p + 8, tag);
      if (tag === 0) {
        g.view.setUint32(p + 16, 1, true);
        g.view.setBigUint64(p + 24, arg as bigint, true);
      } else g.view.setUint32(p + 16, arg as number, true);
    });
    const out = g.alloc(32 * subs.length);
    const n = g.alloc(4);
    expect(g.call('poll_oneoff', inp, out, subs.length, n)).toBe(Errno.success);
    return Array.from({ length: g.u32(n) }, (_, i) => g.u64(out + i * 32));
  }

  it('a socket that becomes ready while waiting wins over the timeout', () => {
    const [a] = TestSocket.pair();
    let checks = 0;
    a.ready = () => ++checks > 3; // ready on the 4th look, as an OS-backed socket might be
    const g = new Guest({ sockets: [a] });
    expect(pollOne(g, [[1n, 0, 1_000_000_000n], [2n, 1, 3]])).toEqual([2n]);
  });
  it('a socket that stays idle lets the timeout fire; without a timeout it is notsup', () => {
    const [a] = TestSocket.pair();
    const g = new Guest({ sockets: [a] });
    expect(pollOne(g, [[1n, 0, 50_000_000n], [2n, 1, 3]])).toEqual([1n]);
    const inp = g.alloc(48);
    g.view.setUint8(inp + 8, 1);
    g.view.setUint32(inp + 16, 3, true);
    expect(g.call('poll_oneoff', inp, g.alloc(32), 1, g.alloc(4))).toBe(Errno.notsup);
  });
  it('a socket with data is ready at once', () => {
    const [a, b] = TestSocket.pair();
    const g = new Guest({ sockets: [a, b] });
    send(g, 3, 'x');
    expect(pollOne(g, [[1n, 0, 10n ** 12n], [2n, 1, 4]])).toEqual([2n]);
  });
});
