/**
 * Function instances (and with them their module instances and memories) are released once
 * nothing can reach them. Before, the store's reference table kept every function instance for
 * the engine's lifetime, so a host instantiating a module per task (hash-wasm's
 * `createSHA256()` in a loop) leaked every instance: ~130 KiB each there.
 *
 * What must survive a collection followed by a JavaScript garbage collection: functions held
 * only by a table of another live instance (also when written there by an instance since
 * dropped, or copied there from a dropped instance's table), by a funcref global, by a passive
 * element segment, or by JavaScript (an exported function, a `Table`).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ValType } from '@rt/binary';
import { describe, expect, it } from 'vitest';
import { Engine, type CompiledModule, type FuncInstance, type GlobalInstance, type ModuleInstance, type TableInstance, type Value } from '../src/index.js';
import { RT, type Fn } from './js-api-apis.js';
import { wat } from './wat.js';

// `global.gc` without restarting the worker with `--expose-gc`.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * A full JavaScript collection. Awaited between passes: objects a `WeakRef` handed out during a
 * job stay alive until the job ends (the store's collection derefs its weak roots), and
 * finalisation callbacks run after it.
 */
async function collectGarbage(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  }
  await new Promise((resolve) => setImmediate(resolve));
}

const alive = (refs: readonly WeakRef<object>[]): number => refs.filter((r) => r.deref() !== undefined).length;

/** A module with a memory of a few pages, exported functions and a funcref table used by `call_indirect`. */
const TASK = `(module
  (type $fi (func (param i32) (result i32)))
  (memory (export "memory") 4)
  (table $t 2 funcref)
  (elem (i32.const 0) $inc $dbl)
  (func $inc (param i32) (result i32) local.get 0 i32.const 1 i32.add)
  (func $dbl (param i32) (result i32) local.get 0 i32.const 2 i32.mul)
  (func (export "run") (param i32 i32) (result i32) local.get 1 local.get 0 call_indirect $t (type $fi))
  (func (export "poke") (param i32) i32.const 1024 local.get 0 i32.store))`;

describe('function instance release', () => {
  it('JS API: instantiating per task keeps memory bounded', async () => {
    const module = new RT.Module(await wat(TASK));
    const memories: WeakRef<object>[] = [];
    await collectGarbage();
    const before = process.memoryUsage().arrayBuffers;
    for (let i = 0; i < 300; i++) {
      const instance = new RT.Instance(module, {});
      const ex = instance.exports;
      expect((ex['run'] as Fn)(i % 2, 20)).toBe(i % 2 === 0 ? 21 : 40);
      (ex['poke'] as Fn)(i);
      // The JS API's Memory object lives exactly as long as the memory instance behind it.
      memories.push(new WeakRef(ex['memory'] as object));
      if (i % 25 === 24) await new Promise((resolve) => setImmediate(resolve));
    }
    await collectGarbage();
    const grown = process.memoryUsage().arrayBuffers - before;
    // 300 memories of 256 KiB are 75 MiB; a collection is due about every 15 instances.
    expect(alive(memories)).toBeLessThan(60);
    expect(grown).toBeLessThan(20 * 1024 * 1024);
  });

  it('the same loop leaks without function collection (the test detects the leak)', async () => {
    const run = async (collect: boolean): Promise<number> => {
      const engine = new Engine();
      if (!collect) engine.store.funcCollectionMin = Infinity;
      const compiled = engine.compile(await wat(TASK));
      const instances: WeakRef<ModuleInstance>[] = [];
      for (let i = 0; i < 80; i++) {
        const inst = engine.instantiate(compiled);
        expect(engine.invoke(inst.exports.get('run')!.value as FuncInstance, [0, 1])).toEqual([2]);
        instances.push(new WeakRef(inst));
      }
      await collectGarbage();
      return alive(instances);
    };
    expect(await run(false)).toBe(80);
    expect(await run(true)).toBeLessThan(30);
  });

  it.each([
    ['interpreted', 1000],
    ['compiled', 0],
  ])('keeps functions reachable only through tables, globals, segments and JavaScript (%s)', async (_tier, jitThreshold) => {
    const engine = new Engine({ jitThreshold });
    const store = engine.store;
    store.funcCollectionMin = 0; // collect after every outermost call and instantiation
    const fn = (inst: ModuleInstance, name: string): FuncInstance => inst.exports.get(name)!.value as FuncInstance;
    const call = (f: FuncInstance, ...args: Value[]): Value[] => engine.invoke(f, args);

    // The holder: a table and a funcref global, read and called from Wasm.
    const holder = engine.instantiate(
      engine.compile(
        await wat(`(module
          (type $r (func (result i32)))
          (table $t (export "t") 8 funcref)
          (global $g (export "g") (mut funcref) (ref.null func))
          (func (export "callAt") (param i32) (result i32) local.get 0 call_indirect $t (type $r))
          (func (export "getAt") (param i32) (result funcref) local.get 0 table.get $t)
          (func (export "callG") (result i32) i32.const 7 global.get $g table.set $t i32.const 7 call_indirect $t (type $r)))`),
      ),
    );
    const table = holder.exports.get('t')!.value as TableInstance;
    const global = holder.exports.get('g')!.value as GlobalInstance;
    // Providers write a function of theirs into the holder, then are dropped (one path each:
    // any function kept alive keeps its whole instance, and so the others).
    const provider = async (install: string, n: number): Promise<CompiledModule> =>
      engine.compile(
        await wat(`(module
          (import "h" "t" (table $t 8 funcref))
          (import "h" "g" (global $g (mut funcref)))
          (table $own 1 funcref)
          (elem (table $own) (i32.const 0) func $f)
          (elem declare func $f)
          (func $f (result i32) i32.const ${n})
          (func (export "install") ${install}))`),
      );
    const providers = [
      await provider('i32.const 0 ref.func $f table.set $t', 101),
      await provider('ref.func $f global.set $g', 102),
      // copied from a table that dies with this instance
      await provider('i32.const 1 i32.const 0 i32.const 1 table.copy $t $own', 103),
    ];
    const single = async (n: number): Promise<CompiledModule> => engine.compile(await wat(`(module (func (export "f") (result i32) i32.const ${n}))`));
    const [jsOnly, byHost, forSegment] = [await single(104), await single(105), await single(106)];
    // A passive segment naming a function of a dropped instance (through an imported global).
    const segmentUser = engine.instantiate(
      engine.compile(
        await wat(`(module
          (type $r (func (result i32)))
          (import "h" "g" (global $g funcref))
          (table $t 1 funcref)
          (elem $seg funcref (global.get $g))
          (func (export "fromSegment") (result i32)
            i32.const 0 i32.const 0 i32.const 1 table.init $t $seg
            i32.const 0 call_indirect $t (type $r)))`),
      ),
      { h: { g: engine.createGlobal({ type: ValType.funcref, mutable: false }, fn(engine.instantiate(forSegment), 'f')) } },
    );
    const held: { js?: FuncInstance } = { js: fn(engine.instantiate(jsOnly), 'f') };
    // The last instantiation collected: every function is demoted. From here on, no collection
    // until the first check: the writes alone must keep what they wrote, while the writers (the
    // providers, the embedder) let go. (In a function of its own, so that no local variable of
    // this one keeps an instance alive.)
    const providerInstances = ((): WeakRef<ModuleInstance>[] => {
      const instances = providers.map((compiled) => engine.instantiate(compiled, { h: { t: table, g: global } }));
      const byHostF = fn(engine.instantiate(byHost), 'f');
      store.funcCollectionMin = Infinity;
      for (const inst of instances) call(fn(inst, 'install'));
      // Written by the embedder through `toRef`; only the table keeps it.
      table.elements[2] = engine.toRef(ValType.funcref, byHostF);
      return instances.map((inst) => new WeakRef(inst));
    })();

    const check = (): void => {
      expect(call(fn(holder, 'callAt'), 0)).toEqual([101]); // written by a dropped instance
      expect(call(fn(holder, 'callAt'), 1)).toEqual([103]); // copied from a dropped instance's table
      expect(call(fn(holder, 'callG'))).toEqual([102]); // set in the global by a dropped instance
      expect(call(call(fn(holder, 'getAt'), 0)[0] as FuncInstance)).toEqual([101]); // table.get, called from JS
      expect(call(fn(holder, 'callAt'), 2)).toEqual([105]); // written by the embedder
      expect(call(fn(segmentUser, 'fromSegment'))).toEqual([106]); // passive segment
      expect(call(held.js!)).toEqual([104]); // held by JavaScript
    };
    await collectGarbage();
    check();
    store.funcCollectionMin = 0;
    for (let round = 0; round < 3; round++) {
      await collectGarbage();
      check();
    }
    expect(alive(providerInstances)).toBe(3);

    // A function held only by JavaScript across collections can be stored again.
    table.elements[3] = engine.toRef(ValType.funcref, held.js);
    delete held.js;
    await collectGarbage();
    expect(call(fn(holder, 'callAt'), 3)).toEqual([104]);

    // Clearing the holders releases the providers' instances (their functions close over them).
    table.elements.fill(0);
    engine.setGlobal(global, null);
    expect(call(fn(holder, 'getAt'), 0)).toEqual([null]); // an outermost call: a collection
    await collectGarbage();
    expect(alive(providerInstances)).toBe(0);
  });

  it('JS API: exported functions, Table and Global objects keep functions of dropped instances', async () => {
    const holder = new RT.Instance(
      new RT.Module(
        await wat(`(module
          (type $r (func (result i32)))
          (table (export "t") 2 funcref)
          (func (export "callAt") (param i32) (result i32) local.get 0 call_indirect (type $r)))`),
      ),
      {},
    ).exports;
    const table = holder['t'] as InstanceType<typeof RT.Table>;
    const global = new RT.Global({ value: 'anyfunc', mutable: true }, null);
    const make = async (n: number): Promise<Fn> => {
      const bytes = await wat(`(module (func (export "f") (result i32) i32.const ${n}))`);
      return new RT.Instance(new RT.Module(bytes), {}).exports['f'] as Fn;
    };
    table.set(0, await make(1));
    global.value = await make(2);
    const jsHeld = await make(3);
    const dropped = new WeakRef(await make(4));
    // Enough allocation for collections to be due (with the default threshold).
    const filler = new RT.Module(await wat(`(module (memory 1) (func (export "f")))`));
    for (let i = 0; i < 200; i++) (new RT.Instance(filler, {}).exports['f'] as Fn)();
    await collectGarbage();
    expect((holder['callAt'] as Fn)(0)).toBe(1);
    expect((table.get(0) as Fn)()).toBe(1);
    expect((global.value as Fn)()).toBe(2);
    expect(jsHeld()).toBe(3);
    table.set(1, jsHeld);
    expect((holder['callAt'] as Fn)(1)).toBe(3);
    expect(dropped.deref()).toBeUndefined();
  });
});
