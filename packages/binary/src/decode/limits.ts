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

/** Options of `decode`. */
export interface DecodeOptions {
  /**
   * Limits to enforce; a module beyond one fails with a `DecodeError` ("too many types: …")
   * at the count that exceeds it.
   */
  readonly limits?: ImplementationLimits;
}
