import { describe, expect, it } from 'vitest';
import { Errno, MemoryFileSystem, Oflags } from '../../src/index';
import { Guest } from '../helpers/guest';

function prestat(g: Guest, fd: number): [number, number, number] {
  const p = g.alloc(8);
  const e = g.call('fd_prestat_get', fd, p);
  return [e, g.u8(p), g.u32(p + 4)];
}

function three(): Guest {
  return new Guest({
    preopens: { '/': new MemoryFileSystem({ a: 'A' }), '/data': new MemoryFileSystem({ b: 'B' }), 'ü': new MemoryFileSystem() },
  });
}

describe('fd_prestat_get', () => {
  it('preopens are contiguous from fd 3; every other fd is badf', () => {
    const g = three();
    expect(prestat(g, 3)).toEqual([Errno.success, 0, 1]);
    expect(prestat(g, 4)).toEqual([Errno.success, 0, 5]);
    expect(prestat(g, 5)).toEqual([Errno.success, 0, 2]); // UTF-8 length
    for (const fd of [0, 1, 2, 6, 100, -1]) expect(prestat(g, fd)[0]).toBe(Errno.badf);
    const opened = g.openOk(3, 'a');
    expect(prestat(g, opened)[0]).toBe(Errno.badf);
  });
  it('no preopens by default', () => {
    expect(prestat(new Guest(), 3)[0]).toBe(Errno.badf);
  });
});

describe('fd_prestat_dir_name', () => {
  it('writes the name; a short buffer is nametoolong, a longer one fine', () => {
    const g = three();
    const buf = g.alloc(16);
    expect(g.call('fd_prestat_dir_name', 4, buf, 5)).toBe(Errno.success);
    expect(g.text(buf, 5)).toBe('/data');
    expect(g.call('fd_prestat_dir_name', 4, buf, 16)).toBe(Errno.success);
    expect(g.call('fd_prestat_dir_name', 4, buf, 0)).toBe(Errno.nametoolong);
    expect(g.call('fd_prestat_dir_name', 4, buf, 4)).toBe(Errno.nametoolong);
    expect(g.call('fd_prestat_dir_name', 5, buf, 2)).toBe(Errno.success);
    expect(g.text(buf, 2)).toBe('ü');
    expect(g.call('fd_prestat_dir_name', 1, buf, 16)).toBe(Errno.badf);
  });
});

describe('fd_close', () => {
  it('closes files, preopens and stdio; a second close is badf', () => {
    const g = three();
    const fd = g.openOk(3, 'a');
    expect(g.call('fd_close', fd)).toBe(Errno.success);
    expect(g.call('fd_close', fd)).toBe(Errno.badf);
    expect(g.read(fd, 1)[0]).toBe(Errno.badf);
    expect(g.call('fd_close', 4)).toBe(Errno.success);
    expect(prestat(g, 4)[0]).toBe(Errno.badf);
    expect(g.open(4, 'b')[0]).toBe(Errno.badf);
    expect(g.call('fd_close', 1)).toBe(Errno.success);
    expect(g.write(1, 'x')[0]).toBe(Errno.badf);
    expect(g.call('fd_close', -31337)).toBe(Errno.badf);
  });
  it('the lowest free number is reused', () => {
    const g = three();
    const a = g.openOk(3, 'a');
    const b = g.openOk(3, 'a');
    expect([a, b]).toEqual([6, 7]);
    g.call('fd_close', a);
    expect(g.openOk(3, 'a')).toBe(6);
  });
});

describe('fd_renumber', () => {
  it('moves from onto to, closing to, and from is closed afterwards', () => {
    const g = three();
    const a = g.openOk(3, 'a');
    const other = g.openOk(3, 'a', { oflags: Oflags.TRUNC });
    g.write(other, 'new');
    const b = g.openOk(4, 'b');
    expect(g.call('fd_renumber', a, b)).toBe(Errno.success);
    expect(g.read(b, 10)).toEqual([Errno.success, 'new']); // b is now the old a
    expect(g.read(a, 10)[0]).toBe(Errno.badf);
  });
  it('both fds must be open; renumbering onto itself changes nothing', () => {
    const g = three();
    const a = g.openOk(3, 'a');
    expect(g.call('fd_renumber', a, 50)).toBe(Errno.badf);
    expect(g.call('fd_renumber', 50, a)).toBe(Errno.badf);
    expect(g.call('fd_renumber', a, a)).toBe(Errno.success);
    expect(g.read(a, 10)).toEqual([Errno.success, 'A']);
    // And then path_open still works (wasmtime's CVE-2025-53901 panicked here).
    expect(g.open(3, 'a')[0]).toBe(Errno.success);
  });
  it('stdio can be renumbered onto a file, and a preopen over another', () => {
    const g = three();
    const f = g.openOk(3, 'out', { oflags: Oflags.CREAT });
    expect(g.call('fd_renumber', f, 1)).toBe(Errno.success);
    g.write(1, 'to the file');
    expect(g.stdout.text()).toBe('');
    expect(g.read(g.openOk(3, 'out'), 100)[1]).toBe('to the file');
    expect(g.call('fd_renumber', 5, 4)).toBe(Errno.success);
    const buf = g.alloc(8);
    expect(g.call('fd_prestat_dir_name', 4, buf, 8)).toBe(Errno.success);
    expect(g.text(buf, 2)).toBe('ü');
    expect(prestat(g, 5)[0]).toBe(Errno.badf);
  });
});
