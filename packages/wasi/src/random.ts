/**
 * Randomness for `random_get`.
 * @packageDocumentation
 */

/** Fills `buf` with random bytes. */
export type RandomSource = (buf: Uint8Array) => void;

/**
 * The default source: the Web Crypto CSPRNG (`crypto.getRandomValues`), in chunks because it
 * refuses more than 65536 bytes per call.
 */
export const cryptoRandom: RandomSource = (buf) => {
  for (let i = 0; i < buf.length; i += 65536) {
    globalThis.crypto.getRandomValues(buf.subarray(i, Math.min(i + 65536, buf.length)));
  }
};

/**
 * A deterministic source (xorshift32 seeded with `seed`) for reproducible tests. Not secure.
 */
export function seededRandom(seed: number): RandomSource {
  let s = seed >>> 0 || 0x9e3779b9;
  return (buf) => {
    for (let i = 0; i < buf.length; i++) {
      s ^= s << 13;
      s >>>= 0;
      s ^= s >>> 17;
      s ^= s << 5;
      s >>>= 0;
      buf[i] = s & 0xff;
    }
  };
}
