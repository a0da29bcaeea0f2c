/**
 * `args_get`, `args_sizes_get`, `environ_get`, `environ_sizes_get`.
 * Sizes are UTF-8 byte counts plus one NUL per entry (not UTF-16 lengths).
 * @packageDocumentation
 */
import { u32, type WasiContext } from '../context';

function sizes(ctx: WasiContext, list: readonly Uint8Array[], countPtr: number, sizePtr: number): void {
  const mem = ctx.memory();
  mem.setU32(u32(countPtr), list.length);
  mem.setU32(u32(sizePtr), list.reduce((n, s) => n + s.length + 1, 0));
}

function get(ctx: WasiContext, list: readonly Uint8Array[], ptrsPtr: number, bufPtr: number): void {
  const mem = ctx.memory();
  let p = u32(ptrsPtr);
  let b = u32(bufPtr);
  for (const s of list) {
    mem.setU32(p, b);
    mem.slice(b, s.length + 1).set(s);
    mem.setU8(b + s.length, 0);
    p += 4;
    b += s.length + 1;
  }
}

/** The four argument and environment functions. */
export function argsEnvFunctions(ctx: WasiContext) {
  return {
    args_sizes_get: (countPtr: number, sizePtr: number) => sizes(ctx, ctx.args, countPtr, sizePtr),
    args_get: (argvPtr: number, bufPtr: number) => get(ctx, ctx.args, argvPtr, bufPtr),
    environ_sizes_get: (countPtr: number, sizePtr: number) => sizes(ctx, ctx.env, countPtr, sizePtr),
    environ_get: (envPtr: number, bufPtr: number) => get(ctx, ctx.env, envPtr, bufPtr),
  };
}
