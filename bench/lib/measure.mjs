// Timing one program on one engine.
import { performance } from 'node:perf_hooks';
import { ENTRY } from '../programs.mjs';
import { median, spread } from './stats.mjs';
import { sameResult, showResult } from './compare.mjs';

/**
 * Instantiates `bytes` with the given WebAssembly namespace and times `runs`
 * calls of bench_run(arg) after `warmup` untimed ones. Every call must
 * return the same result, or the program (or the engine) is not
 * deterministic and comparing engines would be meaningless.
 */
export async function measure(W, bytes, arg, { warmup, runs }) {
  const t0 = performance.now();
  const { instance } = await W.instantiate(bytes, {});
  const loadMs = performance.now() - t0;
  const run = instance.exports[ENTRY];
  if (typeof run !== 'function') throw new Error(`module has no exported function ${ENTRY}`);
  let result;
  const check = (r) => {
    if (result === undefined) result = r;
    else if (!sameResult(r, result)) throw new Error(`nondeterministic: ${showResult(r)} after ${showResult(result)}`);
  };
  for (let i = 0; i < warmup; i++) check(run(arg));
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const r = run(arg);
    times.push(performance.now() - start);
    check(r);
  }
  return { result, ms: median(times), spread: spread(times), loadMs };
}
