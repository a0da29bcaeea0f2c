/**
 * The fast tier (Wasm functions compiled to plain JavaScript functions) against the interpreter
 * and against Node's native WebAssembly: results bit for bit (i64 halves, NaN payloads through
 * locals, globals, memory, select and calls), multi-value calls, traps with their backtraces,
 * exhaustion as a trap, and calls crossing tiers in both directions.
 */
import { describe, expect, it } from 'vitest';
import { Engine, Trap, type FuncInstance, type WasmFunction } from '../src/index.js';
import { wat } from './wat.js';

const NativeWasm = (globalThis as unknown as { WebAssembly: { instantiate(b: Uint8Array): Promise<{ instance: { exports: unknown } }> } }).WebAssembly;

const TEXT = `(module (memory 1)
  (global $g (mut i64) (i64.const 0))
  (global $f (mut f32) (f32.const 0))
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func $mix (export "mix") (param i64 i64) (result i64)
    (i64.xor (i64.mul (local.get 0) (i64.const 0x9e3779b97f4a7c15))
      (i64.add (i64.rotl (local.get 1) (i64.const 27)) (i64.shr_u (local.get 0) (i64.const 33)))))
  (func $divs (export "divs") (param i64 i64) (result i64 i64)
    (i64.div_s (local.get 0) (local.get 1)) (i64.rem_u (local.get 0) (local.get 1)))
  (func (export "byconst") (param i64 i64) (result i64)
    (i64.xor (i64.xor (i64.rem_u (local.get 0) (i64.const 4294967291)) (i64.div_u (local.get 0) (i64.const 4294967291)))
      (i64.xor (i64.rem_u (local.get 0) (i64.const 3)) (i64.mul (i64.div_u (local.get 0) (i64.const 10)) (i64.const 7)))))
  (func (export "pair") (param i64 i64) (result i64)
    (call $divs (local.get 0) (local.get 1)) (i64.add))
  (func (export "cmp") (param i64 i64) (result i32)
    (i32.add (i32.add (i64.lt_s (local.get 0) (local.get 1)) (i32.shl (i64.lt_u (local.get 0) (local.get 1)) (i32.const 1)))
      (i32.shl (i64.ge_s (local.get 0) (local.get 1)) (i32.const 2))))
  (func (export "f32bits") (param i32) (result i32) (local f32)
    (f32.store (i32.const 8) (f32.reinterpret_i32 (local.get 0)))
    (local.set 1 (f32.load (i32.const 8)))
    (global.set $f (select (local.get 1) (f32.const 1) (i32.const 1)))
    (i32.reinterpret_f32 (f32.neg (f32.neg (global.get $f)))))
  (func (export "f64bits") (param i64) (result i64)
    (f64.store (i32.const 16) (f64.reinterpret_i64 (local.get 0)))
    (i64.reinterpret_f64 (f64.abs (f64.neg (f64.load (i32.const 16))))))
  (func (export "loop") (param i32) (result i64) (local i64)
    (block (loop
      (br_if 1 (i32.eqz (local.get 0)))
      (local.set 1 (i64.add (local.get 1) (i64.extend_i32_u (local.get 0))))
      (global.set $g (i64.add (global.get $g) (local.get 1)))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
      (br 0)))
    (i64.add (local.get 1) (global.get $g)))
  (func (export "table") (param i32) (result i32)
    (block $a (block $b (block $c (br_table $a $b $c (local.get 0))) (return (i32.const 30))) (return (i32.const 20)))
    (i32.const 10))
  (func (export "oob") (param i32) (result i32) (i32.load offset=4 (local.get 0)))
  (func $deep (export "deep") (param i32) (result i32) (i32.add (call $deep (local.get 0)) (i32.const 1))))`;

async function setup(engine: Engine) {
  const inst = engine.instantiate(engine.compile(await wat(TEXT)));
  const fn = (name: string) => inst.exports.get(name)!.value as FuncInstance;
  return { fn, call: (name: string, ...args: unknown[]) => engine.invoke(fn(name), args) };
}

const I64S = [0n, 1n, -1n, 7n, -7n, 0x7fffffffffffffffn, -0x8000000000000000n, 0x123456789abcdefn, -0x100000000n, 0xffffffffn];

describe('fast tier', () => {
  it('compiles every function before its first call with jitThreshold 0', async () => {
    const engine = new Engine({ jitThreshold: 0 });
    const { fn, call } = await setup(engine);
    expect(call('fib', 20)).toEqual([6765]);
    expect((fn('fib') as WasmFunction).fast).toBe(true);
  });

  it('compiles the callees that have run along with a hot caller, before its code runs', async () => {
    // A call site that first sees a trampoline and then compiled code is polymorphic to V8.
    const bytes = await wat(`(module (type $t (func (param i32) (result i32)))
      (table 2 funcref) (elem (i32.const 0) $viaTable $never)
      (func $direct (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
      (func $viaTable (type $t) (i32.mul (local.get 0) (i32.const 3)))
      (func $never (type $t) (local.get 0))
      (func (export "once") (result i32) (i32.add (call $direct (i32.const 1)) (call_indirect (type $t) (i32.const 2) (i32.const 0))))
      (func (export "hot") (param $n i32) (result i32)
        ;; Hot through its loop: compiled (with its callees) while its first activation runs.
        (loop $l (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
        (if (result i32) (i32.eqz (local.get $n))
          (then (i32.add (call $direct (i32.const 5)) (call_indirect (type $t) (i32.const 5) (i32.const 0))))
          (else (call_indirect (type $t) (i32.const 0) (i32.const 1))))))`);
    const engine = new Engine({ jitThreshold: 10 });
    const inst = engine.instantiate(engine.compile(bytes));
    const fn = (name: string) => inst.exports.get(name)!.value as FuncInstance;
    expect(engine.invoke(fn('once'), [])).toEqual([8]);
    expect(engine.invoke(fn('hot'), [50])).toEqual([21]);
    const funcs = inst.funcs as WasmFunction[];
    expect((fn('hot') as WasmFunction).fast).toBe(true);
    // Called twice each (far below the threshold): compiled with their caller; never called: not.
    expect([funcs[0]!.fast, funcs[1]!.fast, funcs[2]!.fast]).toEqual([true, true, false]);
  });

  it('leaves a function whose source would be too long for V8 to optimise to the frame-layout tier', async () => {
    // 1 900 i64 multiplications: under the instruction limit (7 600), over the source limit.
    const steps = Array.from({ length: 1900 }, (_, k) => `(local.set 0 (i64.mul (local.get 0) (i64.const ${2 * k + 3})))`);
    const bytes = await wat(`(module (func (export "big") (param i64) (result i64) ${steps.join(' ')} (local.get 0))
      (func (export "small") (param i64) (result i64) (i64.mul (local.get 0) (i64.const 3))))`);
    const engine = new Engine({ jitThreshold: 0 });
    const inst = engine.instantiate(engine.compile(bytes));
    const fn = (name: string) => inst.exports.get(name)!.value as FuncInstance;
    const interp = new Engine({ jitThreshold: Infinity });
    const reference = interp.instantiate(interp.compile(bytes)).exports.get('big')!.value as FuncInstance;
    expect(engine.invoke(fn('big'), [7n])).toEqual(interp.invoke(reference, [7n]));
    expect(engine.invoke(fn('small'), [7n])).toEqual([21n]);
    expect([(fn('big') as WasmFunction).fast, (fn('big') as WasmFunction).jit !== null, (fn('small') as WasmFunction).fast]).toEqual([false, true, true]);
  });

  it('computes exactly what the interpreter and native WebAssembly compute', async () => {
    const bytes = await wat(TEXT);
    const native = (await NativeWasm.instantiate(bytes)).instance.exports as Record<string, (...a: unknown[]) => unknown>;
    const fast = await setup(new Engine({ jitThreshold: 0 }));
    const interp = await setup(new Engine({ jitThreshold: Infinity }));
    for (const a of I64S)
      for (const b of I64S) {
        for (const name of ['mix', 'cmp', 'byconst']) {
          const want = native[name]!(a, b);
          expect(fast.call(name, a, b), `${name}(${a}, ${b})`).toEqual([want]);
          expect(interp.call(name, a, b)).toEqual([want]);
        }
        if (b !== 0n && !(a === -0x8000000000000000n && b === -1n)) {
          expect(fast.call('divs', a, b)).toEqual(interp.call('divs', a, b));
          expect(fast.call('pair', a, b)).toEqual([BigInt.asIntN(64, native['pair']!(a, b) as bigint)]);
        }
      }
    for (const bits of [0x7fa00001, 0xffc00000 | 0, 0x7f800001, 0x3f800000, 0x80000000 | 0]) {
      expect(fast.call('f32bits', bits), bits.toString(16)).toEqual([native['f32bits']!(bits)]);
    }
    for (const bits of [0x7ff4000000000001n, -0x0008000000000001n, 0x3ff0000000000000n]) {
      expect(fast.call('f64bits', bits)).toEqual([native['f64bits']!(bits)]);
    }
    expect(fast.call('loop', 1000)).toEqual(interp.call('loop', 1000));
    for (const i of [0, 1, 2, 3, -1]) expect(fast.call('table', i)).toEqual([native['table']!(i)]);
  });

  it('shifts, rotates and counts i64 bits as native does, by every constant and variable count', async () => {
    // One function per operation and constant count (the tier inlines constant rotations and
    // shifts), plus the variable-count forms, the counts taken modulo 64 and beyond.
    const ops = ['shl', 'shr_s', 'shr_u', 'rotl', 'rotr'];
    const funcs: string[] = [];
    for (const op of ops) {
      funcs.push(`(func (export "${op}") (param i64 i64) (result i64) (i64.${op} (local.get 0) (local.get 1)))`);
      for (let k = 0; k < 64; k++) funcs.push(`(func (export "${op}${k}") (param i64) (result i64) (i64.${op} (local.get 0) (i64.const ${k})))`);
    }
    funcs.push('(func (export "clz") (param i64) (result i64) (i64.clz (local.get 0)))');
    funcs.push('(func (export "ctz") (param i64) (result i64) (i64.ctz (local.get 0)))');
    const bytes = await wat(`(module ${funcs.join('\n')})`);
    const native = (await NativeWasm.instantiate(bytes)).instance.exports as Record<string, (...a: unknown[]) => unknown>;
    const engines = [new Engine({ jitThreshold: 0 }), new Engine({ jitThreshold: Infinity })];
    const insts = engines.map((engine) => ({ engine, inst: engine.instantiate(engine.compile(bytes)) }));
    const values = [...I64S, 0x8000000000000001n, 0x00000000ffff0000n, 0x0001000000000000n];
    for (const { engine, inst } of insts) {
      const call = (name: string, ...args: bigint[]) => engine.invoke(inst.exports.get(name)!.value as FuncInstance, args);
      for (const a of values) {
        for (const name of ['clz', 'ctz']) expect(call(name, a), `${name}(${a})`).toEqual([native[name]!(a)]);
        for (const op of ops) {
          for (let k = 0; k < 64; k++) expect(call(`${op}${k}`, a), `${op}(${a}, ${k})`).toEqual([native[`${op}${k}`]!(a)]);
          for (const k of [0n, 1n, 31n, 32n, 33n, 63n, 64n, 65n, 127n, -1n, -33n, 0x100000020n]) {
            expect(call(op, a, k), `${op}(${a}, ${k})`).toEqual([native[op]!(a, k)]);
          }
        }
      }
    }
  });

  it('folds i32 constants (unsigned compares, masks, shifts, rotations, eqz) as native computes them', async () => {
    // The generator folds a literal's unsigned value, `32 - n` of a constant rotation, and drops
    // `>>> 0` and `| 0` where a mask or a shift leaves at most 31 bits: check every such form.
    const consts = [0, 1, 5, 31, 32, 33, 63, 255, 0x7fffffff, -1, -87, -0x80000000, 0x7ffffff0 | 0];
    const funcs: string[] = [];
    const add = (name: string, body: string): void => {
      funcs.push(`(func (export "${name}") (param i32 i32) (result i32) ${body})`);
    };
    consts.forEach((k, i) => {
      for (const op of ['lt_u', 'gt_u', 'le_u', 'ge_u']) {
        add(`${op}R${i}`, `(i32.${op} (local.get 0) (i32.const ${k}))`);
        add(`${op}L${i}`, `(i32.${op} (i32.const ${k}) (local.get 0))`);
        add(`${op}M${i}`, `(i32.${op} (i32.and (local.get 0) (i32.const ${k})) (local.get 1))`);
        add(`${op}S${i}`, `(i32.${op} (i32.shr_u (local.get 0) (i32.const ${k})) (local.get 1))`);
      }
      for (const op of ['shr_u', 'rotl', 'rotr']) add(`${op}${i}`, `(i32.${op} (local.get 0) (i32.const ${k}))`);
      add(`andL${i}`, `(i32.and (i32.const ${k}) (local.get 0))`);
      add(`load${i}`, `(i32.load8_u offset=3 (i32.and (local.get 0) (i32.const ${k})))`);
    });
    add('eqz', '(i32.eqz (i32.add (local.get 0) (local.get 1)))');
    add('eqzAtom', '(i32.add (i32.eqz (local.get 0)) (i32.eqz (i32.eqz (local.get 1))))');
    add('eqz64', '(i64.eqz (i64.extend_i32_u (local.get 0)))');
    const bytes = await wat(`(module (memory 1) (data (i32.const 0) "\\01\\02\\03\\04\\05\\06\\07\\08\\09") ${funcs.join('\n')})`);
    const native = (await NativeWasm.instantiate(bytes)).instance.exports as Record<string, (...a: unknown[]) => unknown>;
    const engine = new Engine({ jitThreshold: 0 });
    const inst = engine.instantiate(engine.compile(bytes));
    const values = [0, 1, 2, 5, 31, 32, 33, 254, 255, 256, 0x7fffffff, -1, -2, -87, -0x80000000, 0x12345678, -0x12345678];
    for (const name of inst.exports.keys()) {
      const fn = inst.exports.get(name)!.value as FuncInstance;
      for (const a of values) {
        for (const b of [0, 3, -1, 0x7fffffff]) {
          const want = outcomeOf(() => native[name]!(a, b));
          expect(outcomeOf(() => engine.invoke(fn, [a, b])[0]), `${name}(${a}, ${b})`).toBe(want);
        }
      }
    }
  });

  it('reduces i64 products by constant divisors exactly (a * b % m), as native does', async () => {
    // Factors below 2^32 take the helper's double product, others the full 64-bit product.
    const divisors = [2097152, 2097153, 1000000007, 2147483647, 2147483648, 4294967291, 4294967295];
    const bytes = await wat(`(module ${divisors
      .map((m) => `(func (export "mulrem${m}") (param i64 i64) (result i64) (i64.rem_u (i64.mul (local.get 0) (local.get 1)) (i64.const ${m})))`)
      .join('\n')})`);
    const native = (await NativeWasm.instantiate(bytes)).instance.exports as Record<string, (...a: unknown[]) => unknown>;
    const engine = new Engine({ jitThreshold: 0 });
    const inst = engine.instantiate(engine.compile(bytes));
    let seed = 0x13198a2e03707344n;
    const random = (): bigint => (seed = BigInt.asUintN(64, seed * 6364136223846793005n + 1442695040888963407n));
    for (const m of divisors) {
      const M = BigInt(m);
      // Factors just below m and 2^32 (the largest products), at multiples of m, and at random.
      const xs = [0n, 1n, M - 1n, M, M + 1n, 0xffffffffn, 0xfffffffen, 0x100000000n, -1n, 1n << 63n];
      for (let i = 0; i < 40; i++) xs.push(random() >> 32n, random() % M, BigInt.asIntN(64, random()));
      const name = `mulrem${m}`;
      const fn = inst.exports.get(name)!.value as FuncInstance;
      for (const a of xs) {
        for (const b of xs.slice(0, 25)) {
          const [x, y] = [BigInt.asIntN(64, a), BigInt.asIntN(64, b)];
          expect(engine.invoke(fn, [x, y]), `${name}(${x}, ${y})`).toEqual([native[name]!(x, y)]);
        }
      }
    }
  });

  it('divides i64 by constant divisors exactly, small and large, as native does', async () => {
    // Quotients: divisors from 2^21 up take the tier's one-step path, smaller ones its chunked
    // steps. Remainders: divisors whose 2^32 mod m is at most 2^21 - 2 (all below 2^21, and
    // 4292870146 = 2^32 - 2^21 + 2 up) fold the high word in one step; 4292870145 is the first
    // past that bound.
    const divisors = [
      1, 3, 7, 10, 65535, 2097151, 2097152, 2097153, 1000000007, 998244353, 2147483647, 2147483648, 4292870145, 4292870146,
      4294967291, 4294967295,
    ];
    const funcs = divisors.flatMap((m) => [
      `(func (export "rem${m}") (param i64) (result i64) (i64.rem_u (local.get 0) (i64.const ${m})))`,
      `(func (export "div${m}") (param i64) (result i64) (i64.div_u (local.get 0) (i64.const ${m})))`,
    ]);
    const bytes = await wat(`(module ${funcs.join('\n')})`);
    const native = (await NativeWasm.instantiate(bytes)).instance.exports as Record<string, (...a: unknown[]) => unknown>;
    const engine = new Engine({ jitThreshold: 0 });
    const inst = engine.instantiate(engine.compile(bytes));
    const call = (name: string, x: bigint) => engine.invoke(inst.exports.get(name)!.value as FuncInstance, [x]);
    let seed = 0x243f6a8885a308d3n;
    const random = (): bigint => (seed = BigInt.asUintN(64, seed * 6364136223846793005n + 1442695040888963407n));
    for (const m of divisors) {
      const M = BigInt(m);
      const top = ((1n << 64n) - 1n) / M;
      // Around multiples of m, where a quotient one off would show, and at random.
      const xs = [0n, 1n, M - 1n, M, M + 1n, -1n, 1n << 63n, top * M, top * M - 1n, (top - 1n) * M, (top - 1n) * M - 1n];
      for (let i = 0; i < 300; i++) xs.push(BigInt.asIntN(64, random() >> (random() % 64n)));
      for (const x of xs.map((v) => BigInt.asIntN(64, v))) {
        for (const name of [`rem${m}`, `div${m}`]) expect(call(name, x), `${name}(${x})`).toEqual([native[name]!(x)]);
      }
    }
  });

  it('calls through a table per expected target, and still finds targets the table gained later', async () => {
    // Two targets of $t from the element segment (one call site each in generated code), one
    // added by table.set (the generic call), one of another type (a trap), null and out of range.
    const text = `(module (type $t (func (param i32 i64) (result i64 i32)))
      (table $tab 6 funcref) (elem (table $tab) (i32.const 0) func $a $b $other) (elem declare func $late)
      (func $a (type $t) (i64.add (local.get 1) (i64.extend_i32_s (local.get 0))) (i32.const 1))
      (func $b (type $t) (i64.mul (local.get 1) (i64.const 0x100000001)) (i32.sub (i32.const 0) (local.get 0)))
      (func $late (type $t) (i64.shl (local.get 1) (i64.extend_i32_u (local.get 0))) (i32.const 3))
      (func $other (param i32) (result i32) (local.get 0))
      (func (export "install") (table.set $tab (i32.const 3) (ref.func $late)))
      (func (export "dispatch") (param i32 i32 i64) (result i64)
        (call_indirect $tab (type $t) (local.get 1) (local.get 2) (local.get 0))
        (i64.extend_i32_s) (i64.xor)))`;
    const bytes = await wat(text);
    const native = (await NativeWasm.instantiate(bytes)).instance.exports as Record<string, (...a: unknown[]) => unknown>;
    const engines = [new Engine({ jitThreshold: 0 }), new Engine({ jitThreshold: Infinity })].map((engine) => {
      const inst = engine.instantiate(engine.compile(bytes));
      const fn = (name: string) => inst.exports.get(name)!.value as FuncInstance;
      return (name: string, ...args: unknown[]) => engine.invoke(fn(name), args);
    });
    const outcome = (f: () => unknown): unknown => {
      try {
        return f();
      } catch (e) {
        return e instanceof Error ? e.message : e;
      }
    };
    for (const install of [false, true]) {
      if (install) {
        native['install']!();
        for (const call of engines) call('install');
      }
      for (const slot of [0, 1, 2, 3, 4, 9]) {
        for (const [x, y] of [[5, 0x123456789n], [-7, -1n]] as const) {
          const want = outcome(() => [native['dispatch']!(slot, x, y)]);
          for (const call of engines) {
            const got = outcome(() => call('dispatch', slot, x, y));
            if (typeof want === 'string') expect(typeof got).toBe('string');
            else expect(got).toEqual(want);
          }
          // The fast tier and the interpreter agree on every trap message too.
          expect(outcome(() => engines[0]!('dispatch', slot, x, y))).toEqual(outcome(() => engines[1]!('dispatch', slot, x, y)));
        }
      }
    }
  });

  it('traps with the interpreter message and backtrace', async () => {
    const fast = await setup(new Engine({ jitThreshold: 0 }));
    const interp = await setup(new Engine({ jitThreshold: Infinity }));
    const trapOf = (f: () => unknown): Trap => {
      try {
        f();
      } catch (e) {
        if (e instanceof Trap) return e;
        throw e;
      }
      throw new Error('no trap');
    };
    for (const [name, args] of [['oob', [65532]], ['divs', [1n, 0n]], ['divs', [-0x8000000000000000n, -1n]]] as const) {
      const a = trapOf(() => fast.call(name, ...args));
      const b = trapOf(() => interp.call(name, ...args));
      expect(a.message).toBe(b.message);
      expect(a.wasmFrames!.map((f) => [f.funcIndex, f.offset])).toEqual(b.wasmFrames!.map((f) => [f.funcIndex, f.offset]));
    }
  });

  it('traps on every address from 2^31 up, also where a memory below 2 GiB reads addresses as signed', async () => {
    // Accesses without a static offset take the address as a signed int32 when the memory cannot
    // reach 2 GiB; an i64 store writes its high word first, so it must not wrap -4 to 0.
    const text = `(module (memory (export "mem") 1)
      (func (export "ld32") (param i32) (result i32) (i32.load (local.get 0)))
      (func (export "ld8") (param i32) (result i32) (i32.load8_u (local.get 0)))
      (func (export "ld64") (param i32) (result i64) (i64.load (local.get 0)))
      (func (export "ldf32") (param i32) (result f32) (f32.load (local.get 0)))
      (func (export "st64") (param i32) (i64.store (local.get 0) (i64.const -1)))
      (func (export "st32") (param i32) (i32.store (local.get 0) (i32.const -1)))
      (func (export "stf64") (param i32) (f64.store (local.get 0) (f64.const 1)))
      (func (export "ld32at4") (param i32) (result i32) (i32.load offset=4 (local.get 0))))`;
    const bytes = await wat(text);
    const addresses = [-1, -2, -4, -8, 0x80000000 | 0, 0x7ffffffc, 65532, 65535, 0, 8];
    for (const maxMemoryPages of [32768, 65536]) {
      const native = (await NativeWasm.instantiate(bytes)).instance.exports as Record<string, (a: number) => unknown>;
      const engine = new Engine({ jitThreshold: 0, maxMemoryPages });
      const inst = engine.instantiate(engine.compile(bytes));
      const ld64 = inst.exports.get('ld64')!.value as FuncInstance;
      for (const name of ['ld32', 'ld8', 'ld64', 'ldf32', 'st64', 'st32', 'stf64', 'ld32at4']) {
        const fn = inst.exports.get(name)!.value as FuncInstance;
        for (const a of addresses) {
          let want: string;
          try {
            const r = native[name]!(a);
            want = `ok ${typeof r === 'bigint' ? r : String(r)}`;
          } catch (e) {
            want = `trap ${(e as Error).message.includes('out of bounds') ? 'oob' : (e as Error).message}`;
          }
          let got: string;
          try {
            const r = engine.invoke(fn, [a]);
            got = `ok ${r.length === 0 ? 'undefined' : String(r[0])}`;
          } catch (e) {
            got = `trap ${e instanceof Trap && e.message === 'out of bounds memory access' ? 'oob' : (e as Error).message}`;
          }
          expect(`${name}(${a}) ${got}`).toBe(`${name}(${a}) ${want}`);
          // No failed store wrote anything: the memory holds what native's does.
          for (const at of [0, 8, 65528]) expect(engine.invoke(ld64, [at])).toEqual([native.ld64!(at)]);
        }
      }
    }
  });

  it('turns runaway recursion into the call stack exhausted trap at the configured depth', async () => {
    for (const maxCallDepth of [100, 5000]) {
      const { call } = await setup(new Engine({ jitThreshold: 0, maxCallDepth }));
      expect(() => call('deep', 1)).toThrow('call stack exhausted');
      // The store is usable afterwards.
      expect(call('fib', 10)).toEqual([55]);
    }
  });

  it('calls across tiers and into the host, with host exceptions passed unchanged', async () => {
    const engine = new Engine({ jitThreshold: 0 });
    const boom = new Error('boom');
    const text = `(module (import "h" "f" (func $h (param i64 f64) (result i64)))
      (func (export "run") (param i64) (result i64) (call $h (local.get 0) (f64.const 2.5))))`;
    const host = engine.hostFunction({ kind: 'func', params: [0x7e, 0x7c], results: [0x7e] }, ([x, y]) => {
      if (x === 13n) throw boom;
      return [(x as bigint) * 2n + BigInt(y as bigint === 0x4004000000000000n ? 1 : 0)];
    });
    const inst = engine.instantiate(engine.compile(await wat(text)), { h: { f: host } });
    const run = inst.exports.get('run')!.value as FuncInstance;
    expect(engine.invoke(run, [-5n])).toEqual([-9n]);
    expect(() => engine.invoke(run, [13n])).toThrow(boom);
    expect(engine.invoke(run, [1n << 40n])).toEqual([(1n << 41n) + 1n]);
  });
});

/** A call's result, or the name of what it threw (a trap or RangeError are both "trap"). */
function outcomeOf(f: () => unknown): string {
  try {
    return String(f());
  } catch (e) {
    return e instanceof Trap || e instanceof Error ? 'trap' : 'threw';
  }
}
