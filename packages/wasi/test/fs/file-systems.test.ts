/**
 * The FileSystem interface contract, checked directly on each implementation with the same
 * operations and the same expected results (including errnos).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Errno, Filetype, MemoryFileSystem, ReadOnlyFileSystem, WasiError, type FileSystem } from '../../src/index';
import { HostFileSystem } from '../../src/node';

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

function host(pinDirectories?: boolean): FileSystem {
  const dir = mkdtempSync(join(tmpdir(), 'rt-wasi-fs-'));
  temps.push(dir);
  return new HostFileSystem(dir, pinDirectories === undefined ? {} : { pinDirectories });
}

function errno(f: () => unknown): number {
  try {
    f();
  } catch (e) {
    if (e instanceof WasiError) return e.errno;
    throw e;
  }
  return Errno.success;
}

const enc = (s: string) => new TextEncoder().encode(s);

describe.each([
  { name: 'memory', make: (): FileSystem => new MemoryFileSystem() },
  { name: 'host', make: () => host() },
  { name: 'host without /proc pinning', make: () => host(false) },
])('$name file system', ({ make }) => {
  it('files: create, write, read, size, unlink while open', () => {
    const fs = make();
    const node = fs.createFile(fs.root, 'a');
    expect(errno(() => fs.createFile(fs.root, 'a'))).toBe(Errno.exist);
    const f = fs.open(node, { read: true, write: true });
    expect(f.write(enc('hello'), 0n)).toBe(5);
    expect(f.write(enc('!'), 7n)).toBe(1);
    const buf = new Uint8Array(16);
    expect(f.read(buf, 0n)).toBe(8);
    expect(buf.subarray(0, 8)).toEqual(new Uint8Array([104, 101, 108, 108, 111, 0, 0, 33]));
    expect(f.stat()).toMatchObject({ size: 8n, filetype: Filetype.REGULAR_FILE, nlink: 1n });
    f.setSize(2n);
    expect(f.read(buf, 0n)).toBe(2);
    expect(f.read(buf, 10n)).toBe(0);
    fs.unlink(fs.root, 'a');
    expect(errno(() => fs.lookup(fs.root, 'a'))).toBe(Errno.noent);
    expect(f.read(buf, 0n)).toBe(2);
    f.close();
  });
  it('directories: create, list, remove; errors', () => {
    const fs = make();
    fs.createDirectory(fs.root, 'd');
    expect(errno(() => fs.createDirectory(fs.root, 'd'))).toBe(Errno.exist);
    const d = fs.lookup(fs.root, 'd');
    fs.createFile(d, 'x');
    fs.symlink('x', d, 'l');
    const entries = fs.readdir(d).sort((a, b) => a.name.localeCompare(b.name));
    expect(entries.map((e) => [e.name, e.filetype])).toEqual([['l', Filetype.SYMBOLIC_LINK], ['x', Filetype.REGULAR_FILE]]);
    for (const e of entries) expect(e.ino).toBe(fs.stat(fs.lookup(d, e.name)).ino);
    expect(errno(() => fs.removeDirectory(fs.root, 'd'))).toBe(Errno.notempty);
    expect(errno(() => fs.unlink(fs.root, 'd'))).toBe(Errno.isdir);
    expect(errno(() => fs.removeDirectory(d, 'x'))).toBe(Errno.notdir);
    expect(errno(() => fs.open(d, { read: true, write: false }))).toBe(Errno.isdir);
    expect(errno(() => fs.readdir(fs.lookup(d, 'x')))).toBe(Errno.notdir);
    fs.unlink(d, 'x');
    fs.unlink(d, 'l');
    fs.removeDirectory(fs.root, 'd');
    expect(fs.readdir(fs.root)).toEqual([]);
  });
  it('symlinks and hard links', () => {
    const fs = make();
    const file = fs.createFile(fs.root, 'f');
    fs.symlink('some/target', fs.root, 's');
    const s = fs.lookup(fs.root, 's');
    expect(fs.readlink(s)).toBe('some/target');
    expect(fs.stat(s)).toMatchObject({ filetype: Filetype.SYMBOLIC_LINK, size: 11n });
    expect(errno(() => fs.readlink(file))).toBe(Errno.inval);
    fs.link(file, fs.root, 'h');
    expect(fs.stat(fs.lookup(fs.root, 'h'))).toMatchObject({ ino: fs.stat(file).ino, nlink: 2n });
    expect(errno(() => fs.link(file, fs.root, 's'))).toBe(Errno.exist);
    fs.createDirectory(fs.root, 'dir');
    expect(errno(() => fs.link(fs.lookup(fs.root, 'dir'), fs.root, 'dh'))).toBe(Errno.perm);
  });
  it('rename follows POSIX', () => {
    const fs = make();
    fs.createFile(fs.root, 'a');
    fs.createFile(fs.root, 'b');
    fs.createDirectory(fs.root, 'd');
    fs.createDirectory(fs.root, 'e');
    const d = fs.lookup(fs.root, 'd');
    fs.createFile(d, 'inner');
    fs.rename(fs.root, 'a', fs.root, 'b');
    expect(fs.readdir(fs.root).map((e) => e.name).sort()).toEqual(['b', 'd', 'e']);
    expect(errno(() => fs.rename(fs.root, 'b', fs.root, 'd'))).toBe(Errno.isdir);
    expect(errno(() => fs.rename(fs.root, 'e', fs.root, 'b'))).toBe(Errno.notdir);
    expect(errno(() => fs.rename(fs.root, 'e', fs.root, 'd'))).toBe(Errno.notempty);
    expect(errno(() => fs.rename(fs.root, 'd', d, 'sub'))).toBe(Errno.inval);
    fs.rename(fs.root, 'd', fs.root, 'e');
    expect(fs.readdir(fs.lookup(fs.root, 'e')).map((e) => e.name)).toEqual(['inner']);
    expect(errno(() => fs.rename(fs.root, 'missing', fs.root, 'x'))).toBe(Errno.noent);
  });
  it('times', () => {
    const fs = make();
    const f = fs.createFile(fs.root, 'f');
    fs.setTimes(f, 1_000_000_000_000_000_000n, null);
    const mtim = fs.stat(f).mtim;
    expect(fs.stat(f).atim).toBe(1_000_000_000_000_000_000n);
    fs.setTimes(f, null, 1_200_000_000_000_000_000n);
    expect(fs.stat(f)).toMatchObject({ atim: 1_000_000_000_000_000_000n, mtim: 1_200_000_000_000_000_000n });
    expect(mtim).not.toBe(1_200_000_000_000_000_000n);
  });
  // Programs set a time to `stat().mtim - 100` and expect exactly that back (wasi-testsuite's
  // fd_filestat_set does); Node's utimes only carries microseconds, so the host FS must not let
  // the guest see the rounding, neither on the time it set nor on the one it left alone.
  it('times keep nanosecond precision, set and unchanged, by node, open file and symlink', () => {
    const fs = make();
    const f = fs.createFile(fs.root, 'f');
    const before = fs.stat(f);
    fs.setTimes(f, null, before.mtim - 100n);
    expect(fs.stat(f)).toMatchObject({ atim: before.atim, mtim: before.mtim - 100n });
    fs.setTimes(f, 1_500_000_000_123_456_789n, null);
    expect(fs.stat(f)).toMatchObject({ atim: 1_500_000_000_123_456_789n, mtim: before.mtim - 100n });
    const open = fs.open(f, { read: true, write: false });
    // `setTimes` on an open file is optional (the WASI layer falls back to the node's).
    if (open.setTimes) open.setTimes(null, 1_600_000_000_987_654_321n);
    else fs.setTimes(f, null, 1_600_000_000_987_654_321n);
    expect(open.stat()).toMatchObject({ atim: 1_500_000_000_123_456_789n, mtim: 1_600_000_000_987_654_321n });
    expect(fs.stat(f).mtim).toBe(1_600_000_000_987_654_321n);
    open.close();
    fs.symlink('f', fs.root, 'l');
    const l = fs.lookup(fs.root, 'l');
    fs.setTimes(l, null, 1_700_000_000_000_000_001n);
    expect(fs.stat(l).mtim).toBe(1_700_000_000_000_000_001n);
    expect(fs.stat(f).mtim).toBe(1_600_000_000_987_654_321n);
  });
  it('read-only wrapper: reads pass, every change is rofs', () => {
    const inner = make();
    const file = inner.createFile(inner.root, 'f');
    const w = inner.open(file, { read: false, write: true });
    w.write(enc('data'), 0n);
    w.close();
    const ro = new ReadOnlyFileSystem(inner);
    const f = ro.open(ro.lookup(ro.root, 'f'), { read: true, write: false });
    const buf = new Uint8Array(4);
    expect(f.read(buf, 0n)).toBe(4);
    expect(errno(() => f.write(enc('x'), 0n))).toBe(Errno.rofs);
    expect(errno(() => f.setSize(0n))).toBe(Errno.rofs);
    expect(errno(() => ro.open(file, { read: true, write: true }))).toBe(Errno.rofs);
    expect(errno(() => ro.createFile())).toBe(Errno.rofs);
    expect(errno(() => ro.createDirectory())).toBe(Errno.rofs);
    expect(errno(() => ro.symlink())).toBe(Errno.rofs);
    expect(errno(() => ro.link())).toBe(Errno.rofs);
    expect(errno(() => ro.unlink())).toBe(Errno.rofs);
    expect(errno(() => ro.removeDirectory())).toBe(Errno.rofs);
    expect(errno(() => ro.rename())).toBe(Errno.rofs);
    expect(errno(() => ro.setTimes())).toBe(Errno.rofs);
    expect(ro.readdir(ro.root).map((e) => e.name)).toEqual(['f']);
  });
});

describe('MemoryFileSystem specifics', () => {
  it('builds from a tree; logical clock by default, injectable', () => {
    const fs = new MemoryFileSystem({ a: 'x', d: { b: new Uint8Array([1]) }, l: { symlink: 'a' } });
    expect(fs.readdir(fs.root).map((e) => e.name)).toEqual(['a', 'd', 'l']);
    const t1 = fs.stat(fs.root).mtim;
    expect(t1).toBeLessThan(1_000_000_000n); // near 1970: no real time
    const fixed = new MemoryFileSystem({ a: 'x' }, { now: () => 42n });
    expect(fixed.stat(fixed.lookup(fixed.root, 'a')).mtim).toBe(42n);
  });
  it('enforces its maximum file size', () => {
    const fs = new MemoryFileSystem({}, { maxFileSize: 10 });
    const f = fs.open(fs.createFile(fs.root, 'f'), { read: true, write: true });
    expect(errno(() => f.write(new Uint8Array(11), 0n))).toBe(Errno.fbig);
    expect(errno(() => f.setSize(11n))).toBe(Errno.fbig);
    expect(f.write(new Uint8Array(10), 0n)).toBe(10);
  });
  it('enforces its capacity across files and returns space on unlink', () => {
    const fs = new MemoryFileSystem({}, { capacity: 100 });
    const a = fs.open(fs.createFile(fs.root, 'a'), { read: true, write: true });
    const b = fs.open(fs.createFile(fs.root, 'b'), { read: true, write: true });
    expect(a.write(new Uint8Array(60), 0n)).toBe(60);
    expect(errno(() => b.write(new Uint8Array(50), 0n))).toBe(Errno.nospc);
    expect(b.write(new Uint8Array(40), 0n)).toBe(40);
    a.setSize(10n);
    expect(b.write(new Uint8Array(50), 40n)).toBe(50);
    fs.unlink(fs.root, 'b');
    expect(a.write(new Uint8Array(90), 10n)).toBe(90);
  });
});

it('host FS: fd_filestat_set_times works on an open file after it was renamed', async () => {
  const { withFs } = await import('../helpers/guest');
  const g = withFs(host());
  const fd = g.openOk(3, 'f', { oflags: 1 });
  const [a, al] = g.put('f');
  const [b, bl] = g.put('g');
  expect(g.call('path_rename', 3, a, al, 3, b, bl)).toBe(Errno.success);
  expect(g.call('fd_filestat_set_times', fd, 0n, 5_000_000_000n, 4)).toBe(Errno.success);
  expect(g.stat(3, 'g')[1].mtim).toBe(5_000_000_000n);
});
