import { describe, expect, it } from 'vitest';
import { CliError } from '../src/errors.js';
import { compileWat } from '../src/wat.js';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('compileWat', () => {
  it('compiles text with its names kept', async () => {
    const bytes = await compileWat('ok.wat', text('(module (func $f))'));
    expect(new TextDecoder('latin1').decode(bytes)).toContain('name');
  });

  it('compiles 3.0 text (GC types, try_table)', async () => {
    const bytes = await compileWat('gc.wat', text('(module (type $s (struct (field i32))) (tag $e) (func (try_table (catch_all 0))))'));
    expect(bytes[8]).toBe(1); // the type section comes first
  });

  it('reports file, line and column of a syntax error', async () => {
    const error = await compileWat('d/bad.wat', text('(module\n  (func i32.frobnicate))')).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toBe('d/bad.wat:2:9: error: unknown operator i32.frobnicate');
  });

  it('rejects text that is not UTF-8', async () => {
    const error = await compileWat('x.wat', Uint8Array.of(0x28, 0xff, 0x29)).then(() => undefined, (e: unknown) => e);
    expect((error as CliError).message).toBe('x.wat: error: malformed UTF-8 encoding');
  });
});
