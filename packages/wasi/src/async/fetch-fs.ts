/**
 * `FetchFileSystem`: a read-only tree of files served over HTTP, read with `fetch` (range requests
 * where the server supports them), for an {@link AsyncWASI} guest.
 * @packageDocumentation
 */
import { Filetype } from '../abi/constants';
import { Errno, WasiError } from '../errno';
import type { DirEntry, OpenAccess, Stat } from '../fs/interface';
import type { AsyncFileSystem, AsyncOpenFile } from './fs-interface';

/** The `fetch` function {@link FetchFileSystem} calls (the global one by default). */
export type FetchFunction = (url: string, init?: { method?: string; headers?: Record<string, string> }) => Promise<Response>;

/** Options of {@link FetchFileSystem}. */
export interface FetchFileSystemOptions {
  /**
   * The files of the tree, as paths relative to the base URL (`'docs/a.txt'`), each with its size
   * in bytes, or `null` to ask the server (a `HEAD` request, on first `stat`). Directories are
   * implied by the paths. A list of paths means every size is asked for.
   */
  files: Readonly<Record<string, number | null>> | readonly string[];
  /** Default: `globalThis.fetch`. */
  fetch?: FetchFunction;
  /** Modification (and access, change) time reported for every node, ns since the epoch. Default 0. */
  mtime?: bigint;
}

/** A node of a {@link FetchFileSystem}: a directory, or a file with its URL. */
export interface FetchNode {
  /** Inode number. */
  readonly ino: bigint;
  /** For a directory: its entries; null for a file. */
  readonly children: Map<string, FetchNode> | null;
  /** For a file: its URL. */
  readonly url: string;
  /** For a file: its size once known. */
  size: bigint | null;
}

const DEV = 0x68747470n;
const rofs = (): never => {
  throw new WasiError(Errno.rofs);
};

/**
 * A read-only file system over HTTP. The tree is given up front (HTTP has no directory listing);
 * file contents are fetched when read, with a `Range` request for each read (a server that
 * ignores ranges sends the whole file, which is then kept). Every change is `rofs`; a failed
 * request is `io` (`noent` for a 404).
 *
 * @example
 * ```ts
 * const site = new FetchFileSystem('https://example.com/data/', { files: { 'words.txt': 4096, 'img/logo.png': null } });
 * const wasi = new AsyncWASI({ WebAssembly, preopens: { '/data': site } });
 * ```
 */
export class FetchFileSystem implements AsyncFileSystem<FetchNode> {
  readonly root: FetchNode;
  private readonly fetch: FetchFunction;
  private readonly mtime: bigint;
  private nextIno = 1n;

  /**
   * @param baseUrl - the URL the file paths are relative to (a trailing `/` is added if missing).
   * @param options - see {@link FetchFileSystemOptions}.
   */
  constructor(baseUrl: string | URL, options: FetchFileSystemOptions) {
    const base = String(baseUrl).endsWith('/') ? String(baseUrl) : `${String(baseUrl)}/`;
    const f = options.fetch ?? (globalThis as { fetch?: FetchFunction }).fetch;
    if (!f) throw new TypeError('FetchFileSystem needs fetch (pass options.fetch)');
    this.fetch = f;
    this.mtime = options.mtime ?? 0n;
    this.root = this.node(true, '');
    const files: Array<[string, number | null]> = Array.isArray(options.files)
      ? (options.files as readonly string[]).map((p) => [p, null])
      : Object.entries(options.files as Record<string, number | null>);
    for (const [path, size] of files) {
      const parts = path.split('/');
      if (parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\0'))) throw new TypeError(`FetchFileSystem: bad path ${JSON.stringify(path)}`);
      let dir = this.root;
      for (let i = 0; i < parts.length; i++) {
        const name = parts[i]!;
        const last = i === parts.length - 1;
        let child = dir.children!.get(name);
        if (child === undefined) {
          child = this.node(!last, last ? base + parts.map(encodeURIComponent).join('/') : '');
          if (last && size !== null) child.size = BigInt(size);
          dir.children!.set(name, child);
        } else if ((child.children === null) !== last) {
          throw new TypeError(`FetchFileSystem: ${JSON.stringify(path)} is both a file and a directory`);
        }
        dir = child;
      }
    }
  }

  private node(directory: boolean, url: string): FetchNode {
    return { ino: this.nextIno++, children: directory ? new Map() : null, url, size: directory ? 0n : null };
  }

  lookup(dir: FetchNode, name: string): FetchNode {
    const child = dir.children?.get(name);
    if (child === undefined) throw new WasiError(dir.children ? Errno.noent : Errno.notdir);
    return child;
  }

  private statOf(node: FetchNode, size: bigint): Stat {
    return {
      dev: DEV, ino: node.ino, filetype: node.children ? Filetype.DIRECTORY : Filetype.REGULAR_FILE,
      nlink: 1n, size, atim: this.mtime, mtim: this.mtime, ctim: this.mtime,
    };
  }

  stat(node: FetchNode): Stat | Promise<Stat> {
    if (node.size !== null) return this.statOf(node, node.size);
    return this.request(node.url, 'HEAD').then((r) => {
      const length = r.headers.get('content-length');
      if (length === null) throw new WasiError(Errno.io, `no Content-Length for ${node.url}`);
      node.size = BigInt(length);
      return this.statOf(node, node.size);
    });
  }

  readlink(_node: FetchNode): string {
    throw new WasiError(Errno.inval);
  }

  readdir(dir: FetchNode): DirEntry[] {
    if (!dir.children) throw new WasiError(Errno.notdir);
    return [...dir.children].map(([name, n]) => ({ name, ino: n.ino, filetype: n.children ? Filetype.DIRECTORY : Filetype.REGULAR_FILE }));
  }

  open(node: FetchNode, access: OpenAccess): AsyncOpenFile {
    if (access.write) rofs();
    if (node.children) throw new WasiError(Errno.isdir);
    let whole: Uint8Array | null = null;
    return {
      read: async (length, position) => {
        if (whole === null) {
          if (length === 0 || (node.size !== null && position >= node.size)) return new Uint8Array(0);
          const end = position + BigInt(length) - 1n;
          const r = await this.request(node.url, 'GET', { Range: `bytes=${position}-${end}` });
          if (r.status === 416) return new Uint8Array(0);
          const body = new Uint8Array(await r.arrayBuffer());
          if (r.status === 206) return body.subarray(0, length);
          // The server sent the whole file: keep it for later reads.
          whole = body;
          node.size = BigInt(body.length);
        }
        const from = Number(position < BigInt(whole.length) ? position : BigInt(whole.length));
        return whole.slice(from, from + length);
      },
      write: rofs, setSize: rofs,
      stat: () => this.stat(node),
      sync: () => {},
      close: () => {},
    };
  }

  private async request(url: string, method: string, headers?: Record<string, string>): Promise<Response> {
    let r: Response;
    try {
      r = await this.fetch(url, { method, ...(headers ? { headers } : {}) });
    } catch (e) {
      throw new WasiError(Errno.io, `fetch ${url}: ${String(e)}`);
    }
    if (r.status === 404) throw new WasiError(Errno.noent, `${url}: 404`);
    if (!r.ok && r.status !== 416) throw new WasiError(Errno.io, `${url}: HTTP ${r.status}`);
    return r;
  }

  createFile: AsyncFileSystem<FetchNode>['createFile'] = rofs;
  createDirectory: AsyncFileSystem<FetchNode>['createDirectory'] = rofs;
  symlink: AsyncFileSystem<FetchNode>['symlink'] = rofs;
  link: AsyncFileSystem<FetchNode>['link'] = rofs;
  unlink: AsyncFileSystem<FetchNode>['unlink'] = rofs;
  removeDirectory: AsyncFileSystem<FetchNode>['removeDirectory'] = rofs;
  rename: AsyncFileSystem<FetchNode>['rename'] = rofs;
  setTimes: AsyncFileSystem<FetchNode>['setTimes'] = rofs;
}
