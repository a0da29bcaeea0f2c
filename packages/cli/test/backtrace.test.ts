/**
 * Backtrace extraction and formatting, for engines that attach Wasm frames to their traps
 * (`@rt/interp`'s `Trap.wasmFrames`, or a V8-style stack).
 */
import { decode } from '@rt/binary';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatBacktrace, framesOf, omittedOf } from '../src/backtrace.js';
import { EXAMPLES } from './helpers/cli.js';

const hello = decode(readFileSync(path.join(EXAMPLES, 'hello/hello.wasm')));
const nameOf = (n: string): number => [...hello.names!.functions].find(([, v]) => v === n)![0];

describe('framesOf', () => {
  it('reads wasmFrames (preferred) or frames', () => {
    const e = Object.assign(new Error('unreachable'), { wasmFrames: [{ funcIndex: 3, offset: 0x1a }, { funcIndex: 5 }] });
    expect(framesOf(e)).toEqual([{ funcIndex: 3, offset: 0x1a }, { funcIndex: 5, offset: null }]);
    expect(framesOf(Object.assign(new Error('x'), { frames: [{ funcIndex: 1, offset: 2 }] }))).toEqual([{ funcIndex: 1, offset: 2 }]);
  });

  it('reads a V8-style stack', () => {
    const e = new Error('unreachable');
    e.stack = 'RuntimeError: unreachable\n    at wasm://wasm/abc:wasm-function[7]:0x1f2\n    at wasm://wasm/abc:wasm-function[2]:0x99';
    expect(framesOf(e)).toEqual([{ funcIndex: 7, offset: 0x1f2 }, { funcIndex: 2, offset: 0x99 }]);
  });

  it('null when there are none', () => {
    expect(framesOf(new Error('plain'))).toBeNull();
    expect(framesOf('not an error')).toBeNull();
  });
});

describe('formatBacktrace', () => {
  it('names frames from the name section, innermost first, with offsets', () => {
    const text = formatBacktrace([{ funcIndex: nameOf('fwrite'), offset: 0x400 }, { funcIndex: nameOf('_start'), offset: null }], hello, 'hello.wasm');
    expect(text).toBe('wasm backtrace:\n     0: 0x400 - hello.wasm!fwrite\n     1:     ? - hello.wasm!_start\n');
  });

  it('unnamed functions and collapsed recursion', () => {
    const frames = [{ funcIndex: 9999, offset: 0x10 }, ...Array.from({ length: 500 }, () => ({ funcIndex: 9999, offset: 0x20 }))];
    expect(formatBacktrace(frames, hello, 'm.wasm')).toBe(
      'wasm backtrace:\n     0: 0x10 - m.wasm!<wasm function 9999>\n     1: 0x20 - m.wasm!<wasm function 9999>\n        ... the frame above repeated 499 more times\n',
    );
  });

  it('counts the frames the engine left out', () => {
    const e = Object.assign(new Error('call stack exhausted'), { wasmFrames: [{ funcIndex: 9999, offset: 0x10 }], wasmFramesOmitted: 400 });
    expect(omittedOf(e)).toBe(400);
    expect(omittedOf(new Error('x'))).toBe(0);
    expect(formatBacktrace(framesOf(e), hello, 'm.wasm', omittedOf(e))).toBe(
      'wasm backtrace:\n     0: 0x10 - m.wasm!<wasm function 9999>\n        ... 400 outer frames not recorded\n',
    );
  });

  it('says when no frames are available', () => {
    expect(formatBacktrace(null, hello, 'm')).toMatch(/^wasm backtrace: not available/);
  });
});
