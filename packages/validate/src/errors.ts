/**
 * Thrown by `validate` when a well-formed module is not valid.
 *
 * `message` is exactly the wording of the WebAssembly spec suite (`type mismatch`,
 * `unknown global 3`, …), so tools can match on its prefix; {@link detail} and `toString` add
 * where the problem is, for humans.
 */
export class ValidationError extends Error {
  /** Absolute byte offset (within the decoded bytes) of the offending instruction or entry. */
  readonly offset: number;
  /** Index of the function (in the function index space) when the error is inside a body. */
  readonly funcIndex: number | undefined;
  /** That function's name from the `name` section, when there is one. */
  readonly funcName: string | undefined;

  /** Creates an error; `funcIndex`/`funcName` are given for errors inside function bodies. */
  constructor(message: string, offset: number, funcIndex?: number, funcName?: string) {
    super(message);
    this.name = 'ValidationError';
    this.offset = offset;
    this.funcIndex = funcIndex;
    this.funcName = funcName;
  }

  /** The message with its location: `type mismatch in function 3 "foo" at byte 0x1a2`. */
  get detail(): string {
    let where = '';
    if (this.funcIndex !== undefined) {
      where += ` in function ${this.funcIndex}`;
      if (this.funcName !== undefined) where += ` ${JSON.stringify(this.funcName)}`;
    }
    return `${this.message}${where} at byte 0x${this.offset.toString(16)}`;
  }

  /** `ValidationError: ` followed by {@link detail}. */
  override toString(): string {
    return `${this.name}: ${this.detail}`;
  }
}
