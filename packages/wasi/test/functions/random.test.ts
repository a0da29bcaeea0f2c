import { describe, expect, it } from 'vitest';
import { Errno, seededRandom } from '../../src/index';
import { Guest } from '../helpers/guest';

describe('random_get', () => {
  it('length 0 succeeds', () => {
    expect(new Guest().call('random_get', 0, 0)).toBe(Errno.success);
  });
  it('fills buffers larger than the 64 KiB getRandomValues limit', () => {
    const g = new Guest({}, 8);
    const p = g.alloc(200_000);
    expect(g.call('random_get', p, 200_000)).toBe(Errno.success);
    const bytes = g.bytes.subarray(p, p + 200_000);
    // The last chunk is filled too, and the bytes look random.
    expect(bytes.subarray(190_000).some((b) => b !== 0)).toBe(true);
    expect(new Set(bytes).size).toBe(256);
  });
  it('uses an injected source', () => {
    const a = new Guest({ random: seededRandom(42) });
    const b = new Guest({ random: seededRandom(42) });
    const pa = a.alloc(32);
    const pb = b.alloc(32);
    a.call('random_get', pa, 32);
    b.call('random_get', pb, 32);
    expect(a.bytes.slice(pa, pa + 32)).toEqual(b.bytes.slice(pb, pb + 32));
  });
  it('traps on a buffer past the end of memory', () => {
    const g = new Guest({}, 1);
    expect(() => g.call('random_get', 65530, 100)).toThrow(/out of bounds/);
  });
});
