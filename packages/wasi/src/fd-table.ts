/**
 * The fd table: numbers to descriptors, with the lowest-free-number allocation POSIX programs expect.
 * @packageDocumentation
 */
import type { Descriptor } from './descriptors';
import { Errno, WasiError } from './errno';

/** Largest number of open fds, so a guest cannot exhaust host memory by opening in a loop. */
const MAX_FDS = 1 << 16;

/** The table of open descriptors of one WASI instance. */
export class FdTable {
  private readonly entries = new Map<number, Descriptor>();

  /** The descriptor of `fd`, or `badf`. `fd` is normalised to u32 first (it arrives signed). */
  get(fd: number): Descriptor {
    const d = this.entries.get(fd >>> 0);
    if (!d) throw new WasiError(Errno.badf);
    return d;
  }

  /** Like {@link get}, then `notcapable` unless the fd holds every right in `rights`. */
  withRights(fd: number, rights: bigint): Descriptor {
    const d = this.get(fd);
    if ((d.rightsBase & rights) !== rights) throw new WasiError(Errno.notcapable);
    return d;
  }

  /** Places `d` at `fd` (used for stdio and preopens). */
  set(fd: number, d: Descriptor): void {
    this.entries.set(fd, d);
  }

  /** Places `d` at the lowest free fd and returns it. */
  add(d: Descriptor): number {
    if (this.entries.size >= MAX_FDS) throw new WasiError(Errno.nfile);
    let fd = 0;
    while (this.entries.has(fd)) fd++;
    this.entries.set(fd, d);
    return fd;
  }

  /** Closes `fd`, releasing what it holds. */
  close(fd: number): void {
    const d = this.get(fd);
    this.entries.delete(fd >>> 0);
    release(d);
  }

  /**
   * `fd_renumber`: moves `from` onto `to`, closing what `to` held. Both must be open (`badf`
   * otherwise); renumbering an fd onto itself changes nothing (wasmtime's CVE-2025-53901 was a
   * host panic on exactly that case).
   */
  renumber(from: number, to: number): void {
    const d = this.get(from);
    const old = this.get(to);
    if ((from >>> 0) === (to >>> 0)) return;
    this.entries.delete(from >>> 0);
    this.entries.set(to >>> 0, d);
    release(old);
  }

  /** Closes every fd (when the instance is done). */
  closeAll(): void {
    for (const d of this.entries.values()) release(d);
    this.entries.clear();
  }
}

function release(d: Descriptor): void {
  // Host close errors cannot be reported to a guest that has already forgotten the fd.
  try {
    if (d.kind === 'file') d.file.close();
    else if (d.kind === 'socket') d.socket.close?.();
  } catch {
    /* ignored on purpose */
  }
}

