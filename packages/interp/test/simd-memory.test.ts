/**
 * Differential tests of the SIMD memory operations (`SIMD_MEM_OPS`) against Node's native
 * WebAssembly: every load/store variant, every lane, several memarg offsets, addresses that are
 * random, unaligned, at the very end of memory and past it (including 32-bit overflow of
 * `address + offset`, which must trap rather than wrap). Loaded values, memory contents after
 * stores, and trapping (with nothing written) must match exactly. Immediates come from
 * `@rt/binary`'s decoding of the module, as in the interpreter.
 */
import { decode, OPCODES, PREFIX_FD_BASE, type OpcodeInfo } from '@rt/binary';
import wabtInit from 'wabt';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStackViews } from '../src/runtime/stack-views.js';
import { Trap } from '../src/runtime/trap.js';
import { SIMD_MEM_OPS } from '../src/simd/index.js';

let seed = 0x9e3779b9;
/** xorshift32, so failures reproduce. */
function rnd(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
}

/** The slice of the WebAssembly JS API used here (the package's `lib` has no wasm typings). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const PAGE = 65536;
const OUT = 0; // loads store their result here
const OPERAND = 16; // the v128 operand of stores and lane loads is read from here
const OFFSETS = [0, 1, 3, 16, 65535, 65536, 0xffffffff];

interface Variant {
  readonly info: OpcodeInfo;
  readonly width: number;
  readonly offset: number;
  readonly lane: number;
  readonly exportName: string;
  imms?: Uint32Array;
  immIndex?: number;
}

/** Bytes accessed in memory by each operation. */
function widthOf(name: string): number {
  if (name === 'v128.load' || name === 'v128.store') return 16;
  const m = /(\d+)(x\d+)?_(splat|lane|zero)$|(\d+)x(\d+)_[su]$/.exec(name);
  if (!m) throw new Error(name);
  if (m[4]) return (Number(m[4]) * Number(m[5])) / 8;
  return Number(m[1]) / 8;
}

const MEM_INFOS = OPCODES.filter((o) => o.prefix === 0xfd && SIMD_MEM_OPS[o.id - PREFIX_FD_BASE] !== undefined);
let counter = 0;
const VARIANTS: Variant[] = MEM_INFOS.flatMap((info) => {
  const width = widthOf(info.name);
  const lanes = info.imm === 'memarg_lane' ? [...Array(16 / width).keys()] : [0];
  return OFFSETS.flatMap((offset) => lanes.map((lane) => ({ info, width, offset, lane, exportName: `f${counter++}` })));
});

function funcOf(v: Variant): string {
  const n = v.info.name;
  const mem = `${n} offset=${v.offset}${v.info.imm === 'memarg_lane' ? ` ${v.lane}` : ''}`;
  const operand = `(v128.load (i32.const ${OPERAND}))`;
  const isStore = n.startsWith('v128.store');
  const hasOperand = isStore || n.endsWith('_lane');
  const access = `(${mem} (local.get 0)${hasOperand ? ` ${operand}` : ''})`;
  const body = isStore ? access : `(v128.store (i32.const ${OUT}) ${access})`;
  return `  (func (export "${v.exportName}") (param i32) ${body})`;
}

let native: Record<string, (addr: number) => void>;
let memNative: Uint8Array;

beforeAll(async () => {
  const wabt = await wabtInit();
  const text = `(module (memory (export "mem") 1)\n${VARIANTS.map(funcOf).join('\n')})`;
  const parsed = wabt.parseWat('simd-memory.wat', text, { simd: true });
  const bytes = new Uint8Array(parsed.toBinary({}).buffer);
  parsed.destroy();
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
    if (v.immIndex === undefined) throw new Error(`${v.info.name} not found in f${f}`);
  });
  const inst = new WA.Instance(new WA.Module(bytes), {});
  native = inst.exports as Record<string, (addr: number) => void>;
  memNative = new Uint8Array((inst.exports.mem as { buffer: ArrayBuffer }).buffer);
  for (let i = 0; i < PAGE; i++) memNative[i] = rnd();
});

/** Addresses worth trying for a variant: random, small, and around the end of memory. */
function addressesOf(v: Variant): number[] {
  const end = PAGE - v.width - v.offset; // the last in-bounds address (may be negative)
  const xs = [0, 1, 5, 17, 0x80000000, 0xffffffff, 0xfffffff0];
  for (let d = -3; d <= 3; d++) xs.push(end + d);
  for (let i = 0; i < 40; i++) xs.push(rnd() % PAGE);
  return xs.filter((x) => x >= 0 && x <= 0xffffffff).map((x) => x >>> 0);
}

const stack = createStackViews(16);
const hex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');

describe('SIMD memory operations agree with native WebAssembly', () => {
  for (const info of MEM_INFOS) {
    it(info.name, () => {
      const op = SIMD_MEM_OPS[info.id - PREFIX_FD_BASE]!;
      const isStore = info.name.startsWith('v128.store');
      let cases = 0;
      let traps = 0;
      for (const v of VARIANTS.filter((x) => x.info === info)) {
        for (const addr of addressesOf(v)) {
          // Layouts: the core's usual one (dst = address slot, operand right after it) and a
          // disjoint one.
          for (const [dst, a, b] of [[0, 0, 1], [8, 3, 5]] as const) {
            // Fresh random bytes in the operand region and around the accessed window.
            for (let i = OPERAND; i < OPERAND + 16; i++) memNative[i] = rnd();
            const ea = addr + v.offset;
            const lo = Math.max(0, Math.min(ea, PAGE) - 16);
            const hi = Math.min(PAGE, ea + v.width + 16);
            for (let i = lo; i < hi; i++) memNative[i] = rnd();
            const before = memNative.slice();
            const ours = before.slice();
            stack.u8.fill(0x5a);
            stack.u32[2 * a] = addr;
            stack.u8.set(memNative.subarray(OPERAND, OPERAND + 16), 8 * b);

            let nativeTrap = false;
            try {
              native[v.exportName]!(addr | 0);
            } catch (e) {
              nativeTrap = true;
              expect((e as Error).constructor.name).toBe('RuntimeError');
            }
            let ourTrap = false;
            try {
              op(stack, dst, a, b, ours, v.imms!, v.immIndex!);
            } catch (e) {
              ourTrap = true;
              expect(e).toBeInstanceOf(Trap);
              expect((e as Error).message).toBe('out of bounds memory access');
            }
            const where = `${info.name} offset=${v.offset} lane=${v.lane} addr=${addr} dst=${dst}`;
            expect(ourTrap, where).toBe(nativeTrap);
            if (nativeTrap) traps++;
            else if (!isStore) {
              expect(hex(stack.u8.slice(8 * dst, 8 * dst + 16)), where).toBe(hex(memNative.slice(OUT, OUT + 16)));
            }
            // Stores (when they do not trap) must leave memory as the native store did; loads and
            // trapping stores must leave it untouched. (Native loads also wrote their result to
            // OUT, which is why they are compared with the snapshot instead.)
            const expected = isStore && !nativeTrap ? memNative : before;
            expect(hex(ours.subarray(lo, hi)), where).toBe(hex(expected.subarray(lo, hi)));
            expect(hex(ours.subarray(0, 64)), where).toBe(hex(expected.subarray(0, 64)));
            cases++;
          }
        }
      }
      expect(cases).toBeGreaterThan(0);
      expect(traps).toBeGreaterThan(0);
    });
  }
});
