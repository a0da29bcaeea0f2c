/** Async sources of stdin and async sinks, as adapters. */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { chunkedInput, iterableInput, readableStreamInput, type AsyncInputStream } from '../../src/index';

const text = (b: Uint8Array): string => new TextDecoder().decode(b);

async function drain(input: AsyncInputStream, max: number): Promise<string[]> {
  const out: string[] = [];
  for (;;) {
    const chunk = await input.read(max);
    if (chunk.length === 0) return out;
    out.push(text(chunk));
  }
}

describe('async stdin sources', () => {
  it('chunkedInput buffers what a chunk has beyond a read, and asks for more only when empty', async () => {
    let asked = 0;
    const chunks = ['hello world', '', 'never'];
    const input = chunkedInput(() => (asked++, Promise.resolve(chunks.shift() ?? null)));
    expect(await drain(input, 4)).toEqual(['hell', 'o wo', 'rld']);
    // An empty chunk ended the input: nothing more is asked for.
    expect(asked).toBe(2);
    expect(await input.read(4)).toHaveLength(0);
  });

  it('chunkedInput answers synchronously from its buffer and from synchronous sources', () => {
    const input = chunkedInput(() => 'abcdef');
    expect(text(input.read(2) as Uint8Array)).toBe('ab');
    expect(text(input.readAvailable!(10))).toBe('cdef');
    expect(input.readAvailable!(10)).toHaveLength(0);
  });

  it('iterableInput reads async iterators (a Node Readable too), skipping empty chunks', async () => {
    async function* gen(): AsyncGenerator<string | Uint8Array> {
      yield 'ab';
      yield '';
      yield new Uint8Array([99, 100]);
    }
    expect(await drain(iterableInput(gen()), 10)).toEqual(['ab', 'cd']);
    expect(await drain(iterableInput(Readable.from([Buffer.from('x\n'), Buffer.from('y\n')])), 10)).toEqual(['x\n', 'y\n']);
  });

  it('readableStreamInput reads a ReadableStream of bytes', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('line one\n'));
        c.enqueue(new TextEncoder().encode('line two\n'));
        c.close();
      },
    });
    expect(await drain(readableStreamInput(stream), 5)).toEqual(['line ', 'one\n', 'line ', 'two\n']);
  });
});
