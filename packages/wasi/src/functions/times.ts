/**
 * Interpreting `fstflags` for `fd_filestat_set_times` and `path_filestat_set_times`.
 * @packageDocumentation
 */
import { Clockid, Fstflags } from '../abi/constants';
import type { WasiContext } from '../context';
import { Errno, WasiError } from '../errno';

/**
 * The times to set (null: leave unchanged). Setting a time both to a value and to "now" is
 * `inval`, as are unknown flag bits. "Now" is the instance's realtime clock, so a virtual clock
 * stays virtual here too.
 */
export function timesFromFlags(ctx: WasiContext, atim: bigint, mtim: bigint, fstflags: number): { atim: bigint | null; mtim: bigint | null } {
  const f = fstflags >>> 0;
  if (f & ~0xf) throw new WasiError(Errno.inval);
  if ((f & Fstflags.ATIM) && (f & Fstflags.ATIM_NOW)) throw new WasiError(Errno.inval);
  if ((f & Fstflags.MTIM) && (f & Fstflags.MTIM_NOW)) throw new WasiError(Errno.inval);
  const now = (): bigint => ctx.clock.now(Clockid.REALTIME) ?? 0n;
  const a = f & Fstflags.ATIM ? atim : f & Fstflags.ATIM_NOW ? now() : null;
  const m = f & Fstflags.MTIM ? mtim : f & Fstflags.MTIM_NOW ? (a !== null && f & Fstflags.ATIM_NOW ? a : now()) : null;
  return { atim: a, mtim: m };
}
