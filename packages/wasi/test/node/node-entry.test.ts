/** The `@rt/wasi/node` extras: host-fd streams and the host file system's constructor. */
import { closeSync, mkdtempSync, openSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { HostFileSystem, WASI, fdInput, fdOutput } from '../../src/node';
import { engines } from '../helpers/engines';
import { program } from '../helpers/run';

const dir = mkdtempSync(join(tmpdir(), 'rt-wasi-node-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('fdOutput writes everything to a host fd; fdInput reads one to its end', () => {
  const path = join(dir, 'out.txt');
  const fd = openSync(path, 'w');
  fdOutput(fd).write(new TextEncoder().encode('written through fdOutput'));
  closeSync(fd);
  expect(readFileSync(path, 'utf8')).toBe('written through fdOutput');
  const rfd = openSync(path, 'r');
  const input = fdInput(rfd);
  const chunks: string[] = [];
  for (let c = input.read(10); c.length > 0; c = input.read(10)) chunks.push(new TextDecoder().decode(c));
  closeSync(rfd);
  expect(chunks).toEqual(['written th', 'rough fdOu', 'tput']);
});

it.each(engines)('a C program with stdin and stdout on host fds ($name)', async (engine) => {
  writeFileSync(join(dir, 'in.txt'), 'from a host file\n');
  const inFd = openSync(join(dir, 'in.txt'), 'r');
  const outFd = openSync(join(dir, 'upper.txt'), 'w');
  const wasi = new WASI({ stdin: fdInput(inFd), stdout: fdOutput(outFd) });
  const instance = await engine.instantiate(program('stdin'), wasi.getImportObject());
  expect(wasi.start(instance)).toBe(0);
  closeSync(inFd);
  closeSync(outFd);
  expect(readFileSync(join(dir, 'upper.txt'), 'utf8')).toBe('FROM A HOST FILE\n');
});

it('HostFileSystem needs an existing directory', () => {
  writeFileSync(join(dir, 'plain'), '');
  expect(() => new HostFileSystem(join(dir, 'plain'))).toThrow(TypeError);
  expect(() => new HostFileSystem(join(dir, 'missing'))).toThrow();
  expect(new HostFileSystem(dir).root).toBe(realpathSync.native(dir)); // canonical, for the symlink check
});
