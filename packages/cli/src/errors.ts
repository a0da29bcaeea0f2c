/**
 * The one error type the commands throw to end with a message and an exit code. `main()`
 * prints `error: <message>` for it; any other exception is a bug and is reported as such, so
 * users never see a stack trace for their own mistakes.
 * @packageDocumentation
 */
import { ExitCode } from './exit-codes.js';

/** A failure with a one-line message for the user and the exit code to end with. */
export class CliError extends Error {
  /** The process exit code. */
  readonly exitCode: number;

  /**
   * @param message - one line, without the `error: ` prefix.
   * @param exitCode - defaults to {@link ExitCode.usage}.
   */
  constructor(message: string, exitCode: number = ExitCode.usage) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** Shorthand for a usage error (exit 2) that also points at `--help`. */
export function usageError(message: string, command?: string): CliError {
  const help = command ? `rt ${command} --help` : 'rt --help';
  return new CliError(`${message} (see '${help}')`);
}
