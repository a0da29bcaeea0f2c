import { describe, expect, it } from 'vitest';
import { Errno, Filetype, MemoryFileSystem, Oflags, Rights } from '../../src/index';
import { Guest, withFs } from '../helpers/guest';

interface Dirent { next: bigint; ino: bigint; type: number; name: string }

/** Calls fd_readdir and parses complete entries; returns the entries, bufused and whether the last was cut. */
function readdir(g: Guest, fd: number, cookie: bigint, size: number): { e: number; entries: Dirent[]; used: number } {
  const buf = g.alloc(size);
  const usedPtr = g.alloc(4);
  const e = g.call('fd_readdir', fd, buf, size, cookie, usedPtr);
  const used = g.u32(usedPtr);
  const entries: Dirent[] = [];
  let p = 0;
  while (p + 24 <= used) {
    const namlen = g.u32(buf + p + 16);
    if (p + 24 + namlen > used) break;
    entries.push({ next: g.u64(buf + p), ino: g.u64(buf + p + 8), type: g.u8(buf + p + 20), name: g.text(buf + p + 24, namlen) });
    p += 24 + namlen;
  }
  return { e, entries, used };
}

function all(g: Guest, fd: number, size = 64): Dirent[] {
  const out: Dirent[] = [];
  let cookie = 0n;
  for (;;) {
    const r = readdir(g, fd, cookie, size);
    expect(r.e).toBe(Errno.success);
    out.push(...r.entries);
    if (r.used < size) return out;
    if (r.entries.length === 0) throw new Error('buffer too small for one entry');
    cookie = r.entries[r.entries.length - 1]!.next;
  }
}

describe('fd_readdir', () => {
  it('lists . and .. first, with inode numbers matching filestat', () => {
    const g = withFs(new MemoryFileSystem({ sub: { f: 'x', g: { } } }));
    const sub = g.openOk(3, 'sub', { oflags: Oflags.DIRECTORY });
    const entries = all(g, sub, 4096);
    expect(entries.map((e) => e.name)).toEqual(['.', '..', 'f', 'g']);
    expect(entries[0]!.ino).toBe(g.stat(3, 'sub')[1].ino);
    expect(entries[1]!.ino).toBe(g.stat(3, '.')[1].ino);
    expect(entries[2]!.ino).toBe(g.stat(3, 'sub/f')[1].ino);
    expect(entries.map((e) => e.type)).toEqual([Filetype.DIRECTORY, Filetype.DIRECTORY, Filetype.REGULAR_FILE, Filetype.DIRECTORY]);
    expect(entries.map((e) => e.next)).toEqual([1n, 2n, 3n, 4n]);
  });
  it('resumes from any cookie, including after the dot entries', () => {
    const g = withFs(new MemoryFileSystem({ a: '', b: '', c: '' }));
    expect(readdir(g, 3, 2n, 4096).entries.map((e) => e.name)).toEqual(['a', 'b', 'c']);
    expect(readdir(g, 3, 3n, 4096).entries.map((e) => e.name)).toEqual(['b', 'c']);
    expect(readdir(g, 3, 4n, 4096).entries.map((e) => e.name)).toEqual(['c']);
    expect(readdir(g, 3, 5n, 4096)).toMatchObject({ e: Errno.success, used: 0 });
    expect(readdir(g, 3, 99n, 4096)).toMatchObject({ e: Errno.success, used: 0 });
  });
  it('a full buffer ends with a truncated entry; bufused == buf_len means "more"', () => {
    const g = withFs(new MemoryFileSystem({ 'long-name-number-one': '', 'long-name-number-two': '' }));
    const r = readdir(g, 3, 0n, 60); // '.' (25) + '..' (26) + 9 bytes of the next header
    expect(r.used).toBe(60);
    expect(r.entries.map((e) => e.name)).toEqual(['.', '..']);
    const names = all(g, 3, 50).map((e) => e.name);
    expect(names).toEqual(['.', '..', 'long-name-number-one', 'long-name-number-two']);
  });
  it('100 files read with small buffers: N + 2 entries, each once', () => {
    const tree: Record<string, string> = {};
    for (let i = 0; i < 100; i++) tree[`file-${i}`] = '';
    const g = withFs(new MemoryFileSystem(tree));
    const names = all(g, 3, 128).map((e) => e.name);
    expect(names.length).toBe(102);
    expect(new Set(names).size).toBe(102);
  });
  it('cookies stay valid when entries are deleted during the listing', () => {
    const g = withFs(new MemoryFileSystem({ a: '', b: '', c: '', d: '' }));
    const first = readdir(g, 3, 0n, 24 * 3 + 1 + 2 + 1 + 10); // . .. a and part of b
    const cookie = first.entries[first.entries.length - 1]!.next;
    expect(first.entries.map((e) => e.name)).toEqual(['.', '..', 'a']);
    expect(g.pathCall('path_unlink_file', 3, 'a')).toBe(Errno.success);
    expect(readdir(g, 3, cookie, 4096).entries.map((e) => e.name)).toEqual(['b', 'c', 'd']);
    // Starting over (cookie 0) sees the change.
    expect(readdir(g, 3, 0n, 4096).entries.map((e) => e.name)).toEqual(['.', '..', 'b', 'c', 'd']);
  });
  it('files are notdir, streams badf, closed fds badf, missing right notcapable', () => {
    const g = withFs(new MemoryFileSystem({ f: '', d: {} }));
    expect(readdir(g, g.openOk(3, 'f'), 0n, 100).e).toBe(Errno.notdir);
    expect(readdir(g, 1, 0n, 100).e).toBe(Errno.badf);
    expect(readdir(g, 30, 0n, 100).e).toBe(Errno.badf);
    const d = g.openOk(3, 'd', { oflags: Oflags.DIRECTORY, rights: Rights.PATH_OPEN });
    expect(readdir(g, d, 0n, 100).e).toBe(Errno.notcapable);
  });
});
