/**
 * Canonical bytes for comparing two encodings of one module: section and function body sizes
 * re-encoded as minimal LEB128 (the reference interpreter pads them to five bytes), custom
 * sections dropped (the reference interpreter's conversion drops them).
 */
export function canonicalBytes(bytes: Uint8Array): string {
  const r = new LebReader(bytes, 8);
  const out: number[] = Array.from(bytes.subarray(0, 8));
  const u32 = (): number => r.u32();
  const leb = (v: number, into: number[]): void => {
    do {
      let b = v % 128;
      v = Math.floor(v / 128);
      if (v !== 0) b |= 0x80;
      into.push(b);
    } while (v !== 0);
  };
  while (r.pos < bytes.length) {
    const id = bytes[r.pos++]!;
    const size = u32();
    const end = r.pos + size;
    if (id === 0) {
      r.pos = end;
      continue;
    }
    const content: number[] = [];
    if (id === 10) {
      const n = u32();
      leb(n, content);
      for (let i = 0; i < n; i++) {
        const s = u32();
        leb(s, content);
        for (let j = 0; j < s; j++) content.push(bytes[r.pos++]!);
      }
    } else {
      for (; r.pos < end; r.pos++) content.push(bytes[r.pos]!);
    }
    r.pos = end;
    out.push(id);
    leb(content.length, out);
    out.push(...content);
  }
  return Buffer.from(out).toString('hex');
}

/** Reads unsigned LEB128 numbers (padded or not) from `bytes`, advancing `pos`. */
export class LebReader {
  constructor(readonly bytes: Uint8Array, public pos: number) {}

  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.bytes[this.pos++]!;
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) return result;
    }
  }
}
