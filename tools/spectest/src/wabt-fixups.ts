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
 * - wabt encodes `select (result)` (an empty result list, "invalid result arity") as the untyped
 *   `select` opcode, which makes a different test of it. There is no faithful binary to make from
 *   wabt's output, so the module is reported as one wabt cannot encode.
 */

const latin1 = new TextDecoder('latin1');

/** Why wabt's binary of `text` would not be faithful, or `undefined`. */
export function unfaithfulReason(text: Uint8Array): string | undefined {
  const s = latin1.decode(text);
  // One or more `(result)` clauses that are all empty, right after `select`.
  if (/\bselect(?:\s*\(result\s*\))+(?!\s*\(result)/.test(s)) return 'wabt encodes `select (result)` as untyped select';
  return undefined;
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

/**
 * Adds a data count section to `binary` if the module text uses `memory.init` or `data.drop` and
 * wabt left the section out. (A spurious match, e.g. in a comment, only adds a correct, harmless
 * data count section.)
 */
export function addDataCount(binary: Uint8Array, text: Uint8Array): Uint8Array {
  if (!/\b(?:memory\.init|data\.drop)\b/.test(latin1.decode(text))) return binary;
  let insertAt = -1;
  let dataCount = 0;
  for (let pos = 8; pos < binary.length; ) {
    const id = binary[pos]!;
    const [size, body] = readU32(binary, pos + 1);
    if (id === 12) return binary;
    if ((id === 10 || id === 11) && insertAt < 0) insertAt = pos;
    if (id === 11) dataCount = readU32(binary, body)[0];
    pos = body + size;
  }
  if (insertAt < 0) insertAt = binary.length;
  const content = writeU32(dataCount);
  const section = Uint8Array.from([12, ...writeU32(content.length), ...content]);
  const out = new Uint8Array(binary.length + section.length);
  out.set(binary.subarray(0, insertAt), 0);
  out.set(section, insertAt);
  out.set(binary.subarray(insertAt), insertAt + section.length);
  return out;
}
