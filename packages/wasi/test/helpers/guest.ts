/**
 * A fake guest for unit tests: a plain memory, a bump allocator and typed calls into the WASI
 * imports exactly as an engine makes them (i32 as signed Numbers, i64 as BigInts).
 */
import { WASI, MemoryFileSystem, Errno, Rights, collectOutput, type WASIOptions, type CollectedOutput, type FileSystem } from '../../src/index';

export const ALL = (1n << 30n) - 1n;
export const WRITE = Rights.FD_WRITE | Rights.FD_DATASYNC | Rights.FD_ALLOCATE | Rights.FD_FILESTAT_SET_SIZE;

export class Guest {
  readonly wasi: WASI;
  readonly memory: { buffer: ArrayBuffer };
  readonly stdout: CollectedOutput;
  readonly stderr: CollectedOutput;
  private top = 1024;

  constructor(options: WASIOptions = {}, pages = 4) {
    this.stdout = collectOutput();
    this.stderr = collectOutput();
    this.wasi = new WASI({ stdout: this.stdout, stderr: this.stderr, ...options });
    this.memory = { buffer: new ArrayBuffer(pages * 65536) };
    this.wasi.setMemory(this.memory);
  }

  get view(): DataView {
    return new DataView(this.memory.buffer);
  }

  get bytes(): Uint8Array {
    return new Uint8Array(this.memory.buffer);
  }

  /** Reserves `n` zeroed bytes, 8-aligned. */
  alloc(n: number): number {
    const p = this.top;
    this.top = (this.top + n + 7) & ~7;
    this.bytes.fill(0, p, p + n);
    return p;
  }

  /** Places bytes (or UTF-8 text) in memory; returns [ptr, len]. */
  put(data: string | Uint8Array): [number, number] {
    const b = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    const p = this.alloc(Math.max(b.length, 1));
    this.bytes.set(b, p);
    return [p, b.length];
  }

  /** Calls an import by name. */
  call(name: string, ...args: Array<number | bigint>): number {
    const f = this.wasi.wasiImport[name];
    if (!f) throw new Error(`no import ${name}`);
    return f(...args);
  }

  u8(p: number): number { return this.view.getUint8(p); }
  u16(p: number): number { return this.view.getUint16(p, true); }
  u32(p: number): number { return this.view.getUint32(p, true); }
  u64(p: number): bigint { return this.view.getBigUint64(p, true); }
  text(p: number, len: number): string { return new TextDecoder().decode(this.bytes.slice(p, p + len)); }

  /** path_open; returns [errno, fd]. */
  open(dirfd: number, path: string, o: { oflags?: number; rights?: bigint; inheriting?: bigint; fdflags?: number; follow?: boolean } = {}): [number, number] {
    const [p, l] = this.put(path);
    const out = this.alloc(4);
    // Directories cannot be opened for writing, so they default to every right but the write ones.
    const rights = o.rights ?? ((o.oflags ?? 0) & 2 ? ALL & ~WRITE : ALL);
    const e = this.call('path_open', dirfd, o.follow === false ? 0 : 1, p, l, o.oflags ?? 0, rights, o.inheriting ?? ALL, o.fdflags ?? 0, out);
    return [e, e === 0 ? this.u32(out) : -1];
  }

  /** path_open expecting success. */
  openOk(dirfd: number, path: string, o: Parameters<Guest['open']>[2] = {}): number {
    const [e, fd] = this.open(dirfd, path, o);
    if (e !== 0) throw new Error(`path_open(${path}) = ${e}`);
    return fd;
  }

  /** An iovec array over the given buffers; returns [iovsPtr, count, bufferPtrs]. */
  iovs(...parts: Array<string | Uint8Array | number>): [number, number, number[]] {
    const ptrs: number[] = [];
    const iov = this.alloc(parts.length * 8);
    parts.forEach((part, i) => {
      const [p, l] = typeof part === 'number' ? [this.alloc(part), part] : this.put(part);
      ptrs.push(p);
      this.view.setUint32(iov + i * 8, p, true);
      this.view.setUint32(iov + i * 8 + 4, l, true);
    });
    return [iov, parts.length, ptrs];
  }

  /** fd_write of text; returns [errno, written]. */
  write(fd: number, ...parts: string[]): [number, number] {
    const [iov, n] = this.iovs(...parts);
    const out = this.alloc(4);
    const e = this.call('fd_write', fd, iov, n, out);
    return [e, this.u32(out)];
  }

  /** fd_read of up to `len` bytes; returns [errno, text]. */
  read(fd: number, len: number): [number, string] {
    const [iov, n, [buf]] = this.iovs(len);
    const out = this.alloc(4);
    const e = this.call('fd_read', fd, iov, n, out);
    return [e, e === 0 ? this.text(buf!, this.u32(out)) : ''];
  }

  /** Calls a path function taking (fd, path, len). */
  pathCall(name: string, fd: number, path: string): number {
    const [p, l] = this.put(path);
    return this.call(name, fd, p, l);
  }

  /** path_filestat_get; returns [errno, filestat fields]. */
  stat(fd: number, path: string, follow = true): [number, { ino: bigint; filetype: number; nlink: bigint; size: bigint; atim: bigint; mtim: bigint; dev: bigint }] {
    const [p, l] = this.put(path);
    const buf = this.alloc(64);
    const e = this.call('path_filestat_get', fd, follow ? 1 : 0, p, l, buf);
    return [e, this.filestat(buf)];
  }

  filestat(buf: number) {
    return { dev: this.u64(buf), ino: this.u64(buf + 8), filetype: this.u8(buf + 16), nlink: this.u64(buf + 24), size: this.u64(buf + 32), atim: this.u64(buf + 40), mtim: this.u64(buf + 48) };
  }
}

/** A guest with one memory-FS preopen `/` at fd 3 (optionally pre-filled). */
export function withFs(fs: FileSystem = new MemoryFileSystem(), options: WASIOptions = {}): Guest {
  return new Guest({ preopens: { '/': fs }, ...options });
}

export { Errno, Rights };
