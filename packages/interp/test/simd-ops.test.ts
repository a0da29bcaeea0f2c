/**
 * Differential tests of every pure SIMD operation (`SIMD_OPS`) against Node's native
 * WebAssembly: each operation is compiled (with wabt) into a tiny function that loads its
 * operands from memory and stores its result, run natively, and compared bit for bit with our
 * implementation on random and edge-case inputs. Immediates (lanes, shuffle patterns, constants)
 * are taken from `@rt/binary`'s decoding of the same module, so the imm layout contract is tested
 * too. Each case runs with `dst` disjoint from, and aliasing, each operand.
 *
 * NaN results of arithmetic operations only have to be NaNs of the right kind (the spec leaves
 * the payload nondeterministic): quiet, and canonical when every NaN input of that lane is.
 */
import { decode, OPCODES, PREFIX_FD_BASE, type OpcodeInfo } from '@rt/binary';
import wabtInit from 'wabt';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStackViews } from '../src/runtime/stack-views.js';
import { SIMD_MEM_OPS, SIMD_OPS } from '../src/simd/index.js';

// ---------------------------------------------------------------- deterministic inputs

let seed = 0x2545f491;
/** xorshift32: a deterministic u32 stream so failures reproduce. */
function rnd(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
}
function pick<T>(xs: readonly T[]): T {
  return xs[rnd() % xs.length]!;
}

const I8_EDGE = [0, 1, 2, 0x7f, 0x80, 0x81, 0xff, 0xfe, 0x40, 0xc0, 0x3f];
const I16_EDGE = [0, 1, 0x7fff, 0x8000, 0x8001, 0xffff, 0x00ff, 0xff00, 0x7f, 0x80, 0xff80, 0xff7f, 0x4000, 0xc000, 0x100, 0xfffe];
const I32_EDGE = [0, 1, 0x7fffffff, 0x80000000, 0x80000001, 0xffffffff, 0xffff, 0xffff0000, 0x8000, 0x7fff, 0xffff8000, 0x10000, 0xfffffffe, 0x7ffe];
const F32_EDGE_BITS = [
  0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3f000000, 0xbf000000, 0x3fc00000, 0xbfc00000, 0x40200000, 0xc0200000,
  0x40600000, 0xc0600000, 0x3effffff, 0xbeffffff, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fa00000, 0xffa00000,
  0x7fc00001, 0x7f800001, 0x7f7fffff, 0xff7fffff, 0x00000001, 0x80000001, 0x00800000, 0x4b000000, 0xcb000000, 0x4b000001,
  0x4f000000, 0xcf000000, 0x4f800000, 0x4f7fffff, 0x4effffff, 0xcf000001, 0xbf7fffff, 0x3f7fffff, 0x4b7fffff, 0x3f400000,
];
const F64_EDGE: readonly number[] = [
  0, -0, 1, -1, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 3.5, -3.5, 0.49999999999999994, -0.49999999999999994, Infinity, -Infinity,
  2 ** 52, -(2 ** 52), 2 ** 52 + 1, 2 ** 53, 4503599627370495.5, -4503599627370495.5, 2 ** 31, -(2 ** 31), 2147483647.5,
  2147483647, -2147483648.5, -2147483649, 4294967295.5, 4294967295, 4294967296, -0.99, 0.99, 5e-324, -5e-324,
  Number.MAX_VALUE, -Number.MAX_VALUE, 2.2250738585072014e-308, 1 + 2 ** -24, 1 + 2 ** -24 + 2 ** -52, 1 - 2 ** -25,
  3.4028234663852886e38, 3.4028235677973366e38, 3.4028235677973362e38, 1.401298464324817e-45, 7.006492321624085e-46,
  7.006492321624087e-46, 0.1, -0.1, 1e300, -1e-300,
];
const F64_NAN_WORDS: ReadonlyArray<readonly [number, number]> = [
  [0, 0x7ff80000], [0, 0xfff80000], [0, 0x7ff40000], [1, 0x7ff80000], [0, 0x7ff00001], [0xffffffff, 0x7fffffff],
];

const BYTES = new Uint8Array(16);
const W = new Uint32Array(BYTES.buffer);
const F64 = new Float64Array(BYTES.buffer);

/** A random v128 in one of several families (random bits, integer edges, float specials). */
function randomV128(): Uint8Array {
  const mode = rnd() % 9;
  for (let i = 0; i < 4; i++) W[i] = rnd();
  switch (mode) {
    case 1: for (let i = 0; i < 16; i++) BYTES[i] = rnd() % 3 ? pick(I8_EDGE) : rnd(); break;
    case 2: { const h = new Uint16Array(BYTES.buffer); for (let i = 0; i < 8; i++) h[i] = rnd() % 3 ? pick(I16_EDGE) : rnd(); break; }
    case 3: for (let i = 0; i < 4; i++) W[i] = rnd() % 3 ? pick(I32_EDGE) : rnd(); break;
    case 4: for (let i = 0; i < 4; i++) W[i] = pick([0, 1, 0xffffffff, 0x80000000, 0x7fffffff, rnd()]); break;
    case 5: for (let i = 0; i < 4; i++) W[i] = rnd() % 4 ? pick(F32_EDGE_BITS) : new Uint32Array(new Float32Array([(rnd() / 2 ** 32 - 0.5) * 2 ** (rnd() % 40)]).buffer)[0]!; break;
    case 6:
      for (let i = 0; i < 2; i++) {
        const r = rnd() % 8;
        if (r === 0) { const [lo, hi] = pick(F64_NAN_WORDS); W[2 * i] = lo; W[2 * i + 1] = hi; }
        else if (r < 6) F64[i] = pick(F64_EDGE);
        else F64[i] = (rnd() / 2 ** 32 - 0.5) * 2 ** ((rnd() % 80) - 20);
      }
      break;
    case 7: for (let i = 0; i < 4; i++) W[i] = (rnd() % 7) - 3; break;
    case 8: for (let i = 0; i < 16; i++) BYTES[i] = rnd() % 32; break; // small: shuffle/swizzle indices
    default: break;
  }
  return BYTES.slice();
}

/** A random scalar operand of type `t`, as its 8 little-endian bytes. */
function randomScalar(t: string): Uint8Array {
  for (let i = 0; i < 4; i++) W[i] = rnd();
  const r = rnd() % 4;
  if (t === 'i32') {
    if (r === 0) W[0] = pick([0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 0xffffffff, 0x80000000, 0x7fffffff]);
    else if (r === 1) W[0] = rnd() % 140;
    else if (r === 2) W[0] = pick(I32_EDGE);
  } else if (t === 'i64') {
    if (r === 0) { W[0] = pick(I32_EDGE); W[1] = pick(I32_EDGE); }
  } else if (t === 'f32') {
    if (r !== 0) W[0] = pick(F32_EDGE_BITS);
  } else if (t === 'f64') {
    if (r === 0) { const [lo, hi] = pick(F64_NAN_WORDS); W[0] = lo; W[1] = hi; }
    else if (r !== 1) F64[0] = pick(F64_EDGE);
  }
  return BYTES.slice(0, 8);
}

// ---------------------------------------------------------------- test module

interface Variant {
  readonly info: OpcodeInfo;
  readonly params: readonly string[];
  readonly result: string | null;
  readonly immText: string;
  readonly exportName: string;
  imms?: Uint32Array;
  immIndex?: number;
}

const LANES: Record<string, number> = { i8x16: 16, i16x8: 8, i32x4: 4, f32x4: 4, i64x2: 2, f64x2: 2 };
const SHUFFLES: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16],
  [0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23],
  [15, 15, 15, 15, 0, 0, 0, 0, 31, 31, 16, 16, 8, 24, 7, 23],
  Array.from({ length: 16 }, () => rnd() % 32),
  Array.from({ length: 16 }, () => rnd() % 32),
];

/** The variants (one per immediate choice) of an opcode. */
function variantsOf(info: OpcodeInfo, next: () => string): Variant[] {
  const [lhs, rhs] = info.signature!.split('->').map((x) => x.trim());
  const params = lhs ? lhs.split(/\s+/) : [];
  const result = rhs || null;
  const base = { info, params, result };
  if (info.imm === 'lane') {
    const n = LANES[info.name.slice(0, info.name.indexOf('.'))]!;
    return Array.from({ length: n }, (_, l) => ({ ...base, immText: String(l), exportName: next() }));
  }
  if (info.imm === 'shuffle') return SHUFFLES.map((sh) => ({ ...base, immText: sh.join(' '), exportName: next() }));
  if (info.imm === 'v128') {
    return Array.from({ length: 8 }, () => {
      const v = new Uint32Array(randomV128().buffer);
      return { ...base, immText: `i32x4 ${[...v].map((w) => `0x${w.toString(16)}`).join(' ')}`, exportName: next() };
    });
  }
  return [{ ...base, immText: '', exportName: next() }];
}

const IN_V = [0, 16, 32];
const IN_SCALAR = 48;
const OUT = 64;

/** The body of a function that runs the variant's instruction on operands stored in memory. */
function bodyOf(v: Variant): string {
  const lines: string[] = [];
  if (v.result) lines.push(`i32.const ${OUT}`);
  let vi = 0;
  for (const p of v.params) {
    if (p === 'v128') lines.push(`i32.const ${IN_V[vi++]}`, 'v128.load');
    else lines.push(`i32.const ${IN_SCALAR}`, `${p}.load`);
  }
  lines.push(`${v.info.name} ${v.immText}`.trim());
  if (v.result) lines.push(`${v.result}.store`);
  return lines.join('\n    ');
}

/** The slice of the WebAssembly JS API used here (the package's `lib` has no DOM/wasm typings). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

type Wabt = Awaited<ReturnType<typeof wabtInit>>;
let wabt: Wabt;

// Node 20's V8 runs 2.0's SIMD; relaxed SIMD (3.0) is checked against the spec suite and relaxed.test.ts.
const PURE_INFOS = OPCODES.filter((o) => o.proposal === 'simd' && SIMD_OPS[o.id - PREFIX_FD_BASE] !== undefined);
let counter = 0;
const VARIANTS = PURE_INFOS.flatMap((info) => variantsOf(info, () => `f${counter++}`));

let exportsNative: Record<string, () => void>;
let memNative: Uint8Array;

beforeAll(async () => {
  wabt = await wabtInit();
  const text = `(module (memory (export "mem") 1)\n${VARIANTS.map(
    (v) => `  (func (export "${v.exportName}")\n    ${bodyOf(v)})`,
  ).join('\n')})`;
  const parsed = wabt.parseWat('simd-ops.wat', text, { simd: true });
  const bytes = new Uint8Array(parsed.toBinary({}).buffer);
  parsed.destroy();
  // Our own decoder provides the immediates, exactly as the interpreter core will get them.
  const module = decode(bytes);
  const s = module.instructions;
  VARIANTS.forEach((v, f) => {
    const body = module.codes[f]!.code;
    for (let i = body.start; i < body.end; i++) {
      if (s.ops[i] === v.info.id) {
        v.imms = s.imms;
        v.immIndex = s.immStart[i];
      }
    }
    if (v.immIndex === undefined) throw new Error(`instruction ${v.info.name} not found in f${f}`);
  });
  const inst = new WA.Instance(new WA.Module(bytes), {});
  exportsNative = inst.exports as Record<string, () => void>;
  memNative = new Uint8Array((inst.exports.mem as { buffer: ArrayBuffer }).buffer);
});

// ---------------------------------------------------------------- comparison

/** Operations whose float result lanes may carry any quiet NaN: [output lane bytes, input lane bytes]. */
const NAN_LENIENT: Record<string, readonly [number, number]> = {};
for (const op of ['add', 'sub', 'mul', 'div', 'sqrt', 'min', 'max', 'ceil', 'floor', 'trunc', 'nearest']) {
  NAN_LENIENT[`f32x4.${op}`] = [4, 4];
  NAN_LENIENT[`f64x2.${op}`] = [8, 8];
}
NAN_LENIENT['f32x4.demote_f64x2_zero'] = [4, 8];
NAN_LENIENT['f64x2.promote_low_f32x4'] = [8, 4];

function laneBits(bytes: Uint8Array, at: number, width: number): bigint {
  let r = 0n;
  for (let i = width - 1; i >= 0; i--) r = (r << 8n) | BigInt(bytes[at + i]!);
  return r;
}
function nanInfo(bits: bigint, width: number): { nan: boolean; quiet: boolean; canonical: boolean } {
  const mant = width === 4 ? 23n : 52n;
  const expMask = width === 4 ? 0xffn : 0x7ffn;
  const exp = (bits >> mant) & expMask;
  const frac = bits & ((1n << mant) - 1n);
  const quietBit = 1n << (mant - 1n);
  return { nan: exp === expMask && frac !== 0n, quiet: (frac & quietBit) !== 0n, canonical: frac === quietBit };
}

/** Returns a description of the first difference, or null when `ours` is acceptable. */
function mismatch(v: Variant, inputs: readonly Uint8Array[], native: Uint8Array, ours: Uint8Array): string | null {
  const lenient = NAN_LENIENT[v.info.name];
  if (!lenient) {
    for (let i = 0; i < native.length; i++) if (native[i] !== ours[i]) return `byte ${i}`;
    return null;
  }
  const [ow, iw] = lenient;
  for (let lane = 0; lane * ow < 16; lane++) {
    const n = laneBits(native, lane * ow, ow);
    const o = laneBits(ours, lane * ow, ow);
    const ni = nanInfo(n, ow);
    if (!ni.nan) {
      if (n !== o) return `lane ${lane}`;
      continue;
    }
    const oi = nanInfo(o, ow);
    if (!oi.nan || !oi.quiet) return `lane ${lane}: expected a quiet NaN`;
    const inputsCanonical = inputs.every((inp) => {
      if (lane * iw >= 16) return true;
      const x = nanInfo(laneBits(inp, lane * iw, iw), iw);
      return !x.nan || x.canonical;
    });
    if (inputsCanonical && !oi.canonical) return `lane ${lane}: expected a canonical NaN`;
  }
  return null;
}

const hex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
const SIZE: Record<string, number> = { v128: 16, i32: 4, f32: 4, i64: 8, f64: 8 };
const stack = createStackViews(16);
const CASES_PER_VARIANT = 300;

/** Runs one input case natively and through our op with every aliasing choice of `dst`. */
function runCase(v: Variant, vin: readonly Uint8Array[], scalar: Uint8Array): string | null {
  memNative.fill(0, 0, 96);
  vin.forEach((b, i) => memNative.set(b, IN_V[i]));
  memNative.set(scalar, IN_SCALAR);
  exportsNative[v.exportName]!();
  const size = v.result ? SIZE[v.result]! : 0;
  const native = memNative.slice(OUT, OUT + size);

  // Operand slots: v128 params at slots 0, 2, 4 in order, the scalar at slot 6.
  const slots: number[] = [];
  let vi = 0;
  for (const p of v.params) slots.push(p === 'v128' ? 2 * vi++ : 6);
  const dsts = [8, ...new Set(slots)];
  const op = SIMD_OPS[v.info.id - PREFIX_FD_BASE]!;
  for (const dst of dsts) {
    stack.u8.fill(0xa5);
    vin.forEach((b, i) => stack.u8.set(b, 16 * i));
    stack.u8.set(scalar, 48);
    op(stack, dst, slots[0] ?? 0, slots[1] ?? 0, slots[2] ?? 0, v.imms!, v.immIndex!);
    const ours = stack.u8.slice(8 * dst, 8 * dst + size);
    const why = mismatch(v, vin, native, ours);
    if (why) {
      return `${v.info.name} ${v.immText} dst=${dst}: ${why}\n  inputs ${vin.map(hex).join(' ')} scalar ${hex(scalar)}\n  native ${hex(native)}\n  ours   ${hex(ours)}`;
    }
  }
  return null;
}

describe('SIMD_OPS table', () => {
  it('covers every SIMD opcode of @rt/binary exactly once, memory ops in SIMD_MEM_OPS', () => {
    const simd = OPCODES.filter((o) => o.prefix === 0xfd);
    expect(simd.length).toBe(236 + 20); // 2.0's SIMD and 3.0's relaxed SIMD
    for (const o of simd) {
      const code = o.id - PREFIX_FD_BASE;
      const isMem = o.imm === 'memarg' || o.imm === 'memarg_lane';
      expect([o.name, SIMD_OPS[code] !== undefined]).toEqual([o.name, !isMem]);
      expect([o.name, SIMD_MEM_OPS[code] !== undefined]).toEqual([o.name, isMem]);
    }
    expect(SIMD_OPS.filter((x) => x !== undefined).length).toBe(214 + 20);
    expect(SIMD_MEM_OPS.filter((x) => x !== undefined).length).toBe(22);
  });
});

describe('SIMD pure operations agree with native WebAssembly', () => {
  for (const info of PURE_INFOS) {
    it(info.name, () => {
      const variants = VARIANTS.filter((v) => v.info === info);
      let cases = 0;
      for (const v of variants) {
        const vCount = v.params.filter((p) => p === 'v128').length;
        const scalarType = v.params.find((p) => p !== 'v128') ?? 'i32';
        for (let k = 0; k < CASES_PER_VARIANT; k++) {
          const vin = Array.from({ length: vCount }, randomV128);
          const why = runCase(v, vin, randomScalar(scalarType));
          if (why) expect.fail(why);
          cases++;
        }
      }
      expect(cases).toBeGreaterThan(0);
    });
  }
});
