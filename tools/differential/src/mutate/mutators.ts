/**
 * Byte-level mutations of a module binary. Each takes the bytes and a generator and returns new
 * bytes (the input is never changed). Positions avoid the 8-byte preamble most of the time: a
 * broken magic number or version only ever tests one check.
 */
import type { Prng } from './prng.js';

/** The name of a mutation operator (reported with each finding). */
export type MutatorName = 'replace' | 'flip' | 'splice' | 'duplicate' | 'truncate' | 'delete' | 'leb';

/** Bytes that mean something in many places: opcodes, type codes, flags, LEB128 boundaries. */
const INTERESTING_BYTES = [0x00, 0x01, 0x02, 0x03, 0x04, 0x0b, 0x40, 0x41, 0x60, 0x6f, 0x70, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f, 0x80, 0xfc, 0xfd, 0xff];

/**
 * LEB128 edge values, as the encodings a module might carry: counts, sizes, indices and
 * immediates at the boundaries of 7-bit groups and of 32 bits, negative values, and over-long
 * encodings (valid ones with padding, and ones longer than 5 bytes).
 */
const LEB_EDGES: readonly (readonly number[])[] = [
  [0x00], [0x01], [0x3f], [0x40], [0x7f], [0x80, 0x01], [0xff, 0x01], [0xff, 0x7f], [0x80, 0x80, 0x01],
  [0xff, 0xff, 0x03], [0x80, 0x80, 0x04], [0xff, 0xff, 0xff, 0xff, 0x07], [0x80, 0x80, 0x80, 0x80, 0x08],
  [0xff, 0xff, 0xff, 0xff, 0x0f], [0x80, 0x80, 0x80, 0x80, 0x10], [0xff, 0xff, 0xff, 0xff, 0x1f],
  [0x80, 0x80, 0x80, 0x80, 0x00], [0x81, 0x80, 0x80, 0x80, 0x00], [0x80, 0x80, 0x80, 0x80, 0x80, 0x00],
  [0x7e], [0x41], [0xbf, 0x7f], [0x80, 0x7f], [0x80, 0x80, 0x80, 0x80, 0x78], [0xff, 0xff, 0xff, 0xff, 0x7f],
  [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00],
];

function position(bytes: Uint8Array, rng: Prng): number {
  if (bytes.length <= 8 || rng.chance(0.02)) return rng.below(bytes.length + 1);
  return 8 + rng.below(bytes.length - 8);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A random range `[start, end)` of `bytes`, at most `max` bytes long (lengths favour small). */
function range(bytes: Uint8Array, rng: Prng, max: number): [number, number] {
  const start = position(bytes, rng);
  const limit = Math.min(max, bytes.length - start);
  const len = limit <= 0 ? 0 : 1 + (rng.chance(0.7) ? rng.below(Math.min(limit, 8)) : rng.below(limit));
  return [start, start + len];
}

/** The length of the LEB128 at `at` (at most 10 bytes; 1 when it is not one). */
function lebLength(bytes: Uint8Array, at: number): number {
  let n = 0;
  while (at + n < bytes.length && n < 10) {
    if ((bytes[at + n]! & 0x80) === 0) return n + 1;
    n++;
  }
  return Math.max(1, n);
}

/**
 * Applies one mutation. `donors` are other binaries to splice from.
 */
export function mutateOnce(bytes: Uint8Array, rng: Prng, donors: readonly Uint8Array[], name: MutatorName): Uint8Array {
  switch (name) {
    case 'replace': {
      if (bytes.length === 0) return bytes;
      const out = bytes.slice();
      const p = Math.min(position(bytes, rng), bytes.length - 1);
      out[p] = rng.chance(0.5) ? rng.pick(INTERESTING_BYTES) : rng.below(256);
      return out;
    }
    case 'flip': {
      if (bytes.length === 0) return bytes;
      const out = bytes.slice();
      const p = Math.min(position(bytes, rng), bytes.length - 1);
      out[p]! ^= 1 << rng.below(8);
      return out;
    }
    case 'splice': {
      const donor = rng.pick(donors);
      const [ds, de] = range(donor, rng, 64);
      const piece = donor.subarray(ds, de);
      const p = position(bytes, rng);
      // Insert, or overwrite as many bytes as the piece is long.
      const cut = rng.chance(0.5) ? p : Math.min(bytes.length, p + piece.length);
      return concat(bytes.subarray(0, p), piece, bytes.subarray(cut));
    }
    case 'duplicate': {
      const [s, e] = range(bytes, rng, 256);
      const piece = bytes.slice(s, e);
      const p = rng.chance(0.5) ? e : position(bytes, rng);
      return concat(bytes.subarray(0, p), piece, bytes.subarray(p));
    }
    case 'truncate':
      return bytes.slice(0, position(bytes, rng));
    case 'delete': {
      const [s, e] = range(bytes, rng, 64);
      return concat(bytes.subarray(0, s), bytes.subarray(e));
    }
    case 'leb': {
      const p = position(bytes, rng);
      const old = p < bytes.length ? lebLength(bytes, p) : 0;
      const enc = Uint8Array.from(rng.pick(LEB_EDGES));
      return concat(bytes.subarray(0, p), enc, bytes.subarray(Math.min(bytes.length, p + old)));
    }
  }
}

/** The operators, weighted: cheap local edits most often, structural ones less. */
const WEIGHTED: readonly MutatorName[] = [
  'replace', 'replace', 'replace', 'flip', 'flip', 'leb', 'leb', 'leb', 'splice', 'duplicate', 'truncate', 'delete',
];

/** Applies one to three mutations; returns the bytes and the operators used, in order. */
export function mutate(bytes: Uint8Array, rng: Prng, donors: readonly Uint8Array[]): { bytes: Uint8Array; ops: MutatorName[] } {
  const n = 1 + rng.below(3);
  const ops: MutatorName[] = [];
  let out = bytes;
  for (let k = 0; k < n; k++) {
    const name = rng.pick(WEIGHTED);
    ops.push(name);
    out = mutateOnce(out, rng, donors, name);
  }
  return { bytes: out, ops };
}
