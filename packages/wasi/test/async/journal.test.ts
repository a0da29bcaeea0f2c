/** The journal: host operations performed once, functions replayed with the recorded answers. */
import { describe, expect, it } from 'vitest';
import { Journal, WasiSuspend } from '../../src/async/journal';

const later = <T>(v: T, ms = 1): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(v), ms));

describe('Journal', () => {
  it('returns synchronously when nothing waits', () => {
    const j = new Journal();
    expect(j.run(() => j.perform('a', () => 1) + j.perform('b', () => 2))).toBe(3);
  });

  it('replays a function until its operations have answered, performing each once', async () => {
    const j = new Journal();
    const performed: string[] = [];
    let runs = 0;
    const fn = (): string => {
      runs++;
      const a = j.perform('a', () => (performed.push('a'), later('x')));
      const b = j.perform('b', () => (performed.push('b'), 'y'));
      const c = j.perform('c', () => (performed.push('c'), later('z')));
      return a + b + c;
    };
    const r = j.run(fn);
    expect(r).toBeInstanceOf(Promise);
    expect(await r).toBe('xyz');
    expect(performed).toEqual(['a', 'b', 'c']);
    expect(runs).toBe(3);
  });

  it('records rejections and synchronous throws, and replays them as throws', async () => {
    const j = new Journal();
    let calls = 0;
    const r = j.run(() => {
      try {
        j.perform('fails', () => (calls++, Promise.reject(new Error('nope'))));
      } catch (e) {
        if (e instanceof WasiSuspend) throw e;
        return `caught ${(e as Error).message}`;
      }
      return 'not reached';
    });
    expect(await r).toBe('caught nope');
    expect(calls).toBe(1);
  });

  it('still waits and replays when the function swallowed the suspension', async () => {
    const j = new Journal();
    const seen: unknown[] = [];
    const r = j.run(() => {
      try {
        seen.push(j.perform('a', () => later(7)));
      } catch {
        /* swallowed, as an fd table ignoring close errors would */
      }
      return seen.length;
    });
    expect(await r).toBe(1);
    expect(seen).toEqual([7]);
  });

  it('rethrows the suspension to every operation of the run that unwinds', () => {
    const j = new Journal();
    let second = 0;
    void j.run(() => {
      try {
        j.perform('a', () => later(1));
      } catch {
        // Cleanup code running during the unwinding must not start new operations.
        expect(j.unwinding).toBe(true);
        expect(() => j.perform('cleanup', () => (second++, 0))).toThrow(WasiSuspend);
      }
      return 0;
    });
    expect(second).toBe(0);
  });

  it('waits for a barrier before a new operation, without recording it', async () => {
    const j = new Journal();
    let open = true;
    const gate = later(undefined, 5).then(() => void (open = false));
    const r = j.run(() => j.perform('op', () => (open ? 'too early' : 'after the barrier'), () => (open ? gate : null)));
    expect(await r).toBe('after the barrier');
  });

  it('refuses a replay that diverges, and a promise outside a call', async () => {
    const j = new Journal();
    let n = 0;
    const r = j.run(() => (n++ === 0 ? j.perform('a', () => later(1)) : j.perform('b', () => 2)));
    await expect(r).rejects.toThrow(/replay diverged \(recorded a, now b\)/);
    expect(() => j.perform('x', () => later(1))).toThrow(/cannot wait/);
  });

  it('keeps per-call scratch across replays, and a fresh one per call', async () => {
    const j = new Journal();
    const token = {};
    const marks: boolean[] = [];
    await j.run(() => {
      marks.push(j.scratch()!.has(token));
      j.scratch()!.add(token);
      return j.perform('a', () => later(0));
    });
    await j.run(() => void marks.push(j.scratch()!.has(token)));
    expect(marks).toEqual([false, true, false]);
    expect(j.scratch()).toBeNull();
  });
});
