/**
 * `rt inspect [--json] <module>`: the module's structure, like `wasm-objdump -h -x`.
 * It works on any well-formed module, valid or not: inspecting an invalid module is often the
 * point.
 * @packageDocumentation
 */
import { ExitCode } from '../exit-codes.js';
import { buildReport } from '../inspect/report.js';
import { renderText } from '../inspect/text.js';
import { print, type CliIO } from '../io.js';
import { loadModule } from '../load.js';

/** Prints the report of `file` as text, or as JSON with `json`. */
export async function inspectCommand(file: string, json: boolean, io: CliIO): Promise<number> {
  const { bytes, module } = await loadModule(file, io.cwd);
  const report = buildReport(file, bytes, module);
  print(io.stdout, json ? `${JSON.stringify(report, null, 2)}\n` : renderText(report));
  return ExitCode.ok;
}
