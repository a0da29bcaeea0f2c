// Runs one measurement in a worker thread. Each (program, engine) pair gets
// a fresh thread so that (a) a hang or runaway recursion in an engine under
// development can be cut off by a timeout instead of stalling the whole
// run, and (b) the JIT feedback an interpreter's dispatch loop gathers on
// one program does not speed up or slow down the next one.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { engineNamespace } from './engines.mjs';
import { measure } from './measure.mjs';

/**
 * Measures in a worker; resolves to measure()'s result, or rejects with the
 * engine's error, or with a timeout error after `timeoutMs`.
 */
export function measureInWorker({ engine, wasmPath, arg, warmup, runs, timeoutMs }) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), {
      workerData: { engine, wasmPath, arg, warmup, runs },
    });
    const timer = setTimeout(() => {
      worker.terminate();
      reject(new Error(`timed out after ${timeoutMs / 1000} s`));
    }, timeoutMs);
    worker.once('message', (msg) => {
      clearTimeout(timer);
      worker.terminate();
      if (msg.ok) resolve(msg.value);
      else reject(new Error(msg.error));
    });
    worker.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    worker.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with code ${code} before reporting`));
    });
  });
}

if (!isMainThread) {
  const { engine, wasmPath, arg, warmup, runs } = workerData;
  try {
    const W = await engineNamespace(engine);
    const value = await measure(W, readFileSync(wasmPath), arg, { warmup, runs });
    parentPort.postMessage({ ok: true, value });
  } catch (err) {
    // A RuntimeError's message is what we want to show (e.g. "unreachable");
    // keep its class name so a trap is told apart from a bug in the engine.
    parentPort.postMessage({ ok: false, error: `${err?.name ?? 'Error'}: ${err?.message ?? err}` });
  }
}
