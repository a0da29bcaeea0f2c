import { describe, expect, it } from 'vitest';
import { Clockid, Errno, Eventtype, MemoryFileSystem, realClock, virtualClock } from '../../src/index';
import { Guest, withFs } from '../helpers/guest';

type Sub =
  | { userdata: bigint; clock: number; timeout: bigint; abstime?: boolean }
  | { userdata: bigint; fd: number; write?: boolean }
  | { userdata: bigint; tag: number };

interface Ev { userdata: bigint; error: number; type: number; nbytes: bigint }

function poll(g: Guest, subs: Sub[]): { e: number; events: Ev[] } {
  const inp = g.alloc(48 * Math.max(subs.length, 1));
  subs.forEach((s, i) => {
    const p = inp + i * 48;
    g.view.setBigUint64(p, s.userdata, true);
    if ('clock' in s) {
      g.view.setUint8(p + 8, Eventtype.CLOCK);
      g.view.setUint32(p + 16, s.clock, true);
      g.view.setBigUint64(p + 24, s.timeout, true);
      g.view.setBigUint64(p + 32, 0n, true);
      g.view.setUint16(p + 40, s.abstime ? 1 : 0, true);
    } else if ('fd' in s) {
      g.view.setUint8(p + 8, s.write ? Eventtype.FD_WRITE : Eventtype.FD_READ);
      g.view.setUint32(p + 16, s.fd, true);
    } else {
      g.view.setUint8(p + 8, s.tag);
    }
  });
  const out = g.alloc(32 * Math.max(subs.length, 1));
  const n = g.alloc(4);
  const e = g.call('poll_oneoff', inp, out, subs.length, n);
  const events: Ev[] = [];
  for (let i = 0; i < (e === 0 ? g.u32(n) : 0); i++) {
    const p = out + i * 32;
    events.push({ userdata: g.u64(p), error: g.u16(p + 8), type: g.u8(p + 10), nbytes: g.u64(p + 16) });
  }
  return { e, events };
}

function now(g: Guest, id: number = Clockid.MONOTONIC): bigint {
  const p = g.alloc(8);
  g.call('clock_time_get', id, 0n, p);
  return g.u64(p);
}

describe('poll_oneoff', () => {
  it('zero subscriptions is inval; an unknown tag is inval', () => {
    const g = new Guest();
    expect(poll(g, []).e).toBe(Errno.inval);
    expect(poll(g, [{ userdata: 1n, tag: 7 }]).e).toBe(Errno.inval);
  });
  it('a relative clock advances virtual time without waiting', () => {
    const g = new Guest({ clock: virtualClock() });
    const before = now(g);
    const start = performance.now();
    const r = poll(g, [{ userdata: 9n, clock: Clockid.MONOTONIC, timeout: 5_000_000_000n }]);
    expect(r).toEqual({ e: Errno.success, events: [{ userdata: 9n, error: 0, type: Eventtype.CLOCK, nbytes: 0n }] });
    expect(now(g) - before).toBeGreaterThanOrEqual(5_000_000_000n);
    expect(performance.now() - start).toBeLessThan(1000);
  });
  it('the earliest of several clocks fires; later ones do not', () => {
    const g = new Guest();
    const r = poll(g, [
      { userdata: 1n, clock: Clockid.MONOTONIC, timeout: 3_000_000n },
      { userdata: 2n, clock: Clockid.MONOTONIC, timeout: 1_000_000n },
      { userdata: 3n, clock: Clockid.REALTIME, timeout: 9_000_000n },
    ]);
    expect(r.events.map((e) => e.userdata)).toEqual([2n]);
  });
  it('absolute clocks: a past deadline fires at once, a future one after sleeping to it', () => {
    const g = new Guest();
    const t = now(g, Clockid.REALTIME);
    expect(poll(g, [{ userdata: 1n, clock: Clockid.REALTIME, timeout: t - 1n, abstime: true }]).events).toHaveLength(1);
    const deadline = now(g) + 2_000_000_000n;
    expect(poll(g, [{ userdata: 2n, clock: Clockid.MONOTONIC, timeout: deadline, abstime: true }]).events[0]!.userdata).toBe(2n);
    expect(now(g)).toBeGreaterThanOrEqual(deadline);
  });
  it('a real clock really waits', () => {
    const g = new Guest({ clock: realClock() });
    const start = performance.now();
    expect(poll(g, [{ userdata: 1n, clock: Clockid.MONOTONIC, timeout: 30_000_000n }]).events).toHaveLength(1);
    expect(performance.now() - start).toBeGreaterThanOrEqual(29);
  });
  it('regular files are always ready; reads report the bytes left', () => {
    const g = withFs(new MemoryFileSystem({ f: '0123456789' }));
    const fd = g.openOk(3, 'f');
    g.read(fd, 4);
    const r = poll(g, [{ userdata: 1n, fd }, { userdata: 2n, fd, write: true }, { userdata: 3n, clock: Clockid.MONOTONIC, timeout: 10n ** 12n }]);
    expect(r.events).toEqual([
      { userdata: 1n, error: 0, type: Eventtype.FD_READ, nbytes: 6n },
      { userdata: 2n, error: 0, type: Eventtype.FD_WRITE, nbytes: 0n },
    ]);
  });
  it('stdio with a timeout: stdout and stderr are writable before it (poll_oneoff_stdio)', () => {
    const g = new Guest({ stdin: 'x' });
    const before = now(g);
    const r = poll(g, [
      { userdata: 0n, clock: Clockid.MONOTONIC, timeout: 200_000_000_000n },
      { userdata: 1n, fd: 0 },
      { userdata: 2n, fd: 1, write: true },
      { userdata: 3n, fd: 2, write: true },
    ]);
    expect(r.events.map((e) => [e.userdata, e.type, e.error])).toEqual([
      [1n, Eventtype.FD_READ, 0], [2n, Eventtype.FD_WRITE, 0], [3n, Eventtype.FD_WRITE, 0],
    ]);
    expect(now(g) - before).toBeLessThan(200_000_000_000n);
  });
  it('bad fds and unknown clocks are reported in their events', () => {
    const g = new Guest();
    const r = poll(g, [{ userdata: 1n, fd: 77 }, { userdata: 2n, clock: 42, timeout: 0n }]);
    expect(r.e).toBe(Errno.success);
    expect(r.events).toEqual([
      { userdata: 1n, error: Errno.badf, type: Eventtype.FD_READ, nbytes: 0n },
      { userdata: 2n, error: Errno.inval, type: Eventtype.CLOCK, nbytes: 0n },
    ]);
  });
});
