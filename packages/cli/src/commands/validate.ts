/**
 * `rt validate <module>`: exit 0 for a valid module; otherwise the validator's message with its
 * byte offset (and function, when inside a body) and exit 1. A file that does not decode is not
 * a module at all and gets exit 2, like every command.
 * @packageDocumentation
 */
import { validateResult } from '@rt/validate';
import { ExitCode } from '../exit-codes.js';
import { print, type CliIO } from '../io.js';
import { loadModule } from '../load.js';

/** Validates `file`; prints nothing when it is valid, as `wasm-validate` does. */
export async function validateCommand(file: string, io: CliIO): Promise<number> {
  const { module } = await loadModule(file, io.cwd);
  const error = validateResult(module);
  if (error === null) return ExitCode.ok;
  print(io.stderr, `error: ${file}: ${error.detail}\n`);
  return ExitCode.invalid;
}
