/**
 * Standard streams over host file descriptors (for example the process's own 0, 1 and 2).
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import { blockingSleep } from '../clock';
import type { InputStream, OutputStream } from '../stdio';

function isAgain(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'EAGAIN';
}

/** An input stream reading host fd `fd` (default 0, the process's stdin), blocking as needed. */
export function fdInput(fd = 0): InputStream {
  return {
    read(max) {
      const buf = new Uint8Array(max);
      for (;;) {
        try {
          return buf.subarray(0, fs.readSync(fd, buf, 0, max, null));
        } catch (e) {
          if (e && typeof e === 'object' && (e as { code?: unknown }).code === 'EOF') return new Uint8Array(0);
          if (!isAgain(e)) throw e;
          blockingSleep(1_000_000n); // Non-blocking host fd with no data yet: wait and retry.
        }
      }
    },
  };
}

/** An output stream writing to host fd `fd` (1 for the process's stdout, 2 for its stderr). */
export function fdOutput(fd: number): OutputStream {
  return {
    write(data) {
      let done = 0;
      while (done < data.length) {
        try {
          done += fs.writeSync(fd, data, done, data.length - done);
        } catch (e) {
          if (!isAgain(e)) throw e;
          blockingSleep(1_000_000n);
        }
      }
    },
  };
}
