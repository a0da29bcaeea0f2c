/**
 * `rt print <module>`: the module in the text format (`@rt/text`'s printer).
 * @packageDocumentation
 */
import { printWat } from '@rt/text';
import { ExitCode } from '../exit-codes.js';
import { print, type CliIO } from '../io.js';
import { loadModule } from '../load.js';

/** Prints `file` as text; a file that does not decode exits 2 (from {@link loadModule}). */
export async function printCommand(file: string, folded: boolean, io: CliIO): Promise<number> {
  const { bytes } = await loadModule(file, io.cwd);
  print(io.stdout, printWat(bytes, { folded }));
  return ExitCode.ok;
}
