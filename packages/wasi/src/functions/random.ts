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
      // Fill a private copy: a SharedArrayBuffer view is refused by getRandomValues.
      const tmp = new Uint8Array(dest.length);
      ctx.random(tmp);
      dest.set(tmp);
    },
  };
}
