/**
 * `random_get`.
 * @packageDocumentation
 */
import { u32, type WasiContext } from '../context';

/** Fills a guest buffer of any length (0 included) from the instance's random source. */
export function randomFunctions(ctx: WasiContext) {
  return {
    random_get: (bufPtr: number, bufLen: number) => {
      const dest = ctx.memory().slice(u32(bufPtr), u32(bufLen));
      // Fill through a private scratch buffer, a chunk at a time: a SharedArrayBuffer view is
      // refused by getRandomValues, and a whole-size copy of a huge request would double it.
      const scratch = new Uint8Array(Math.min(dest.length, 65536));
      for (let at = 0; at < dest.length; at += scratch.length) {
        const part = scratch.subarray(0, Math.min(scratch.length, dest.length - at));
        ctx.random(part);
        dest.set(part, at);
      }
    },
  };
}
