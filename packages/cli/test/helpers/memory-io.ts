/**
 * In-memory streams for calling `main()` directly.
 */
import type { CliIO } from '../../src/index.js';

/** A {@link CliIO} with fixed stdin and collected output. */
export interface MemoryIO extends CliIO {
  /** Everything written to stdout so far. */
  out(): string;
  /** Everything written to stderr so far. */
  err(): string;
}

/** Creates in-memory streams; `stdin` is served in chunks of at most `chunk` bytes. */
export function memoryIO(options: { stdin?: string; env?: Record<string, string>; cwd: string; chunk?: number }): MemoryIO {
  const input = new TextEncoder().encode(options.stdin ?? '');
  let pos = 0;
  const out: Uint8Array[] = [];
  const err: Uint8Array[] = [];
  const text = (chunks: Uint8Array[]): string => Buffer.concat(chunks).toString('utf8');
  return {
    stdin: {
      read(max) {
        const n = Math.min(max, options.chunk ?? max, input.length - pos);
        const chunk = input.slice(pos, pos + n);
        pos += n;
        return chunk;
      },
    },
    stdout: { write: (d) => void out.push(d.slice()) },
    stderr: { write: (d) => void err.push(d.slice()) },
    env: options.env ?? {},
    cwd: options.cwd,
    out: () => text(out),
    err: () => text(err),
  };
}
