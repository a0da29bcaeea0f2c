/**
 * Asynchronous standard streams: stdin from a stream, an async iterator or a function returning
 * promises; stdout/stderr to sinks whose writes return promises. And their journaled facades.
 * @packageDocumentation
 */
import { utf8Encoder } from '@rt/binary';
import { toInput, toOutput, type InputStream, type OutputStream, type StdinOption, type StdoutOption } from '../stdio';
import { isThenable, type Awaitable, type Journal } from './journal';

/** A source of input bytes that may have to wait for them. */
export interface AsyncInputStream {
  /**
   * Returns up to `max` bytes, waiting for some if none are available; an empty array means end
   * of input.
   */
  read(max: number): Awaitable<Uint8Array>;
  /**
   * Optional: returns up to `max` bytes available right now without waiting (an empty array when
   * none are, even before the end). Lets one `fd_read` with several buffers return what has
   * arrived instead of waiting to fill them all, as a read from a pipe does.
   */
  readAvailable?(max: number): Uint8Array;
}

/** A sink of output bytes whose writes may complete later (the guest waits for them). */
export interface AsyncOutputStream {
  /** Consumes `data` (a copy the stream may keep). */
  write(data: Uint8Array): Awaitable<void>;
}

/** A chunk an async source may produce: bytes or text (encoded as UTF-8). */
export type InputChunk = Uint8Array | string;

/**
 * What {@link AsyncWASI}'s `stdin` accepts: anything {@link WASI}'s does, an
 * {@link AsyncInputStream}, a `ReadableStream` of bytes, an async iterable of chunks (a Node
 * `Readable` is one), or a function called for each next chunk that returns it or a promise of
 * it (`null`, `undefined` or an empty chunk: end of input).
 */
export type AsyncStdinOption =
  | StdinOption
  | AsyncInputStream
  | ReadableStream<Uint8Array>
  | AsyncIterable<InputChunk>
  | (() => Awaitable<InputChunk | null | undefined>);

/** What {@link AsyncWASI}'s `stdout`/`stderr` accept: anything {@link WASI}'s does, an {@link AsyncOutputStream}, a `WritableStream`, or a function returning a promise. */
export type AsyncStdoutOption = StdoutOption | AsyncOutputStream | WritableStream<Uint8Array> | ((data: Uint8Array) => Awaitable<void>);

// The host's TextEncoder where it has one (not on Hermes or QuickJS: see @rt/binary's utf8.ts).
const encoder = utf8Encoder();

/**
 * An {@link AsyncInputStream} over a function producing chunks: it buffers what a chunk has beyond
 * what was asked for, and asks for the next chunk only when the buffer is empty.
 * @param next - the next chunk or a promise of it; `null`, `undefined` or an empty chunk ends the input.
 */
export function chunkedInput(next: () => Awaitable<InputChunk | null | undefined>): AsyncInputStream {
  let buffered: Uint8Array = new Uint8Array(0);
  let ended = false;
  const take = (max: number): Uint8Array => {
    const out = buffered.slice(0, max);
    buffered = buffered.subarray(out.length);
    return out;
  };
  const accept = (chunk: InputChunk | null | undefined, max: number): Uint8Array => {
    if (chunk === null || chunk === undefined || chunk.length === 0) {
      ended = true;
      return new Uint8Array(0);
    }
    buffered = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    return take(max);
  };
  return {
    read(max) {
      if (buffered.length > 0 || ended || max === 0) return take(max);
      const chunk = next();
      return isThenable(chunk) ? Promise.resolve(chunk).then((c) => accept(c, max)) : accept(chunk, max);
    },
    readAvailable: (max) => take(max),
  };
}

/** An {@link AsyncInputStream} reading a `ReadableStream` of bytes. */
export function readableStreamInput(stream: ReadableStream<Uint8Array>): AsyncInputStream {
  const reader = stream.getReader();
  return chunkedInput(async () => {
    const { done, value } = await reader.read();
    return done ? null : value;
  });
}

/** An {@link AsyncInputStream} reading an async (or sync) iterable of chunks. */
export function iterableInput(source: AsyncIterable<InputChunk> | Iterable<InputChunk>): AsyncInputStream {
  const it = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
  return chunkedInput(async () => {
    // An empty chunk in the middle is not the end: skip it.
    for (;;) {
      const r = await it.next();
      if (r.done) return null;
      if (r.value.length > 0) return r.value;
    }
  });
}

/** @internal Normalises {@link AsyncStdinOption}. */
export function toAsyncInput(option: AsyncStdinOption | undefined): AsyncInputStream | InputStream {
  if (option === undefined || typeof option === 'string' || option instanceof Uint8Array) return toInput(option);
  if (typeof option === 'function') return chunkedInput(option);
  if (typeof (option as ReadableStream<Uint8Array>).getReader === 'function') return readableStreamInput(option as ReadableStream<Uint8Array>);
  if (Symbol.asyncIterator in option) return iterableInput(option);
  return option as AsyncInputStream | InputStream;
}

/** @internal Normalises {@link AsyncStdoutOption}. */
export function toAsyncOutput(option: AsyncStdoutOption | undefined): AsyncOutputStream | OutputStream {
  if (option !== undefined && typeof option === 'object' && typeof (option as WritableStream<Uint8Array>).getWriter === 'function') {
    const writer = (option as WritableStream<Uint8Array>).getWriter();
    return { write: (data) => writer.write(data) };
  }
  return toOutput(option as StdoutOption | undefined) as AsyncOutputStream | OutputStream;
}

/**
 * @internal The synchronous facade of an async input stream. Within one WASI call it waits only
 * while it has delivered nothing yet: once some bytes went to the guest, further buffers of the
 * same `fd_read` get only what is already there, so an interactive program sees each line as it
 * arrives.
 */
export function journaledInput(input: AsyncInputStream | InputStream, journal: Journal): InputStream {
  const delivered = {};
  return {
    read: (max) =>
      journal.perform('stdin.read', () => {
        const scratch = journal.scratch();
        if (scratch?.has(delivered)) {
          const avail = (input as AsyncInputStream).readAvailable;
          if (avail) return avail.call(input, max);
        }
        const r = input.read(max);
        const note = (bytes: Uint8Array): Uint8Array => {
          if (bytes.length > 0) scratch?.add(delivered);
          return bytes;
        };
        return isThenable(r) ? Promise.resolve(r).then(note) : note(r);
      }),
  };
}

/** @internal The synchronous facade of an async output stream: the guest waits for each write. */
export function journaledOutput(output: AsyncOutputStream | OutputStream, journal: Journal): OutputStream {
  return { write: (data) => journal.perform('output.write', () => output.write(data)) };
}
