import { describe, expect, it } from 'vitest';
import { Errno } from '../../src/index';
import { Guest } from '../helpers/guest';

function sizes(g: Guest, fn: string): [number, number] {
  const c = g.alloc(4);
  const s = g.alloc(4);
  expect(g.call(fn, c, s)).toBe(Errno.success);
  return [g.u32(c), g.u32(s)];
}

function strings(g: Guest, fn: string, count: number, size: number): string[] {
  const ptrs = g.alloc(count * 4);
  const buf = g.alloc(size);
  expect(g.call(fn, ptrs, buf)).toBe(Errno.success);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const p = g.u32(ptrs + i * 4);
    let end = p;
    while (g.u8(end) !== 0) end++;
    out.push(g.text(p, end - p));
  }
  expect(g.u8(buf + size - 1)).toBe(0);
  return out;
}

describe('args_sizes_get / args_get', () => {
  it('counts UTF-8 bytes plus a NUL per argument', () => {
    const g = new Guest({ args: ['prog', 'héllo', '日本語', ''] });
    expect(sizes(g, 'args_sizes_get')).toEqual([4, 5 + 7 + 10 + 1]);
    expect(strings(g, 'args_get', 4, 23)).toEqual(['prog', 'héllo', '日本語', '']);
  });
  it('no arguments at all by default', () => {
    const g = new Guest();
    expect(sizes(g, 'args_sizes_get')).toEqual([0, 0]);
    expect(g.call('args_get', g.alloc(4), g.alloc(4))).toBe(Errno.success);
  });
  it('a pointer outside memory traps rather than corrupting', () => {
    const g = new Guest({ args: ['x'] });
    expect(() => g.call('args_sizes_get', 4 * 65536 - 2, 0)).toThrow(/out of bounds/);
  });
});

describe('environ_sizes_get / environ_get', () => {
  it('exactly the configured variables, with quotes and newlines intact', () => {
    const g = new Guest({ env: { A: '1', QUOTED: 'say "hi"\nbye', UNICODE: 'ü' } });
    const [n, size] = sizes(g, 'environ_sizes_get');
    expect([n, size]).toEqual([3, 4 + 20 + 11]);
    expect(strings(g, 'environ_get', n, size)).toEqual(['A=1', 'QUOTED=say "hi"\nbye', 'UNICODE=ü']);
  });
  it('empty by default (no host environment leaks)', () => {
    expect(sizes(new Guest(), 'environ_sizes_get')).toEqual([0, 0]);
  });
});
