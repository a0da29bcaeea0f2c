/**
 * The sandbox: every way a guest could try to reach outside its preopened directory. Each case
 * runs on the memory file system (with a real "outside" directory above the preopen root) and on
 * the host file system (a temp dir with a sibling `outside` directory holding a secret), and
 * checks both the errno and that nothing outside was read, created, changed or removed.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Errno, Filetype, MemoryFileSystem, Oflags, type FileSystem } from '../src/index';
import { HostFileSystem } from '../src/node';
import { Guest, withFs } from './helpers/guest';

interface Sandbox {
  fs: FileSystem;
  /** The names in the outside directory and the secret's content, to prove nothing changed. */
  outside(): { names: string[]; secret: string };
}

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

function memorySandbox(): Sandbox {
  const mem = new MemoryFileSystem({
    outside: { 'secret.txt': 'TOP SECRET' },
    sandbox: {
      'file.txt': 'inside',
      sub: { deeper: {} },
      abs: { symlink: '/outside/secret.txt' },
      rel: { symlink: '../outside/secret.txt' },
      dirrel: { symlink: '../outside' },
    },
  });
  const root = mem.lookup(mem.root, 'sandbox');
  // The same file system, preopened at its `sandbox` directory: `outside` exists above the root.
  const fs = Object.create(mem, { root: { value: root } }) as FileSystem;
  const outside = mem.lookup(mem.root, 'outside');
  return {
    fs,
    outside: () => {
      const names = mem.readdir(outside).map((e) => e.name).sort();
      const f = mem.open(mem.lookup(outside, 'secret.txt'), { read: true, write: false });
      const buf = new Uint8Array(100);
      const n = f.read(buf, 0n);
      return { names, secret: new TextDecoder().decode(buf.subarray(0, n)) };
    },
  };
}

function hostSandbox(pinDirectories?: boolean): Sandbox {
  const base = mkdtempSync(join(tmpdir(), 'rt-wasi-escape-'));
  temps.push(base);
  mkdirSync(join(base, 'outside'));
  writeFileSync(join(base, 'outside', 'secret.txt'), 'TOP SECRET');
  const sb = join(base, 'sandbox');
  mkdirSync(join(sb, 'sub', 'deeper'), { recursive: true });
  writeFileSync(join(sb, 'file.txt'), 'inside');
  symlinkSync(join(base, 'outside', 'secret.txt'), join(sb, 'abs'));
  symlinkSync('../outside/secret.txt', join(sb, 'rel'));
  symlinkSync('../outside', join(sb, 'dirrel'));
  return {
    fs: new HostFileSystem(sb, pinDirectories === undefined ? {} : { pinDirectories }),
    outside: () => ({
      names: readdirSync(join(base, 'outside')).sort(),
      secret: readFileSync(join(base, 'outside', 'secret.txt'), 'utf8'),
    }),
  };
}

const untouched = { names: ['secret.txt'], secret: 'TOP SECRET' };

describe.each([
  { name: 'memory', make: memorySandbox, followsInode: true },
  { name: 'host', make: () => hostSandbox(), followsInode: false },
  { name: 'host without /proc pinning', make: () => hostSandbox(false), followsInode: false },
])('escape attempts on the $name file system', ({ make, followsInode }) => {
  let sandbox: Sandbox;
  let g: Guest;
  const fresh = () => {
    sandbox = make();
    g = withFs(sandbox.fs);
  };
  const stillSealed = () => expect(sandbox.outside()).toEqual(untouched);

  it('`..` above the preopen', () => {
    fresh();
    expect(g.open(3, '..')[0]).toBe(Errno.notcapable);
    expect(g.open(3, '../outside/secret.txt')[0]).toBe(Errno.notcapable);
    expect(g.stat(3, '..')[0]).toBe(Errno.notcapable);
    expect(g.stat(3, 'sub/../../outside')[0]).toBe(Errno.notcapable);
    expect(g.pathCall('path_create_directory', 3, '../outside/new')).toBe(Errno.notcapable);
    expect(g.open(3, '../outside/created', { oflags: Oflags.CREAT })[0]).toBe(Errno.notcapable);
    stillSealed();
  });

  it('`..` that leaves only temporarily (and would land back inside)', () => {
    fresh();
    expect(g.stat(3, '../sandbox/file.txt')[0]).toBe(Errno.notcapable);
    expect(g.stat(3, 'sub/../../sandbox/file.txt')[0]).toBe(Errno.notcapable);
    expect(g.stat(3, 'sub/deeper/../../..')[0]).toBe(Errno.notcapable);
    // Staying inside is fine, however deep the detours.
    expect(g.stat(3, 'sub/deeper/../../file.txt')[0]).toBe(Errno.success);
    expect(g.stat(3, 'sub/.//deeper/./../../sub/deeper/..')[0]).toBe(Errno.success);
  });

  it('absolute paths', () => {
    fresh();
    for (const p of ['/', '/outside/secret.txt', '/etc/passwd', '//file.txt']) {
      expect(g.open(3, p)[0]).toBe(Errno.notcapable);
      expect(g.stat(3, p)[0]).toBe(Errno.notcapable);
    }
    stillSealed();
  });

  it('host-planted absolute and relative symlinks pointing outside', () => {
    fresh();
    for (const link of ['abs', 'rel', 'dirrel/secret.txt']) {
      expect(g.open(3, link)[0]).toBe(Errno.notcapable);
      expect(g.stat(3, link)[0]).toBe(Errno.notcapable);
    }
    expect(g.open(3, 'dirrel', { oflags: Oflags.DIRECTORY })[0]).toBe(Errno.notcapable);
    // Writing through them, creating through them, setting times through them.
    expect(g.open(3, 'rel', { oflags: Oflags.CREAT | Oflags.TRUNC })[0]).toBe(Errno.notcapable);
    expect(g.open(3, 'dirrel/new.txt', { oflags: Oflags.CREAT })[0]).toBe(Errno.notcapable);
    expect(g.pathCall('path_create_directory', 3, 'dirrel/newdir')).toBe(Errno.notcapable);
    expect(g.pathCall('path_unlink_file', 3, 'dirrel/secret.txt')).toBe(Errno.notcapable);
    const [p, l] = g.put('abs');
    expect(g.call('path_filestat_set_times', 3, 1, p, l, 0n, 0n, 5)).toBe(Errno.notcapable);
    // Without following, the link itself is visible (that reveals nothing outside).
    expect(g.stat(3, 'abs', false)).toMatchObject([Errno.success, { filetype: Filetype.SYMBOLIC_LINK }]);
    stillSealed();
  });

  it('guest-created symlinks: absolute refused, climbing ones unusable', () => {
    fresh();
    const symlink = (target: string, name: string) => {
      const [tp, tl] = g.put(target);
      const [np, nl] = g.put(name);
      return g.call('path_symlink', tp, tl, 3, np, nl);
    };
    expect(symlink('/outside/secret.txt', 'a')).toBe(Errno.perm);
    expect(symlink('/', 'b')).toBe(Errno.perm);
    expect(symlink('../outside/secret.txt', 'c')).toBe(Errno.success);
    expect(g.open(3, 'c')[0]).toBe(Errno.notcapable);
    expect(symlink('sub/../..', 'd')).toBe(Errno.success);
    expect(g.open(3, 'd/outside/secret.txt')[0]).toBe(Errno.notcapable);
    // A chain: each link alone stays inside, together they climb out.
    expect(symlink('sub/deeper', 'e')).toBe(Errno.success);
    expect(symlink('../../..', 'sub/deeper/up3')).toBe(Errno.success);
    expect(g.open(3, 'e/up3/outside/secret.txt')[0]).toBe(Errno.notcapable);
    // A link to the directory above via `..` from a subdirectory, followed twice.
    expect(symlink('..', 'sub/parent')).toBe(Errno.success);
    expect(g.stat(3, 'sub/parent/file.txt')[0]).toBe(Errno.success);
    expect(g.stat(3, 'sub/parent/sub/parent/../outside')[0]).toBe(Errno.notcapable);
    stillSealed();
  });

  it('hard links', () => {
    fresh();
    const link = (flags: number, from: string, to: string) => {
      const [fp, fl] = g.put(from);
      const [tp, tl] = g.put(to);
      return g.call('path_link', 3, flags, fp, fl, 3, tp, tl);
    };
    expect(link(0, '../outside/secret.txt', 'mine')).toBe(Errno.notcapable);
    expect(link(0, 'file.txt', '../outside/planted')).toBe(Errno.notcapable);
    expect(link(1, 'rel', 'followed')).toBe(Errno.inval);
    // Linking the symlink itself copies the link, which stays unusable.
    expect(link(0, 'rel', 'rel2')).toBe(Errno.success);
    expect(g.open(3, 'rel2')[0]).toBe(Errno.notcapable);
    stillSealed();
  });

  it('renames', () => {
    fresh();
    const rename = (from: string, to: string) => {
      const [fp, fl] = g.put(from);
      const [tp, tl] = g.put(to);
      return g.call('path_rename', 3, fp, fl, 3, tp, tl);
    };
    expect(rename('file.txt', '../outside/moved.txt')).toBe(Errno.notcapable);
    expect(rename('../outside/secret.txt', 'stolen.txt')).toBe(Errno.notcapable);
    expect(rename('dirrel/secret.txt', 'stolen.txt')).toBe(Errno.notcapable);
    expect(rename('file.txt', 'dirrel/moved.txt')).toBe(Errno.notcapable);
    stillSealed();
  });

  it('a subdirectory fd is its own boundary, even after the directory is moved', () => {
    fresh();
    const sub = g.openOk(3, 'sub', { oflags: Oflags.DIRECTORY });
    expect(g.stat(sub, '..')[0]).toBe(Errno.notcapable);
    expect(g.stat(sub, '../file.txt')[0]).toBe(Errno.notcapable);
    const [fp, fl] = g.put('sub');
    const [tp, tl] = g.put('sub/deeper/moved');
    // Moving a directory into itself is refused; moving it elsewhere keeps the fd usable.
    expect(g.call('path_rename', 3, fp, fl, 3, tp, tl)).toBe(Errno.inval);
    const [t2, t2l] = g.put('renamed');
    expect(g.call('path_rename', 3, fp, fl, 3, t2, t2l)).toBe(Errno.success);
    // The memory FS fd follows the directory; the host FS fd names a path, now vacant.
    expect(g.stat(sub, 'deeper')[0]).toBe(followsInode ? Errno.success : Errno.noent);
    expect(g.stat(sub, '../file.txt')[0]).toBe(Errno.notcapable);
    stillSealed();
  });

  it('an open directory replaced by a symlink pointing outside', () => {
    fresh();
    const sub = g.openOk(3, 'sub', { oflags: Oflags.DIRECTORY });
    const deeper = g.openOk(3, 'sub/deeper', { oflags: Oflags.DIRECTORY });
    const [fp, fl] = g.put('sub');
    const [tp, tl] = g.put('moved-away');
    expect(g.call('path_rename', 3, fp, fl, 3, tp, tl)).toBe(Errno.success);
    const [lp, ll] = g.put('../outside');
    expect(g.call('path_symlink', lp, ll, 3, fp, fl)).toBe(Errno.success);
    // Through the old fds, `secret.txt` must not be the outside one.
    for (const fd of [sub, deeper]) {
      const [e, f] = g.open(fd, 'secret.txt');
      if (e === Errno.success) expect(g.read(f, 100)[1]).not.toBe('TOP SECRET');
      // Creating may succeed (the memory FS fd still names the moved, inside directory) but
      // must not land outside: stillSealed() below checks the outside directory.
      g.open(fd, 'planted.txt', { oflags: Oflags.CREAT });
      const buf = g.alloc(4096);
      const used = g.alloc(4);
      const r = g.call('fd_readdir', fd, buf, 4096, 0n, used);
      if (r === Errno.success) expect(g.text(buf, g.u32(used))).not.toContain('secret');
    }
    stillSealed();
  });

  it('malformed paths and loops', () => {
    fresh();
    expect(g.stat(3, 'file.txt\0')[0]).toBe(Errno.inval);
    expect(g.stat(3, '')[0]).toBe(Errno.noent);
    const [tp, tl] = g.put('loop');
    const [np, nl] = g.put('loop');
    expect(g.call('path_symlink', tp, tl, 3, np, nl)).toBe(Errno.success);
    expect(g.open(3, 'loop')[0]).toBe(Errno.loop);
    // chain0 -> chain1 -> ... -> chain41 -> file.txt: following 40 links is allowed, 41 is a loop.
    for (let i = 0; i < 41; i++) {
      const [a, al] = g.put(`chain${i + 1}`);
      const [b, bl] = g.put(`chain${i}`);
      expect(g.call('path_symlink', a, al, 3, b, bl)).toBe(Errno.success);
    }
    const [a, al] = g.put('file.txt');
    const [b, bl] = g.put('chain41');
    expect(g.call('path_symlink', a, al, 3, b, bl)).toBe(Errno.success);
    expect(g.stat(3, 'chain2')[0]).toBe(Errno.success);
    expect(g.stat(3, 'chain1')[0]).toBe(Errno.loop);
  });

  it('path_readlink and readdir reveal nothing outside', () => {
    fresh();
    const [p, l] = g.put('../outside/secret.txt');
    const buf = g.alloc(64);
    const used = g.alloc(4);
    expect(g.call('path_readlink', 3, p, l, buf, 64, used)).toBe(Errno.notcapable);
    // The preopen's `..` entry reports the preopen itself, not the real parent.
    const rd = g.alloc(4096);
    expect(g.call('fd_readdir', 3, rd, 4096, 0n, used)).toBe(Errno.success);
    const [, root] = g.stat(3, '.');
    expect(g.u64(rd + 24 + 1 + 8)).toBe(root.ino); // second dirent (`..`) follows `.`'s 24+1 bytes
  });
});

it('host file system itself refuses names with slashes or dots (defence in depth)', () => {
  const s = hostSandbox();
  const fs = s.fs as HostFileSystem;
  for (const bad of ['..', '.', '', 'a/b', '../outside']) {
    expect(() => fs.lookup(fs.root, bad)).toThrow();
    expect(() => fs.createFile(fs.root, bad)).toThrow();
  }
  expect(existsSync(join(fs.root, '..', 'outside', 'secret.txt'))).toBe(true);
});
