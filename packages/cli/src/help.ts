/**
 * The help texts. Kept next to each other so they stay consistent with one another and with
 * README.md.
 * @packageDocumentation
 */
import type { CommandName } from './args.js';

const EXIT_CODES = `Exit codes:
  0    success (a guest's _start returned)
  N    the guest called proc_exit(N)
  1    rt validate: the module is not valid
  2    usage error, unreadable file, or a module that does not decode, compile or link
  70   internal error in rt
  134  the guest trapped (128 + SIGABRT, as wasmtime) or left an exception uncaught
  124  rt run --timeout: the guest ran past its deadline (as GNU timeout)
  152  rt run --fuel: the guest used all its fuel (128 + SIGXCPU)`;

const MAIN = `rt: a WebAssembly runtime written in TypeScript

Usage:
  rt run [options] <module.wasm|module.wat> [args...]
  rt <module> [args...]            (shortcut for rt run)
  rt validate <module>
  rt inspect [--json] <module>
  rt print [--folded] <module>
  rt wast <script.wast>...
  rt help [command] | rt <command> --help
  rt --version

Commands:
  run       run a WASI command (or call an export with --invoke)
  validate  check that a module is valid
  inspect   show a module's sections, types, imports, exports, functions, segments
  print     print a module in the text format
  wast      run WebAssembly spec test scripts

${EXIT_CODES}
`;

const RUN = `Usage: rt run [options] <module.wasm|module.wat> [args...]

Runs a WASI preview1 command: calls its _start export, with args... as the guest's
argv[1..] (argv[0] is the module path). Options are only read before the module path;
everything after it belongs to the guest, untouched. .wat files are compiled with @rt/text.

Options:
  --dir HOST[::GUEST]      preopen host directory HOST for the guest at path GUEST
                           (default: the same path as HOST); repeatable; GUEST may be / or
                           nested (/data/in)
  --env NAME=VALUE         set a variable for the guest; repeatable
  --env NAME               pass the host's NAME through (skipped when unset)
                           The guest sees only the variables given with --env.
  --invoke NAME            after _initialize (when exported), call export NAME with args...
                           parsed by its parameter types (integers: decimal or 0x hex; floats:
                           also nan, inf; v128: one 128-bit integer; references: null) and
                           print each result on its own line
  --max-call-depth N       trap ("call stack exhausted") when calls nest deeper than N
                           (default 10000)
  --max-stack-values N     size of the value stack, in values (default 1048576)
  --max-memory-pages N     no memory may grow beyond N 64 KiB pages, whatever its own
                           maximum (default 32768, 2 GiB); memory.grow returns -1
  --max-table-elements N   no table may grow beyond N elements (default 10000000)
  --tier TIER              which tier runs the code: default (interpret, then compile hot
                           functions to JavaScript), fast (compile every function to
                           JavaScript before its first call), frame (compile to the
                           frame-layout tier), interp (interpret only: no code generation)
  --fuel N                 stop the guest once it has used N units of fuel (about one per
                           Wasm instruction: each call and loop iteration costs the
                           instructions of its body), in any tier; exit 152
  --timeout SECONDS        stop the guest once it has run SECONDS seconds (a decimal
                           number), in any tier; exit 124
  -h, --help               show this help
  --                       end of options (for a module path starting with -)

stdin, stdout and stderr are the process's own. A trap prints "error: <message>" and the
Wasm backtrace to stderr.

${EXIT_CODES}
`;

const VALIDATE = `Usage: rt validate <module.wasm|module.wat>

Validates the module. Prints nothing and exits 0 when it is valid; otherwise prints
"error: <file>: <message> at byte 0x<offset>" and exits 1. A file that cannot be read or
does not decode exits 2.

Options:
  -h, --help   show this help
`;

const INSPECT = `Usage: rt inspect [--json] <module.wasm|module.wat>

Shows what wasm-objdump -h -x shows: every section with its offsets and size, then the
types, imports, functions (with names from the name section), tables, memories, globals,
exports, start function, element and data segments, and custom sections. The module need
not be valid, only well-formed.

Options:
  --json       print the same information as one JSON object
  -h, --help   show this help
`;

const PRINT = `Usage: rt print [--folded] <module.wasm|module.wat>

Prints the module in the WebAssembly text format, with names from the name section, as
wasm-tools print and wasm2wat do. Floats are printed exactly (hexadecimal), so the text
parses back to the same module. The module need not be valid, only well-formed.

Options:
  --folded     fold blocks, loops and ifs: (block ...), (if (then ...) (else ...))
  -h, --help   show this help
`;

const WAST = `Usage: rt wast <script.wast>...

Runs WebAssembly spec test scripts on the rt engine: every module, register, invoke, get
and assertion (assert_return, assert_trap, assert_exhaustion, assert_invalid,
assert_malformed, assert_unlinkable, assert_uninstantiable, ...), with the spectest host
module. Prints each failure with its script and line, a line per script, and last
"N passed, N failed, N skipped", as wasmtime wast does. A command rt cannot check (a
construct the engine does not run yet) is counted as skipped, never as passed.

Exit code 0 when nothing failed, 1 otherwise, 2 for a script that cannot be read.

Options:
  -h, --help   show this help
`;

/** The help text for `topic`, or the main help. */
export function helpText(topic: CommandName | null): string {
  switch (topic) {
    case 'run': return RUN;
    case 'validate': return VALIDATE;
    case 'inspect': return INSPECT;
    case 'print': return PRINT;
    case 'wast': return WAST;
    case null: return MAIN;
  }
}
