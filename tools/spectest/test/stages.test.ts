import { describe, expect, it } from 'vitest';
import { makeDecodeStage } from '../src/stages/decode.js';

class DecodeError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const MODULE = Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0);

describe('decode stage', () => {
  it('returns the module, or the DecodeError message and offset', () => {
    const ok = makeDecodeStage((b) => ({ size: b.length }), DecodeError);
    expect(ok.decode(MODULE)).toEqual({ ok: true, module: { size: 8 } });
    const rejecting = makeDecodeStage(() => {
      throw new DecodeError('unexpected end', 3);
    }, DecodeError);
    expect(rejecting.decode(MODULE)).toEqual({ ok: false, kind: 'rejected', message: 'unexpected end', offset: 3 });
  });

  it('reports other exceptions as crashes', () => {
    const crashing = makeDecodeStage(() => {
      throw new TypeError('oops');
    }, DecodeError);
    expect(crashing.decode(MODULE)).toMatchObject({ ok: false, kind: 'crashed', message: 'TypeError: oops' });
  });

  it('gives the decoder a view with a byteOffset, so ignoring it shows', () => {
    const ignoresOffset = makeDecodeStage((b) => {
      if (new Uint8Array(b.buffer)[0] !== 0) throw new DecodeError('magic header not detected', 0);
      return {};
    }, DecodeError);
    expect(ignoresOffset.decode(MODULE)).toMatchObject({ ok: false, message: 'magic header not detected' });
  });

  it('catches a decoder that writes into its input, and keeps the caller bytes intact', () => {
    const input = MODULE.slice();
    const writer = makeDecodeStage((b) => {
      b[0] = 9;
      return {};
    }, DecodeError);
    expect(writer.decode(input)).toEqual({ ok: false, kind: 'crashed', message: 'decode wrote into its input' });
    expect(input).toEqual(MODULE);
  });
});
