import { describe, expect, it } from 'vitest';
import { CliError } from '../src/errors.js';
import { compileWat } from '../src/wat.js';

const bad = new TextEncoder().encode('(module (func i32.frobnicate))');

describe('compileWat', () => {
  it('compiles text with its names kept', async () => {
    const bytes = await compileWat('ok.wat', new TextEncoder().encode('(module (func $f))'));
    expect(new TextDecoder('latin1').decode(bytes)).toContain('name');
  });

  // wabt's binding leaves the file name unterminated in wasm memory, so the bytes after it leak into
  // the diagnostic for some name lengths; every length must come out as the name the user gave.
  it('names the file exactly as given in a syntax error, whatever its length', async () => {
    for (let length = 1; length <= 96; length++) {
      const name = `${'d/'.repeat(length >> 1)}${'x'.repeat(length & 1)}.wat`;
      const error = await compileWat(name, bad).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).message).toMatch(new RegExp(`^${name.replace(/\./g, '\\.')}:1:15: error: unexpected token`));
    }
  });
});
