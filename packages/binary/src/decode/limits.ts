/**
 * Implementation limits a decoder can enforce while it reads: an embedding (the JS API's are
 * the usual ones) rejects modules beyond them, and checking each count as it is read rejects a
 * module that claims a billion types before any work proportional to the claim is done.
 * Every limit is optional; none is enforced by default (WebAssembly itself sets none of these).
 */
export interface ImplementationLimits {
  /** Bytes of the whole module. */
  readonly moduleSize?: number;
  /** Entries of the type section. */
  readonly types?: number;
  /** Functions defined by the module (the function section's count). */
  readonly functions?: number;
  /** Entries of the import section. */
  readonly imports?: number;
  /** Entries of the export section. */
  readonly exports?: number;
  /** Globals defined by the module. */
  readonly globals?: number;
  /** Data segments. */
  readonly dataSegments?: number;
  /** Element segments. */
  readonly elementSegments?: number;
  /** Tables, imported and defined. */
  readonly tables?: number;
  /** Memories, imported and defined. */
  readonly memories?: number;
  /** Parameters of one function type. */
  readonly params?: number;
  /** Results of one function type. */
  readonly results?: number;
  /** Locals of one function, its parameters included. */
  readonly locals?: number;
  /** Bytes of one function body, its local declarations included. */
  readonly bodySize?: number;
}

/** The version of the binary format a decoder or validator follows. */
export type SpecVersion = '2.0' | '3.0';

/** Options of `decode`. */
export interface DecodeOptions {
  /**
   * The version of the format to accept (default `'3.0'`). `'2.0'` rejects what 3.0 added where
   * 2.0 gave the bytes another meaning: a memory index where 2.0 reserves a zero byte ("zero byte
   * expected"), limits flags other than 0 and 1, and the opcodes of 3.0's proposals.
   */
  readonly version?: SpecVersion;
  /**
   * Limits to enforce; a module beyond one fails with a `DecodeError` ("too many types: …")
   * at the count that exceeds it.
   */
  readonly limits?: ImplementationLimits;
}
