// The smallest WASI preview1 host that sqlite.wasm needs to run its demo:
// arguments, stdout/stderr, a clock and exit. It is written against the
// standard JS API only (exports.memory.buffer, plain functions as imports),
// so it works unchanged for Node's native WebAssembly and for @rt/interp.
// That keeps this check independent of @rt/wasi: the real WASI layer is
// tested elsewhere; here we only want the same program on two engines.
// Every other call answers ENOSYS, or EBADF for descriptors that are not
// stdio; the demo never opens a file (its database is in memory).

const ESUCCESS = 0;
const EBADF = 8;
const ENOSYS = 52;
const ESPIPE = 70;
const FILETYPE_CHARACTER_DEVICE = 2;

/** Thrown by proc_exit to unwind out of the module; carries the status. */
export class WasiExit extends Error {
  constructor(code) {
    super(`proc_exit(${code})`);
    this.code = code;
  }
}

/**
 * Returns { imports, run(instance) } for a command with the given argv.
 * run() calls _start and resolves to { code, stdout, stderr } (strings).
 */
export function miniWasi(args) {
  let memory = null;
  const out = { 1: [], 2: [] };
  const view = () => new DataView(memory.buffer);
  const bytes = () => new Uint8Array(memory.buffer);
  const encodedArgs = args.map((a) => new TextEncoder().encode(`${a}\0`));

  const wasi = {
    args_sizes_get(argcPtr, sizePtr) {
      view().setUint32(argcPtr, encodedArgs.length, true);
      view().setUint32(sizePtr, encodedArgs.reduce((n, a) => n + a.length, 0), true);
      return ESUCCESS;
    },
    args_get(argvPtr, bufPtr) {
      let p = bufPtr;
      encodedArgs.forEach((a, i) => {
        view().setUint32(argvPtr + 4 * i, p, true);
        bytes().set(a, p);
        p += a.length;
      });
      return ESUCCESS;
    },
    environ_sizes_get(countPtr, sizePtr) {
      view().setUint32(countPtr, 0, true);
      view().setUint32(sizePtr, 0, true);
      return ESUCCESS;
    },
    environ_get: () => ESUCCESS,
    clock_time_get(_id, _precision, outPtr) {
      view().setBigUint64(outPtr, BigInt(Date.now()) * 1_000_000n, true);
      return ESUCCESS;
    },
    fd_write(fd, iovs, iovsLen, nwrittenPtr) {
      if (!out[fd]) return EBADF;
      let total = 0;
      for (let i = 0; i < iovsLen; i++) {
        const ptr = view().getUint32(iovs + 8 * i, true);
        const len = view().getUint32(iovs + 8 * i + 4, true);
        out[fd].push(bytes().slice(ptr, ptr + len));
        total += len;
      }
      view().setUint32(nwrittenPtr, total, true);
      return ESUCCESS;
    },
    fd_fdstat_get(fd, ptr) {
      if (fd > 2) return EBADF;
      const v = view();
      v.setUint8(ptr, FILETYPE_CHARACTER_DEVICE);
      v.setUint16(ptr + 2, 0, true);
      v.setBigUint64(ptr + 8, 0xffffffffffffffffn, true);
      v.setBigUint64(ptr + 16, 0xffffffffffffffffn, true);
      return ESUCCESS;
    },
    // EBADF from fd_prestat_get tells wasi-libc there are no preopened directories.
    fd_prestat_get: () => EBADF,
    fd_close: (fd) => (fd > 2 ? EBADF : ESUCCESS),
    fd_seek: (fd) => (fd > 2 ? EBADF : ESPIPE),
    proc_exit(code) {
      throw new WasiExit(code);
    },
  };
  // Any import the module has but the demo should never reach.
  const imports = {
    wasi_snapshot_preview1: new Proxy(wasi, {
      get: (target, name) => target[name] ?? (() => ENOSYS),
    }),
  };

  function run(instance) {
    memory = instance.exports.memory;
    let code = 0;
    try {
      instance.exports._start();
    } catch (err) {
      if (!(err instanceof WasiExit)) throw err;
      code = err.code;
    }
    const text = (chunks) => Buffer.concat(chunks).toString('utf8');
    return { code, stdout: text(out[1]), stderr: text(out[2]) };
  }
  return { imports, run };
}
