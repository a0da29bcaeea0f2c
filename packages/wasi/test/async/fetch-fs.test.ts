/** FetchFileSystem against a real HTTP server on the loopback interface. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Errno, FetchFileSystem, Filetype, WasiError } from '../../src/index';

const files: Record<string, string> = { '/site/a.txt': 'alpha\n', '/site/docs/b%20c.txt': 'x'.repeat(3000) };
const seen: string[] = [];
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.range ?? ''}`.trim());
    const body = files[req.url ?? ''];
    if (body === undefined) return void res.writeHead(404).end();
    const bytes = Buffer.from(body);
    const m = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (m) {
      const from = Number(m[1]);
      if (from >= bytes.length) return void res.writeHead(416).end();
      const part = bytes.subarray(from, Math.min(bytes.length, Number(m[2]) + 1));
      return void res.writeHead(206, { 'content-length': part.length }).end(req.method === 'HEAD' ? undefined : part);
    }
    res.writeHead(200, { 'content-length': bytes.length }).end(req.method === 'HEAD' ? undefined : bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/site/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function errnoOf(p: unknown): Promise<number> {
  try {
    await p;
  } catch (e) {
    if (e instanceof WasiError) return e.errno;
    throw e;
  }
  return 0;
}

describe('FetchFileSystem', () => {
  it('builds the tree from the paths, and asks the server for unknown sizes', async () => {
    const fs = new FetchFileSystem(base, { files: ['a.txt', 'docs/b c.txt'] });
    const docs = fs.lookup(fs.root, 'docs');
    expect(fs.readdir(fs.root).map((e) => [e.name, e.filetype])).toEqual([['a.txt', Filetype.REGULAR_FILE], ['docs', Filetype.DIRECTORY]]);
    const b = fs.lookup(docs, 'b c.txt');
    seen.length = 0;
    expect((await fs.stat(b)).size).toBe(3000n);
    expect(seen).toEqual(['HEAD /site/docs/b%20c.txt']);
    // Known now: no second request.
    expect((await fs.stat(b)).size).toBe(3000n);
    expect(seen).toHaveLength(1);
    expect(fs.stat(fs.root)).toMatchObject({ filetype: Filetype.DIRECTORY });
  });

  it('reads with range requests', async () => {
    const fs = new FetchFileSystem(base, { files: { 'docs/b c.txt': 3000 } });
    const f = await fs.open(fs.lookup(fs.lookup(fs.root, 'docs'), 'b c.txt'), { read: true, write: false });
    seen.length = 0;
    expect(await f.read(1000, 2500n)).toHaveLength(500);
    // At or past the known end: no request.
    expect(await f.read(10, 3000n)).toHaveLength(0);
    expect(seen).toEqual(['GET /site/docs/b%20c.txt bytes=2500-3499']);
  });

  it('is read-only, and reports missing and broken resources as errnos', async () => {
    const fs = new FetchFileSystem(base, { files: ['a.txt', 'gone.txt'] });
    const a = fs.lookup(fs.root, 'a.txt');
    expect(await errnoOf((async () => fs.open(a, { read: true, write: true }))())).toBe(Errno.rofs);
    expect(await errnoOf((async () => fs.createFile(fs.root, 'x'))())).toBe(Errno.rofs);
    expect(await errnoOf((async () => fs.lookup(fs.root, 'nope'))())).toBe(Errno.noent);
    expect(await errnoOf((async () => fs.lookup(a, 'x'))())).toBe(Errno.notdir);
    expect(await errnoOf(fs.stat(fs.lookup(fs.root, 'gone.txt')))).toBe(Errno.noent);
    const offline = new FetchFileSystem('http://127.0.0.1:1/', { files: ['a.txt'] });
    expect(await errnoOf(offline.stat(offline.lookup(offline.root, 'a.txt')))).toBe(Errno.io);
    expect(() => new FetchFileSystem(base, { files: ['../x'] })).toThrow(/bad path/);
    expect(() => new FetchFileSystem(base, { files: ['d', 'd/x'] })).toThrow(/both a file and a directory/);
  });
});
