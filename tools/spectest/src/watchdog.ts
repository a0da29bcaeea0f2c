/**
 * A watchdog for engines that hang.
 *
 * An engine bug can loop forever inside a synchronous `invoke`, and then nothing in the main
 * thread runs again: no timer, no report. So the watch runs in a worker thread. The main thread
 * publishes which command it is running (in shared memory, one atomic store per command); the
 * worker checks once a second, and when a command has run longer than the limit it names the
 * script and line on stderr and kills the process (exit status 137: a failure, never a pass).
 */
import { Worker } from 'node:worker_threads';

/** Plain JS evaluated in the worker: no TypeScript loader there. */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const state = new Int32Array(workerData.buffer);
const limitMs = workerData.limitMs;
setInterval(() => {
  const script = Atomics.load(state, 0);
  if (script < 0) return;
  const started = Atomics.load(state, 2) * 1000 + Atomics.load(state, 3);
  const now = Date.now() % 2147483648000;
  if (now - started > limitMs) {
    const name = workerData.scripts[script];
    const line = Atomics.load(state, 1);
    writeSync(2, '\\nspectest: ' + name + ':' + line + ' has run for more than ' + limitMs / 1000 + ' s: stopping the run (--timeout to change).\\n');
    process.kill(process.pid, 'SIGKILL');
  }
}, 1000);
`;

export class Watchdog {
  /** [script index or -1, line, start time in s, start time ms part]. */
  private readonly state = new Int32Array(new SharedArrayBuffer(16));
  private readonly worker: Worker;

  constructor(scripts: readonly string[], limitSeconds: number) {
    this.state[0] = -1;
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { buffer: this.state.buffer, scripts, limitMs: limitSeconds * 1000 } });
    // The watch must not keep the process alive once the run is over.
    this.worker.unref();
  }

  /** Marks the start of the command at `line` of script number `script`. */
  enter(script: number, line: number): void {
    const now = Date.now() % 2147483648000;
    Atomics.store(this.state, 2, Math.floor(now / 1000));
    Atomics.store(this.state, 3, now % 1000);
    Atomics.store(this.state, 1, line);
    Atomics.store(this.state, 0, script);
  }

  /** Nothing is running (between scripts). */
  idle(): void {
    Atomics.store(this.state, 0, -1);
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
