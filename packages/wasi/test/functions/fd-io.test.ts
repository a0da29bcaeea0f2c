import { describe, expect, it } from 'vitest';
import { Errno, Fdflags, MemoryFileSystem, Oflags, Rights, Whence, bufferInput } from '../../src/index';
import { ALL, WRITE, Guest, withFs } from '../helpers/guest';

function seek(g: Guest, fd: number, offset: bigint, whence: number): [number, bigint] {
  const out = g.alloc(8);
  const e = g.call('fd_seek', fd, offset, whence, out);
  return [e, g.u64(out)];
}

function tell(g: Guest, fd: number): [number, bigint] {
  const out = g.alloc(8);
  const e = g.call('fd_tell', fd, out);
  return [e, g.u64(out)];
}

function pread(g: Guest, fd: number, len: number, offset: bigint): [number, string] {
  const [iov, n, [buf]] = g.iovs(len);
  const out = g.alloc(4);
  const e = g.call('fd_pread', fd, iov, n, offset, out);
  return [e, e === 0 ? g.text(buf!, g.u32(out)) : ''];
}

function pwrite(g: Guest, fd: number, text: string, offset: bigint): [number, number] {
  const [iov, n] = g.iovs(text);
  const out = g.alloc(4);
  const e = g.call('fd_pwrite', fd, iov, n, offset, out);
  return [e, g.u32(out)];
}

describe('fd_write', () => {
  it('gathers several iovecs, to stdout and stderr', () => {
    const g = new Guest();
    expect(g.write(1, 'hello', ', ', 'world')).toEqual([Errno.success, 12]);
    expect(g.write(2, 'oops')).toEqual([Errno.success, 4]);
    expect(g.stdout.text()).toBe('hello, world');
    expect(g.stderr.text()).toBe('oops');
  });
  it('bad fds, including the signed -31337, are badf', () => {
    const g = new Guest();
    expect(g.write(-31337, 'x')[0]).toBe(Errno.badf);
    expect(g.write(99, 'x')[0]).toBe(Errno.badf);
    expect(g.write(0, 'x')[0]).toBe(Errno.badf); // stdin is not writable
  });
  it('writes to files at the offset, growing them; append mode writes at the end', () => {
    const g = withFs();
    const fd = g.openOk(3, 'f', { oflags: Oflags.CREAT });
    expect(g.write(fd, 'abcdef')).toEqual([Errno.success, 6]);
    seek(g, fd, 2n, Whence.SET);
    g.write(fd, 'XY');
    expect(pread(g, fd, 10, 0n)[1]).toBe('abXYef');
    const ap = g.openOk(3, 'f', { fdflags: Fdflags.APPEND });
    g.write(ap, '1');
    seek(g, ap, 0n, Whence.SET);
    g.write(ap, '2');
    expect(pread(g, fd, 10, 0n)[1]).toBe('abXYef12');
    expect(tell(g, ap)).toEqual([Errno.success, 8n]);
  });
  it('directories and read-only fds refuse writes with badf', () => {
    const g = withFs(new MemoryFileSystem({ f: 'x' }));
    expect(g.write(3, 'x')[0]).toBe(Errno.badf);
    const ro = g.openOk(3, 'f', { rights: ALL & ~WRITE });
    expect(g.write(ro, 'x')[0]).toBe(Errno.badf);
  });
  it('zero iovecs write nothing', () => {
    const g = new Guest();
    expect(g.call('fd_write', 1, 0, 0, g.alloc(4))).toBe(Errno.success);
  });
});

describe('fd_read', () => {
  it('scatters into iovecs and advances the offset; 0 at end of file', () => {
    const g = withFs(new MemoryFileSystem({ f: 'hello world' }));
    const fd = g.openOk(3, 'f');
    const [iov, n, [a, b]] = g.iovs(3, 4);
    const out = g.alloc(4);
    expect(g.call('fd_read', fd, iov, n, out)).toBe(Errno.success);
    expect(g.u32(out)).toBe(7);
    expect(g.text(a!, 3) + g.text(b!, 4)).toBe('hello w');
    expect(g.read(fd, 100)).toEqual([Errno.success, 'orld']);
    expect(g.read(fd, 100)).toEqual([Errno.success, '']);
  });
  it('reads stdin from a string, a buffer or a stream, then end of input', () => {
    expect(new Guest({ stdin: 'abc' }).read(0, 10)).toEqual([Errno.success, 'abc']);
    const g = new Guest({ stdin: new TextEncoder().encode('xyz') });
    expect(g.read(0, 2)).toEqual([Errno.success, 'xy']);
    expect(g.read(0, 2)).toEqual([Errno.success, 'z']);
    expect(g.read(0, 2)).toEqual([Errno.success, '']);
    const chunks = ['one', 'two'];
    const s = new Guest({ stdin: { read: () => new TextEncoder().encode(chunks.shift() ?? '') } });
    expect(s.read(0, 10)).toEqual([Errno.success, 'one']);
    expect(s.read(0, 10)).toEqual([Errno.success, 'two']);
    expect(s.read(0, 10)).toEqual([Errno.success, '']);
    expect(new Guest({ stdin: bufferInput('q') }).read(0, 1)).toEqual([Errno.success, 'q']);
  });
  it('directories are badf, write-only files badf, stdout badf', () => {
    const g = withFs(new MemoryFileSystem({ f: 'x' }));
    expect(g.read(3, 4)[0]).toBe(Errno.badf);
    const wo = g.openOk(3, 'f', { rights: ALL & ~Rights.FD_READ & ~Rights.FD_READDIR });
    expect(g.read(wo, 4)[0]).toBe(Errno.badf);
    expect(g.read(1, 4)[0]).toBe(Errno.badf);
    expect(g.read(-1, 4)[0]).toBe(Errno.badf);
  });
  it('an iovec outside memory traps', () => {
    const g = withFs(new MemoryFileSystem({ f: 'x' }));
    const fd = g.openOk(3, 'f');
    const iov = g.alloc(8);
    g.view.setUint32(iov, 4 * 65536 - 2, true);
    g.view.setUint32(iov + 4, 10, true);
    expect(() => g.call('fd_read', fd, iov, 1, g.alloc(4))).toThrow(/out of bounds/);
  });
});

describe('fd_pread / fd_pwrite', () => {
  it('read and write at an offset without moving the file offset', () => {
    const g = withFs(new MemoryFileSystem({ f: '0123456789' }));
    const fd = g.openOk(3, 'f');
    expect(pread(g, fd, 3, 4n)).toEqual([Errno.success, '456']);
    expect(pwrite(g, fd, 'ab', 8n)).toEqual([Errno.success, 2]);
    expect(pwrite(g, fd, 'Z', 12n)).toEqual([Errno.success, 1]);
    expect(tell(g, fd)).toEqual([Errno.success, 0n]);
    expect(pread(g, fd, 20, 0n)).toEqual([Errno.success, '01234567ab\0\0Z']);
    expect(pread(g, fd, 5, 100n)).toEqual([Errno.success, '']);
  });
  it('pwrite on an append-mode fd writes at the offset (POSIX) and leaves the offset', () => {
    const g = withFs(new MemoryFileSystem({ f: 'abc' }));
    const fd = g.openOk(3, 'f', { fdflags: Fdflags.APPEND });
    expect(pwrite(g, fd, 'X', 0n)).toEqual([Errno.success, 1]);
    expect(pread(g, fd, 10, 0n)[1]).toBe('Xbc');
    expect(tell(g, fd)[1]).toBe(0n);
  });
  it('streams are spipe, directories badf, offsets past 2^63 inval, missing FD_SEEK notcapable', () => {
    const g = withFs(new MemoryFileSystem({ f: 'abc' }));
    expect(pread(g, 0, 1, 0n)[0]).toBe(Errno.spipe);
    expect(pwrite(g, 1, 'x', 0n)[0]).toBe(Errno.spipe);
    expect(pread(g, 3, 1, 0n)[0]).toBe(Errno.badf);
    const fd = g.openOk(3, 'f');
    expect(pread(g, fd, 1, -1n)[0]).toBe(Errno.inval); // i64 -1 is u64 2^64-1
    const noseek = g.openOk(3, 'f', { rights: ALL & ~Rights.FD_SEEK });
    expect(pread(g, noseek, 1, 0n)[0]).toBe(Errno.notcapable);
  });
});

describe('fd_seek / fd_tell', () => {
  it('set, cur and end', () => {
    const g = withFs(new MemoryFileSystem({ f: '0123456789' }));
    const fd = g.openOk(3, 'f');
    expect(seek(g, fd, 3n, Whence.SET)).toEqual([Errno.success, 3n]);
    expect(seek(g, fd, 2n, Whence.CUR)).toEqual([Errno.success, 5n]);
    expect(seek(g, fd, -1n, Whence.END)).toEqual([Errno.success, 9n]);
    expect(seek(g, fd, 5n, Whence.END)).toEqual([Errno.success, 15n]); // past the end is fine
    expect(tell(g, fd)).toEqual([Errno.success, 15n]);
  });
  it('before the start or an unknown whence is inval; the offset stays', () => {
    const g = withFs(new MemoryFileSystem({ f: '0123456789' }));
    const fd = g.openOk(3, 'f');
    seek(g, fd, 4n, Whence.SET);
    expect(seek(g, fd, -5n, Whence.CUR)[0]).toBe(Errno.inval);
    expect(seek(g, fd, 0n, 3)[0]).toBe(Errno.inval);
    expect(seek(g, fd, 0n, -1)[0]).toBe(Errno.inval);
    expect(tell(g, fd)[1]).toBe(4n);
  });
  it('directories are badf, streams spipe, missing rights notcapable', () => {
    const g = withFs(new MemoryFileSystem({ f: 'x', d: {} }));
    expect(seek(g, 3, 0n, Whence.SET)[0]).toBe(Errno.badf);
    expect(tell(g, 3)[0]).toBe(Errno.badf);
    expect(seek(g, 1, 0n, Whence.CUR)[0]).toBe(Errno.spipe);
    expect(tell(g, 0)[0]).toBe(Errno.spipe);
    const fd = g.openOk(3, 'f', { rights: Rights.FD_READ });
    expect(seek(g, fd, 1n, Whence.SET)[0]).toBe(Errno.notcapable);
    expect(tell(g, fd)[0]).toBe(Errno.notcapable);
    const tellOnly = g.openOk(3, 'f', { rights: Rights.FD_TELL });
    expect(seek(g, tellOnly, 0n, Whence.CUR)).toEqual([Errno.success, 0n]);
    expect(seek(g, -31337, 0n, Whence.CUR)[0]).toBe(Errno.badf);
  });
});

describe('iovec limits', () => {
  it('more than 16384 iovecs is inval, not a host memory blow-up', () => {
    const g = new Guest({}, 8);
    const iov = g.alloc(16385 * 8);
    expect(g.call('fd_write', 1, iov, 16385, g.alloc(4))).toBe(Errno.inval);
    expect(g.call('fd_write', 1, iov, 16384, g.alloc(4))).toBe(Errno.success);
  });
});
