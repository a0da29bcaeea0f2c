/**
 * End-to-end cases of async WASI: real C programs (test/programs, wasi-libc) run through
 * `AsyncWASI` on a `WebAssembly` namespace with JSPI. Engine- and runner-agnostic: vitest runs
 * them on rt's `createWebAssembly()` (test/async-programs.test.ts) and tools/jspi-tests runs them
 * on Deno's native JSPI (`pnpm --filter @rt/jspi-tests run wasi`). So this file imports nothing:
 * the package (source or built), the namespace and the program loader are passed in, and a case
 * fails by throwing.
 */
import type * as RtWasi from '../../src/index';

/** A `WebAssembly` namespace with JSPI, as far as the cases use it. */
export interface JspiEngine {
  Suspending: RtWasi.JspiNamespace['Suspending'];
  promising: RtWasi.JspiNamespace['promising'];
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
}

/** What a case gets. */
export interface CaseContext {
  /** `@rt/wasi`. */
  wasi: typeof RtWasi;
  /** The engine's namespace. */
  engine: JspiEngine;
  /** The bytes of test/programs/NAME.wasm. */
  program(name: string): Uint8Array;
}

/** One case. */
export interface ProgramCase {
  name: string;
  run(ctx: CaseContext): Promise<void>;
}

function expectEqual(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}:\n  expected ${e}\n  got      ${a}`);
}

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const decode = (b: Uint8Array): string => new TextDecoder().decode(b);

/** Runs `name` through AsyncWASI; returns the exit code and what went to stdout/stderr. */
async function runAsync(
  ctx: CaseContext, name: string, options: Omit<RtWasi.AsyncWASIOptions, 'WebAssembly'>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = ctx.wasi.collectOutput();
  const stderr = ctx.wasi.collectOutput();
  const wasi = new ctx.wasi.AsyncWASI({ stdout, stderr, ...options, WebAssembly: ctx.engine });
  const { instance } = await ctx.engine.instantiate(ctx.program(name), wasi.getImportObject());
  const code = await wasi.startAsync(instance);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** The same program through the synchronous WASI (the reference). */
async function runSync(ctx: CaseContext, name: string, options: RtWasi.WASIOptions): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = ctx.wasi.collectOutput();
  const stderr = ctx.wasi.collectOutput();
  const wasi = new ctx.wasi.WASI({ stdout, stderr, ...options });
  const { instance } = await ctx.engine.instantiate(ctx.program(name), wasi.getImportObject());
  const code = wasi.start(instance);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** Programs of test/programs that check themselves, run both ways over a memory file system. */
const SAME_AS_SYNC: Array<{ name: string; args: string[]; stdin?: string; code?: number }> = [
  { name: 'files', args: ['files'] },
  { name: 'dirs', args: ['dirs'] },
  { name: 'links', args: ['links'] },
  { name: 'times', args: ['times'] },
  { name: 'clocks', args: ['clocks'] },
  { name: 'stdin', args: ['stdin'], stdin: 'some\ninput\nwith more lines than one read\n' },
  { name: 'cat', args: ['cat', 'a.txt', 'missing'] },
  { name: 'exit', args: ['exit', '33'], code: 33 },
];

/** Every case. */
export const programCases: ProgramCase[] = [
  {
    name: 'async_io: stdin from an async iterator, answered line by line, on an async file system',
    async run(ctx) {
      const events: string[] = [];
      async function* typed(): AsyncGenerator<string> {
        for (const line of ['first\n', 'second line\n', 'third\n']) {
          await tick(2);
          events.push(`typed ${line.trim()}`);
          yield line;
        }
      }
      const fs = new ctx.wasi.DeferredFileSystem(new ctx.wasi.MemoryFileSystem({ 'in.txt': 'hello, async world\n', sub: { x: '' } }));
      const out = ctx.wasi.collectOutput();
      const wasi = new ctx.wasi.AsyncWASI({
        WebAssembly: ctx.engine,
        args: ['async_io', 'in.txt', 'out.txt', '.', '-'],
        stdin: typed(),
        stdout: { write: (b) => { events.push(`printed ${decode(b).trim()}`); out.write(b); } },
        preopens: { '/': fs },
        onHostError: (fn, e) => { throw new Error(`host error in ${fn}: ${String(e)}`); },
      });
      const { instance } = await ctx.engine.instantiate(ctx.program('async_io'), wasi.getImportObject());
      expectEqual(await wasi.startAsync(instance), 0, 'exit code');
      expectEqual(out.text(), [
        'line 1: first', 'line 2: second line', 'line 3: third', 'stdin: 3 lines, 24 bytes',
        'in.txt: 19 bytes, hash 82009e95', 'out.txt: written through async WASI (3 lines read)', '.: in.txt out.txt sub', '',
      ].join('\n'), 'stdout');
      // Each line is answered before the next one is typed: the guest really waited for input.
      expectEqual(events.slice(0, 6), ['typed first', 'printed line 1: first', 'typed second line', 'printed line 2: second line', 'typed third', 'printed line 3: third'], 'order of events');
    },
  },
  {
    name: 'async_io: poll_oneoff sleeps on a timer without blocking the event loop',
    async run(ctx) {
      const events: string[] = [];
      let started = 0;
      const wasi = new ctx.wasi.AsyncWASI({
        WebAssembly: ctx.engine,
        args: ['async_io', '-', '-', '-', '60'],
        stdout: (b) => {
          events.push(decode(b).trim());
          // The program sleeps next: a timer due long before the sleep ends fires before the
          // program goes on only if the sleep leaves the event loop free.
          if (started === 0) {
            started = Date.now();
            setTimeout(() => events.push('timer'), 1);
          }
        },
        clock: ctx.wasi.realClock(),
      });
      const { instance } = await ctx.engine.instantiate(ctx.program('async_io'), wasi.getImportObject());
      expectEqual(await wasi.startAsync(instance), 0, 'exit code');
      expectEqual(events, ['stdin: 0 lines, 0 bytes', 'timer', 'slept 60 ms'], 'events');
      if (Date.now() - started < 55) throw new Error(`slept only ${Date.now() - started} ms`);
    },
  },
  {
    name: 'async_io: stdin from a ReadableStream and from a function, output to a WritableStream',
    async run(ctx) {
      const chunks = ['par', 'tial li', 'ne\nlast line without newline'];
      const stream = new ReadableStream<Uint8Array>({
        async pull(controller) {
          await tick(1);
          const c = chunks.shift();
          if (c === undefined) controller.close();
          else controller.enqueue(new TextEncoder().encode(c));
        },
      });
      const written: string[] = [];
      const sink = new WritableStream<Uint8Array>({ write: async (b) => { await tick(1); written.push(decode(b)); } });
      const expected = 'line 1: partial line\nline 2: last line without newline\nstdin: 2 lines, 38 bytes\n';
      const a = await runAsync(ctx, 'async_io', { args: ['async_io', '-', '-', '-', '-'], stdin: stream, stdout: sink });
      expectEqual([a.code, written.join('')], [0, expected], 'ReadableStream → WritableStream');
      const parts = ['partial line\n', 'last line without newline'];
      const b = await runAsync(ctx, 'async_io', { args: ['async_io', '-', '-', '-', '-'], stdin: async () => parts.shift() ?? null });
      expectEqual([b.code, b.stdout], [0, expected], 'function source');
    },
  },
  {
    name: 'async_io: files served over HTTP (FetchFileSystem), with and without range support',
    async run(ctx) {
      const content = new TextEncoder().encode('x'.repeat(5000) + '\nend\n');
      const requests: string[] = [];
      const serve = (ranges: boolean) => async (url: string, init?: { method?: string; headers?: Record<string, string> }): Promise<Response> => {
        requests.push(`${init?.method ?? 'GET'} ${url.replace('http://files.test/', '')}${init?.headers?.['Range'] ? ` ${init.headers['Range']}` : ''}`);
        if (!url.endsWith('/data/big.txt')) return new Response('not found', { status: 404 });
        if (init?.method === 'HEAD') return new Response(null, { headers: { 'content-length': String(content.length) } });
        const m = /^bytes=(\d+)-(\d+)$/.exec(init?.headers?.['Range'] ?? '');
        if (!ranges || !m) return new Response(content);
        const from = Number(m[1]);
        if (from >= content.length) return new Response(null, { status: 416 });
        return new Response(content.slice(from, Number(m[2]) + 1), { status: 206 });
      };
      for (const ranges of [true, false]) {
        requests.length = 0;
        const site = new ctx.wasi.FetchFileSystem('http://files.test/', { files: { 'data/big.txt': null, 'data/gone.txt': 10 }, fetch: serve(ranges) });
        const r = await runAsync(ctx, 'async_io', { args: ['async_io', 'data/big.txt', 'new.txt', 'data', '-'], preopens: { '/': site } });
        expectEqual(r.stdout, [
          'stdin: 0 lines, 0 bytes', 'data/big.txt: 5005 bytes, hash d31ba110',
          'create new.txt: Read-only file system', 'data: big.txt gone.txt', '',
        ].join('\n'), `stdout (server ${ranges ? 'with' : 'without'} ranges)`);
        const gets = requests.filter((q) => q.startsWith('GET'));
        if (ranges ? gets.length < 2 || !gets.every((q) => q.includes('bytes=')) : gets.length !== 1) {
          throw new Error(`unexpected requests: ${requests.join(', ')}`);
        }
      }
    },
  },
  {
    name: 'async_io: failures of async operations reach the guest as errnos',
    async run(ctx) {
      const memory = new ctx.wasi.MemoryFileSystem({ 'in.txt': 'data\n' });
      const deferred = new ctx.wasi.DeferredFileSystem(memory);
      const hostErrors: string[] = [];
      // A store whose reads fail with a host error (not a WasiError): the guest gets EIO.
      const broken: RtWasi.AsyncFileSystem<RtWasi.MemoryNode> = {
        root: deferred.root,
        lookup: (d, n) => deferred.lookup(d, n), stat: (n) => deferred.stat(n), readdir: (d) => deferred.readdir(d),
        readlink: (n) => deferred.readlink(n), createFile: (d, n) => deferred.createFile(d, n),
        createDirectory: (d, n) => deferred.createDirectory(d, n), symlink: (t, d, n) => deferred.symlink(t, d, n),
        link: (a, d, n) => deferred.link(a, d, n), unlink: (d, n) => deferred.unlink(d, n),
        removeDirectory: (d, n) => deferred.removeDirectory(d, n), rename: (a, b, c, d) => deferred.rename(a, b, c, d),
        setTimes: (n, a, m) => deferred.setTimes(n, a, m),
        open: async (n, a) => ({ ...(await deferred.open(n, a)), read: () => Promise.reject(new Error('disk on fire')) }),
      };
      const r = await runAsync(ctx, 'async_io', {
        args: ['async_io', 'in.txt', '-', 'missing', '-'], preopens: { '/': broken },
        onHostError: (fn, e) => void hostErrors.push(`${fn}: ${(e as Error).message}`),
      });
      // fgetc sees EIO as the end of its input: nothing was read.
      expectEqual(r.stdout, 'stdin: 0 lines, 0 bytes\nin.txt: 0 bytes, hash 00001505\nopendir missing: No such file or directory\n', 'stdout');
      expectEqual(hostErrors, ['fd_read: disk on fire'], 'host errors');
    },
  },
  ...SAME_AS_SYNC.map((p): ProgramCase => ({
    name: `${p.name}: the same output through AsyncWASI over an async file system as through WASI`,
    async run(ctx) {
      const tree = { 'a.txt': 'contents of a\n' };
      const sync = await runSync(ctx, p.name, { args: p.args, env: { LANG: 'C' }, stdin: p.stdin ?? '', preopens: { '/': new ctx.wasi.MemoryFileSystem(tree) } });
      const async = await runAsync(ctx, p.name, {
        args: p.args, env: { LANG: 'C' }, stdin: p.stdin ?? '',
        preopens: { '/': new ctx.wasi.DeferredFileSystem(new ctx.wasi.MemoryFileSystem(tree)) },
        onHostError: (fn, e) => { throw new Error(`host error in ${fn}: ${String(e)}`); },
      });
      if (sync.stdout.includes('FAIL')) throw new Error(`the program fails even synchronously:\n${sync.stdout}`);
      expectEqual(async, sync, 'async run vs sync run');
      expectEqual(async.code, p.code ?? 0, 'exit code');
    },
  })),
];
