import { describe, expect, it } from 'vitest';
import { Advice, Errno, Fdflags, Filetype, Fstflags, MemoryFileSystem, Oflags, Rights, virtualClock } from '../../src/index';
import { ALL, Guest, withFs } from '../helpers/guest';

function fdstat(g: Guest, fd: number) {
  const p = g.alloc(24);
  const e = g.call('fd_fdstat_get', fd, p);
  return { e, filetype: g.u8(p), flags: g.u16(p + 2), base: g.u64(p + 8), inheriting: g.u64(p + 16) };
}

function fstat(g: Guest, fd: number) {
  const p = g.alloc(64);
  const e = g.call('fd_filestat_get', fd, p);
  return { e, ...g.filestat(p) };
}

describe('fd_fdstat_get', () => {
  it('stdio are character devices without seek/tell rights (so isatty is true)', () => {
    const g = new Guest();
    for (const fd of [0, 1, 2]) {
      const s = fdstat(g, fd);
      expect(s.e).toBe(Errno.success);
      expect(s.filetype).toBe(Filetype.CHARACTER_DEVICE);
      expect(s.base & (Rights.FD_SEEK | Rights.FD_TELL)).toBe(0n);
    }
    expect(fdstat(g, 0).base & Rights.FD_READ).toBe(Rights.FD_READ);
    expect(fdstat(g, 1).base & Rights.FD_WRITE).toBe(Rights.FD_WRITE);
  });
  it('preopens are directories; files report their flags and masked rights', () => {
    const g = withFs(new MemoryFileSystem({ f: 'x' }));
    expect(fdstat(g, 3).filetype).toBe(Filetype.DIRECTORY);
    const fd = g.openOk(3, 'f', { fdflags: Fdflags.APPEND, rights: Rights.FD_READ | Rights.PATH_OPEN });
    const s = fdstat(g, fd);
    expect(s.filetype).toBe(Filetype.REGULAR_FILE);
    expect(s.flags).toBe(Fdflags.APPEND);
    expect(s.base).toBe(Rights.FD_READ); // PATH_OPEN makes no sense on a file and is dropped
    expect(fdstat(g, 77).e).toBe(Errno.badf);
  });
});

describe('fd_fdstat_set_flags', () => {
  it('toggles append; sync flags are inval', () => {
    const g = withFs(new MemoryFileSystem({ f: 'ab' }));
    const fd = g.openOk(3, 'f');
    expect(g.call('fd_fdstat_set_flags', fd, Fdflags.APPEND)).toBe(Errno.success);
    expect(fdstat(g, fd).flags).toBe(Fdflags.APPEND);
    g.write(fd, 'c');
    expect(g.call('fd_fdstat_set_flags', fd, 0)).toBe(Errno.success);
    expect(g.write(fd, 'Z')[0]).toBe(Errno.success);
    // After append was cleared, 'Z' went to the fd's offset (3, after the appended 'c').
    expect(g.read(g.openOk(3, 'f'), 10)[1]).toBe('abcZ');
    expect(g.call('fd_fdstat_set_flags', fd, Fdflags.SYNC)).toBe(Errno.inval);
    expect(g.call('fd_fdstat_set_flags', fd, Fdflags.NONBLOCK)).toBe(Errno.success);
    expect(g.call('fd_fdstat_set_flags', 50, 0)).toBe(Errno.badf);
    const limited = g.openOk(3, 'f', { rights: Rights.FD_READ });
    expect(g.call('fd_fdstat_set_flags', limited, Fdflags.APPEND)).toBe(Errno.notcapable);
  });
});

describe('fd_fdstat_set_rights', () => {
  it('drops rights, never adds them', () => {
    const g = withFs(new MemoryFileSystem({ f: 'x' }));
    const fd = g.openOk(3, 'f');
    const before = fdstat(g, fd).base;
    expect(g.call('fd_fdstat_set_rights', fd, Rights.FD_READ, 0n)).toBe(Errno.success);
    expect(fdstat(g, fd).base).toBe(Rights.FD_READ);
    expect(g.write(fd, 'x')[0]).toBe(Errno.badf);
    expect(g.call('fd_fdstat_set_rights', fd, before, 0n)).toBe(Errno.notcapable);
    expect(g.call('fd_fdstat_set_rights', 3, 0n, ALL)).toBe(Errno.notcapable);
    expect(g.call('fd_fdstat_set_rights', -31337, 0n, 0n)).toBe(Errno.badf);
  });
});

describe('fd_filestat_get', () => {
  it('files, directories and streams', () => {
    const g = withFs(new MemoryFileSystem({ f: 'hello' }));
    const fd = g.openOk(3, 'f');
    const s = fstat(g, fd);
    expect(s).toMatchObject({ e: Errno.success, filetype: Filetype.REGULAR_FILE, size: 5n, nlink: 1n });
    expect(s.ino).toBe(g.stat(3, 'f')[1].ino);
    expect(fstat(g, 3)).toMatchObject({ e: Errno.success, filetype: Filetype.DIRECTORY });
    expect(fstat(g, 1)).toMatchObject({ e: Errno.success, filetype: Filetype.CHARACTER_DEVICE });
    expect(fstat(g, 9).e).toBe(Errno.badf);
  });
});

describe('fd_filestat_set_size', () => {
  it('truncates and extends with zeros', () => {
    const g = withFs(new MemoryFileSystem({ f: 'hello' }));
    const fd = g.openOk(3, 'f');
    expect(g.call('fd_filestat_set_size', fd, 2n)).toBe(Errno.success);
    expect(fstat(g, fd).size).toBe(2n);
    expect(g.call('fd_filestat_set_size', fd, 4n)).toBe(Errno.success);
    expect(g.read(fd, 10)).toEqual([Errno.success, 'he\0\0']);
  });
  it('directories badf, streams inval, missing right notcapable', () => {
    const g = withFs(new MemoryFileSystem({ f: 'x' }));
    expect(g.call('fd_filestat_set_size', 3, 0n)).toBe(Errno.badf);
    expect(g.call('fd_filestat_set_size', 1, 0n)).toBe(Errno.inval);
    const ro = g.openOk(3, 'f', { rights: Rights.FD_READ });
    expect(g.call('fd_filestat_set_size', ro, 0n)).toBe(Errno.notcapable);
  });
});

describe('fd_filestat_set_times', () => {
  it('sets explicit times, "now" from the instance clock, and leaves others', () => {
    const clock = virtualClock({ epoch: 1_000_000_000_000_000_000n, step: 0n });
    const g = withFs(new MemoryFileSystem({ f: 'x' }), { clock });
    const fd = g.openOk(3, 'f');
    expect(g.call('fd_filestat_set_times', fd, 11n, 22n, Fstflags.ATIM | Fstflags.MTIM)).toBe(Errno.success);
    expect(fstat(g, fd)).toMatchObject({ atim: 11n, mtim: 22n });
    expect(g.call('fd_filestat_set_times', fd, 0n, 33n, Fstflags.MTIM)).toBe(Errno.success);
    expect(fstat(g, fd)).toMatchObject({ atim: 11n, mtim: 33n });
    expect(g.call('fd_filestat_set_times', fd, 0n, 0n, Fstflags.ATIM_NOW | Fstflags.MTIM_NOW)).toBe(Errno.success);
    expect(fstat(g, fd)).toMatchObject({ atim: 1_000_000_000_000_000_000n, mtim: 1_000_000_000_000_000_000n });
    expect(g.call('fd_filestat_set_times', 3, 5n, 6n, Fstflags.ATIM | Fstflags.MTIM)).toBe(Errno.success);
    expect(fstat(g, 3)).toMatchObject({ atim: 5n, mtim: 6n });
  });
  it('a time both given and "now" is inval, as are unknown flags', () => {
    const g = withFs(new MemoryFileSystem({ f: 'x' }));
    const fd = g.openOk(3, 'f');
    expect(g.call('fd_filestat_set_times', fd, 1n, 1n, Fstflags.ATIM | Fstflags.ATIM_NOW)).toBe(Errno.inval);
    expect(g.call('fd_filestat_set_times', fd, 1n, 1n, Fstflags.MTIM | Fstflags.MTIM_NOW)).toBe(Errno.inval);
    expect(g.call('fd_filestat_set_times', fd, 1n, 1n, 16)).toBe(Errno.inval);
    expect(g.call('fd_filestat_set_times', 40, 1n, 1n, 0)).toBe(Errno.badf);
  });
});

describe('fd_advise', () => {
  it('accepts valid advice on files, rejects the rest', () => {
    const g = withFs(new MemoryFileSystem({ f: 'x' }));
    const fd = g.openOk(3, 'f');
    for (const a of Object.values(Advice)) expect(g.call('fd_advise', fd, 0n, 100n, a)).toBe(Errno.success);
    expect(g.call('fd_advise', fd, 0n, 100n, 6)).toBe(Errno.inval);
    expect(g.call('fd_advise', 3, 0n, 0n, 0)).toBe(Errno.badf);
    expect(g.call('fd_advise', 1, 0n, 0n, 0)).toBe(Errno.spipe);
    const limited = g.openOk(3, 'f', { rights: Rights.FD_READ });
    expect(g.call('fd_advise', limited, 0n, 0n, 0)).toBe(Errno.notcapable);
  });
});

describe('fd_allocate', () => {
  it('grows a file to offset + len, never shrinks it', () => {
    const g = withFs();
    const fd = g.openOk(3, 'f', { oflags: Oflags.CREAT });
    expect(g.call('fd_allocate', fd, 0n, 100n)).toBe(Errno.success);
    expect(fstat(g, fd).size).toBe(100n);
    expect(g.call('fd_allocate', fd, 10n, 10n)).toBe(Errno.success);
    expect(fstat(g, fd).size).toBe(100n);
    expect(g.call('fd_allocate', fd, 90n, 20n)).toBe(Errno.success);
    expect(fstat(g, fd).size).toBe(110n);
    expect(g.call('fd_allocate', fd, 0n, 0n)).toBe(Errno.inval);
    expect(g.call('fd_allocate', 3, 0n, 1n)).toBe(Errno.badf);
    const ro = g.openOk(3, 'f', { rights: Rights.FD_READ });
    expect(g.call('fd_allocate', ro, 0n, 1n)).toBe(Errno.notcapable);
  });
});

describe('fd_sync / fd_datasync', () => {
  it('succeed on files and directories, badf on closed fds', () => {
    const g = withFs(new MemoryFileSystem({ f: 'x' }));
    const fd = g.openOk(3, 'f');
    expect(g.call('fd_sync', fd)).toBe(Errno.success);
    expect(g.call('fd_datasync', fd)).toBe(Errno.success);
    expect(g.call('fd_sync', 3)).toBe(Errno.success);
    expect(g.call('fd_datasync', 3)).toBe(Errno.success);
    expect(g.call('fd_sync', 1)).toBe(Errno.success);
    expect(g.call('fd_sync', 12)).toBe(Errno.badf);
    expect(g.call('fd_datasync', -31337)).toBe(Errno.badf);
    const limited = g.openOk(3, 'f', { rights: Rights.FD_READ });
    expect(g.call('fd_sync', limited)).toBe(Errno.notcapable);
    expect(g.call('fd_datasync', limited)).toBe(Errno.notcapable);
  });
});
