/**
 * The world the CLI runs in, passed in rather than taken from `process`, so that `main()` is a
 * plain function from arguments and streams to an exit code and tests can drive it in memory.
 * @packageDocumentation
 */

/**
 * A synchronous byte source. WASI's `fd_read` is synchronous, so the guest's stdin must be
 * readable without awaiting (bin.ts reads the process's fd 0 with `readSync`).
 */
export interface ByteSource {
  /** Returns up to `max` bytes; an empty array means end of input. */
  read(max: number): Uint8Array;
}

/** A synchronous byte sink. */
export interface ByteSink {
  /** Consumes `data`; the sink must not keep a reference to it. */
  write(data: Uint8Array): void;
}

/** Everything `main()` may touch besides the file system. */
export interface CliIO {
  /** The guest's stdin. */
  readonly stdin: ByteSource;
  /** The guest's stdout, and where the CLI prints results (`inspect`, `--invoke`, `--help`). */
  readonly stdout: ByteSink;
  /** The guest's stderr, and where the CLI prints its errors. */
  readonly stderr: ByteSink;
  /** The host environment; only `--env NAME` reads it (the guest gets nothing implicitly). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The directory relative paths (module, `--dir`) are resolved against. */
  readonly cwd: string;
}

const encoder = new TextEncoder();

/** Writes `text` to `sink` as UTF-8. */
export function print(sink: ByteSink, text: string): void {
  sink.write(encoder.encode(text));
}
