/**
 * End-to-end: every command and flag of the built `rt`, run as a child process.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES, FIXTURES, PACKAGE_DIR, REPO, isOneLineError, rt } from './helpers/cli.js';

const hello = 'examples/hello/hello.wasm';
const cat = 'examples/cat/cat.wasm';
const tee = 'examples/tee/tee.wasm';
const args = 'examples/args/args.wasm';
const fixture = (name: string): string => path.join(FIXTURES, name);

const tmp = mkdtempSync(path.join(tmpdir(), 'rt-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const version = (JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string }).version;

describe('rt --help, --version', () => {
  it.each([['--help'], ['-h'], ['help']])('%s prints the main usage', (flag) => {
    const r = rt([flag]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('rt run [options] <module.wasm|module.wat> [args...]');
    expect(r.stdout).toContain('Exit codes:');
  });

  it.each([
    [['run', '--help'], '--dir HOST[::GUEST]'],
    [['run', '-h'], '--invoke NAME'],
    [['help', 'run'], '--max-call-depth N'],
    [['validate', '--help'], 'Usage: rt validate'],
    [['help', 'validate'], 'Usage: rt validate'],
    [['inspect', '--help'], '--json'],
    [['help', 'inspect'], 'Usage: rt inspect'],
  ])('%j prints the command help', (argv, text) => {
    const r = rt(argv);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(text);
    expect(r.stderr).toBe('');
  });

  it.each([['--version'], ['-V']])('%s prints the version', (flag) => {
    const r = rt([flag]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`rt ${version}\n`);
  });
});

describe('usage errors: one line, exit 2', () => {
  it.each([
    [[], 'missing command or module'],
    [['--bogus'], 'unknown option --bogus'],
    [['--bogus', hello], 'unknown option --bogus'],
    [['run', '--bogus', hello], 'unknown option --bogus'],
    [['run'], 'missing module path'],
    [['run', '--dir'], 'option --dir needs a value'],
    [['run', '--invoke', 'add'], 'missing module path'],
    [['run', '--invoke', 'a', '--invoke', 'b', hello], '--invoke given more than once'],
    [['run', '--max-call-depth', '0', hello], 'expected a positive integer'],
    [['run', '--max-call-depth', 'ten', hello], 'expected a positive integer'],
    [['run', '--max-memory-pages=-1', hello], 'expected a positive integer'],
    [['run', '--help=yes'], 'option --help takes no value'],
    [['run', '--env', '=x', hello], 'empty variable name'],
    [['run', '--dir', '::/x', hello], 'empty host directory'],
    [['run', '--dir', 'examples::', hello], 'empty guest path'],
    [['validate'], 'missing module path'],
    [['validate', '--json', hello], 'unknown option --json'],
    [['validate', hello, hello], 'unexpected argument'],
    [['inspect', '--bogus', hello], 'unknown option --bogus'],
    [['help', 'bogus'], 'unknown command bogus'],
  ])('%j', (argv, message) => {
    const r = rt(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(isOneLineError(r.stderr)).toBe(true);
    expect(r.stderr).toContain(message);
  });

  it.each([['run'], ['validate'], ['inspect']])('%s: a missing file', (command) => {
    const r = rt([command, 'no/such/module.wasm']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: cannot read no/such/module.wasm: no such file\n');
  });

  it('the shortcut: a missing file', () => {
    const r = rt(['missing.wasm', 'arg']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: cannot read missing.wasm: no such file\n');
  });

  it('a directory instead of a module', () => {
    const r = rt(['inspect', 'examples']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: cannot read examples: is a directory\n');
  });

  it.each([['run'], ['validate'], ['inspect']])('%s: a module that does not decode', (command) => {
    const file = path.join(tmp, 'garbage.wasm');
    writeFileSync(file, 'not a module');
    const r = rt([command, file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${file}: magic header not detected at byte 0x0\n`);
  });

  it('a truncated module reports where decoding stopped', () => {
    const file = path.join(tmp, 'truncated.wasm');
    writeFileSync(file, readFileSync(path.join(EXAMPLES, 'hello/hello.wasm')).subarray(0, 100));
    const r = rt(['inspect', file]);
    expect(r.code).toBe(2);
    expect(isOneLineError(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/at byte 0x[0-9a-f]+\n$/);
  });

  it.each([['run'], ['validate'], ['inspect']])('%s: a .wat syntax error', (command) => {
    const r = rt([command, fixture('syntax-error.wat')]);
    expect(r.code).toBe(2);
    expect(isOneLineError(r.stderr)).toBe(true);
    expect(r.stderr).toContain(`${fixture('syntax-error.wat')}:1:16: error: unknown operator i32.frobnicate`);
  });
});

describe('rt run', () => {
  it('runs hello world', () => {
    const r = rt(['run', hello]);
    expect(r).toEqual({ code: 0, stdout: 'Hello, world!\n', stderr: '' });
  });

  it('rt <module> is run', () => {
    expect(rt([hello])).toEqual({ code: 0, stdout: 'Hello, world!\n', stderr: '' });
  });

  it('runs a module given by an absolute path from another directory', () => {
    const r = rt(['run', path.join(EXAMPLES, 'hello/hello.wasm')], { cwd: tmp });
    expect(r.stdout).toBe('Hello, world!\n');
  });

  it('passes everything after the module path to the guest, untouched; argv[0] is the path', () => {
    const r = rt(['run', args, '--version', '-c', '-', '--dir', 'x', '--', '']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `argv[0]=${args}\nargv[1]=--version\nargv[2]=-c\nargv[3]=-\nargv[4]=--dir\nargv[5]=x\nargv[6]=--\nargv[7]=\n`,
    );
  });

  it('the shortcut also takes run options before the module', () => {
    const r = rt(['--env', 'A=1', args, '--env', 'B=2']);
    expect(r.stdout).toBe(`argv[0]=${args}\nargv[1]=--env\nargv[2]=B=2\nenv A=1\n`);
  });

  it('-- ends the options', () => {
    const r = rt(['run', '--env', 'A=1', '--', args, 'x']);
    expect(r.stdout).toBe(`argv[0]=${args}\nargv[1]=x\nenv A=1\n`);
  });

  it('the guest sees only --env variables; --env NAME inherits, and is skipped when unset', () => {
    const r = rt(['run', '--env', 'GREETING=hello world', '--env=EMPTY=', '--env', 'FROM_HOST', '--env', 'UNSET', '--env', 'X=a=b', args], {
      env: { FROM_HOST: 'inherited', SECRET: 'not passed' },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`argv[0]=${args}\nenv GREETING=hello world\nenv EMPTY=\nenv FROM_HOST=inherited\nenv X=a=b\n`);
  });

  it('a later --env of the same name wins', () => {
    const r = rt(['run', '--env', 'A=1', '--env', 'A=2', args]);
    expect(r.stdout).toBe(`argv[0]=${args}\nenv A=2\n`);
  });

  it("the exit code is the guest's proc_exit code", () => {
    expect(rt(['run', '--env', 'EXIT=3', args]).code).toBe(3);
    expect(rt(['run', '--env', 'EXIT=0', args]).code).toBe(0);
    const r = rt(['run', fixture('exit.wat')]);
    expect(r).toEqual({ code: 42, stdout: 'bye\n', stderr: '' });
  });

  it('reads stdin', () => {
    const r = rt(['run', cat], { input: 'line one\nline two\n' });
    expect(r).toEqual({ code: 0, stdout: 'line one\nline two\n', stderr: '' });
  });

  it('reads a large stdin completely', () => {
    const input = 'abcdefghij'.repeat(20_000);
    const r = rt(['run', cat, '-'], { input });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(input);
  });

  it('--dir HOST::GUEST preopens a host directory at a guest path', () => {
    const r = rt(['run', '--dir', 'examples/cat::/data', cat, '/data/input.txt']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(path.join(EXAMPLES, 'cat/input.txt'), 'utf8'));
  });

  it('--dir=HOST::GUEST, nested guest paths, and several directories', () => {
    const r = rt(['run', '--dir=examples/cat::/mnt/a/b', '--dir', 'examples/hello::/src', cat, '/mnt/a/b/input.txt', '/src/hello.c']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('The guest reads it as /data/input.txt');
    expect(r.stdout).toContain('printf("Hello, world!\\n");');
  });

  it('--dir HOST::/ makes the directory the guest root', () => {
    const r = rt(['run', '--dir', `${EXAMPLES}::/`, cat, '/cat/input.txt']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('The guest reads it as /data/input.txt');
  });

  it('--dir HOST exposes the directory at its own (relative) path', () => {
    const r = rt(['run', '--dir', 'examples/cat', cat, 'examples/cat/input.txt']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('The guest reads it as /data/input.txt');
  });

  it('without --dir the guest sees no files', () => {
    const r = rt(['run', cat, '/data/input.txt']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^cat: \/data\/input.txt: /);
  });

  it('the guest cannot escape a preopened directory', () => {
    const r = rt(['run', '--dir', 'examples/cat::/data', cat, '/data/../hello/hello.c']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
  });

  it('writes files in a preopened directory, from stdin', () => {
    const out = path.join(tmp, 'out');
    mkdirSync(path.join(out, 'sub'), { recursive: true });
    const r = rt(['run', '--dir', `${out}::/out`, tee, '/out/a.txt', '/out/sub/b.txt'], { input: 'tee me\n' });
    expect(r).toEqual({ code: 0, stdout: 'tee me\n', stderr: '' });
    expect(readFileSync(path.join(out, 'a.txt'), 'utf8')).toBe('tee me\n');
    expect(readFileSync(path.join(out, 'sub/b.txt'), 'utf8')).toBe('tee me\n');
  });

  it('--dir with a missing or non-directory host path is a usage error', () => {
    let r = rt(['run', '--dir', 'no/such/dir::/x', hello]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --dir no/such/dir: no such directory\n');
    r = rt(['run', '--dir', `${hello}::/x`, hello]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: --dir ${hello}: not a directory\n`);
  });

  it('the same guest path twice is a usage error', () => {
    const r = rt(['run', '--dir', 'examples/cat::/d', '--dir', 'examples/hello::/d', hello]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --dir: guest path /d given twice\n');
  });

  it('runs .wat modules', () => {
    expect(rt(['run', '--invoke', 'add', fixture('math.wat'), '2', '3']).stdout).toBe('5\n');
  });

  it('an import rt cannot provide is reported before running (exit 2)', () => {
    const r = rt(['run', fixture('imports-env.wat')]);
    expect(r.code).toBe(2);
    expect(isOneLineError(r.stderr)).toBe(true);
    expect(r.stderr).toContain('unknown import env::callback');
  });

  it('only real WASI functions link, not properties every object has', () => {
    const file = path.join(tmp, 'proto-import.wat');
    writeFileSync(file, '(module (import "wasi_snapshot_preview1" "toString" (func)) (func (export "_start")))');
    const r = rt(['run', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown import wasi_snapshot_preview1::toString');
  });

  it('a WASI function imported with the wrong type is an incompatible import (exit 2)', () => {
    const file = path.join(tmp, 'bad-signature.wat');
    writeFileSync(file, '(module (import "wasi_snapshot_preview1" "fd_write" (func (param i32) (result i32))) (memory (export "memory") 1) (func (export "_start")))');
    const r = rt(['run', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${file}: incompatible import type for wasi_snapshot_preview1::fd_write: expected (i32, i32, i32, i32) -> i32, found (i32) -> i32\n`);
    // proc_exit returns nothing; importing it with a result does not link either.
    writeFileSync(file, '(module (import "wasi_snapshot_preview1" "proc_exit" (func (param i32) (result i32))) (memory (export "memory") 1) (func (export "_start")))');
    expect(rt(['run', file]).stderr).toContain('proc_exit: expected (i32) -> nil, found (i32) -> i32');
  });

  it('exports named like Object.prototype members are plain exports', () => {
    const file = path.join(tmp, 'proto-export.wat');
    writeFileSync(file, '(module (func (export "__proto__") (result i32) (i32.const 7)) (func (export "toString") (result i32) (i32.const 8)))');
    expect(rt(['run', '--invoke', '__proto__', file]).stdout).toBe('7\n');
    expect(rt(['run', '--invoke', 'toString', file]).stdout).toBe('8\n');
  });

  it('an invalid module does not run (exit 2)', () => {
    const r = rt(['run', fixture('invalid.wat')]);
    expect(r.code).toBe(2);
    expect(isOneLineError(r.stderr)).toBe(true);
    expect(r.stderr).toContain('invalid module: type mismatch');
  });

  it('a module exporting both _start and _initialize is rejected (exit 2)', () => {
    const file = path.join(tmp, 'both.wat');
    writeFileSync(file, '(module (memory (export "memory") 1) (func (export "_start")) (func (export "_initialize")))');
    const r = rt(['run', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${file}: exports both _start and _initialize; WASI allows a command or a reactor, not both\n`);
  });

  it('runs a large real program: SQLite (bench/large) prints its expected output', () => {
    const r = rt(['run', 'bench/large/sqlite.wasm']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(path.join(REPO, 'bench/large/sqlite.expected.txt'), 'utf8'));
  });

  it('a module without _start just instantiates (its _initialize runs)', () => {
    expect(rt(['run', fixture('reactor.wat')])).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('rt run: traps', () => {
  it('prints error: <message> and a backtrace, and exits 134', () => {
    const r = rt(['run', fixture('trap.wat')]);
    expect(r.code).toBe(134);
    expect(r.stdout).toBe('');
    const [first, second] = r.stderr.split('\n');
    expect(first).toBe('error: unreachable');
    expect(second).toMatch(/^wasm backtrace/);
  });

  it('a trap inside --invoke', () => {
    const r = rt(['run', '--invoke', 'div', fixture('math.wat'), '1', '0']);
    expect(r.code).toBe(134);
    expect(r.stderr.split('\n')[0]).toBe('error: integer divide by zero');
  });

  it('integer overflow', () => {
    const r = rt(['run', '--invoke', 'div', fixture('math.wat'), '-2147483648', '-1']);
    expect(r.code).toBe(134);
    expect(r.stderr.split('\n')[0]).toBe('error: integer overflow');
  });
});

describe('rt run: engine limits', () => {
  const math = fixture('math.wat');

  it('--max-call-depth N: deeper recursion traps with call stack exhausted', () => {
    expect(rt(['run', '--invoke', 'depth', math, '500']).stdout).toBe('500\n');
    const r = rt(['run', '--max-call-depth', '100', '--invoke', 'depth', math, '500']);
    expect(r.code).toBe(134);
    expect(r.stderr.split('\n')[0]).toBe('error: call stack exhausted');
    expect(rt(['run', '--max-call-depth=1000', '--invoke', 'depth', math, '500']).stdout).toBe('500\n');
  });

  it('--tier runs the same program in every tier; an unknown tier is a usage error', () => {
    for (const tier of ['default', 'fast', 'frame', 'interp']) {
      const r = rt(['run', '--tier', tier, hello]);
      expect(r.code, tier).toBe(0);
      expect(r.stdout, tier).toBe('Hello, world!\n');
      expect(rt(['run', `--tier=${tier}`, '--invoke', 'depth', math, '300']).stdout, tier).toBe('300\n');
    }
    const bad = rt(['run', '--tier', 'turbo', hello]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--tier turbo: expected one of default, fast, frame, interp');
  });

  it('--max-stack-values N bounds the value stack', () => {
    expect(rt(['run', '--max-stack-values', '1000000', '--invoke', 'depth', math, '500']).stdout).toBe('500\n');
    const r = rt(['run', '--max-stack-values', '64', '--invoke', 'depth', math, '500']);
    expect(r.code).toBe(134);
    expect(r.stderr.split('\n')[0]).toBe('error: call stack exhausted');
  });

  it('--max-memory-pages N makes memory.grow beyond N pages fail', () => {
    expect(rt(['run', '--invoke', 'grow_memory', math, '10']).stdout).toBe('1\n');
    expect(rt(['run', '--max-memory-pages', '5', '--invoke', 'grow_memory', math, '10']).stdout).toBe('-1\n');
    expect(rt(['run', '--max-memory-pages', '5', '--invoke', 'grow_memory', math, '4']).stdout).toBe('1\n');
  });

  it('a memory larger than --max-memory-pages cannot be instantiated (exit 2)', () => {
    const r = rt(['run', '--max-memory-pages', '1', hello]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${hello}: cannot instantiate: memory size exceeds the engine limit\n`);
  });

  it('--max-table-elements N makes table.grow beyond N elements fail', () => {
    expect(rt(['run', '--invoke', 'grow_table', math, '10']).stdout).toBe('1\n');
    expect(rt(['run', '--max-table-elements', '5', '--invoke', 'grow_table', math, '10']).stdout).toBe('-1\n');
  });
});

describe('rt run --invoke', () => {
  const math = fixture('math.wat');
  const invoke = (name: string, ...values: string[]) => rt(['run', '--invoke', name, math, ...values]);

  it('i32 arguments and result', () => {
    expect(invoke('add', '2', '3')).toEqual({ code: 0, stdout: '5\n', stderr: '' });
    expect(invoke('add', '-7', '2').stdout).toBe('-5\n');
    expect(invoke('add', '0x10', '0X0f').stdout).toBe('31\n');
    expect(invoke('add', '4294967295', '0').stdout).toBe('-1\n');
    expect(invoke('add', '2147483647', '1').stdout).toBe('-2147483648\n');
  });

  it('i64 arguments are exact (BigInt)', () => {
    expect(invoke('add64', '9007199254740993', '1').stdout).toBe('9007199254740994\n');
    expect(invoke('add64', '9223372036854775807', '1').stdout).toBe('-9223372036854775808\n');
    expect(invoke('add64', '18446744073709551615', '0').stdout).toBe('-1\n');
    expect(invoke('add64', '-0x8000000000000000', '0').stdout).toBe('-9223372036854775808\n');
  });

  it('f32 and f64, with nan, inf and -0', () => {
    expect(invoke('mulf32', '1.5', '2').stdout).toBe('3\n');
    expect(invoke('mulf32', '0.1', '1').stdout).toBe('0.10000000149011612\n');
    expect(invoke('divf64', '1', '3').stdout).toBe('0.3333333333333333\n');
    expect(invoke('divf64', '1', '0').stdout).toBe('inf\n');
    expect(invoke('divf64', '-1', '0').stdout).toBe('-inf\n');
    expect(invoke('divf64', '0', '0').stdout).toBe('nan\n');
    expect(invoke('divf64', 'nan', '1').stdout).toBe('nan\n');
    expect(invoke('divf64', '-inf', '2').stdout).toBe('-inf\n');
    expect(invoke('divf64', '-0', '1').stdout).toBe('-0\n');
    expect(invoke('divf64', '1e3', '-2.5E-1').stdout).toBe('-4000\n');
  });

  it('several results, one per line; no results, no output', () => {
    expect(invoke('swap', '1', '2').stdout).toBe('2\n1\n');
    expect(invoke('nothing')).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('v128 and reference values', () => {
    const file = path.join(tmp, 'v128.wat');
    writeFileSync(file, `(module
      (func (export "add_lanes") (param v128 v128) (result v128) (i32x4.add (local.get 0) (local.get 1)))
      (func (export "is_null") (param externref) (result i32) (ref.is_null (local.get 0)))
      (func (export "null_func") (result funcref) (ref.null func)))`);
    expect(rt(['run', '--invoke', 'add_lanes', file, '0x00000001000000020000000300000004', '0x10']).stdout)
      .toBe('0x00000001000000020000000300000014\n');
    expect(rt(['run', '--invoke', 'is_null', file, 'null']).stdout).toBe('1\n');
    expect(rt(['run', '--invoke', 'null_func', file]).stdout).toBe('null\n');
  });

  it('calls _initialize first when the module has it', () => {
    expect(rt(['run', '--invoke', 'next', fixture('reactor.wat')]).stdout).toBe('101\n');
  });

  it('works on a WASI command without running _start', () => {
    const r = rt(['run', '--invoke', '_start', hello]);
    expect(r).toEqual({ code: 0, stdout: 'Hello, world!\n', stderr: '' });
  });

  it.each([
    [['add', '1'], '--invoke add: expected 2 argument(s) (i32 i32), got 1'],
    [['add', '1', '2', '3'], '--invoke add: expected 2 argument(s) (i32 i32), got 3'],
    [['add', 'one', '2'], '--invoke argument 1 ("one") is not a valid i32'],
    [['add', '1', '4294967296'], '--invoke argument 2 ("4294967296") is not a valid i32'],
    [['add', '1.5', '2'], '--invoke argument 1 ("1.5") is not a valid i32'],
    [['add64', '1', '18446744073709551616'], '--invoke argument 2 ("18446744073709551616") is not a valid i64'],
    [['divf64', '1', 'x'], '--invoke argument 2 ("x") is not a valid f64'],
    [['nope'], 'no exported function "nope" (exported functions: add, div, add64'],
    [['memory'], 'no exported function "memory"'],
  ])('%j is a usage error', ([name, ...values], message) => {
    const r = invoke(name!, ...values);
    expect(r.code).toBe(2);
    expect(isOneLineError(r.stderr)).toBe(true);
    expect(r.stderr).toContain(message);
  });
});

describe('rt validate', () => {
  it('a valid module: exit 0, no output', () => {
    expect(rt(['validate', hello])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(rt(['validate', fixture('math.wat')])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('an invalid module: the error with its byte offset, exit 1', () => {
    const r = rt(['validate', fixture('invalid.wat')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    // ("type mismatch" goes on with the reference interpreter's details: what was required, what the stack had.)
    expect(r.stderr).toMatch(/^error: .*invalid\.wat: type mismatch: .* in function 0 "broken" at byte 0x[0-9a-f]+\n$/);
  });
});

describe('rt inspect', () => {
  it('shows sections with offsets and sizes, and every kind of entry', () => {
    const r = rt(['inspect', hello]);
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/^examples\/hello\/hello\.wasm: \d+ bytes\n/);
    expect(out).toMatch(/ {6}type start=0x0000000a end=0x[0-9a-f]{8} \(size=0x[0-9a-f]{8}\) count=\d+/);
    expect(out).toMatch(/custom start=0x[0-9a-f]{8} end=0x[0-9a-f]{8} \(size=0x[0-9a-f]{8}\) "name"/);
    for (const block of ['Type[', 'Import[', 'Function[', 'Table[', 'Memory[', 'Global[', 'Export[', 'Elem[', 'Data[', 'Custom[']) {
      expect(out).toContain(`\n${block}`);
    }
    expect(out).toContain(' <- wasi_snapshot_preview1.fd_write');
    expect(out).toMatch(/ - func\[\d+\] sig=\d+ <__original_main> \(\) -> i32 size=\d+/);
    expect(out).toContain(' - memory[0] -> "memory"');
    expect(out).toContain(' - global[0] i32 mutable=1 - init i32.const ');
    expect(out).toContain('"Hello, world!');
    expect(out).toContain(' - "producers"');
  });

  it('agrees with wasm-objdump on section offsets', () => {
    const r = rt(['inspect', '--json', hello]);
    const report = JSON.parse(r.stdout) as { sections: Array<{ name: string; contentOffset: number; size: number }> };
    const type = report.sections.find((s) => s.name === 'type')!;
    // The first section starts right after the 8-byte header: id byte, then a 1-byte size.
    expect(type.contentOffset).toBe(10);
    const total = readFileSync(path.join(EXAMPLES, 'hello/hello.wasm')).length;
    const last = report.sections.at(-1)!;
    expect(last.contentOffset + last.size).toBe(total);
  });

  it('--json prints one JSON object with the same information', () => {
    const r = rt(['inspect', '--json', fixture('math.wat')]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, unknown> & {
      functions: Array<{ index: number; name: string | null; signature: string }>;
      exports: Array<{ name: string; kind: string; index: number; funcName: string | null }>;
      memories: Array<{ limits: { min: number; max: number | null } }>;
      tables: Array<{ element: string }>;
      types: unknown[];
    };
    expect(Object.keys(j)).toEqual([
      'file', 'size', 'sections', 'types', 'imports', 'functions', 'tables', 'memories', 'tags', 'globals',
      'exports', 'start', 'elements', 'datas', 'customs', 'moduleName',
    ]);
    expect(j.functions.find((f) => f.name === 'depth')).toMatchObject({ signature: '(i32) -> i32' });
    expect(j.exports.find((e) => e.name === 'swap')).toMatchObject({ kind: 'func' });
    expect(j.memories[0]!.limits).toEqual({ min: 1, max: null });
    expect(j.tables[0]!.element).toBe('funcref');
  });

  it('shows GC types (structs, arrays, supertypes, recursion groups) and tags', () => {
    const r = rt(['inspect', fixture('gc.wat')]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => l.startsWith(' - type[') || l.startsWith(' - tag[') || /^(Type|Tag)\[/.test(l))).toEqual([
      'Type[5]:',
      ' - type[0] struct {i32, mut (ref null 0)} non-final rec=0..1',
      ' - type[1] struct {i32, mut (ref null 0), i8} sub=0 rec=0..1',
      ' - type[2] array mut i8',
      ' - type[3] ((ref 0)) -> i32',
      ' - type[4] (i32, (ref null 2)) -> nil', // the tag's type, which the text format adds
      'Tag[1]:',
      ' - tag[0] sig=4 (i32, (ref null 2)) -> nil',
      ' - tag[0] -> "oops"', // in the Export block
    ]);
    const j = JSON.parse(rt(['inspect', '--json', fixture('gc.wat')]).stdout) as { types: unknown[]; tags: unknown[] };
    expect(j.types[1]).toEqual({
      index: 1, kind: 'struct', params: [], results: [], fields: ['i32', 'mut (ref null 0)', 'i8'], supertypes: [0], final: true, rec: { start: 0, size: 2 },
    });
    expect(j.tags).toEqual([{ index: 0, type: 4, signature: '(i32, (ref null 2)) -> nil' }]);
  });

  it('inspects invalid modules (they are well-formed)', () => {
    const r = rt(['inspect', fixture('invalid.wat')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<broken> () -> i32');
  });

  it('shows segments, globals and the start function of a .wat module', () => {
    const file = path.join(tmp, 'segments.wat');
    writeFileSync(file, `(module
      (import "env" "g" (global $g i32))
      (import "env" "m" (memory 1 2))
      (table $t 4 funcref)
      (global $h (mut i64) (i64.const -5))
      (global $f f64 (f64.const 1.5))
      (func $a) (func $b)
      (start $a)
      (elem (i32.const 2) $a $b)
      (elem funcref (ref.func $b) (ref.null func))
      (data (global.get $g) "xyz")
      (data "passive"))`);
    const r = rt(['inspect', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(' - global[0] i32 mutable=0 <- env.g');
    expect(r.stdout).toContain(' - memory[0] pages: initial=1 max=2 <- env.m');
    expect(r.stdout).toContain(' - global[1] i64 mutable=1 - init i64.const -5');
    expect(r.stdout).toContain(' - global[2] f64 mutable=0 - init f64.const 1.5');
    expect(r.stdout).toContain('Start:\n - start function: 0 <a>');
    expect(r.stdout).toContain(' - segment[0] active table=0 offset=(i32.const 2) type=funcref count=2\n  - elem[2] = func[0] <a>\n  - elem[3] = func[1] <b>');
    expect(r.stdout).toContain(' - segment[1] passive type=funcref count=2\n  - elem[0] = ref.func 1\n  - elem[1] = ref.null func');
    expect(r.stdout).toContain(' - segment[0] active memory=0 offset=(global.get 0) size=3 - "xyz"');
    expect(r.stdout).toContain(' - segment[1] passive size=7 - "passive"');
  });

  it('shows WebAssembly 3.0 (part 1) modules: 64-bit memories and tables, several memories, extended constants', () => {
    const file = path.join(tmp, 'wasm3.wat');
    writeFileSync(file, `(module
      (import "env" "m" (memory i64 1))
      (memory $b 2)
      (table $t i64 3 funcref)
      (global $g i32 (i32.const 8))
      (global $h i32 (i32.add (global.get $g) (i32.const 4)))
      (func $loop (param i32) (result i32) (return_call $loop (local.get 0)))
      (data (i64.const 0) "ab"))`);
    const r = rt(['inspect', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(' - memory[0] pages: initial=1 i64 <- env.m');
    expect(r.stdout).toContain(' - memory[1] pages: initial=2');
    expect(r.stdout).toContain(' - table[0] type=funcref initial=3 i64');
    expect(r.stdout).toContain(' - global[1] i32 mutable=0 - init global.get 0 i32.const 4 i32.add');
    expect(rt(['validate', file]).code).toBe(0);
  });
});

describe('the repository README', () => {
  it("its first command's rt invocation runs from the repository root", () => {
    const r = rt(['run', 'examples/hello/hello.wasm'], { cwd: REPO });
    expect(r.stdout).toBe('Hello, world!\n');
  });
});
