/**
 * Reading a module from disk: the bytes (compiling `.wat` first) and the decoded `Module`.
 * Every failure here is the user's (bad path, not a module) and ends with exit 2.
 * @packageDocumentation
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { decode, DecodeError, type Module } from '@rt/binary';
import { CliError } from './errors.js';
import { compileWat } from './wat.js';

/** A module read from disk. */
export interface LoadedModule {
  /** The path as the user gave it (for messages, and the guest's argv[0]). */
  readonly path: string;
  /** The binary (compiled from text for `.wat`). */
  readonly bytes: Uint8Array;
  /** The decoded module. */
  readonly module: Module;
}

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

/** Whether `bytes` should be read as text: a `.wat`/`.wast` name, or no `\0asm` magic at all. */
function isText(file: string, bytes: Uint8Array): boolean {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.wat' || ext === '.wast') return true;
  if (ext === '.wasm') return false;
  return !WASM_MAGIC.every((b, i) => bytes[i] === b);
}

/** Reads `file` (relative to `cwd`) as bytes. */
export async function readBytes(file: string, cwd: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path.resolve(cwd, file)));
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const why = code === 'ENOENT' ? 'no such file'
      : code === 'EISDIR' ? 'is a directory'
      : code === 'EACCES' ? 'permission denied'
      : e instanceof Error ? e.message : String(e);
    throw new CliError(`cannot read ${file}: ${why}`);
  }
}

/**
 * Reads, compiles (`.wat`) and decodes a module.
 * @throws {@link CliError} (exit 2): unreadable file, `.wat` syntax error, malformed binary.
 */
export async function loadModule(file: string, cwd: string): Promise<LoadedModule> {
  const raw = await readBytes(file, cwd);
  const bytes = isText(file, raw) ? await compileWat(file, raw) : raw;
  try {
    return { path: file, bytes, module: decode(bytes) };
  } catch (e) {
    if (e instanceof DecodeError) throw new CliError(`${file}: ${e.message} at byte 0x${e.offset.toString(16)}`);
    throw e;
  }
}
