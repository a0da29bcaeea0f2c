import { describe, expect, it } from 'vitest';
import { encodeModule } from '../src/wabt.js';
import { addDataCount } from '../src/wabt-fixups.js';
import type { ScriptModule } from '../src/reader/commands.js';

const enc = new TextEncoder();
const text = (s: string): ScriptModule => ({ name: undefined, line: 1, source: { kind: 'text', bytes: enc.encode(s) } });
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('encoding modules with wabt', () => {
  it('encodes text modules, keeps binary modules, skips quoted malformed ones', async () => {
    const r = await encodeModule(text('(module (func))'), 't');
    expect(r.ok && hex(r.bytes)).toBe('0061736d01000000' + '010401600000' + '03020100' + '0a040102000b');
    const bin = await encodeModule({ name: undefined, line: 1, source: { kind: 'binary', bytes: Uint8Array.of(0, 0x61, 0x73, 0x6d) } }, 't');
    expect(bin.ok && hex(bin.bytes)).toBe('0061736d');
    const quote = { name: '$Q', line: 1, source: { kind: 'quote', bytes: enc.encode('(func)') } } as const;
    expect(await encodeModule(quote, 't', 'skip')).toMatchObject({ ok: false, reason: 'text format' });
    expect(await encodeModule(quote, 't')).toMatchObject({ ok: true });
  });

  it('reports text wabt refuses as "wabt cannot encode"', async () => {
    expect(await encodeModule(text('(module (func (call $nope)))'), 't')).toMatchObject({ ok: false, reason: 'wabt cannot encode' });
  });

  it('adds the data count section wabt leaves out when data.drop needs it', async () => {
    const r = await encodeModule(text('(module (func (data.drop 0)))'), 't');
    if (!r.ok) throw new Error(r.detail);
    // ... type, function sections, then `0c 01 00` (data count 0) before the code section `0a`.
    expect(hex(r.bytes)).toContain('0c01000a');
    const plain = Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0);
    expect(hex(addDataCount(plain))).toBe('0061736d01000000' + '0c0100');
    const withCount = Uint8Array.of(...plain, 12, 1, 0);
    expect(addDataCount(withCount)).toBe(withCount);
  });

  it('encodes `select (result)` as a typed select with no types, not as untyped select', async () => {
    const r = await encodeModule(text('(module (func (select (result) (nop) (nop) (i32.const 1))))'), 't');
    if (!r.ok) throw new Error(r.detail);
    // Body: no locals, nop, nop, i32.const 1, select with an empty type vector, end.
    expect(hex(r.bytes)).toContain('0a0a010800010141011c000b');
    // Several selects: which 0x1B is the empty one is ambiguous, so it is not encoded.
    const two = await encodeModule(text('(module (func (select (result) (nop) (nop) (i32.const 1)) (drop (select (i32.const 1) (i32.const 2) (i32.const 3)))))'), 't');
    expect(two).toMatchObject({ ok: false, reason: 'wabt cannot encode' });
    // A non-empty result list after an empty one is an ordinary typed select.
    expect(await encodeModule(text('(module (func (result i32) unreachable select (result) (result i32)))'), 't')).toMatchObject({ ok: true });
  });
});
