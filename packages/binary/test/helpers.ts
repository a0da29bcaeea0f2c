/** Small builders for hand-written binaries, so error tests can put any byte anywhere. */

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** A name: length-prefixed UTF-8. */
export function str(s: string): number[] {
  const bytes = [...new TextEncoder().encode(s)];
  return [...uleb(bytes.length), ...bytes];
}

/** A vector of already-encoded items. */
export function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

/** A section with its id and size. */
export function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

/** The 8-byte header. */
export const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** A whole module from sections. */
export function moduleBytes(...sections: number[][]): Uint8Array {
  return new Uint8Array([...HEADER, ...sections.flat()]);
}

/** A type section with one `[] -> []` function type. */
export const TYPE_VOID = section(1, vec([[0x60, 0, 0]]));
/** A function section declaring `n` functions of type 0. */
export const funcs = (n: number): number[] => section(3, vec(Array.from({ length: n }, () => [0])));
/** A code section from bodies given as raw bytes (locals included). */
export const code = (...bodies: number[][]): number[] => section(10, vec(bodies.map((b) => [...uleb(b.length), ...b])));
