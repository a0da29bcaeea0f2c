/**
 * Typing into stdin while the program waits, for a synchronous WASI program in a worker: the
 * worker blocks in `Atomics.wait` on a `SharedArrayBuffer` until the page hands it the next
 * chunk. Needs a cross-origin isolated page (COOP `same-origin`, COEP `require-corp`), which is
 * what makes `SharedArrayBuffer` available; without it the page gives stdin up front.
 *
 * Layout: three int32 control words (a sequence number bumped per chunk, the chunk's length, 1
 * at end of input), then the chunk's bytes.
 * @packageDocumentation
 */
import type { InputStream } from '@rt/wasi';

/** The most bytes handed over at once. */
const CHUNK = 64 * 1024;
const SEQ = 0;
const LENGTH = 1;
const EOF = 2;

/** Allocates the shared buffer (page side). */
export function createStdinBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(12 + CHUNK);
}

/**
 * The page's side: hands chunks to the worker, one per request (the worker asks with
 * `onRequest` when it has read everything it was given).
 */
export class StdinWriter {
  private readonly control: Int32Array;
  private readonly data: Uint8Array;
  private readonly queue: Uint8Array[] = [];
  private ended = false;
  private waiting = false;

  /** @param onWait - told whether the program now waits for input that has not been typed. */
  constructor(buffer: SharedArrayBuffer, private readonly onWait: (waiting: boolean) => void) {
    this.control = new Int32Array(buffer, 0, 3);
    this.data = new Uint8Array(buffer, 12);
  }

  /** Queues `bytes` for the program. */
  write(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i += CHUNK) this.queue.push(bytes.subarray(i, i + CHUNK));
    if (this.waiting) this.deliver();
  }

  /** Ends the input (the program's next read returns 0 bytes). */
  end(): void {
    this.ended = true;
    if (this.waiting) this.deliver();
  }

  /** The worker read everything and waits for more. */
  request(): void {
    this.waiting = true;
    this.deliver();
  }

  private deliver(): void {
    const chunk = this.queue.shift();
    if (chunk === undefined && !this.ended) {
      this.onWait(true);
      return;
    }
    this.waiting = false;
    this.onWait(false);
    this.data.set(chunk ?? new Uint8Array(0));
    this.control[LENGTH] = chunk?.length ?? 0;
    this.control[EOF] = chunk === undefined ? 1 : 0;
    Atomics.add(this.control, SEQ, 1);
    Atomics.notify(this.control, SEQ);
  }
}

/** The worker's side: a WASI input stream that blocks until the page delivers (`request` asks). */
export function sharedStdin(buffer: SharedArrayBuffer, request: () => void): InputStream {
  const control = new Int32Array(buffer, 0, 3);
  const data = new Uint8Array(buffer, 12);
  let pending = new Uint8Array(0);
  let ended = false;
  return {
    read(max) {
      while (pending.length === 0 && !ended) {
        const seq = Atomics.load(control, SEQ);
        request();
        Atomics.wait(control, SEQ, seq);
        pending = data.slice(0, control[LENGTH]);
        ended = control[EOF] === 1;
      }
      const out = pending.slice(0, max);
      pending = pending.subarray(out.length);
      return out;
    },
  };
}
