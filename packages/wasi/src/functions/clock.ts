/**
 * `clock_res_get`, `clock_time_get`.
 * @packageDocumentation
 */
import type { ClockidValue } from '../abi/constants';
import { u32, type WasiContext } from '../context';
import { Errno, WasiError } from '../errno';

/** Reads clock `id`, or `inval` for an unknown id or a clock the host does not provide. */
export function readClock(ctx: WasiContext, id: number): bigint {
  const clock = u32(id);
  const t = clock <= 3 ? ctx.clock.now(clock as ClockidValue) : null;
  if (t === null) throw new WasiError(Errno.inval);
  return t;
}

/** The two clock functions. */
export function clockFunctions(ctx: WasiContext) {
  return {
    clock_res_get: (id: number, resPtr: number) => {
      const clock = u32(id);
      const r = clock <= 3 ? ctx.clock.resolution(clock as ClockidValue) : null;
      if (r === null) throw new WasiError(Errno.inval);
      ctx.memory().setU64(u32(resPtr), r);
    },
    // `precision` is a hint the guest may give; every clock here answers at its best precision.
    clock_time_get: (id: number, _precision: bigint, timePtr: number) => {
      const t = readClock(ctx, id);
      ctx.memory().setU64(u32(timePtr), t);
    },
  };
}
