/**
 * Writing `filestat` and `fdstat` structs into guest memory.
 * @packageDocumentation
 */
import type { Stat } from '../fs/interface';
import type { GuestMemory } from './memory';

/** Writes a 64-byte `filestat` at `ptr` (offsets from wasi-libc's `_Static_assert`s). */
export function writeFilestat(mem: GuestMemory, ptr: number, s: Stat): void {
  mem.check(ptr, 64);
  mem.slice(ptr, 64).fill(0);
  mem.setU64(ptr, s.dev);
  mem.setU64(ptr + 8, s.ino);
  mem.setU8(ptr + 16, s.filetype);
  mem.setU64(ptr + 24, s.nlink);
  mem.setU64(ptr + 32, s.size);
  mem.setU64(ptr + 40, s.atim);
  mem.setU64(ptr + 48, s.mtim);
  mem.setU64(ptr + 56, s.ctim);
}
