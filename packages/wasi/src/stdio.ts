/**
 * The standard streams: what stands behind fds 0, 1 and 2.
 * @packageDocumentation
 */
import { utf8Decoder, utf8Encoder } from '@rt/binary';

/** A source of input bytes, read synchronously. */
export interface InputStream {
  /** Returns up to `max` bytes; an empty array means end of input. */
  read(max: number): Uint8Array;
}

/** A sink of output bytes. */
export interface OutputStream {
  /** Consumes `data` (a copy the stream may keep). */
  write(data: Uint8Array): void;
}

/** What the `stdin` option accepts: a stream, or fixed content as bytes or a string. */
export type StdinOption = InputStream | Uint8Array | string;

/** What the `stdout`/`stderr` options accept: a stream or a function receiving each chunk. */
export type StdoutOption = OutputStream | ((data: Uint8Array) => void);

/** An input stream that yields `content` and then end of input. */
export function bufferInput(content: Uint8Array | string): InputStream {
  const bytes = typeof content === 'string' ? utf8Encoder().encode(content) : content;
  let pos = 0;
  return {
    read(max) {
      const chunk = bytes.slice(pos, pos + max);
      pos += chunk.length;
      return chunk;
    },
  };
}

/** An output stream that keeps everything written; read it back with `text()` or `bytes()`. */
export interface CollectedOutput extends OutputStream {
  /** All bytes written so far. */
  bytes(): Uint8Array;
  /** All bytes written so far, decoded as UTF-8. */
  text(): string;
}

/** Creates a {@link CollectedOutput}. */
export function collectOutput(): CollectedOutput {
  const chunks: Uint8Array[] = [];
  const bytes = (): Uint8Array => {
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  };
  return { write: (data) => void chunks.push(data.slice()), bytes, text: () => utf8Decoder().decode(bytes()) };
}

/** An input stream with no content. */
export const emptyInput: InputStream = { read: () => new Uint8Array(0) };

/** An output stream that discards everything. */
export const discardOutput: OutputStream = { write: () => {} };

/** @internal Normalises the `stdin` option. */
export function toInput(option: StdinOption | undefined): InputStream {
  if (option === undefined) return emptyInput;
  if (typeof option === 'string' || option instanceof Uint8Array) return bufferInput(option);
  return option;
}

/** @internal Normalises the `stdout`/`stderr` options. */
export function toOutput(option: StdoutOption | undefined): OutputStream {
  if (option === undefined) return discardOutput;
  if (typeof option === 'function') return { write: option };
  return option;
}
