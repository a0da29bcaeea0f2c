/**
 * The exit codes of `rt`, in one place because scripts depend on them (see README.md).
 * A guest's own `proc_exit` code is passed through unchanged, so these can collide with a
 * guest's codes; the same is true of wasmtime, whose trap code we share.
 * @packageDocumentation
 */
export const ExitCode = {
  /** Success; also a guest whose `_start` returned. */
  ok: 0,
  /** `rt validate`: the module decoded but is not valid. */
  invalid: 1,
  /**
   * The command could not start: bad usage (unknown flag, missing argument), a file that cannot
   * be read, a module that does not decode, compile or link, an `--invoke` value that does not
   * parse.
   */
  usage: 2,
  /** Internal error: a bug in rt (the message says so). EX_SOFTWARE from sysexits.h. */
  internal: 70,
  /** The guest trapped: 128 + SIGABRT, as wasmtime does on Unix. */
  trap: 134,
  /** `rt run --timeout`: the guest ran past its deadline; 124, as GNU `timeout` exits. */
  timeout: 124,
  /** `rt run --fuel`: the guest used all its fuel; 128 + SIGXCPU, the CPU-limit signal. */
  outOfFuel: 152,
} as const;
