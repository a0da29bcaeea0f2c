/**
 * `rt wast <script.wast>...`: runs spec test scripts on the rt engine and prints
 * `N passed, N failed, N skipped`, as `wasmtime wast` does.
 * @packageDocumentation
 */
import { parseWast, WatSyntaxError } from '@rt/text';
import { CliError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { print, type CliIO } from '../io.js';
import { readBytes } from '../load.js';
import { ScriptRunner } from '../wast/runner.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Runs every script; exit 0 when no check failed, 1 otherwise, 2 when a script cannot be read. */
export async function wastCommand(scripts: readonly string[], io: CliIO): Promise<number> {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const file of scripts) {
    const raw = await readBytes(file, io.cwd);
    let commands;
    try {
      commands = parseWast(utf8.decode(raw));
    } catch (e) {
      if (e instanceof WatSyntaxError) throw new CliError(`${file}:${e.line}:${e.column}: error: ${e.reason}`);
      if (e instanceof TypeError) throw new CliError(`${file}: error: malformed UTF-8 encoding`);
      throw e;
    }
    const r = new ScriptRunner().run(commands);
    for (const f of r.failures) print(io.stdout, `${file}:${f}\n`);
    print(io.stdout, `${file}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped\n`);
    passed += r.passed;
    failed += r.failed;
    skipped += r.skipped;
  }
  print(io.stdout, `${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  return failed === 0 ? ExitCode.ok : ExitCode.invalid;
}
