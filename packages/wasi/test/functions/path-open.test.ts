import { describe, expect, it } from 'vitest';
import { Errno, Fdflags, Filetype, MemoryFileSystem, Oflags, ReadOnlyFileSystem, Rights } from '../../src/index';
import { ALL, WRITE, withFs } from '../helpers/guest';

const tree = () => new MemoryFileSystem({ f: 'content', d: { nested: { file: 'deep' } }, link: { symlink: 'f' }, dlink: { symlink: 'd' }, dangling: { symlink: 'nothing' } });

describe('path_open', () => {
  it('opens existing files and directories', () => {
    const g = withFs(tree());
    const fd = g.openOk(3, 'f');
    expect(g.read(fd, 100)).toEqual([Errno.success, 'content']);
    expect(g.open(3, 'd', { oflags: Oflags.DIRECTORY })[0]).toBe(Errno.success);
    expect(g.open(3, 'd', { rights: Rights.FD_READDIR | Rights.FD_READ | Rights.FD_SEEK })[0]).toBe(Errno.success);
  });
  it('the testsuite\'s interesting paths', () => {
    const g = withFs(tree());
    expect(g.open(3, 'd/.//nested/../../d/nested/../nested///./file')[0]).toBe(Errno.success);
    expect(g.open(3, 'd/nested/', { oflags: Oflags.DIRECTORY })[0]).toBe(Errno.success);
    expect(g.open(3, 'd/nested/file/')[0]).toBe(Errno.notdir);
    expect(g.open(3, 'f///')[0]).toBe(Errno.notdir);
    expect(g.open(3, '/d/nested/file')[0]).toBe(Errno.notcapable);
    expect(g.open(3, 'd/nested/../../../d')[0]).toBe(Errno.notcapable);
    expect(g.open(3, 'f\0')[0]).toBe(Errno.inval);
  });
  it('O_CREAT creates, O_EXCL refuses existing names, missing files are noent', () => {
    const g = withFs(tree());
    expect(g.open(3, 'new')[0]).toBe(Errno.noent);
    const fd = g.openOk(3, 'new', { oflags: Oflags.CREAT });
    expect(g.write(fd, 'x')).toEqual([Errno.success, 1]);
    expect(g.open(3, 'new', { oflags: Oflags.CREAT })[0]).toBe(Errno.success);
    expect(g.open(3, 'new', { oflags: Oflags.CREAT | Oflags.EXCL })[0]).toBe(Errno.exist);
    expect(g.open(3, 'd', { oflags: Oflags.CREAT | Oflags.EXCL })[0]).toBe(Errno.exist);
    expect(g.open(3, 'missing/new', { oflags: Oflags.CREAT })[0]).toBe(Errno.noent);
    expect(g.open(3, 'newdir/', { oflags: Oflags.CREAT })[0]).toBe(Errno.isdir);
    expect(g.open(3, 'x', { oflags: Oflags.CREAT | Oflags.DIRECTORY })[0]).toBe(Errno.inval);
    // O_EXCL never follows a symlink, even a dangling one.
    expect(g.open(3, 'dangling', { oflags: Oflags.CREAT | Oflags.EXCL })[0]).toBe(Errno.exist);
    expect(g.stat(3, 'nothing')[0]).toBe(Errno.noent);
    // Without O_EXCL, O_CREAT through a dangling link creates its target.
    expect(g.open(3, 'dangling', { oflags: Oflags.CREAT })[0]).toBe(Errno.success);
    expect(g.stat(3, 'nothing')[0]).toBe(Errno.success);
  });
  it('O_TRUNC empties the file and needs PATH_FILESTAT_SET_SIZE on the directory', () => {
    const g = withFs(tree());
    const fd = g.openOk(3, 'f', { oflags: Oflags.TRUNC });
    expect(g.read(fd, 10)).toEqual([Errno.success, '']);
    expect(g.open(3, 'd', { oflags: Oflags.TRUNC })[0]).toBe(Errno.isdir);
    const limited = g.openOk(3, 'd', { oflags: Oflags.DIRECTORY, inheriting: ALL & ~Rights.PATH_FILESTAT_SET_SIZE, rights: Rights.PATH_OPEN });
    expect(g.open(limited, 'nested/file', { oflags: Oflags.TRUNC })[0]).toBe(Errno.notcapable);
  });
  it('O_DIRECTORY on a file is notdir; write access to a directory is isdir', () => {
    const g = withFs(tree());
    expect(g.open(3, 'f', { oflags: Oflags.DIRECTORY })[0]).toBe(Errno.notdir);
    expect(g.open(3, '.', { oflags: Oflags.DIRECTORY, rights: Rights.FD_READ | Rights.FD_WRITE })[0]).toBe(Errno.isdir);
    expect(g.open(3, 'd', { rights: Rights.FD_WRITE })[0]).toBe(Errno.isdir);
    expect(g.open(3, 'd', { rights: Rights.FD_READ, oflags: Oflags.CREAT })[0]).toBe(Errno.isdir);
  });
  it('symlinks: followed with SYMLINK_FOLLOW, loop without, notdir with O_DIRECTORY', () => {
    const g = withFs(tree());
    expect(g.read(g.openOk(3, 'link'), 100)[1]).toBe('content');
    expect(g.open(3, 'link', { follow: false })[0]).toBe(Errno.loop);
    expect(g.open(3, 'dlink', { follow: false, oflags: Oflags.DIRECTORY })[0]).toBe(Errno.notdir);
    expect(g.open(3, 'dlink/nested/file', { follow: false })[0]).toBe(Errno.success); // intermediate links are always followed
    expect(g.open(3, 'dangling')[0]).toBe(Errno.noent);
  });
  it('rights: requested ones masked by the directory\'s inheriting rights and the file type', () => {
    const g = withFs(tree());
    const d = g.openOk(3, 'd', { oflags: Oflags.DIRECTORY, rights: ALL & ~WRITE, inheriting: Rights.FD_READ | Rights.FD_SEEK | Rights.FD_TELL });
    const fd = g.openOk(d, 'nested/file');
    const st = g.alloc(24);
    g.call('fd_fdstat_get', fd, st);
    expect(g.u64(st + 8)).toBe(Rights.FD_READ | Rights.FD_SEEK | Rights.FD_TELL);
    expect(g.write(fd, 'x')[0]).toBe(Errno.badf);
    const noOpen = g.openOk(3, 'd', { oflags: Oflags.DIRECTORY, rights: Rights.FD_READDIR });
    expect(g.open(noOpen, 'nested')[0]).toBe(Errno.notcapable);
    const noCreate = g.openOk(3, 'd', { oflags: Oflags.DIRECTORY, rights: Rights.PATH_OPEN });
    expect(g.open(noCreate, 'x', { oflags: Oflags.CREAT })[0]).toBe(Errno.notcapable);
  });
  it('fdflags are kept; unknown flags inval; a file as dirfd is notdir; bad dirfd badf', () => {
    const g = withFs(tree());
    const fd = g.openOk(3, 'f', { fdflags: Fdflags.APPEND | Fdflags.NONBLOCK });
    const st = g.alloc(24);
    g.call('fd_fdstat_get', fd, st);
    expect(g.u16(st + 2)).toBe(Fdflags.APPEND | Fdflags.NONBLOCK);
    expect(g.u8(st)).toBe(Filetype.REGULAR_FILE);
    expect(g.open(3, 'f', { fdflags: 64 })[0]).toBe(Errno.inval);
    expect(g.open(3, 'f', { oflags: 16 })[0]).toBe(Errno.inval);
    expect(g.open(fd, 'x')[0]).toBe(Errno.notdir);
    expect(g.open(-31337, 'x')[0]).toBe(Errno.badf);
    expect(g.open(1, 'x')[0]).toBe(Errno.notdir);
  });
  it('a read-only file system refuses writes and creation with rofs', () => {
    const g = withFs(new ReadOnlyFileSystem(tree()));
    expect(g.read(g.openOk(3, 'f', { rights: Rights.FD_READ }), 100)[1]).toBe('content');
    expect(g.open(3, 'f')[0]).toBe(Errno.rofs); // all rights include write ones
    expect(g.open(3, 'new', { oflags: Oflags.CREAT })[0]).toBe(Errno.rofs);
    expect(g.open(3, 'f', { rights: Rights.FD_READ, oflags: Oflags.TRUNC })[0]).toBe(Errno.rofs);
  });
});
