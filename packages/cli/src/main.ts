/**
 * `main()`: the whole CLI as a function from arguments and streams to an exit code. It never
 * touches `process`, so tests run it in memory and embedders can call it.
 * @packageDocumentation
 */
import { parseCommandLine } from './args.js';
import { inspectCommand } from './commands/inspect.js';
import { runCommand } from './commands/run.js';
import { validateCommand } from './commands/validate.js';
import { printCommand } from './commands/print.js';
import { wastCommand } from './commands/wast.js';
import { CliError } from './errors.js';
import { ExitCode } from './exit-codes.js';
import { helpText } from './help.js';
import { print, type CliIO } from './io.js';
import { VERSION_TEXT } from './version.js';

/**
 * Runs `rt` with `argv` (the arguments after `rt`) and returns the exit code. Expected failures
 * print one `error: …` line; anything else is a bug in rt and says so (exit 70), still without
 * a stack trace unless `RT_DEBUG` is set in `io.env`.
 */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    const command = parseCommandLine(argv);
    switch (command.kind) {
      case 'help':
        print(io.stdout, helpText(command.topic));
        return ExitCode.ok;
      case 'version':
        print(io.stdout, VERSION_TEXT);
        return ExitCode.ok;
      case 'validate':
        return await validateCommand(command.module, io);
      case 'inspect':
        return await inspectCommand(command.module, command.json, io);
      case 'run':
        return await runCommand(command.options, io);
      case 'print':
        return await printCommand(command.module, command.folded, io);
      case 'wast':
        return await wastCommand(command.scripts, io);
    }
  } catch (e) {
    if (e instanceof CliError) {
      print(io.stderr, `error: ${e.message}\n`);
      return e.exitCode;
    }
    const detail = io.env['RT_DEBUG'] && e instanceof Error && e.stack ? e.stack : e instanceof Error ? e.message : String(e);
    print(io.stderr, `error: internal error in rt (please report it): ${detail}\n`);
    return ExitCode.internal;
  }
}
