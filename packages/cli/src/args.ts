/**
 * The command line, parsed by hand rather than with `node:util` `parseArgs`: options are only
 * recognised BEFORE the module path, and everything after it belongs to the guest untouched
 * (`rt app.wasm --version` passes `--version` to the guest). `parseArgs` has no way to stop at
 * the first positional argument and keep the rest verbatim.
 * @packageDocumentation
 */
import type { RunLimits } from './engine.js';
import { usageError } from './errors.js';

/** The subcommands. */
export const COMMANDS = ['run', 'validate', 'inspect', 'print', 'wast'] as const;
/** One of {@link COMMANDS}. */
export type CommandName = (typeof COMMANDS)[number];

/** A `--dir HOST[::GUEST]` preopen. */
export interface DirMapping {
  /** Host directory, as given (resolved against the cwd later). */
  readonly host: string;
  /** The path the guest sees it at. */
  readonly guest: string;
}

/** A `--env NAME=VALUE` (value given) or `--env NAME` (value inherited from the host). */
export interface EnvOption {
  /** Variable name. */
  readonly name: string;
  /** The value, or `null` to take the host's. */
  readonly value: string | null;
}

/** Options of `rt run`. */
export interface RunOptions {
  /** Path of the `.wasm` or `.wat` module. */
  readonly module: string;
  /** Everything after the module path: the guest's argv[1..], or the `--invoke` values. */
  readonly args: readonly string[];
  /** Preopened directories, in order (they become fds 3, 4, …). */
  readonly dirs: readonly DirMapping[];
  /** Environment variables, in order (a later one with the same name wins). */
  readonly env: readonly EnvOption[];
  /** Export to call instead of `_start`, or `null`. */
  readonly invoke: string | null;
  /** Engine limits given on the command line (absent ones keep the engine's defaults). */
  readonly limits: RunLimits;
}

/** What the command line asks for. */
export type Command =
  | { readonly kind: 'help'; readonly topic: CommandName | null }
  | { readonly kind: 'version' }
  | { readonly kind: 'run'; readonly options: RunOptions }
  | { readonly kind: 'validate'; readonly module: string }
  | { readonly kind: 'inspect'; readonly module: string; readonly json: boolean }
  | { readonly kind: 'print'; readonly module: string; readonly folded: boolean }
  | { readonly kind: 'wast'; readonly scripts: readonly string[] };

function isCommand(s: string): s is CommandName {
  return (COMMANDS as readonly string[]).includes(s);
}

/** Whether `token` looks like an option (`-` alone is a path: stdin, by convention). */
function isOption(token: string): boolean {
  return token.startsWith('-') && token !== '-';
}

/**
 * Reads one option token: `--name=value` or `--name` (value, if any, in the next token).
 * Returns the name, the inline value (or `null`), and how to fetch a required value.
 */
class OptionReader {
  private i = 0;
  constructor(
    private readonly tokens: readonly string[],
    private readonly command: string,
  ) {}

  /** The next token if it is an option, else `null` (without consuming it). */
  peekOption(): string | null {
    const t = this.tokens[this.i];
    return t !== undefined && isOption(t) ? t : null;
  }

  /** Consumes and returns the next token. */
  next(): string | undefined {
    return this.tokens[this.i++];
  }

  /** Everything not consumed yet. */
  rest(): string[] {
    return this.tokens.slice(this.i);
  }

  /** Consumes option `token` and returns its value (inline after `=` or the next token). */
  value(token: string): [name: string, value: string] {
    this.i++;
    const eq = token.indexOf('=');
    if (eq > 0) return [token.slice(0, eq), token.slice(eq + 1)];
    const v = this.tokens[this.i++];
    if (v === undefined) throw usageError(`option ${token} needs a value`, this.command);
    return [token, v];
  }

  /** Consumes flag `token`, rejecting `--flag=value`. */
  flag(token: string): string {
    this.i++;
    if (token.includes('=')) throw usageError(`option ${token.slice(0, token.indexOf('='))} takes no value`, this.command);
    return token;
  }
}

/** The engine limits, by option name. */
const LIMIT_OPTIONS: Readonly<Record<string, 'maxCallDepth' | 'maxMemoryPages' | 'maxTableElements' | 'stackValues'>> = {
  '--max-call-depth': 'maxCallDepth',
  '--max-memory-pages': 'maxMemoryPages',
  '--max-table-elements': 'maxTableElements',
  '--max-stack-values': 'stackValues',
};

/** The engine settings of each `--tier`. */
const TIERS: Readonly<Record<string, Pick<RunLimits, 'jitThreshold' | 'fastTier'>>> = {
  default: {},
  fast: { jitThreshold: 0 },
  frame: { jitThreshold: 0, fastTier: false },
  interp: { jitThreshold: Infinity },
};

/** The option names `rt run` knows; all of them take a value. */
const RUN_VALUE_OPTIONS = ['--dir', '--env', '--invoke', '--tier', '--fuel', '--timeout', ...Object.keys(LIMIT_OPTIONS)];

/** Parses `HOST[::GUEST]`. */
export function parseDir(spec: string): DirMapping {
  const sep = spec.indexOf('::');
  const host = sep < 0 ? spec : spec.slice(0, sep);
  const guest = sep < 0 ? spec : spec.slice(sep + 2);
  if (host === '') throw usageError(`--dir ${spec}: empty host directory`, 'run');
  if (guest === '') throw usageError(`--dir ${spec}: empty guest path`, 'run');
  return { host, guest };
}

/** Parses `NAME=VALUE` or `NAME`. */
export function parseEnv(spec: string): EnvOption {
  const eq = spec.indexOf('=');
  const name = eq < 0 ? spec : spec.slice(0, eq);
  if (name === '') throw usageError(`--env ${spec}: empty variable name`, 'run');
  return { name, value: eq < 0 ? null : spec.slice(eq + 1) };
}

function parsePositiveInt(option: string, text: string): number {
  if (!/^[0-9]+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    throw usageError(`${option} ${text}: expected a positive integer`, 'run');
  }
  return Number(text);
}

function parseRun(tokens: readonly string[]): Command {
  const r = new OptionReader(tokens, 'run');
  const dirs: DirMapping[] = [];
  const env: EnvOption[] = [];
  let invoke: string | null = null;
  const limits: { -readonly [K in keyof RunLimits]: RunLimits[K] } = {};
  for (let token = r.peekOption(); token !== null; token = r.peekOption()) {
    const name = token.includes('=') ? token.slice(0, token.indexOf('=')) : token;
    if (name === '--') {
      r.next();
      break;
    }
    if (name === '--help' || name === '-h') {
      r.flag(token);
      return { kind: 'help', topic: 'run' };
    }
    if (!RUN_VALUE_OPTIONS.includes(name)) throw usageError(`unknown option ${name}`, 'run');
    const [, value] = r.value(token);
    switch (name) {
      case '--dir': dirs.push(parseDir(value)); break;
      case '--env': env.push(parseEnv(value)); break;
      case '--invoke':
        if (invoke !== null) throw usageError('--invoke given more than once', 'run');
        invoke = value;
        break;
      case '--tier': {
        const tier = Object.hasOwn(TIERS, value) ? TIERS[value] : undefined;
        if (tier === undefined) throw usageError(`--tier ${value}: expected one of ${Object.keys(TIERS).join(', ')}`, 'run');
        Object.assign(limits, tier);
        break;
      }
      case '--fuel': limits.fuel = parsePositiveInt(name, value); break;
      case '--timeout': {
        const seconds = /^[0-9]+(\.[0-9]+)?$/.test(value) ? Number(value) : NaN;
        if (!(seconds > 0) || !Number.isFinite(seconds)) throw usageError(`--timeout ${value}: expected a positive number of seconds`, 'run');
        limits.timeoutMs = seconds * 1000;
        break;
      }
      default: limits[LIMIT_OPTIONS[name]!] = parsePositiveInt(name, value);
    }
  }
  const module = r.next();
  if (module === undefined) throw usageError('missing module path', 'run');
  return { kind: 'run', options: { module, args: r.rest(), dirs, env, invoke, limits } };
}

/**
 * Reads the flags before the paths of a command that takes only flags: `--`, `--help` and the
 * command's own `flags` (each a name and what it sets). Returns the help command for `--help`.
 */
function readFlags(r: OptionReader, command: CommandName, flags: Readonly<Record<string, () => void>>): Command | null {
  for (let token = r.peekOption(); token !== null; token = r.peekOption()) {
    const name = token.includes('=') ? token.slice(0, token.indexOf('=')) : token;
    if (name === '--') {
      r.next();
      break;
    }
    if (name === '--help' || name === '-h') {
      r.flag(token);
      return { kind: 'help', topic: command };
    }
    const set = Object.hasOwn(flags, name) ? flags[name] : undefined;
    if (set === undefined) throw usageError(`unknown option ${name}`, command);
    r.flag(token);
    set();
  }
  return null;
}

/** `validate`, `inspect` and `print` take flags, then exactly one module path. */
function parseSingleModule(command: 'validate' | 'inspect' | 'print', tokens: readonly string[]): Command {
  const r = new OptionReader(tokens, command);
  let json = false;
  let folded = false;
  const flags: Record<string, () => void> = {};
  if (command === 'inspect') flags['--json'] = () => (json = true);
  if (command === 'print') flags['--folded'] = () => (folded = true);
  const help = readFlags(r, command, flags);
  if (help !== null) return help;
  const module = r.next();
  if (module === undefined) throw usageError('missing module path', command);
  const extra = r.next();
  if (extra !== undefined) throw usageError(`unexpected argument ${extra}`, command);
  if (command === 'print') return { kind: 'print', module, folded };
  return command === 'validate' ? { kind: 'validate', module } : { kind: 'inspect', module, json };
}

/** `wast` takes one or more script paths. */
function parseWastCommand(tokens: readonly string[]): Command {
  const r = new OptionReader(tokens, 'wast');
  const help = readFlags(r, 'wast', {});
  if (help !== null) return help;
  const scripts = r.rest();
  if (scripts.length === 0) throw usageError('missing script path', 'wast');
  return { kind: 'wast', scripts };
}

/**
 * Parses the arguments after `rt`. `rt <module> …` and `rt --dir … <module> …` are `rt run`;
 * `rt help [command]` is `--help`.
 * @throws {@link CliError} (exit 2) for bad usage.
 */
export function parseCommandLine(argv: readonly string[]): Command {
  const first = argv[0];
  if (first === undefined) throw usageError('missing command or module');
  if (first === '--help' || first === '-h') return { kind: 'help', topic: null };
  if (first === '--version' || first === '-V') return { kind: 'version' };
  if (first === 'help') {
    const topic = argv[1];
    if (topic === undefined) return { kind: 'help', topic: null };
    if (!isCommand(topic)) throw usageError(`unknown command ${topic}`);
    return { kind: 'help', topic };
  }
  const rest = argv.slice(1);
  if (first === 'run') return parseRun(rest);
  if (first === 'validate' || first === 'inspect' || first === 'print') return parseSingleModule(first, rest);
  if (first === 'wast') return parseWastCommand(rest);
  // The shortcut: options of `run`, or the module path itself.
  if (isOption(first) && first !== '--') {
    const name = first.includes('=') ? first.slice(0, first.indexOf('=')) : first;
    if (!RUN_VALUE_OPTIONS.includes(name)) throw usageError(`unknown option ${name}`);
  }
  return parseRun(argv);
}
