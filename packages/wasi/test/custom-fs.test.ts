/**
 * The custom file system from the README, run under a C program, and the read-only wrapper.
 */
import { expect, it } from 'vitest';
import { Errno, Filetype, MemoryFileSystem, ReadOnlyFileSystem, WasiError, type FileSystem, type Stat } from '../src/index';
import { engines } from './helpers/engines';
import { run } from './helpers/run';

const text = new TextEncoder().encode('hello from a custom file system\n');
const stat = (ino: bigint): Stat => ({
  dev: 9n, ino, nlink: 1n, atim: 0n, mtim: 0n, ctim: 0n,
  filetype: ino === 1n ? Filetype.DIRECTORY : Filetype.REGULAR_FILE,
  size: ino === 1n ? 0n : BigInt(text.length),
});
const rofs = (): never => {
  throw new WasiError(Errno.rofs);
};

const hello: FileSystem<bigint> = {
  root: 1n,
  lookup: (dir, name) => {
    if (dir === 1n && name === 'hello.txt') return 2n;
    throw new WasiError(Errno.noent);
  },
  stat,
  readlink: () => {
    throw new WasiError(Errno.inval);
  },
  readdir: () => [{ name: 'hello.txt', ino: 2n, filetype: Filetype.REGULAR_FILE }],
  open: (node, access) => {
    if (access.write) rofs();
    return {
      read: (buf, pos) => {
        const part = text.subarray(Number(pos), Number(pos) + buf.length);
        buf.set(part);
        return part.length;
      },
      write: rofs, setSize: rofs, stat: () => stat(node), sync: () => {}, close: () => {},
    };
  },
  createFile: rofs, createDirectory: rofs, symlink: rofs, link: rofs, unlink: rofs,
  removeDirectory: rofs, rename: rofs, setTimes: rofs,
};

for (const engine of engines) {
  it(`the README's custom file system serves a C program (${engine.name})`, async () => {
    const r = await run(engine, 'cat', { args: ['cat', 'hello.txt', 'missing.txt'], preopens: { '/': hello } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'entry .\nentry ..\nentry hello.txt\nhello from a custom file system\nmissing.txt: No such file or directory\ncreate: Read-only file system\n',
    );
  });

  it(`a read-only wrapper lets a C program read but not write (${engine.name})`, async () => {
    const fs = new ReadOnlyFileSystem(new MemoryFileSystem({ 'a.txt': 'A\n' }));
    const r = await run(engine, 'cat', { args: ['cat', 'a.txt'], preopens: { '/': fs } });
    expect(r.stdout).toBe('entry .\nentry ..\nentry a.txt\nA\ncreate: Read-only file system\n');
    const writable = await run(engine, 'cat', { args: ['cat'], preopens: { '/': new MemoryFileSystem() } });
    expect(writable.stdout).toContain('create: ok');
  });
}
