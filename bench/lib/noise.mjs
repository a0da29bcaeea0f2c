// How trustworthy are the timings? The benchmark machine is shared (other
// builds and tests run beside it), so we say how busy it was rather than
// pretend the numbers are precise.
import os from 'node:os';

/** A one-line description of the machine and its load right now. */
export function machineLine() {
  const [l1, l5] = os.loadavg();
  const cpus = os.cpus();
  return `${cpus.length} CPU(s) (${cpus[0]?.model?.trim() ?? 'unknown'}), load average ${l1.toFixed(2)} (1 min) ${l5.toFixed(2)} (5 min), Node ${process.version}`;
}

/** True when other work competes for the CPUs, so timings are likely inflated. */
export function machineBusy() {
  return os.loadavg()[0] > os.cpus().length * 0.5;
}
