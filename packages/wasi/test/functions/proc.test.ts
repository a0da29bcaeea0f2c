import { describe, expect, it } from 'vitest';
import { Errno, WASI, WasiExit, WasiError, WasiTrap, collectOutput } from '../../src/index';
import { engines } from '../helpers/engines';
import { Guest } from '../helpers/guest';
import { wat } from '../helpers/wat';

const fdWrite = '(import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))';
const procExit = '(import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))';
/** Prints the 5 bytes at 100 ("after") to stdout. */
const printAfter = `(func $after (i32.store (i32.const 0) (i32.const 100)) (i32.store (i32.const 4) (i32.const 5))
  (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))`;

describe.each(engines)('start, initialize and proc_exit on $name', (engine) => {
  async function instance(source: string, wasi: WASI) {
    return engine.instantiate(await wat(source), wasi.getImportObject());
  }

  it('proc_exit unwinds every frame; start returns the code', async () => {
    const out = collectOutput();
    const wasi = new WASI({ stdout: out });
    const inst = await instance(`(module ${fdWrite} ${procExit} (memory (export "memory") 1)
      (data (i32.const 100) "after")
      ${printAfter}
      (func $deep (param i32) (if (local.get 0) (then (call $deep (i32.sub (local.get 0) (i32.const 1))) (call $after))
        (else (call $proc_exit (i32.const 42)))))
      (func (export "_start") (call $deep (i32.const 20)) (call $after)))`, wasi);
    expect(wasi.start(inst)).toBe(42);
    expect(out.text()).toBe('');
  });

  it('start returns 0 when _start returns; exit codes are u32', async () => {
    const wasi = new WASI();
    expect(wasi.start(await instance('(module (memory (export "memory") 1) (func (export "_start")))', wasi))).toBe(0);
    const w2 = new WASI();
    expect(w2.start(await instance(`(module ${procExit} (memory (export "memory") 1) (func (export "_start") (call $proc_exit (i32.const -1))))`, w2))).toBe(4294967295);
  });

  it('returnOnExit: false rethrows the WasiExit', async () => {
    const wasi = new WASI({ returnOnExit: false });
    const inst = await instance(`(module ${procExit} (memory (export "memory") 1) (func (export "_start") (call $proc_exit (i32.const 3))))`, wasi);
    expect(() => wasi.start(inst)).toThrow(WasiExit);
  });

  it('signed i32 arguments: fd -31337 is badf, through a real engine', async () => {
    const wasi = new WASI();
    const inst = await instance(`(module ${fdWrite} ${procExit} (memory (export "memory") 1)
      (func (export "_start") (call $proc_exit (call $fd_write (i32.const -31337) (i32.const 0) (i32.const 0) (i32.const 8)))))`, wasi);
    expect(wasi.start(inst)).toBe(Errno.badf);
  });

  it('memory growth: the buffer is re-read on every call', async () => {
    const out = collectOutput();
    const wasi = new WASI({ stdout: out });
    const inst = await instance(`(module ${fdWrite} (memory (export "memory") 1)
      (func (export "_start")
        (drop (memory.grow (i32.const 2)))
        (i32.store8 (i32.const 131072) (i32.const 72)) (i32.store8 (i32.const 131073) (i32.const 105))
        (i32.store (i32.const 131080) (i32.const 131072)) (i32.store (i32.const 131084) (i32.const 2))
        (drop (call $fd_write (i32.const 1) (i32.const 131080) (i32.const 1) (i32.const 131088)))))`, wasi);
    expect(wasi.start(inst)).toBe(0);
    expect(out.text()).toBe('Hi');
  });

  it('an out-of-bounds pointer traps the guest', async () => {
    const wasi = new WASI();
    const inst = await instance(`(module ${fdWrite} (memory (export "memory") 1)
      (func (export "_start") (drop (call $fd_write (i32.const 1) (i32.const 65535) (i32.const 1) (i32.const 0)))))`, wasi);
    expect(() => wasi.start(inst)).toThrow(WasiTrap);
  });

  it('initialize runs _initialize of a reactor; its exports then use WASI', async () => {
    const out = collectOutput();
    const wasi = new WASI({ stdout: out });
    const inst = await instance(`(module ${fdWrite} (memory (export "memory") 1) (global $ready (mut i32) (i32.const 0))
      (data (i32.const 100) "after")
      ${printAfter}
      (func (export "_initialize") (global.set $ready (i32.const 1)))
      (func (export "hello") (result i32) (if (global.get $ready) (then (call $after))) (global.get $ready)))`, wasi);
    wasi.initialize(inst);
    expect((inst.exports['hello'] as () => number)()).toBe(1);
    expect(out.text()).toBe('after');
    expect(() => wasi.initialize(inst)).toThrow(/already/);
  });

  it('misuse is reported to the host', async () => {
    const wasi = new WASI();
    const command = await instance('(module (memory (export "memory") 1) (func (export "_start")))', wasi);
    expect(() => wasi.initialize(command)).toThrow(TypeError);
    wasi.start(command);
    expect(() => wasi.start(command)).toThrow(/already started/);
    expect(() => new WASI().start({ exports: { memory: {} , _start: () => {} } })).toThrow(TypeError);
    expect(() => new WASI().start({ exports: { memory: { buffer: new ArrayBuffer(8) } } })).toThrow(TypeError);
    expect(() => new WASI({ version: 'unstable' as 'preview1' })).toThrow(/preview1/);
  });
});

describe('proc_exit', () => {
  it('throws a WasiExit carrying the unsigned code', () => {
    const g = new Guest();
    expect(() => g.call('proc_exit', 33)).toThrow(WasiExit);
    try {
      g.call('proc_exit', -2);
    } catch (e) {
      expect((e as WasiExit).code).toBe(4294967294);
    }
  });
});

describe('proc_raise', () => {
  it('is notsup (no signals in the sandbox); bad signal numbers are inval', () => {
    const g = new Guest();
    expect(g.call('proc_raise', 15)).toBe(Errno.notsup);
    expect(g.call('proc_raise', 0)).toBe(Errno.notsup);
    expect(g.call('proc_raise', 99)).toBe(Errno.inval);
    expect(g.call('proc_raise', -1)).toBe(Errno.inval);
  });
});

describe('sched_yield', () => {
  it('succeeds', () => {
    expect(new Guest().call('sched_yield')).toBe(Errno.success);
  });
});

describe('error classes', () => {
  it('instanceof works across bundle copies via a registered brand', () => {
    const foreign = Object.defineProperty(new Error('x'), Symbol.for('@rt/wasi.WasiError'), { value: true });
    expect(foreign instanceof WasiError).toBe(true);
    expect(new Error('y') instanceof WasiError).toBe(false);
    expect(new WasiExit(1) instanceof WasiExit).toBe(true);
    expect(new WasiExit(1) instanceof WasiError).toBe(false);
    expect(new WasiTrap('t') instanceof WasiTrap).toBe(true);
  });
  it('host errors that are not WasiErrors become io, reported to onHostError', () => {
    const seen: string[] = [];
    const g = new Guest({ stdout: { write: () => { throw new Error('disk full'); } }, onHostError: (fn, e) => seen.push(`${fn}: ${(e as Error).message}`) });
    expect(g.write(1, 'x')[0]).toBe(Errno.io);
    expect(seen).toEqual(['fd_write: disk full']);
  });
  it('calls before the memory is bound trap', () => {
    expect(() => new WASI().wasiImport['args_sizes_get']!(0, 4)).toThrow(WasiTrap);
  });
});

describe('the import module', () => {
  it('has exactly the 46 preview1 functions', () => {
    const names = Object.keys(new WASI().wasiImport).sort();
    expect(names).toEqual([
      'args_get', 'args_sizes_get', 'clock_res_get', 'clock_time_get', 'environ_get', 'environ_sizes_get',
      'fd_advise', 'fd_allocate', 'fd_close', 'fd_datasync', 'fd_fdstat_get', 'fd_fdstat_set_flags',
      'fd_fdstat_set_rights', 'fd_filestat_get', 'fd_filestat_set_size', 'fd_filestat_set_times', 'fd_pread',
      'fd_prestat_dir_name', 'fd_prestat_get', 'fd_pwrite', 'fd_read', 'fd_readdir', 'fd_renumber', 'fd_seek',
      'fd_sync', 'fd_tell', 'fd_write', 'path_create_directory', 'path_filestat_get', 'path_filestat_set_times',
      'path_link', 'path_open', 'path_readlink', 'path_remove_directory', 'path_rename', 'path_symlink',
      'path_unlink_file', 'poll_oneoff', 'proc_exit', 'proc_raise', 'random_get', 'sched_yield', 'sock_accept',
      'sock_recv', 'sock_send', 'sock_shutdown',
    ]);
    expect(names.length).toBe(46);
    expect(new WASI().getImportObject().wasi_snapshot_preview1).toBeTruthy();
  });
});
