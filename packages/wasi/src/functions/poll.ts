/**
 * `poll_oneoff`.
 * @packageDocumentation
 */
import { Eventtype, Subclockflags, type ClockidValue } from '../abi/constants';
import { u32, type WasiContext } from '../context';
import type { Descriptor } from '../descriptors';
import { Errno, WasiError } from '../errno';
import { Rights } from '../rights';

interface Event {
  userdata: bigint;
  error: number;
  type: number;
  nbytes: bigint;
  flags: number;
}

/** How many bytes an fd subscription reports, or null when the fd is not ready. */
function fdReadiness(d: Descriptor, write: boolean): bigint | null {
  switch (d.kind) {
    case 'file': {
      // Regular files are always ready (POSIX); reads report the bytes left after the offset.
      if (write) return 0n;
      const size = d.file.stat().size;
      return size > d.position ? size - d.position : 0n;
    }
    case 'stream':
      // Streams are synchronous: a read returns what is there or end of input, so never blocks.
      return 0n;
    case 'socket':
      return d.socket.ready?.(write) === false ? null : 0n;
    case 'directory':
      return null;
  }
}

/**
 * Waits for the first of a set of events. fd subscriptions are checked first and, when any is
 * ready (regular files and the standard streams always are), reported without waiting. Otherwise
 * the WASI layer sleeps on its clock until the earliest clock subscription (relative, or absolute
 * with `ABSTIME`) and reports every clock that has expired. Zero subscriptions is `inval` (witx);
 * a bad fd or clock id is reported in that subscription's event, not as the call's errno.
 */
export function pollFunctions(ctx: WasiContext) {
  return {
    poll_oneoff: (inPtr: number, outPtr: number, nsubscriptions: number, neventsPtr: number) => {
      const n = u32(nsubscriptions);
      if (n === 0) throw new WasiError(Errno.inval);
      const mem = ctx.memory();
      const base = u32(inPtr);
      mem.check(base, n * 48);
      const out = u32(outPtr);
      mem.check(out, n * 32);
      const ready: Event[] = [];
      const clocks: Array<{ userdata: bigint; id: number; deadline: bigint; clockNow: bigint }> = [];
      const pending: Array<{ userdata: bigint; tag: number; d: Descriptor; write: boolean }> = [];

      for (let i = 0; i < n; i++) {
        const s = base + i * 48;
        const userdata = mem.u64(s);
        const tag = mem.u8(s + 8);
        if (tag === Eventtype.CLOCK) {
          const id = mem.u32(s + 16);
          const timeout = mem.u64(s + 24);
          const abstime = (mem.u16(s + 40) & Subclockflags.ABSTIME) !== 0;
          const now = id <= 3 ? ctx.clock.now(id as ClockidValue) : null;
          if (now === null) {
            ready.push({ userdata, error: Errno.inval, type: tag, nbytes: 0n, flags: 0 });
            continue;
          }
          clocks.push({ userdata, id, deadline: abstime ? timeout : now + timeout, clockNow: now });
        } else if (tag === Eventtype.FD_READ || tag === Eventtype.FD_WRITE) {
          const write = tag === Eventtype.FD_WRITE;
          let d: Descriptor;
          try {
            d = ctx.fds.get(mem.u32(s + 16));
          } catch {
            ready.push({ userdata, error: Errno.badf, type: tag, nbytes: 0n, flags: 0 });
            continue;
          }
          if ((d.rightsBase & Rights.POLL_FD_READWRITE) === 0n) {
            ready.push({ userdata, error: Errno.notcapable, type: tag, nbytes: 0n, flags: 0 });
            continue;
          }
          const nbytes = fdReadiness(d, write);
          if (nbytes === null) pending.push({ userdata, tag, d, write });
          else ready.push({ userdata, error: 0, type: tag, nbytes, flags: 0 });
        } else {
          throw new WasiError(Errno.inval);
        }
      }

      if (ready.length === 0 && clocks.length > 0) {
        // Sleep until the earliest deadline, measured on each subscription's own clock.
        const wait = clocks.reduce((m, c) => {
          const left = c.deadline - c.clockNow;
          return left < m ? left : m;
        }, clocks[0]!.deadline - clocks[0]!.clockNow);
        // With sockets pending (an OS-backed one can become ready while we block), wake every
        // 10 ms to look at them again; otherwise sleep in one go.
        const slice = pending.length > 0 ? 10_000_000n : wait;
        for (let slept = 0n; slept < wait && ready.length === 0; ) {
          const step = wait - slept < slice ? wait - slept : slice;
          ctx.clock.sleep(step);
          slept += step;
          for (const p of pending) {
            const nbytes = fdReadiness(p.d, p.write);
            if (nbytes !== null) ready.push({ userdata: p.userdata, error: 0, type: p.tag, nbytes, flags: 0 });
          }
        }
        if (ready.length === 0) {
          for (const c of clocks) {
            const now = ctx.clock.now(c.id as ClockidValue) ?? c.deadline;
            // Sleeping on one clock and reading another may disagree by rounding; the earliest
            // deadline has been waited for, so it always fires.
            if (now >= c.deadline || c.deadline - c.clockNow === wait) {
              ready.push({ userdata: c.userdata, error: 0, type: Eventtype.CLOCK, nbytes: 0n, flags: 0 });
            }
          }
        }
      } else if (ready.length === 0 && pending.length > 0) {
        // No clock to bound the wait, and a synchronous host cannot block on a JS socket object
        // that nothing can change while we block: refuse rather than hang forever.
        throw new WasiError(Errno.notsup);
      }

      for (let i = 0; i < ready.length; i++) {
        const e = ready[i]!;
        const p = out + i * 32;
        mem.slice(p, 32).fill(0);
        mem.setU64(p, e.userdata);
        mem.setU16(p + 8, e.error);
        mem.setU8(p + 10, e.type);
        if (e.type !== Eventtype.CLOCK) {
          mem.setU64(p + 16, e.nbytes);
          mem.setU16(p + 24, e.flags);
        }
      }
      mem.setU32(u32(neventsPtr), ready.length);
    },
  };
}

