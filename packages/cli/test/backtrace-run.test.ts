/**
 * End-to-end: the Wasm backtrace `rt run` prints when the guest traps, from the frames the
 * engine attaches. The expected offsets were read off `wasm-objdump -d` of the same bytes; where
 * wabt's `wasm-objdump` is installed, the last test checks every printed frame against it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileWat } from '../src/wat.js';
import { FIXTURES, rt } from './helpers/cli.js';

const fixture = (name: string): string => path.join(FIXTURES, name);
const tmp = mkdtempSync(path.join(tmpdir(), 'rt-cli-bt-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('rt run: wasm backtraces', () => {
  it('a division by zero three calls deep: each frame named, at the trap and at the calls', () => {
    const r = rt(['run', fixture('backtrace.wat')]);
    expect(r.code).toBe(134);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'error: integer divide by zero',
        'wasm backtrace:',
        '     0: 0x42 - backtrace.wat!divide', // i32.div_s
        '     1: 0x4a - backtrace.wat!middle', // call 0 <divide>
        '     2: 0x51 - backtrace.wat!start', // call 1 <middle>
        '',
      ].join('\n'),
    );
  });

  it('unreachable three calls deep', () => {
    const r = rt(['run', fixture('trap.wat')]);
    expect(r.code).toBe(134);
    expect(r.stderr).toBe(['error: unreachable', 'wasm backtrace:', '     0: 0x33 - trap.wat!fail', '     1: 0x37 - trap.wat!run', '     2: 0x3c - trap.wat!start', ''].join('\n'));
  });

  it('a trap inside --invoke has the invoked function (unnamed here) as its frame', () => {
    const r = rt(['run', '--invoke', 'div', fixture('math.wat'), '1', '0']);
    expect(r.code).toBe(134);
    expect(r.stderr.split('\n').slice(0, 2)).toEqual(['error: integer divide by zero', 'wasm backtrace:']);
    expect(r.stderr.split('\n').slice(2)).toEqual([expect.stringMatching(/^ {5}0: 0x[0-9a-f]+ - math\.wat!<wasm function \d+>$/), '']);
  });

  it('call stack exhaustion: recursion collapsed, frames beyond the engine\'s 100 counted', () => {
    const r = rt(['run', '--max-call-depth', '300', '--invoke', 'depth', fixture('math.wat'), '500']);
    expect(r.code).toBe(134);
    const lines = r.stderr.split('\n');
    expect(lines.slice(0, 2)).toEqual(['error: call stack exhausted', 'wasm backtrace:']);
    expect(lines[2]).toMatch(/^ {5}0: 0x[0-9a-f]+ - math\.wat!depth$/);
    expect(lines[3]).toBe('        ... the frame above repeated 99 more times');
    expect(lines[4]).toMatch(/^ {8}\.\.\. \d+ outer frames not recorded$/);
    const omitted = Number(/(\d+) outer/.exec(lines[4]!)![1]);
    expect(100 + omitted).toBeGreaterThan(290);
    expect(100 + omitted).toBeLessThanOrEqual(300);
  });

  const objdump = spawnSync('wasm-objdump', ['--version'], { encoding: 'utf8' });
  it.skipIf(objdump.error !== undefined || objdump.status !== 0)('every frame is at the instruction wasm-objdump shows there', async () => {
    const file = path.join(tmp, 'backtrace.wasm');
    writeFileSync(file, await compileWat('backtrace.wat', new Uint8Array(readFileSync(fixture('backtrace.wat')))));
    const dis = spawnSync('wasm-objdump', ['-d', file], { encoding: 'utf8' }).stdout;
    // ` 00004a: 10 00 | call 0 <divide>` → offset → instruction text
    const at = new Map([...dis.matchAll(/^ ([0-9a-f]{6}): [^|]*\| (.*)$/gm)].map((m) => [parseInt(m[1]!, 16), m[2]!.trim()]));
    const r = rt(['run', file]);
    const frames = [...r.stderr.matchAll(/^ +\d+: 0x([0-9a-f]+) - backtrace\.wasm!(\w+)$/gm)].map((m) => ({ offset: parseInt(m[1]!, 16), name: m[2]! }));
    expect(frames.map((f) => f.name)).toEqual(['divide', 'middle', 'start']);
    expect(at.get(frames[0]!.offset)).toBe('i32.div_s');
    for (let i = 1; i < frames.length; i++) expect(at.get(frames[i]!.offset)).toMatch(new RegExp(`^call \\d+ <${frames[i - 1]!.name}>$`));
  });
});
