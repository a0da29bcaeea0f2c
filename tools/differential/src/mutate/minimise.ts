/**
 * Shrinks a binary while a predicate holds (the same finding). The binary is framed just far
 * enough to keep it well formed while shrinking: sections, and in the function and code
 * sections the entries. Reductions, repeated until none applies: drop a section; drop a
 * function (its declaration and its body); delete runs of bytes inside a body or a section
 * (delta debugging, halving the run length); set bytes to zero. Sizes and counts are re-encoded
 * after each change, so a deletion does not merely produce a size mismatch. What does not frame
 * (a mutant whose sections run past the end) is shrunk as raw bytes.
 */

interface Section {
  id: number;
  /** The content after the size; for the function and code sections, without the count. */
  body: Uint8Array;
  /** Function and code sections: the entries (code bodies without their size). */
  entries: Uint8Array[] | null;
}

function readLeb(bytes: Uint8Array, at: number): [value: number, next: number] | null {
  let v = 0;
  for (let k = 0; k < 5; k++) {
    const b = bytes[at + k];
    if (b === undefined) return null;
    v += (b & 0x7f) * 2 ** (7 * k);
    if ((b & 0x80) === 0) return [v, at + k + 1];
  }
  return null;
}

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

function entriesOf(id: number, body: Uint8Array): Uint8Array[] | null {
  const c = readLeb(body, 0);
  if (c === null) return null;
  const [n, start] = c;
  const out: Uint8Array[] = [];
  let p = start;
  for (let i = 0; i < n; i++) {
    if (id === 3) {
      const e = readLeb(body, p);
      if (e === null) return null;
      out.push(body.subarray(p, e[1]));
      p = e[1];
    } else {
      const s = readLeb(body, p);
      if (s === null || s[1] + s[0] > body.length) return null;
      out.push(body.subarray(s[1], s[1] + s[0]));
      p = s[1] + s[0];
    }
  }
  return p === body.length ? out : null;
}

function frame(bytes: Uint8Array): Section[] | null {
  const out: Section[] = [];
  let p = 8;
  while (p < bytes.length) {
    const id = bytes[p]!;
    const s = readLeb(bytes, p + 1);
    if (s === null || s[1] + s[0] > bytes.length) return null;
    const body = bytes.subarray(s[1], s[1] + s[0]);
    out.push({ id, body, entries: id === 3 || id === 10 ? entriesOf(id, body) : null });
    p = s[1] + s[0];
  }
  return out;
}

function serialise(header: Uint8Array, sections: readonly Section[]): Uint8Array {
  const out: number[] = [...header];
  for (const s of sections) {
    let content: number[];
    if (s.entries !== null) {
      content = leb(s.entries.length);
      for (const e of s.entries) content.push(...(s.id === 10 ? leb(e.length) : []), ...e);
    } else content = [...s.body];
    out.push(s.id, ...leb(content.length), ...content);
  }
  return Uint8Array.from(out);
}

function cut(b: Uint8Array, start: number, end: number): Uint8Array {
  const out = new Uint8Array(b.length - (end - start));
  out.set(b.subarray(0, start));
  out.set(b.subarray(end), start);
  return out;
}

/** Delta debugging over deletions in `b`: each accepted deletion is kept. */
function shrinkBytes(b: Uint8Array, accept: (candidate: Uint8Array) => boolean): Uint8Array {
  let best = b;
  for (let len = Math.max(1, best.length >> 1); len >= 1; len >>= 1) {
    for (let start = best.length - len; start >= 0; start -= len) {
      const c = cut(best, start, start + len);
      if (accept(c)) best = c;
    }
    if (len === 1) break;
  }
  for (let i = 0; i < best.length; i++) {
    if (best[i] === 0) continue;
    const c = best.slice();
    c[i] = 0;
    if (accept(c)) best = c;
  }
  return best;
}

/** The smallest binary found that still satisfies `holds` (which `bytes` must). */
export function minimise(bytes: Uint8Array, holds: (b: Uint8Array) => boolean, budget = 30000): Uint8Array {
  let tries = 0;
  const test = (b: Uint8Array): boolean => tries++ < budget && holds(b);
  const framed = bytes.length >= 8 ? frame(bytes) : null;
  if (framed === null) return shrinkBytes(bytes, test);
  const header = bytes.subarray(0, 8);
  let sections = framed;
  const build = (): Uint8Array => serialise(header, sections);
  const tryWith = (next: Section[]): boolean => {
    if (!test(serialise(header, next))) return false;
    sections = next;
    return true;
  };
  for (let round = 0; round < 3; round++) {
    const before = build().length;
    // Whole sections, last first.
    for (let k = sections.length - 1; k >= 0; k--) tryWith(sections.filter((_, j) => j !== k));
    // Whole functions: declaration and body together.
    const fi = sections.findIndex((s) => s.id === 3 && s.entries !== null);
    const ci = sections.findIndex((s) => s.id === 10 && s.entries !== null);
    if (fi >= 0 && ci >= 0) {
      for (let f = sections[ci]!.entries!.length - 1; f >= 0; f--) {
        if (f >= sections[fi]!.entries!.length) continue;
        tryWith(sections.map((s, j) => (j === fi || j === ci ? { ...s, entries: s.entries!.filter((_, e) => e !== f) } : s)));
      }
    }
    // Bytes inside each body and each other section.
    for (let k = 0; k < sections.length; k++) {
      const s = sections[k]!;
      if (s.entries !== null && s.id === 10) {
        for (let e = 0; e < s.entries.length; e++) {
          const at = (b: Uint8Array): Section[] => sections.map((x, j) => (j === k ? { ...x, entries: x.entries!.map((y, i) => (i === e ? b : y)) } : x));
          const small = shrinkBytes(sections[k]!.entries![e]!, (b) => test(serialise(header, at(b))));
          sections = at(small);
        }
      } else if (s.entries === null) {
        const at = (b: Uint8Array): Section[] => sections.map((x, j) => (j === k ? { ...x, body: b } : x));
        sections = at(shrinkBytes(s.body, (b) => test(serialise(header, at(b)))));
      }
    }
    if (build().length === before) break;
  }
  // Finally as raw bytes: the framing may have kept bytes a mutant does not need.
  return shrinkBytes(build(), test);
}
