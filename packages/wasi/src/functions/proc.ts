/**
 * `proc_exit`, `proc_raise`, `sched_yield`.
 * @packageDocumentation
 */
import { u32 } from '../context';
import { Errno, WasiError } from '../errno';
import { WasiExit } from '../exit';

/** The three process functions. */
export function procFunctions() {
  return {
    // Throwing unwinds every Wasm frame between here and `start`, which catches it.
    proc_exit: (code: number) => {
      throw new WasiExit(u32(code));
    },
    // Signals do not exist in the sandbox; wasmtime answers `notsup` too. Invalid numbers are `inval`.
    proc_raise: (sig: number) => {
      if (u32(sig) > 30) throw new WasiError(Errno.inval);
      throw new WasiError(Errno.notsup);
    },
    // One guest thread and a synchronous host: yielding has nothing to give way to.
    sched_yield: () => {},
  };
}
