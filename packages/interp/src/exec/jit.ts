/**
 * The second tier: translates a hot function's lowered code into a JavaScript function (via
 * `new Function`), removing the per-instruction dispatch.
 *
 * The compiled body keeps the interpreter's frame layout and explicit state: it runs on the same
 * value stack, starts at any *label* of the function (its entry, a branch target, a loop header,
 * the instruction after a call) and returns the position of the next `CALL`, `CALL_INDIRECT` or
 * `RETURN`, which the interpreter executes (so calls still never recurse in JavaScript). Basic
 * blocks become straight-line statements with operand offsets folded into constants; branches
 * set `pc` and re-enter a `switch` over the labels.
 *
 * Functions using an instruction the translator does not know (SIMD, tables, bulk memory) are
 * not compiled: they stay in the interpreter. Where no code generation is allowed (a
 * content-security policy without `unsafe-eval`), nothing is compiled (`codegen-allowed.ts`
 * asks the host once) and the engine keeps interpreting.
 */
import { Op } from '@rt/binary';
import { L } from '../lower/ops.js';
import { IN_COUNT, OUT_COUNT } from '../lower/signatures.js';
import type { ModuleInstance } from '../runtime/instance.js';
import type { MemoryInstance } from '../runtime/memory.js';
import type { StackViews } from '../runtime/stack-views.js';
import type { WasmFunction } from '../runtime/func.js';
import { callFailed, callFast } from './body-calls.js';
import { Trap, TrapMessage } from '../runtime/trap.js';
import { codeGenerationAllowed } from './codegen-allowed.js';
import * as conv from './conversions.js';
import * as float from './float.js';
import * as i64 from './i64.js';

/**
 * A compiled function body: runs from label `pc` with the frame at word `fp` until the next
 * call or return instruction, and returns that instruction's position.
 */
export type CompiledBody = (
  S: StackViews,
  fp: number,
  pc: number,
  inst: ModuleInstance,
  mem: MemoryInstance | undefined,
  /** The interpreter's call depth of this frame (for the calls the body makes itself). */
  depth: number,
  /** The function whose frame this is. */
  fn: WasmFunction,
) => number;

const EMPTY_DV = new DataView(new ArrayBuffer(0));

/** What generated code may call. */
const HELPERS = {
  /** Raises a trap at lowered position `pc` (for the backtrace: see `Trap.sitePc`). */
  trap(message: string, pc: number): never {
    const t = new Trap(message);
    t.sitePc = pc;
    throw t;
  },
  /** Tags a trap thrown by a helper (`i64.divS`, `conv.truncI32S`, …) with its instruction's position `pc`. */
  at(e: unknown, pc: number): unknown {
    if (e instanceof Trap && e.wasmFrames === undefined && e.sitePc < 0) e.sitePc = pc;
    return e;
  },
  EMPTY_DV,
  callFast,
  callFailed,
  M: TrapMessage,
  i64,
  conv,
  float,
};

/** Calls of helpers that can throw a trap (the saturating conversions cannot). */
const THROWING_HELPER = /\b(?:i64\.(?:divS|divU|remS|remU)|conv\.trunc(?:I32|I64)[SU])\(/;

/** Length in words of the lowered instruction at `p`, or -1 for one the translator does not handle. */
export function length(c: Int32Array, p: number): number {
  const op = c[p]!;
  switch (op) {
    case L.COPY:
    case L.COPY128:
    case L.BR_IF:
    case L.BR_UNLESS:
    case L.CONST32:
    case L.GLOBAL_GET:
    case L.GLOBAL_GET128:
    case L.GLOBAL_SET:
    case L.GLOBAL_SET128:
    case L.GLOBAL_SET_REF:
    case L.REF_FUNC:
    case L.CALL:
    case L.BR_I64_EQZ:
    case L.BR_I64_NEZ:
      return 3;
    case L.BR:
      return 2;
    case L.RETURN:
    case L.UNREACHABLE:
      return 1;
    case L.LOOP:
    case L.FUEL:
      return 2;
    case L.BR_TABLE:
      return 3 + c[p + 2]!;
    case L.CALL_INDIRECT:
    case L.SELECT:
    case L.SELECT128:
      return 5;
    case L.CONST64:
      return 4;
    case L.CONST128:
      return 6;
    case L.CONSTS:
      return 3 + 2 * c[p + 2]!;
    case Op.memory_size:
      return 2;
    case Op.memory_grow:
    case Op.ref_is_null:
      return 3;
  }
  if (op >= L.BR_I32_EQ && op <= L.BR_I32_GE_U) return 4;
  if (op >= L.I32_ADD_LOAD && op <= L.F64_DIV_LOAD) return 5;
  if (op >= L.LOAD_ADD_BASE + Op.i32_load! && op <= L.LOAD_ADD_BASE + Op.i32_load16_u!) return 5;
  if (op >= Op.i32_load! && op <= Op.i64_store32!) return 4;
  if (op < 0x120 && OUT_COUNT[op] === 1 && IN_COUNT[op] === 1) return 3;
  if (op < 0x120 && OUT_COUNT[op] === 1 && IN_COUNT[op] === 2) return 4;
  return -1;
}

/** Load opcodes → [bytes, statement producing `v` into the destination]. */
function loadStmt(op: number, dst: (k: number) => string, d: number): [number, string] | null {
  const A = `I32[fp + ${d}]`;
  const H = `I32[fp + ${d + 1}]`;
  void dst;
  switch (op) {
    case Op.i32_load:
    case Op.f32_load:
      return [4, `${A} = dv.getInt32(ea, true);`];
    case Op.i64_load:
      return [8, `${A} = dv.getInt32(ea, true); ${H} = dv.getInt32(ea + 4, true);`];
    case Op.f64_load:
      return [8, `F64[fp2 + ${d >> 1}] = dv.getFloat64(ea, true);`];
    case Op.i32_load8_s:
      return [1, `${A} = dv.getInt8(ea);`];
    case Op.i32_load8_u:
      return [1, `${A} = dv.getUint8(ea);`];
    case Op.i32_load16_s:
      return [2, `${A} = dv.getInt16(ea, true);`];
    case Op.i32_load16_u:
      return [2, `${A} = dv.getUint16(ea, true);`];
    case Op.i64_load8_s:
      return [1, `{ const v = dv.getInt8(ea); ${A} = v; ${H} = v >> 31; }`];
    case Op.i64_load8_u:
      return [1, `${A} = dv.getUint8(ea); ${H} = 0;`];
    case Op.i64_load16_s:
      return [2, `{ const v = dv.getInt16(ea, true); ${A} = v; ${H} = v >> 31; }`];
    case Op.i64_load16_u:
      return [2, `${A} = dv.getUint16(ea, true); ${H} = 0;`];
    case Op.i64_load32_s:
      return [4, `{ const v = dv.getInt32(ea, true); ${A} = v; ${H} = v >> 31; }`];
    case Op.i64_load32_u:
      return [4, `${A} = dv.getInt32(ea, true); ${H} = 0;`];
  }
  return null;
}

/**
 * Statement for one plain numeric instruction `[op, d, a(, b)]`, or null if unknown.
 * Mirrors the interpreter's cases exactly (same helpers, same order of reads and writes).
 */
function numeric(op: number, d: number, a: number, b: number): string | null {
  const A = rdA;
  const H = rdH;
  const U = rdU;
  const F = rdF;
  const D = rdD;
  const set = (e: string) => `${A(d)} = ${e};`;
  const cmp = (x: string, o: string, y: string) => set(`${x} ${o} ${y} ? 1 : 0`);
  const h3 = `I32, fp + ${d}, fp + ${a}, fp + ${b}`;
  const h2 = `I32, fp + ${d}, fp + ${a}`;
  switch (op) {
    case Op.i32_eqz: return set(`${A(a)} === 0 ? 1 : 0`);
    case Op.i32_eq: return cmp(A(a), '===', A(b));
    case Op.i32_ne: return cmp(A(a), '!==', A(b));
    case Op.i32_lt_s: return cmp(A(a), '<', A(b));
    case Op.i32_lt_u: return cmp(U(a), '<', U(b));
    case Op.i32_gt_s: return cmp(A(a), '>', A(b));
    case Op.i32_gt_u: return cmp(U(a), '>', U(b));
    case Op.i32_le_s: return cmp(A(a), '<=', A(b));
    case Op.i32_le_u: return cmp(U(a), '<=', U(b));
    case Op.i32_ge_s: return cmp(A(a), '>=', A(b));
    case Op.i32_ge_u: return cmp(U(a), '>=', U(b));
    case Op.i32_clz: return set(`Math.clz32(${A(a)})`);
    case Op.i32_ctz: return `{ const x = ${A(a)}; ${A(d)} = x === 0 ? 32 : i64.ctz32(x); }`;
    case Op.i32_popcnt: return set(`i64.popcnt32(${A(a)})`);
    case Op.i32_add: return set(`${A(a)} + ${A(b)}`);
    case Op.i32_sub: return set(`${A(a)} - ${A(b)}`);
    case Op.i32_mul: return set(`Math.imul(${A(a)}, ${A(b)})`);
    case Op.i32_div_s:
      return `{ const x = ${A(a)}, y = ${A(b)}; if (y === 0) trap(M.divideByZero); if (x === -0x80000000 && y === -1) trap(M.integerOverflow); ${A(d)} = x / y; }`;
    case Op.i32_div_u: return `{ const x = ${U(a)}, y = ${U(b)}; if (y === 0) trap(M.divideByZero); ${A(d)} = Math.floor(x / y); }`;
    case Op.i32_rem_s: return `{ const x = ${A(a)}, y = ${A(b)}; if (y === 0) trap(M.divideByZero); ${A(d)} = x % y; }`;
    case Op.i32_rem_u: return `{ const x = ${U(a)}, y = ${U(b)}; if (y === 0) trap(M.divideByZero); ${A(d)} = x % y; }`;
    case Op.i32_and: return set(`${A(a)} & ${A(b)}`);
    case Op.i32_or: return set(`${A(a)} | ${A(b)}`);
    case Op.i32_xor: return set(`${A(a)} ^ ${A(b)}`);
    case Op.i32_shl: return set(`${A(a)} << ${A(b)}`);
    case Op.i32_shr_s: return set(`${A(a)} >> ${A(b)}`);
    case Op.i32_shr_u: return set(`${A(a)} >>> ${A(b)}`);
    case Op.i32_rotl: return `{ const x = ${A(a)}, s = ${A(b)}; ${A(d)} = (x << s) | (x >>> (32 - (s & 31))); }`;
    case Op.i32_rotr: return `{ const x = ${A(a)}, s = ${A(b)}; ${A(d)} = (x >>> s) | (x << (32 - (s & 31))); }`;
    case Op.i64_eqz: return set(`(${A(a)} | ${H(a)}) === 0 ? 1 : 0`);
    case Op.i64_eq: return set(`${A(a)} === ${A(b)} && ${H(a)} === ${H(b)} ? 1 : 0`);
    case Op.i64_ne: return set(`${A(a)} !== ${A(b)} || ${H(a)} !== ${H(b)} ? 1 : 0`);
    case Op.i64_lt_s: return set(`i64.cmpS(I32, fp + ${a}, fp + ${b}) < 0 ? 1 : 0`);
    case Op.i64_lt_u: return set(`i64.cmpU(I32, fp + ${a}, fp + ${b}) < 0 ? 1 : 0`);
    case Op.i64_gt_s: return set(`i64.cmpS(I32, fp + ${a}, fp + ${b}) > 0 ? 1 : 0`);
    case Op.i64_gt_u: return set(`i64.cmpU(I32, fp + ${a}, fp + ${b}) > 0 ? 1 : 0`);
    case Op.i64_le_s: return set(`i64.cmpS(I32, fp + ${a}, fp + ${b}) <= 0 ? 1 : 0`);
    case Op.i64_le_u: return set(`i64.cmpU(I32, fp + ${a}, fp + ${b}) <= 0 ? 1 : 0`);
    case Op.i64_ge_s: return set(`i64.cmpS(I32, fp + ${a}, fp + ${b}) >= 0 ? 1 : 0`);
    case Op.i64_ge_u: return set(`i64.cmpU(I32, fp + ${a}, fp + ${b}) >= 0 ? 1 : 0`);
    case Op.i64_clz: return `i64.clz(${h2});`;
    case Op.i64_ctz: return `i64.ctz(${h2});`;
    case Op.i64_popcnt: return `{ const x = i64.popcnt32(${A(a)}) + i64.popcnt32(${H(a)}); ${A(d)} = x; ${H(d)} = 0; }`;
    case Op.i64_add:
      return `{ const alo = ${A(a)}; const lo = (alo + ${A(b)}) | 0; ${H(d)} = ${H(a)} + ${H(b)} + ((lo >>> 0) < (alo >>> 0) ? 1 : 0); ${A(d)} = lo; }`;
    case Op.i64_sub:
      return `{ const alo = ${A(a)}, blo = ${A(b)}; ${H(d)} = ${H(a)} - ${H(b)} - ((alo >>> 0) < (blo >>> 0) ? 1 : 0); ${A(d)} = alo - blo; }`;
    case Op.i64_div_s: return `i64.divS(${h3});`;
    case Op.i64_div_u: return `i64.divU(${h3});`;
    case Op.i64_rem_s: return `i64.remS(${h3});`;
    case Op.i64_rem_u: return `i64.remU(${h3});`;
    case Op.i64_and: return `{ const lo = ${A(a)} & ${A(b)}; ${H(d)} = ${H(a)} & ${H(b)}; ${A(d)} = lo; }`;
    case Op.i64_or: return `{ const lo = ${A(a)} | ${A(b)}; ${H(d)} = ${H(a)} | ${H(b)}; ${A(d)} = lo; }`;
    case Op.i64_xor: return `{ const lo = ${A(a)} ^ ${A(b)}; ${H(d)} = ${H(a)} ^ ${H(b)}; ${A(d)} = lo; }`;
    case Op.i64_shl:
    case Op.i64_shr_s:
    case Op.i64_shr_u:
    case Op.i64_rotl:
    case Op.i64_rotr: {
      const k = constCells.get(b);
      if (k !== undefined) return shiftByConstant(op, d, a, k[0] & 63);
      const name = op === Op.i64_shl ? 'shl' : op === Op.i64_shr_s ? 'shrS' : op === Op.i64_shr_u ? 'shrU' : op === Op.i64_rotl ? 'rotl' : 'rotr';
      return `i64.${name}(${h3});`;
    }
    case Op.i64_mul: {
      // Inline: low word by Math.imul, high word from the 16-bit-piece high product and cross terms.
      return `{ const al = ${A(a)}, ah = ${H(a)}, bl = ${A(b)}, bh = ${H(b)}; ${H(d)} = i64.umulhi(al, bl) + Math.imul(al, bh) + Math.imul(ah, bl); ${A(d)} = Math.imul(al, bl); }`;
    }
    case Op.f32_eq: return cmp(F(a), '===', F(b));
    case Op.f32_ne: return cmp(F(a), '!==', F(b));
    case Op.f32_lt: return cmp(F(a), '<', F(b));
    case Op.f32_gt: return cmp(F(a), '>', F(b));
    case Op.f32_le: return cmp(F(a), '<=', F(b));
    case Op.f32_ge: return cmp(F(a), '>=', F(b));
    case Op.f64_eq: return cmp(D(a), '===', D(b));
    case Op.f64_ne: return cmp(D(a), '!==', D(b));
    case Op.f64_lt: return cmp(D(a), '<', D(b));
    case Op.f64_gt: return cmp(D(a), '>', D(b));
    case Op.f64_le: return cmp(D(a), '<=', D(b));
    case Op.f64_ge: return cmp(D(a), '>=', D(b));
    case Op.f32_abs: return set(`${A(a)} & 0x7fffffff`);
    case Op.f32_neg: return set(`${A(a)} ^ 0x80000000`);
    case Op.f32_ceil: return `${F(d)} = Math.ceil(${F(a)});`;
    case Op.f32_floor: return `${F(d)} = Math.floor(${F(a)});`;
    case Op.f32_trunc: return `${F(d)} = Math.trunc(${F(a)});`;
    case Op.f32_nearest: return `${F(d)} = float.nearest(${F(a)});`;
    case Op.f32_sqrt: return `${F(d)} = Math.sqrt(${F(a)});`;
    case Op.f32_add: return `${F(d)} = ${F(a)} + ${F(b)};`;
    case Op.f32_sub: return `${F(d)} = ${F(a)} - ${F(b)};`;
    case Op.f32_mul: return `${F(d)} = ${F(a)} * ${F(b)};`;
    case Op.f32_div: return `${F(d)} = ${F(a)} / ${F(b)};`;
    case Op.f32_min: return `${F(d)} = float.fmin(${F(a)}, ${F(b)});`;
    case Op.f32_max: return `${F(d)} = float.fmax(${F(a)}, ${F(b)});`;
    case Op.f32_copysign: return set(`(${A(a)} & 0x7fffffff) | (${A(b)} & 0x80000000)`);
    case Op.f64_abs: return `{ const lo = ${A(a)}; ${H(d)} = ${H(a)} & 0x7fffffff; ${A(d)} = lo; }`;
    case Op.f64_neg: return `{ const lo = ${A(a)}; ${H(d)} = ${H(a)} ^ 0x80000000; ${A(d)} = lo; }`;
    case Op.f64_ceil: return `${D(d)} = float.fceil(${D(a)});`;
    case Op.f64_floor: return `${D(d)} = float.ffloor(${D(a)});`;
    case Op.f64_trunc: return `${D(d)} = float.ftrunc(${D(a)});`;
    case Op.f64_nearest: return `${D(d)} = float.nearest(${D(a)});`;
    case Op.f64_sqrt: return `${D(d)} = Math.sqrt(${D(a)});`;
    case Op.f64_add: return `${D(d)} = ${D(a)} + ${D(b)};`;
    case Op.f64_sub: return `${D(d)} = ${D(a)} - ${D(b)};`;
    case Op.f64_mul: return `${D(d)} = ${D(a)} * ${D(b)};`;
    case Op.f64_div: return `${D(d)} = ${D(a)} / ${D(b)};`;
    case Op.f64_min: return `${D(d)} = float.fmin(${D(a)}, ${D(b)});`;
    case Op.f64_max: return `${D(d)} = float.fmax(${D(a)}, ${D(b)});`;
    case Op.f64_copysign:
      return `{ const lo = ${A(a)}; const hi = (${H(a)} & 0x7fffffff) | (${H(b)} & 0x80000000); ${A(d)} = lo; ${H(d)} = hi; }`;
    case Op.i32_wrap_i64:
    case Op.i32_reinterpret_f32:
    case Op.f32_reinterpret_i32:
      return set(A(a));
    case Op.i64_reinterpret_f64:
    case Op.f64_reinterpret_i64:
      return `{ const lo = ${A(a)}; ${H(d)} = ${H(a)}; ${A(d)} = lo; }`;
    case Op.i32_trunc_f32_s: return set(`conv.truncI32S(${F(a)})`);
    case Op.i32_trunc_f32_u: return set(`conv.truncI32U(${F(a)})`);
    case Op.i32_trunc_f64_s: return set(`conv.truncI32S(${D(a)})`);
    case Op.i32_trunc_f64_u: return set(`conv.truncI32U(${D(a)})`);
    case Op.i64_extend_i32_s: return `{ const v = ${A(a)}; ${A(d)} = v; ${H(d)} = v >> 31; }`;
    case Op.i64_extend_i32_u: return `{ const v = ${A(a)}; ${A(d)} = v; ${H(d)} = 0; }`;
    case Op.i64_trunc_f32_s: return `conv.truncI64S(I32, fp + ${d}, ${F(a)});`;
    case Op.i64_trunc_f32_u: return `conv.truncI64U(I32, fp + ${d}, ${F(a)});`;
    case Op.i64_trunc_f64_s: return `conv.truncI64S(I32, fp + ${d}, ${D(a)});`;
    case Op.i64_trunc_f64_u: return `conv.truncI64U(I32, fp + ${d}, ${D(a)});`;
    case Op.f32_convert_i32_s: return `${F(d)} = ${A(a)};`;
    case Op.f32_convert_i32_u: return `${F(d)} = ${U(a)};`;
    case Op.f32_convert_i64_s: return `${F(d)} = conv.i64ToF32S(I32, fp + ${a});`;
    case Op.f32_convert_i64_u: return `${F(d)} = conv.i64ToF32U(I32, fp + ${a});`;
    case Op.f32_demote_f64: return `${F(d)} = ${D(a)};`;
    case Op.f64_convert_i32_s: return `${D(d)} = ${A(a)};`;
    case Op.f64_convert_i32_u: return `${D(d)} = ${U(a)};`;
    case Op.f64_convert_i64_s: return `${D(d)} = conv.i64ToF64S(I32, fp + ${a});`;
    case Op.f64_convert_i64_u: return `${D(d)} = conv.i64ToF64U(I32, fp + ${a});`;
    case Op.f64_promote_f32: return `${D(d)} = ${F(a)};`;
    case Op.i32_extend8_s: return set(`(${A(a)} << 24) >> 24`);
    case Op.i32_extend16_s: return set(`(${A(a)} << 16) >> 16`);
    case Op.i64_extend8_s: return `{ const v = (${A(a)} << 24) >> 24; ${A(d)} = v; ${H(d)} = v >> 31; }`;
    case Op.i64_extend16_s: return `{ const v = (${A(a)} << 16) >> 16; ${A(d)} = v; ${H(d)} = v >> 31; }`;
    case Op.i64_extend32_s: return `{ const v = ${A(a)}; ${A(d)} = v; ${H(d)} = v >> 31; }`;
    case Op.i32_trunc_sat_f32_s: return set(`conv.truncSatI32S(${F(a)})`);
    case Op.i32_trunc_sat_f32_u: return set(`conv.truncSatI32U(${F(a)})`);
    case Op.i32_trunc_sat_f64_s: return set(`conv.truncSatI32S(${D(a)})`);
    case Op.i32_trunc_sat_f64_u: return set(`conv.truncSatI32U(${D(a)})`);
    case Op.i64_trunc_sat_f32_s: return `conv.truncSatI64S(I32, fp + ${d}, ${F(a)});`;
    case Op.i64_trunc_sat_f32_u: return `conv.truncSatI64U(I32, fp + ${d}, ${F(a)});`;
    case Op.i64_trunc_sat_f64_s: return `conv.truncSatI64S(I32, fp + ${d}, ${D(a)});`;
    case Op.i64_trunc_sat_f64_u: return `conv.truncSatI64U(I32, fp + ${d}, ${D(a)});`;
    case Op.ref_is_null: return set(`${A(a)} === 0 ? 1 : 0`);
  }
  return null;
}

/** Largest function (in lowered words) that is compiled as one body (larger ones: `chunks.ts`). */
export const MAX_COMPILED_WORDS = 2500;

/** Most i32 locals kept in JS variables in one compiled body. */
const MAX_PROMOTED_LOCALS = 24;

/** Placeholder for the stores of promoted locals in a return to the interpreter. */
const SYNC = '/*sync*/';

/**
 * The i32 locals (frame words) worth keeping in JS variables in `body`: those it accesses, the
 * most accessed first, at most {@link MAX_PROMOTED_LOCALS}.
 */
function promotedLocals(body: string, i32Locals: readonly number[]): number[] {
  const uses = new Map<number, number>();
  for (const w of i32Locals) {
    const n = body.match(new RegExp(`[IU]32\\[fp \\+ ${w}\\]`, 'g'))?.length ?? 0;
    if (n > 0) uses.set(w, n);
  }
  return [...uses.keys()].sort((a, b) => uses.get(b)! - uses.get(a)! || a - b).slice(0, MAX_PROMOTED_LOCALS);
}

/**
 * Constant cells of the function being compiled (word offset → low and high word): they are
 * written only by the entry `CONSTS`, so reads of them become literals.
 */
let constCells = new Map<number, readonly [number, number]>();

const f32View = new Float32Array(2);
const f64View = new Float64Array(f32View.buffer);
const i32View = new Int32Array(f32View.buffer);

/** A JS literal for a non-NaN double (keeping the sign of zero). */
function literal(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

/** Reads of the i32 (low word) at frame word `w`. */
function rdA(w: number): string {
  const c = constCells.get(w);
  return c !== undefined ? `(${c[0]})` : `I32[fp + ${w}]`;
}
/** Reads of the high word of the 64-bit value at `w`. */
function rdH(w: number): string {
  const c = constCells.get(w);
  return c !== undefined ? `(${c[1]})` : `I32[fp + ${w + 1}]`;
}
/** Unsigned reads of the word at `w`. */
function rdU(w: number): string {
  const c = constCells.get(w);
  return c !== undefined ? `${c[0] >>> 0}` : `U32[fp + ${w}]`;
}
/** f32 reads at `w` (a NaN constant stays a memory read, to keep its bits). */
function rdF(w: number): string {
  const c = constCells.get(w);
  if (c !== undefined) {
    i32View[0] = c[0];
    const x = f32View[0]!;
    if (x === x) return `(${literal(x)})`;
  }
  return `F32[fp + ${w}]`;
}
/** f64 reads at `w`. */
function rdD(w: number): string {
  const c = constCells.get(w);
  if (c !== undefined) {
    i32View[0] = c[0];
    i32View[1] = c[1];
    const x = f64View[0]!;
    if (x === x) return `(${literal(x)})`;
  }
  return `F64[fp2 + ${w >> 1}]`;
}

const escape = (t: string) => t.replace(/[[\]+()]/g, (ch) => `\\${ch}`);

/**
 * `code` with every assignment `cell = expr;` replaced by `name = (expr) | 0;`: the ToInt32 that
 * a store to the Int32Array cell performs, applied to the JS variable that replaces the cell.
 */
function assignTruncated(code: string, cell: string, name: string): string {
  const target = `${cell} =`;
  let out = '';
  let from = 0;
  for (let at = code.indexOf(target); at >= 0; at = code.indexOf(target, from)) {
    const start = at + target.length;
    // `==` or `===`: a comparison, not an assignment.
    if (code[start] === '=') {
      out += code.slice(from, start);
      from = start;
      continue;
    }
    // The expression ends at the first `;` outside brackets, or at the end of its block.
    let depth = 0;
    let end = start;
    for (; end < code.length; end++) {
      const ch = code[end];
      if (ch === '(' || ch === '[' || ch === '{') depth++;
      else if ((ch === ')' || ch === ']' || ch === '}') && --depth < 0) break;
      else if (ch === ';' && depth === 0) break;
    }
    out += `${code.slice(from, at)}${name} = (${code.slice(start, end).trim()}) | 0`;
    from = end;
  }
  return out + code.slice(from);
}

/**
 * Temporaries: a value that the lowerer marked as read only by the very next instruction
 * (`singleUse` at its destination word) never needs its frame cell when both instructions are in
 * the same straight-line run: the producer assigns a JS variable and the consumer reads it,
 * which removes a typed-array store and load and lets V8 keep the value in a register. Only f64
 * values (written through `F64`) and i32 values (written through `I32`, one word) qualify, and
 * only when the consumer accesses the cell through the same view. Rewrites `out` in place and
 * returns the variable names to declare.
 */
function useTemporaries(
  out: string[],
  starts: readonly number[],
  positions: readonly number[],
  singleUse: Uint8Array,
  c: Int32Array,
): string[] {
  const names = new Set<string>();
  for (let i = 0; i + 1 < positions.length; i++) {
    const p = positions[i]!;
    // Only a consumer right after its producer: no label (a `case` line) between, nor a region's end.
    if (singleUse[p + 1] !== 1 || starts[i + 1] !== starts[i]! + 1) continue;
    const x = c[p + 1]!;
    const prod = out[starts[i]!]!;
    const cons = out[starts[i + 1]!]!;
    const f64 = `F64[fp2 + ${x >> 1}]`;
    const i32 = `I32[fp + ${x}]`;
    const u32 = `U32[fp + ${x}]`;
    const others = [`I32[fp + ${x + 1}]`, `F32[fp + ${x}]`, `fp + ${x},`, `fp + ${x})`, `fp + ${x} +`];
    if (others.some((o) => prod.includes(o) || cons.includes(o))) continue;
    const writeF64 = new RegExp(`${escape(f64)} =(?!=)`, 'g');
    const writeI32 = new RegExp(`${escape(i32)} =(?!=)`, 'g');
    let name: string;
    let newProd: string;
    let newCons: string;
    if ((prod.match(writeF64) ?? []).length === 1 && !prod.includes(i32) && !prod.includes(u32) && !cons.includes(i32) && !cons.includes(u32)) {
      name = `td${x}`;
      newProd = prod.replace(writeF64, `${name} =`);
      newCons = cons.replace(new RegExp(`${escape(f64)}(?! =(?!=))`, 'g'), name);
    } else if ((prod.match(writeI32) ?? []).length === 1 && !prod.includes(f64) && !cons.includes(f64)) {
      name = `ti${x}`;
      newProd = assignTruncated(prod, i32, name);
      newCons = cons
        .replace(new RegExp(`${escape(i32)}(?! =(?!=))`, 'g'), `(${name} | 0)`)
        .replace(new RegExp(escape(u32), 'g'), `(${name} >>> 0)`);
    } else continue;
    out[starts[i]!] = newProd;
    out[starts[i + 1]!] = newCons;
    names.add(name);
  }
  return [...names];
}

/** An i64 shift or rotate by the constant `n` (0–63), inline on the halves. */
function shiftByConstant(op: number, d: number, a: number, n: number): string {
  const lo = `I32[fp + ${a}]`;
  const hi = `I32[fp + ${a + 1}]`;
  const out = (l: string, h: string) => `{ const x = ${lo}, y = ${hi}; I32[fp + ${d}] = ${l}; I32[fp + ${d + 1}] = ${h}; }`;
  if (op === Op.i64_rotl || op === Op.i64_rotr) {
    // rotr n is rotl (64 - n); rotl by ≥ 32 swaps the halves first.
    let r = op === Op.i64_rotl ? n : (64 - n) & 63;
    let x = 'x';
    let y = 'y';
    if (r >= 32) {
      [x, y] = [y, x];
      r -= 32;
    }
    if (r === 0) return out(x, y);
    return out(`(${x} << ${r}) | (${y} >>> ${32 - r})`, `(${y} << ${r}) | (${x} >>> ${32 - r})`);
  }
  if (n === 0) return out('x', 'y');
  if (op === Op.i64_shl) return n < 32 ? out(`x << ${n}`, `(y << ${n}) | (x >>> ${32 - n})`) : out('0', `x << ${n - 32}`);
  if (op === Op.i64_shr_u) return n < 32 ? out(`(x >>> ${n}) | (y << ${32 - n})`, `y >>> ${n}`) : out(`y >>> ${n - 32}`, '0');
  return n < 32 ? out(`(x >>> ${n}) | (y << ${32 - n})`, `y >> ${n}`) : out(`y >> ${n - 32}`, 'y >> 31');
}

const BR_I32_OPS = ['===', '!==', '<', '<', '>', '>', '<=', '<=', '>=', '>='];

/**
 * Fewest targets of a `br_table` compiled as a lookup in the lowered code's own table (one
 * statement, whatever its size) instead of a `switch` with a case per target. An eval loop's
 * dispatch is one: a copy of it stays small enough for every chunk of the loop to carry
 * (`chunks.ts`), so a case jumps straight to the chunk of the next case.
 */
export const LOOKUP_TARGETS = 64;

/** Words a `br_table` adds to a compiled body's size, as a lookup or as a `switch`. */
export function compiledWords(c: Int32Array, p: number): number {
  return c[p] === L.BR_TABLE && c[p + 2]! >= LOOKUP_TARGETS ? 3 : length(c, p);
}

/**
 * The labels of the lowered code `[start, end)` (where compiled code for it can be entered:
 * `start`, branch targets, loop headers, the instructions after calls; targets outside the
 * region included), or `null` if it holds an instruction the translator does not handle.
 */
export function labelsOf(c: Int32Array, start: number, end: number): Set<number> | null {
  const labels = new Set<number>([start]);
  for (let p = start; p < end; ) {
    const n = length(c, p);
    if (n < 0) return null;
    const op = c[p]!;
    for (const t of branchTargets(c, p)) labels.add(t);
    if (op === L.CALL || op === L.CALL_INDIRECT || op === L.LOOP) labels.add(op === L.LOOP ? p : p + n);
    p += n;
  }
  return labels;
}

const NO_TARGETS: readonly number[] = [];

/** The targets of the branch at `p` (a `br_table`'s in table order, repeats included); none for other instructions. */
export function branchTargets(c: Int32Array, p: number): readonly number[] {
  const op = c[p]!;
  if (op === L.BR) return [c[p + 1]!];
  if (op === L.BR_IF || op === L.BR_UNLESS || op === L.BR_I64_EQZ || op === L.BR_I64_NEZ) return [c[p + 2]!];
  if (op >= L.BR_I32_EQ && op <= L.BR_I32_GE_U) return [c[p + 3]!];
  if (op === L.BR_TABLE) return Array.from(c.subarray(p + 3, p + 3 + c[p + 2]!));
  return NO_TARGETS;
}

/**
 * Translates the lowered code `[start, end)` of `c`: a whole function (`start` = its entry) or
 * one loop (`start` = its `LOOP`) of the function whose entry is `entry`. Jumps leaving the
 * region, and falling off its end, return the position to continue at to the interpreter.
 * `entries` adds labels: positions in the region where a caller enters though no jump inside
 * the region leads there (a chunk of a large function, `chunks.ts`); `extra` adds regions
 * compiled into the same body (code shared by the chunks). `callsFast`: calls of fast-tier
 * functions are made from the body (`body-calls.ts`); without a fast tier, every call returns to
 * the interpreter, as the check would only cost. Returns `null` if the regions use an
 * instruction the translator does not handle.
 */
export function compileBody(
  c: Int32Array,
  entry: number,
  start: number,
  end: number,
  i32Locals: readonly number[] = [],
  singleUse?: Uint8Array,
  entries: Iterable<number> = [],
  extra: readonly (readonly [number, number])[] = [],
  callsFast = false,
): CompiledBody | null {
  const regions: readonly (readonly [number, number])[] = [[start, end], ...extra];
  const inside = (t: number) => regions.some(([from, to]) => t >= from && t < to);
  // V8 does not optimise very large functions; interpreted by V8's bytecode interpreter, a big
  // compiled body would be far slower than our own optimised dispatch loop.
  let words = 0;
  for (const [from, to] of regions) for (let p = from; p < to && words <= MAX_COMPILED_WORDS; p += Math.max(length(c, p), 1)) words += compiledWords(c, p);
  if (words > MAX_COMPILED_WORDS) return null;
  // Where the host refuses code generation (CSP), the function stays interpreted without trying.
  if (!codeGenerationAllowed()) return null;
  // Constant cells, from the entry instruction.
  constCells = new Map();
  if (c[entry] === L.CONSTS) {
    for (let j = 0; j < c[entry + 2]!; j++) constCells.set(c[entry + 1]! + 4 * j, [c[entry + 3 + 2 * j]!, c[entry + 4 + 2 * j]!]);
  }
  // Pass 1: instruction boundaries, labels, support.
  const labels = new Set<number>();
  for (const [from, to] of regions) {
    const own = labelsOf(c, from, to);
    if (own === null) return null;
    for (const p of own) labels.add(p);
  }
  for (const p of entries) if (inside(p)) labels.add(p);
  const A = rdA;
  const H = rdH;
  const U = rdU;
  const out: string[] = [];
  // For each instruction: its index in `out` and its code position (for the temporaries pass).
  const starts: number[] = [];
  const positions: number[] = [];
  // Every return to the interpreter first stores the promoted i32 locals back (see below); which
  // ones is known only once the body is generated, so returns carry a placeholder until then.
  const ret = (x: number | 'pc') => `{ ${SYNC} return ${x}; }`;
  const jump = (t: number) => (inside(t) ? `{ pc = ${t}; continue; }` : ret(t));
  // Whether a `br_table` reads its target from the code (then any position can reach the dispatch).
  let lookups = false;
  // The call instruction at `p` returning to `back`: where the body may call the fast tier, the
  // callee `f` that `find` names is called from here unless `otherwise` holds (`body-calls.ts`),
  // and then the memory may have grown; else, and without a fast tier, the interpreter calls.
  // Out of a failed call, the variables go back to the frame first (`callFailed` throws: the
  // `return` only shares the syncing placeholder).
  const call = (p: number, back: number, find: string, otherwise: string, argw: number) =>
    !callsFast
      ? ret(p)
      : `{ ${find} if (${otherwise}) ${ret(p)} ` +
        `try { callFast(inst.store, fn, f, fp, ${argw}, depth); } catch (e) { ${SYNC} return callFailed(inst.store, e, ${back}, ${argw}); } ` +
        `if (mem !== undefined) { dv = mem.dv; memLen = dv.byteLength; } }`;
  for (const [from, to] of regions) {
    for (let p = from; p < to; ) {
      const n = length(c, p);
      const op = c[p]!;
      if (labels.has(p)) out.push(`case ${p}:`);
      starts.push(out.length);
      positions.push(p);
      const o = (k: number) => c[p + k]!;
      let s: string | null = null;
      switch (op) {
        case L.COPY:
          s = `${A(o(1))} = ${A(o(2))}; ${H(o(1))} = ${H(o(2))};`;
          break;
        case L.COPY128:
          s = `for (let j = 0; j < 4; j++) I32[fp + ${o(1)} + j] = I32[fp + ${o(2)} + j];`;
          break;
        case L.BR:
          s = jump(o(1));
          break;
        case L.BR_IF:
          s = `if (${A(o(1))} !== 0) ${jump(o(2))}`;
          break;
        case L.BR_UNLESS:
          s = `if (${A(o(1))} === 0) ${jump(o(2))}`;
          break;
        case L.BR_I64_EQZ:
          s = `if ((${A(o(1))} | ${H(o(1))}) === 0) ${jump(o(2))}`;
          break;
        case L.BR_I64_NEZ:
          s = `if ((${A(o(1))} | ${H(o(1))}) !== 0) ${jump(o(2))}`;
          break;
        case L.BR_TABLE: {
          const cnt = o(2);
          if (cnt >= LOOKUP_TARGETS) {
            // The target from the table in the lowered code; the body's own dispatch enters it,
            // or returns it when it is elsewhere (see the switch's default below).
            s = `{ const i = ${U(o(1))}; pc = C[${p + 3} + (i < ${cnt - 1} ? i : ${cnt - 1})]; continue; }`;
            lookups = true;
            break;
          }
          const targets: number[] = [];
          for (let j = 0; j < cnt; j++) targets.push(o(3 + j));
          s = `{ const i = ${U(o(1))}; switch (i < ${cnt - 1} ? i : ${cnt - 1}) { ${targets.map((t, j) => (inside(t) ? `case ${j}: pc = ${t}; break;` : `case ${j}: ${ret(t)}`)).join(' ')} } continue; }`;
          break;
        }
        case L.CALL:
          // A callee the fast tier compiled; any other call is the interpreter's.
          s = call(p, p + n, `const f = inst.funcs[${o(1)}];`, 'f.fast !== true', o(2));
          break;
        case L.CALL_INDIRECT:
          // A table slot holding a fast-tier function of exactly the expected type; anything else
          // (a bad index, a null or demoted slot, a subtype, another tier) is the interpreter's,
          // which checks the slot again and traps or calls.
          s = call(
            p,
            p + n,
            `const t = inst.tables[${o(2)}].elements; const i = ${U(o(3))}; const r = i < t.length ? t[i] : 0; ` +
              `const f = r !== 0 ? inst.store.refs[r] : undefined;`,
            `f === undefined || f.fast !== true || f.typeId !== inst.typeIds[${o(1)}]`,
            o(4),
          );
          break;
        case L.RETURN:
          s = ret(p);
          break;
        case L.UNREACHABLE:
          s = `trap(M.unreachable);`;
          break;
        case L.LOOP:
          s = '';
          break;
        case L.FUEL:
          // A spent budget returns to the interpreter at the checkpoint, whose slow path decides.
          s = `{ const fl = inst.store.fuelLeft; if (fl[0] <= 0) ${ret(p)} fl[0] -= ${o(1)}; }`;
          break;
        case L.CONST32:
          s = `${A(o(1))} = ${o(2)};`;
          break;
        case L.CONST64:
          s = `${A(o(1))} = ${o(2)}; ${H(o(1))} = ${o(3)};`;
          break;
        case L.CONST128:
          s = `${A(o(1))} = ${o(2)}; ${H(o(1))} = ${o(3)}; I32[fp + ${o(1) + 2}] = ${o(4)}; I32[fp + ${o(1) + 3}] = ${o(5)};`;
          break;
        case L.CONSTS: {
          const parts: string[] = [];
          // The one write to the constant cells: raw stores (reads elsewhere are folded to literals).
          for (let j = 0; j < o(2); j++) parts.push(`I32[fp + ${o(1) + 4 * j}] = ${o(3 + 2 * j)}; I32[fp + ${o(1) + 4 * j + 1}] = ${o(4 + 2 * j)};`);
          s = parts.join(' ');
          break;
        }
        case L.SELECT:
          s = `if (${A(o(4))} !== 0) { ${A(o(1))} = ${A(o(2))}; ${H(o(1))} = ${H(o(2))}; } else { ${A(o(1))} = ${A(o(3))}; ${H(o(1))} = ${H(o(3))}; }`;
          break;
        case L.SELECT128:
          s = `{ const src = fp + (${A(o(4))} !== 0 ? ${o(2)} : ${o(3)}); for (let j = 0; j < 4; j++) I32[fp + ${o(1)} + j] = I32[src + j]; }`;
          break;
        case L.GLOBAL_GET:
          s = `{ const g = globals[${o(2)}].i32; ${A(o(1))} = g[0]; ${H(o(1))} = g[1]; }`;
          break;
        case L.GLOBAL_GET128:
          s = `{ const g = globals[${o(2)}].i32; for (let j = 0; j < 4; j++) I32[fp + ${o(1)} + j] = g[j]; }`;
          break;
        case L.GLOBAL_SET:
          s = `{ const g = globals[${o(1)}].i32; g[0] = ${A(o(2))}; g[1] = ${H(o(2))}; }`;
          break;
        case L.GLOBAL_SET128:
          s = `{ const g = globals[${o(1)}].i32; for (let j = 0; j < 4; j++) g[j] = I32[fp + ${o(2)} + j]; }`;
          break;
        case L.GLOBAL_SET_REF:
          // As the interpreter: the stored function's slot is kept strong (Store.collectFuncs).
          s = `{ const g = globals[${o(1)}].i32; g[0] = ${A(o(2))}; g[1] = ${H(o(2))}; inst.store.keepFunc(g[0]); }`;
          break;
        case L.REF_FUNC:
          s = `${A(o(1))} = inst.funcs[${o(2)}].ref;`;
          break;
        case Op.memory_size:
          s = `${A(o(1))} = mem.pages;`;
          break;
        case Op.memory_grow:
          s = `${A(o(1))} = mem.grow(${U(o(2))}); dv = mem.dv; memLen = dv.byteLength;`;
          break;
      }
      if (s === null && op >= L.BR_I32_EQ && op <= L.BR_I32_GE_U) {
        const j = op - L.BR_I32_EQ;
        const V = j === 3 || j === 5 || j === 7 || j === 9 ? U : A;
        s = `if (${V(o(1))} ${BR_I32_OPS[j]} ${V(o(2))}) ${jump(o(3))}`;
      }
      if (s === null && op >= L.I32_ADD_LOAD && op <= L.F64_DIV_LOAD) {
        const ea = `const ea = ${U(o(3))} + ${o(4) >>> 0};`;
        if (op === L.I32_ADD_LOAD) s = `{ ${ea} if (ea > memLen - 4) trap(M.memoryOutOfBounds); ${A(o(1))} = ${A(o(2))} + dv.getInt32(ea, true); }`;
        else {
          const sym = op === L.F64_ADD_LOAD ? '+' : op === L.F64_SUB_LOAD ? '-' : op === L.F64_MUL_LOAD ? '*' : '/';
          s = `{ ${ea} if (ea > memLen - 8) trap(M.memoryOutOfBounds); F64[fp2 + ${o(1) >> 1}] = ${rdD(o(2))} ${sym} dv.getFloat64(ea, true); }`;
        }
      }
      if (s === null && op >= L.LOAD_ADD_BASE + Op.i32_load! && op <= L.LOAD_ADD_BASE + Op.i32_load16_u!) {
        const ld = loadStmt(op - L.LOAD_ADD_BASE, A, o(1))!;
        s = `{ const ea = ((${A(o(2))} + ${A(o(3))}) >>> 0) + ${o(4) >>> 0}; if (ea > memLen - ${ld[0]}) trap(M.memoryOutOfBounds); ${ld[1]} }`;
      }
      if (s === null && op >= Op.i32_load! && op <= Op.i64_load32_u!) {
        const ld = loadStmt(op, A, o(1))!;
        s = `{ const ea = ${U(o(2))} + ${o(3) >>> 0}; if (ea > memLen - ${ld[0]}) trap(M.memoryOutOfBounds); ${ld[1]} }`;
      }
      if (s === null && op >= Op.i32_store! && op <= Op.i64_store32!) {
        const v = o(2);
        let w = 4;
        let st: string;
        switch (op) {
          case Op.i64_store:
            w = 8;
            st = `dv.setInt32(ea, ${A(v)}, true); dv.setInt32(ea + 4, ${H(v)}, true);`;
            break;
          case Op.f64_store:
            w = 8;
            st = `dv.setFloat64(ea, ${rdD(v)}, true);`;
            break;
          case Op.i32_store8:
          case Op.i64_store8:
            w = 1;
            st = `dv.setInt8(ea, ${A(v)});`;
            break;
          case Op.i32_store16:
          case Op.i64_store16:
            w = 2;
            st = `dv.setInt16(ea, ${A(v)}, true);`;
            break;
          default:
            st = `dv.setInt32(ea, ${A(v)}, true);`;
        }
        s = `{ const ea = ${U(o(1))} + ${o(3) >>> 0}; if (ea > memLen - ${w}) trap(M.memoryOutOfBounds); ${st} }`;
      }
      if (s === null) s = numeric(op, o(1), o(2), n === 4 ? o(3) : 0);
      if (s === null) return null;
      // A trap names its instruction's position: the interpreter only knows where this body was
      // entered. Inline checks pass it to `trap`; helpers that can throw are wrapped, which costs
      // nothing until one throws.
      s = s.replace(/trap\(M\.(\w+)\)/g, `trap(M.$1, ${p})`);
      if (THROWING_HELPER.test(s)) s = `try { ${s} } catch (e) { throw at(e, ${p}); }`;
      out.push(s);
      p += n;
    }
    // Falling off the end of a region: its successor, here or in the interpreter.
    out.push(jump(to));
  }
  const temps = singleUse === undefined ? [] : useTemporaries(out, starts, positions, singleUse, c);
  // A position without a label here (a lookup's target elsewhere): the dispatcher continues there.
  out.push(lookups ? `default: ${ret('pc')}` : "default: throw new Error('compiled code: bad entry ' + pc);");
  let body = out.join('\n');
  // i32 locals live in JS variables `l<word>` inside the body: loaded on entry, stored back before
  // every return to the interpreter (traps need no store: the frame is abandoned). Every entry
  // and every return (each call leaves the body) pays for them, so only the most used locals
  // are promoted, and only those the body writes are stored back: unoptimised (-O0) code has
  // hundreds of i32 locals and calls in its loops, and syncing all of them at every call made
  // its compiled code slower than the interpreter.
  const promoted = promotedLocals(body, i32Locals);
  const written = promoted.filter((w) => new RegExp(`I32\\[fp \\+ ${w}\\] =(?!=)`).test(body));
  // (Written `fp+w` without spaces so that the rewriting below leaves these stores alone.)
  const sync = written.map((w) => `I32[fp+${w}] = l${w};`).join(' ');
  body = body.replaceAll(`{ ${SYNC} return `, sync === '' ? '{ return ' : `{ ${sync} return `);
  for (const w of promoted) {
    // Writes become variable assignments with the Int32Array store's ToInt32, so the variables
    // only ever hold int32 values: V8 keeps them in registers, and an i32 sum that leaves the
    // int32 range cannot deoptimise the body (for a big body each reoptimisation costs hundreds
    // of milliseconds). Reads keep an explicit `| 0` (free on an int32) or `>>> 0`.
    body = assignTruncated(body, `I32[fp + ${w}]`, `l${w}`)
      .replace(new RegExp(`I32\\[fp \\+ ${w}\\]`, 'g'), `(l${w} | 0)`)
      .replace(new RegExp(`U32\\[fp \\+ ${w}\\]`, 'g'), `(l${w} >>> 0)`);
  }
  const load = promoted.map((w) => `let l${w} = I32[fp + ${w}];`).join(' ') + (temps.length > 0 ? ` let ${temps.map((t) => `${t} = 0`).join(', ')};` : '');
  // The prologue only sets up what the body uses (it runs at every entry, i.e. after each call).
  const views = ['I32', 'U32', 'F32', 'F64'].filter((v) => body.includes(`${v}[`) || body.includes(`${v},`) || load.includes(`${v}[`) || sync.includes(`${v}[`));
  const prologue = [
    views.length > 0 ? `const ${views.map((v) => `${v} = S.${v.toLowerCase()}`).join(', ')};` : '',
    body.includes('fp2') ? 'const fp2 = fp >> 1;' : '',
    body.includes('globals') ? 'const globals = inst.globals;' : '',
    body.includes('dv') || body.includes('memLen') ? 'let dv = mem !== undefined ? mem.dv : EMPTY_DV; let memLen = dv.byteLength;' : '',
  ].join('\n  ');
  const source = `
const { trap, at, EMPTY_DV, callFast, callFailed, M, i64, conv, float } = h;
return function compiled(S, fp, pc, inst, mem, depth, fn) {
  ${prologue}
  ${load}
  for (;;) {
    switch (pc) {
${body}
    }
  }
};`;
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    return new Function('h', 'C', source)(HELPERS, c) as CompiledBody;
  } catch {
    return null;
  }
}
