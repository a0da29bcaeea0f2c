/**
 * Where wabt's binary is not a faithful encoding of a script's text module.
 *
 * The reference interpreter runs text modules directly; we run the binary wabt makes of them. In
 * two places of the 2.0 suite wabt's encoding loses what the test is about:
 *
 * - wabt writes the data count section only when the module has data segments, yet `memory.init`
 *   and `data.drop` require it in the binary format (memory_init.wast, `(data.drop 0)` in a module
 *   without data, expects "unknown data segment"; without the section the binary would be
 *   malformed). We add the section, which changes nothing else about the module.
 * - wabt encodes `select (result)` (an empty result list, "invalid result arity", select.wast) as
 *   the untyped `select` opcode 0x1B, which would make a different test of it. The faithful
 *   encoding is the typed `select` 0x1C with an empty type vector. We rewrite it when that is
 *   unambiguous: the module text has a single `select` and the code section a single 0x1B byte.
 *   Otherwise the module is reported as one wabt cannot encode.
 */

const latin1 = new TextDecoder('latin1');

/** One or more `(result)` clauses, all empty, right after `select`. */
const EMPTY_SELECT = /\bselect(?:\s*\(result\s*\))+(?!\s*\(result)/;

/**
 * Makes wabt's `binary` of `text` faithful where we know how; returns `undefined` when it cannot
 * (the caller reports the module as one wabt cannot encode).
 */
export function makeFaithful(binary: Uint8Array, text: Uint8Array): Uint8Array | undefined {
  const s = latin1.decode(text);
  let out = binary;
  if (EMPTY_SELECT.test(s)) {
    const fixed = (s.match(/\bselect\b/g) ?? []).length === 1 ? typedEmptySelect(out) : undefined;
    if (!fixed) return undefined;
    out = fixed;
  }
  if (/\b(?:memory\.init|data\.drop)\b/.test(s)) out = addDataCount(out);
  return out;
}

function readU32(b: Uint8Array, pos: number): [value: number, next: number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = b[pos++]!;
    result += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [result, pos];
    shift += 7;
  }
}

function writeU32(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

interface Section {
  readonly id: number;
  /** Offsets of the section's first byte (its id) and of its content. */
  readonly start: number;
  readonly body: number;
  readonly end: number;
}

function sections(binary: Uint8Array): Section[] {
  const out: Section[] = [];
  for (let pos = 8; pos < binary.length; ) {
    const [size, body] = readU32(binary, pos + 1);
    out.push({ id: binary[pos]!, start: pos, body, end: body + size });
    pos = body + size;
  }
  return out;
}

function concat(parts: readonly (Uint8Array | readonly number[])[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Rewrites the only 0x1B (untyped select) of the code section as 0x1C 0x00, or `undefined`. */
function typedEmptySelect(binary: Uint8Array): Uint8Array | undefined {
  const code = sections(binary).find((s) => s.id === 10);
  if (!code) return undefined;
  const content = binary.subarray(code.body, code.end);
  const [count, first] = readU32(content, 0);
  const bodies: Uint8Array[] = [];
  let at = first;
  for (let i = 0; i < count; i++) {
    const [size, start] = readU32(content, at);
    bodies.push(content.subarray(start, start + size));
    at = start + size;
  }
  const hits = bodies.flatMap((b, i) => [...b.keys()].filter((k) => b[k] === 0x1b).map((k) => [i, k] as const));
  if (hits.length !== 1) return undefined;
  const [bi, k] = hits[0]!;
  const body = bodies[bi]!;
  bodies[bi] = concat([body.subarray(0, k), [0x1c, 0x00], body.subarray(k + 1)]);
  const newContent = concat([writeU32(count), ...bodies.flatMap((b) => [writeU32(b.length), b])]);
  return concat([binary.subarray(0, code.start), [10, ...writeU32(newContent.length)], newContent, binary.subarray(code.end)]);
}

/**
 * Adds a data count section to `binary` if wabt left it out (the caller checks that the module
 * uses `memory.init` or `data.drop`; a spurious match, e.g. in a comment, only adds a correct and
 * harmless data count section).
 */
export function addDataCount(binary: Uint8Array): Uint8Array {
  const all = sections(binary);
  if (all.some((s) => s.id === 12)) return binary;
  const data = all.find((s) => s.id === 11);
  const dataCount = data ? readU32(binary, data.body)[0] : 0;
  // The data count section goes right before the code section (or the data section).
  const insertAt = all.find((s) => s.id === 10 || s.id === 11)?.start ?? binary.length;
  const content = writeU32(dataCount);
  return concat([binary.subarray(0, insertAt), [12, ...writeU32(content.length), ...content], binary.subarray(insertAt)]);
}
