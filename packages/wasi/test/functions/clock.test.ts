import { describe, expect, it } from 'vitest';
import { Clockid, Errno, realClock, virtualClock, type Clock } from '../../src/index';
import { Guest } from '../helpers/guest';

function time(g: Guest, id: number): [number, bigint] {
  const out = g.alloc(8);
  const e = g.call('clock_time_get', id, 1n, out);
  return [e, g.u64(out)];
}

describe('clock_time_get', () => {
  it('virtual clock by default: deterministic, starts at the epoch, advances', () => {
    const g = new Guest();
    const [e1, t1] = time(g, Clockid.MONOTONIC);
    const [, t2] = time(g, Clockid.MONOTONIC);
    expect(e1).toBe(Errno.success);
    expect(t2).toBeGreaterThan(t1);
    const [, rt] = time(g, Clockid.REALTIME);
    expect(rt).toBeLessThan(1_000_000_000n); // under a second after 1970: no host time leaks
    expect(new Guest().wasi.wasiImport).toBeTruthy();
  });
  it('real clock when granted', () => {
    const g = new Guest({ clock: realClock() });
    const [, rt] = time(g, Clockid.REALTIME);
    const now = BigInt(Date.now()) * 1_000_000n;
    expect(rt > now - 5_000_000_000n && rt < now + 5_000_000_000n).toBe(true);
    const [, m1] = time(g, Clockid.MONOTONIC);
    const [, m2] = time(g, Clockid.MONOTONIC);
    expect(m2 >= m1).toBe(true);
    expect(time(g, Clockid.PROCESS_CPUTIME_ID)[0]).toBe(Errno.success);
    expect(time(g, Clockid.THREAD_CPUTIME_ID)[0]).toBe(Errno.success);
  });
  it('unknown clock ids are inval, including negative ones', () => {
    const g = new Guest();
    expect(time(g, 4)[0]).toBe(Errno.inval);
    expect(time(g, -1)[0]).toBe(Errno.inval);
  });
  it('a clock the host does not provide is inval', () => {
    const partial: Clock = { now: (id) => (id === Clockid.REALTIME ? 5n : null), resolution: () => null, sleep: () => {} };
    const g = new Guest({ clock: partial });
    expect(time(g, Clockid.REALTIME)).toEqual([Errno.success, 5n]);
    expect(time(g, Clockid.MONOTONIC)[0]).toBe(Errno.inval);
    expect(g.call('clock_res_get', Clockid.REALTIME, g.alloc(8))).toBe(Errno.inval);
  });
  it('an injected clock is what the guest reads', () => {
    const g = new Guest({ clock: virtualClock({ epoch: 1_700_000_000_000_000_000n, step: 0n }) });
    expect(time(g, Clockid.REALTIME)).toEqual([Errno.success, 1_700_000_000_000_000_000n]);
  });
});

describe('clock_res_get', () => {
  it('reports a positive resolution for every clock', () => {
    for (const clock of [virtualClock(), realClock()]) {
      const g = new Guest({ clock });
      for (const id of [0, 1, 2, 3]) {
        const out = g.alloc(8);
        expect(g.call('clock_res_get', id, out)).toBe(Errno.success);
        expect(g.u64(out)).toBeGreaterThan(0n);
      }
      expect(g.call('clock_res_get', 9, g.alloc(8))).toBe(Errno.inval);
    }
  });
});
