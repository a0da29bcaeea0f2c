/**
 * `rt run`: instantiate a module with WASI and run `_start`, or call one export (`--invoke`).
 * @packageDocumentation
 */
import * as path from 'node:path';
import { statSync } from 'node:fs';
import { funcTypeAt, type FuncType, type Module } from '@rt/binary';
import { WASI, WASI_FUNCTION_TYPES, WasiExit, WasiTrap, realClock, type FileSystem } from '@rt/wasi';
import { HostFileSystem } from '@rt/wasi/node';
import type { DirMapping, EnvOption, RunOptions } from '../args.js';
import { formatBacktrace, framesOf, omittedOf } from '../backtrace.js';
import { signature, signatureText } from '../inspect/report.js';
import { Interrupted, WasmException } from '@rt/interp';
import { instantiate, isEngineTrap, trapMessage, type RunInstance } from '../engine.js';
import { CliError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { print, type CliIO } from '../io.js';
import { loadModule } from '../load.js';
import { formatResults, parseValues } from '../values.js';
import { uncaughtMessage } from './uncaught.js';

const WASI_MODULE = 'wasi_snapshot_preview1';

/** The guest's environment: only what `--env` gives; `--env NAME` copies the host's value if set. */
function guestEnv(options: readonly EnvOption[], host: CliIO['env']): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { name, value } of options) {
    const v = value ?? host[name];
    if (v !== undefined) env[name] = v;
  }
  return env;
}

/** The preopens, guest path → host file system, in command-line order. */
function preopens(dirs: readonly DirMapping[], cwd: string): Record<string, FileSystem> {
  const result: Record<string, FileSystem> = {};
  for (const { host, guest } of dirs) {
    const abs = path.resolve(cwd, host);
    let isDir = false;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      throw new CliError(`--dir ${host}: no such directory`);
    }
    if (!isDir) throw new CliError(`--dir ${host}: not a directory`);
    if (Object.hasOwn(result, guest)) throw new CliError(`--dir: guest path ${guest} given twice`);
    result[guest] = new HostFileSystem(abs);
  }
  return result;
}

/**
 * Every import must be a WASI function we provide, imported with its WASI type: anything else
 * cannot be linked (a function imported with another type would misread its arguments).
 */
function checkImports(module: Module, wasi: WASI, file: string): void {
  for (const imp of module.imports) {
    if (imp.module !== WASI_MODULE || imp.desc.kind !== 'func' || !Object.hasOwn(wasi.wasiImport, imp.name)) {
      throw new CliError(`${file}: unknown import ${imp.module}::${imp.name} (${imp.desc.kind}): rt provides only the ${WASI_MODULE} functions`);
    }
    const wanted = WASI_FUNCTION_TYPES[imp.name]!;
    const expected = signatureText(wanted.params, wanted.results);
    const found = signature(funcTypeAt(module, imp.desc.type));
    if (found !== expected) {
      throw new CliError(`${file}: incompatible import type for ${imp.module}::${imp.name}: expected ${expected}, found ${found}`);
    }
  }
}

/** The type of exported function `name`, or a usage error naming what is exported instead. */
function exportedFuncType(module: Module, name: string, file: string): FuncType {
  const exp = module.exports.find((e) => e.name === name);
  if (exp === undefined || exp.kind !== 'func') {
    const funcs = module.exports.filter((e) => e.kind === 'func').map((e) => e.name);
    throw new CliError(`${file}: no exported function ${JSON.stringify(name)} (exported functions: ${funcs.join(', ') || 'none'})`);
  }
  const imported = module.imports.filter((i) => i.desc.kind === 'func');
  const typeIndex = exp.index < imported.length
    ? (imported[exp.index]!.desc as { type: number }).type
    : module.functions[exp.index - imported.length];
  const type = typeIndex === undefined ? undefined : funcTypeAt(module, typeIndex);
  if (type === undefined) throw new CliError(`${file}: export ${JSON.stringify(name)} has no valid type`);
  return type;
}

function hasMemory(exports: RunInstance['exports']): boolean {
  const m = exports['memory'];
  return typeof m === 'object' && m !== null && 'buffer' in m;
}

function isTrap(e: unknown): e is Error {
  return isEngineTrap(e) || e instanceof WasiTrap;
}

/** Runs the module as `options` say; returns the exit code. */
export async function runCommand(options: RunOptions, io: CliIO): Promise<number> {
  const { module, path: file } = await loadModule(options.module, io.cwd);
  const invoke = options.invoke;
  // Check the invoke target and parse its arguments before anything runs.
  const invokeType = invoke === null ? null : exportedFuncType(module, invoke, file);
  const invokeArgs = invokeType === null ? [] : parseValues(options.args, invokeType.params, invoke!);
  const wasi = new WASI({
    args: [file, ...options.args],
    env: guestEnv(options.env, io.env),
    preopens: preopens(options.dirs, io.cwd),
    stdin: io.stdin,
    stdout: io.stdout,
    stderr: io.stderr,
    returnOnExit: true,
    clock: realClock(),
  });
  checkImports(module, wasi, file);
  const exported = new Set(module.exports.filter((e) => e.kind === 'func').map((e) => e.name));
  if (exported.has('_start') && exported.has('_initialize')) {
    throw new CliError(`${file}: exports both _start and _initialize; WASI allows a command or a reactor, not both`);
  }

  const label = path.basename(file);
  let instance: RunInstance | undefined;
  try {
    instance = instantiate(module, wasi.getImportObject(), options.limits, file);
    const exports = instance.exports;
    if (invoke !== null && invokeType !== null) {
      // A reactor is initialised first; a command's memory is bound without running _start.
      if (typeof exports['_initialize'] === 'function' && typeof exports['_start'] !== 'function') wasi.initialize(instance);
      else if (hasMemory(exports)) wasi.setMemory(exports['memory'] as { buffer: ArrayBuffer });
      const results = instance.call(invoke, invokeArgs);
      for (const line of formatResults(results, invokeType.results)) print(io.stdout, `${line}\n`);
      return ExitCode.ok;
    }
    const start = exports['_start'];
    if (typeof start === 'function') {
      if (hasMemory(exports)) return wasi.start(instance);
      // WASI needs an exported memory only once a WASI function is called; a module without one
      // (a .wat test, say) still runs, and a WASI call from it would trap.
      (start as () => unknown)();
      return ExitCode.ok;
    }
    // No _start: a reactor (or a plain module) whose instantiation was the whole run.
    if (typeof exports['_initialize'] === 'function') wasi.initialize(instance);
    return ExitCode.ok;
  } catch (e) {
    if (e instanceof WasiExit) return e.code;
    if (e instanceof Interrupted) {
      if (e.reason === 'fuel') {
        print(io.stderr, `error: out of fuel: the guest used all ${options.limits.fuel} units of its fuel (--fuel) and was stopped (fuel consumed: ${e.fuelConsumed})\n`);
        return ExitCode.outOfFuel;
      }
      print(io.stderr, `error: timeout: the guest ran longer than ${options.limits.timeoutMs! / 1000} s (--timeout) and was stopped (fuel consumed: ${e.fuelConsumed})\n`);
      return ExitCode.timeout;
    }
    if (e instanceof WasmException) {
      // Nothing in the guest caught it (a C++ throw without a handler, say): the guest ends as
      // if it had trapped, as it would in a native engine's embedder that does not catch it.
      print(io.stderr, `error: ${uncaughtMessage(e, instance)}\n`);
      return ExitCode.trap;
    }
    if (isTrap(e)) {
      print(io.stderr, `error: ${e instanceof WasiTrap ? e.message : trapMessage(e)}\n${formatBacktrace(framesOf(e), module, label, omittedOf(e))}`);
      return ExitCode.trap;
    }
    throw e;
  }
}
