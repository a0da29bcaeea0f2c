/**
 * Thrown by `decode` when the bytes are not a well-formed WebAssembly binary.
 * The message uses the official test suite's wording; `offset` is where decoding failed.
 */
export class DecodeError extends Error {
  /** Absolute byte offset (within the decoded bytes) where the problem was found. */
  readonly offset: number;

  /** Creates an error; the message gets the offset appended for humans. */
  constructor(message: string, offset: number) {
    super(message);
    this.name = 'DecodeError';
    this.offset = offset;
  }

  /** The message with its offset, as a tool would print it: `malformed section id (at byte 0x1c)`. */
  override toString(): string {
    return `${this.name}: ${this.message} (at byte 0x${this.offset.toString(16)})`;
  }
}
