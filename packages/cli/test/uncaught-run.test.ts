/**
 * End-to-end: a Wasm exception that the guest does not catch ends `rt run` as a trap does
 * (exit 134), with the tag (and the names it is exported as) and the payload.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, rt } from './helpers/cli.js';

const fixture = path.join(FIXTURES, 'uncaught.wat');

describe('rt run: uncaught exceptions', () => {
  it('past a handler for another tag, out of _start', () => {
    const r = rt(['run', fixture]);
    expect(r.code).toBe(134);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: uncaught exception: tag 0 (exported as "error") with payload i32 42, f64 2.5\n');
  });

  it('out of --invoke, with a tag that is not exported', () => {
    const r = rt(['run', '--invoke', 'other', fixture]);
    expect(r.code).toBe(134);
    expect(r.stderr).toBe('error: uncaught exception: tag 1 with payload i64 -1\n');
  });
});
