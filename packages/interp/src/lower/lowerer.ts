import { asFuncType, funcTypeAt, OPCODE_BY_ID, Op, type Expr, type FuncType, type Module, type ValType as ValTypeT } from '@rt/binary';
import { type FunctionVisitor, type ValidationState } from '@rt/validate';
import type { CodeBuffer } from './code-buffer.js';
import { SIMD_MEM_OPS, SIMD_OPS } from '../exec/simd-table.js';
import { L } from './ops.js';
import { CAN_TRAP, type TrapSiteBuilder } from './trap-sites.js';
import type { FuelCosts } from '../fuel/costs.js';
import { IN_COUNT, OUT_COUNT, OUT_V128, isWide } from './signatures.js';
import type { HandlerRecord } from './handlers.js';
import { isFuncRefType } from '../runtime/values.js';
import { gcHasResult, gcInputCount } from '../exec/gc.js';

/** Per-module facts the lowerer looks up by index. */
export interface ModuleTypes {
  /** Type of each function of the index space. */
  readonly funcTypes: readonly FuncType[];
  /** Value type of each global of the index space. */
  readonly globalTypes: readonly ValTypeT[];
  /** 1 for each memory of the index space with 64-bit addresses (memory64). */
  readonly memory64: Uint8Array;
  /** 1 for each table of the index space with 64-bit indices (table64). */
  readonly table64: Uint8Array;
  /** Type of each tag of the index space (3.0's exception handling). */
  readonly tagTypes: readonly FuncType[];
}

/** Collects the function and global types of a module's index spaces. */
export function moduleTypes(module: Module): ModuleTypes {
  const funcTypes: FuncType[] = [];
  const globalTypes: ValTypeT[] = [];
  const memory64: number[] = [];
  const table64: number[] = [];
  const tagTypes: FuncType[] = [];
  for (const imp of module.imports) {
    if (imp.desc.kind === 'func') funcTypes.push(funcTypeOrNone(module, imp.desc.type));
    else if (imp.desc.kind === 'global') globalTypes.push(imp.desc.type.type);
    else if (imp.desc.kind === 'memory') memory64.push(imp.desc.type.address === 'i64' ? 1 : 0);
    else if (imp.desc.kind === 'tag') tagTypes.push(funcTypeOrNone(module, imp.desc.type));
    else table64.push(imp.desc.type.address === 'i64' ? 1 : 0);
  }
  for (const t of module.tags) tagTypes.push(funcTypeOrNone(module, t.type));
  for (const t of module.functions) funcTypes.push(funcTypeOrNone(module, t));
  for (const g of module.globals) globalTypes.push(g.type.type);
  for (const m of module.memories) memory64.push(m.address === 'i64' ? 1 : 0);
  for (const t of module.tables) table64.push(t.address === 'i64' ? 1 : 0);
  return { funcTypes, globalTypes, memory64: Uint8Array.from(memory64), table64: Uint8Array.from(table64), tagTypes };
}

const NO_TYPE: FuncType = { kind: 'func', params: [], results: [] };

/**
 * Function type `x` of `module`; before validation (which reports it) a missing or non-function
 * type stands in as the empty function type.
 */
function funcTypeOrNone(module: Module, x: number): FuncType {
  return funcTypeAt(module, x) ?? NO_TYPE;
}

/**
 * How an instruction on another memory than 0, or on a 64-bit memory or table, is lowered around
 * its 2.0 form (see {@link FunctionLowerer.addressing}).
 */
interface Addressing {
  /** The memory to select with `USE_MEM` around the instruction, or 0. */
  memory: number;
  /** Operand heights to convert first, with `ADDR64` (memory addresses) or `SAT64` (table indices, grow deltas). */
  readonly convert: ReadonlyArray<readonly [height: number, op: number]>;
  /** Extend the i32 result at this height to i64 afterwards: `i64.extend_i32_u`/`_s`, or 0. */
  extend: number;
  /** The static offset is 2^32 or more: the access always traps. */
  oob: boolean;
}

/** A control frame as the lowerer sees it: where its branches go. */
interface Control {
  /** Code positions of forward jumps to patch with the frame's end. */
  readonly patches: number[];
  /** For a loop, the position its branches jump back to; -1 otherwise. */
  readonly loopStart: number;
  /** For an `if`, the position of the not-taken jump's target until `else`/`end`; -1 otherwise. */
  elsePatch: number;
  /** Opened in unreachable code: emits nothing. */
  readonly dead: boolean;
  /** A `try_table`'s or legacy `try`'s handler record, while its body is open. */
  handler?: HandlerRecord;
  /** A legacy `try`: the frame word of its exception slot (for `rethrow`) and its frame height. */
  legacy?: { readonly slot: number; readonly height: number; readonly record: HandlerRecord };
}

const SIMD_BASE = 0x200;
/** First opcode id of the GC instructions (`0xFB` prefix), which `lowerWasm3` handles. */
const GC_BASE = 0x400;

/** For i32 comparisons in opcode order (eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u), the index of the negation. */
const NEGATED_COMPARE = [1, 0, 8, 9, 6, 7, 4, 5, 2, 3];

/** Binary operations whose right operand may come straight from a load, and their fused opcodes. */
const LOAD_OPERAND_FUSION = new Map<number, number>([
  [Op.i32_add!, L.I32_ADD_LOAD],
  [Op.f64_add!, L.F64_ADD_LOAD],
  [Op.f64_sub!, L.F64_SUB_LOAD],
  [Op.f64_mul!, L.F64_MUL_LOAD],
  [Op.f64_div!, L.F64_DIV_LOAD],
]);

/** Most constant cells per function; further constants are materialised by instructions. */
const MAX_CONST_CELLS = 64;

/** Thrown when a valid module uses an instruction this engine cannot execute yet. */
export class UnsupportedError extends Error {
  /** Creates the error. */
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedError';
  }
}

/**
 * Lowers one function to register-machine code while the validator walks it (a
 * {@link FunctionVisitor}).
 *
 * Frame layout: every local (parameters first) and every operand-stack position owns a 16-byte
 * value cell; the operand at stack height `h` lives in cell `localCount + h` (its "home").
 * Lowered instructions name their operands and destination by word offset from the frame
 * pointer (cell `c` is at word `4c`).
 *
 * Because the validator gives the stack height at each instruction, no instruction needs a
 * stack pointer at run time. Two cheap rewrites remove most of the moves a stack machine makes:
 * - `local.get` of a scalar emits nothing: the operand is recorded as *virtual*, naming the
 *   local's cell, and consumers read the local directly. Before the local is overwritten, and at
 *   every control-flow boundary (where all values must sit in their homes), virtual operands are
 *   materialised with a copy.
 * - `local.set`/`local.tee` right after the instruction that produced the value retargets that
 *   instruction's destination to the local instead of emitting a copy.
 *
 * Calls need no copying either: arguments are in consecutive homes, and the callee's frame
 * starts at the first argument's cell, so they are its first locals and its results land there.
 */
export class FunctionLowerer implements FunctionVisitor {
  /** Position of the first lowered instruction. */
  readonly entry: number;
  /** Locals including parameters. */
  readonly localCount: number;
  /** Deepest operand stack seen (cells). */
  maxHeight = 0;
  private readonly localWide: Uint8Array;
  private readonly resultTypes: readonly ValTypeT[];
  private readonly vstack: number[] = [];
  private readonly controls: Control[] = [];
  private lastDst = -1;
  private lastDstHeight = -1;
  private readonly constIndex = new Map<string, number>();
  /** Destination words of values read only by the next instruction (see {@link markSingleUse}). */
  readonly singleUse: number[] = [];
  private constCount = 0;
  /** Cells after the constants that hold the exceptions legacy `catch` handlers caught (one per `try`). */
  private exnSlots = 0;
  /** Legacy `try`s lowered so far (each takes the next exception slot). */
  private tryCount = 0;
  /** The function's handler records, in the order their ranges close (see `handlers.ts`). */
  readonly handlers: HandlerRecord[] = [];
  /** Each loop's `LOOP` position in the code, then its instruction index (see `LoweredFunction.loops`). */
  readonly loops: number[] = [];
  /** Code length when the current instruction's lowering began (see {@link after}). */
  private startLength = 0;

  constructor(
    private readonly module: Module,
    private readonly types: ModuleTypes,
    private readonly buf: CodeBuffer,
    funcIndex: number,
    localTypes: readonly ValTypeT[],
    body: Expr,
    /** Receives the trap sites (see `trap-sites.ts`); backtraces only, never read by running code. */
    private readonly sites: TrapSiteBuilder,
    /**
     * For a metered store: the function's checkpoint costs (`FUEL` instructions are emitted at
     * the entry and at each loop header) and where each loop's checkpoint goes (by the loop's
     * byte offset; the fast tier's frames resume there).
     */
    private readonly fuel: { readonly costs: FuelCosts; readonly loopCheckpoints: Map<number, number> } | null = null,
  ) {
    this.entry = buf.length;
    this.localCount = localTypes.length;
    this.localWide = Uint8Array.from(localTypes, (t) => (isWide(t) ? 1 : 0));
    this.resultTypes = types.funcTypes[funcIndex]!.results;
    this.controls.push({ patches: [], loopStart: -1, elsePatch: -1, dead: false });
    this.collectConstants(body);
    const ops = module.instructions.ops;
    for (let i = body.start; i < body.end; i++) if (ops[i] === Op.try) this.exnSlots++;
    if (fuel !== null) {
      buf.push(L.FUEL);
      buf.push(fuel.costs.entry);
    }
  }

  /** Pushes an operand word: a frame word offset, or (negative) constant cell `-1 - v`. */
  private opnd(v: number): void {
    this.buf.push(v >= 0 ? v : 4 * (this.localCount + (-1 - v)));
  }

  /** The constant cell holding the 64 bits `lo`/`hi`, or -1 if it did not get one. */
  private constCell(lo: number, hi: number): number {
    return this.constIndex.get(`${lo >>> 0}:${hi >>> 0}`) ?? -1;
  }

  /**
   * Gives the function's distinct scalar constants (up to {@link MAX_CONST_CELLS}) cells right
   * after the locals, and emits the entry instruction that fills them in each new frame:
   * a constant operand then costs no instruction at all.
   */
  private collectConstants(body: Expr): void {
    const ins = this.module.instructions;
    const words: number[] = [];
    for (let i = body.start; i < body.end; i++) {
      const op = ins.ops[i]!;
      let lo: number;
      let hi = 0;
      if (op === Op.i32_const || op === Op.f32_const) lo = ins.imms[ins.immStart[i]!]!;
      else if (op === Op.i64_const || op === Op.f64_const) {
        lo = ins.imms[ins.immStart[i]!]!;
        hi = ins.imms[ins.immStart[i]! + 1]!;
      } else continue;
      const key = `${lo >>> 0}:${hi >>> 0}`;
      if (this.constIndex.has(key)) continue;
      if (words.length >= 2 * MAX_CONST_CELLS) break;
      this.constIndex.set(key, words.length >> 1);
      words.push(lo, hi);
    }
    this.constCount = words.length >> 1;
    if (this.constCount === 0) return;
    const buf = this.buf;
    buf.push(L.CONSTS);
    buf.push(4 * this.localCount);
    buf.push(this.constCount);
    for (const w of words) buf.push(w);
  }

  private home(h: number): number {
    return 4 * (this.localCount + this.constCount + this.exnSlots + h);
  }

  /** Copies every virtual operand below height `h` into its home. */
  private materialize(h: number): void {
    const vs = this.vstack;
    for (let k = 0; k < h; k++) {
      const home = this.home(k);
      if (vs[k] !== home) {
        this.buf.push(L.COPY);
        this.buf.push(home);
        this.opnd(vs[k]!);
        vs[k] = home;
      }
    }
  }

  /** Materialises the virtual operands below `h` that name local word `w`. */
  private materializeLocal(w: number, h: number): void {
    const vs = this.vstack;
    for (let k = 0; k < h; k++) {
      if (vs[k] === w) {
        const home = this.home(k);
        this.buf.push(L.COPY);
        this.buf.push(home);
        this.buf.push(w);
        vs[k] = home;
      }
    }
  }

  private refsLocal(w: number, h: number): boolean {
    const vs = this.vstack;
    for (let k = 0; k < h; k++) if (vs[k] === w) return true;
    return false;
  }

  /** Records that the value just produced at height `h` was written by the operand at `pos`. */
  private produced(h: number, pos: number): void {
    this.vstack[h] = this.home(h);
    this.lastDst = pos;
    this.lastDstHeight = h;
  }

  /** Emits the moves of `types.length` values from the homes below `srcTop` to the homes from `dstH`. */
  private moves(types: readonly ValTypeT[], srcTop: number, dstH: number): void {
    const n = types.length;
    const from = srcTop - n;
    if (from === dstH) return;
    for (let k = 0; k < n; k++) {
      this.buf.push(isWide(types[k]!) ? L.COPY128 : L.COPY);
      this.buf.push(this.home(dstH + k));
      this.buf.push(this.home(from + k));
    }
  }

  private emitReturn(srcTop: number): void {
    const types = this.resultTypes;
    const n = types.length;
    const from = this.home(srcTop - n);
    if (from !== 0) {
      for (let k = 0; k < n; k++) {
        this.buf.push(isWide(types[k]!) ? L.COPY128 : L.COPY);
        this.buf.push(4 * k);
        this.buf.push(from + 4 * k);
      }
    }
    this.buf.push(L.RETURN);
  }

  /** Whether a branch to `depth` with its values below `srcTop` needs moves. */
  private needsMoves(st: ValidationState, depth: number, srcTop: number): boolean {
    if (depth === st.frameCount - 1) return true;
    return srcTop - st.labelTypes(depth).length !== st.frameHeight(depth);
  }

  /** Pushes a jump target word for label `depth` (patched later for forward labels). */
  private target(depth: number): void {
    const c = this.controls[this.controls.length - 1 - depth]!;
    if (c.loopStart >= 0) this.buf.push(c.loopStart);
    else c.patches.push(this.buf.push(-1));
  }

  /** Emits moves and an unconditional jump (or return) to label `depth`. */
  private branch(st: ValidationState, depth: number, srcTop: number): void {
    if (depth === st.frameCount - 1) {
      this.emitReturn(srcTop);
      return;
    }
    this.moves(st.labelTypes(depth), srcTop, st.frameHeight(depth));
    this.buf.push(L.BR);
    this.target(depth);
  }

  /**
   * See {@link FunctionVisitor.after}: tracks the frame size, and records instruction `i` in the
   * trap-site table if it can trap or call and emitted code (dead code emits none).
   */
  after(i: number, st: ValidationState): void {
    if (st.height > this.maxHeight) this.maxHeight = st.height;
    const ins = this.module.instructions;
    if (CAN_TRAP[ins.ops[i]!] === 1 && this.buf.length !== this.startLength) this.sites.record(this.buf.length, ins.offsets[i]!);
  }

  /**
   * What instruction `op` (immediates at `k`, stack height `h`) needs beyond its 2.0 lowering:
   * another memory than 0, or 64-bit addresses (memory64, table64). `null` for everything that
   * only uses memory 0 and 32-bit tables, which is lowered exactly as before.
   */
  private addressing(op: number, k: number, h: number): Addressing | null {
    const imms = this.module.instructions.imms;
    const m64 = this.types.memory64;
    const t64 = this.types.table64;
    const info = OPCODE_BY_ID[op];
    if (info === undefined) return null;
    const conv: [number, number][] = [];
    let memory = 0;
    let extend = 0;
    let oob = false;
    switch (info.imm) {
      case 'memarg':
      case 'memarg_lane': {
        memory = imms[k + 2]!;
        if (m64[memory] === 1) {
          conv.push([h - IN_COUNT[op]!, L.ADDR64]);
          oob = imms[k + (info.imm === 'memarg' ? 3 : 4)]! !== 0;
        }
        break;
      }
      case 'memory': // memory.size, memory.grow, memory.fill
        memory = imms[k]!;
        if (m64[memory] === 1) {
          if (op === Op.memory_size) extend = Op.i64_extend_i32_u!;
          else if (op === Op.memory_grow) {
            conv.push([h - 1, L.SAT64]);
            extend = Op.i64_extend_i32_s!;
          } else conv.push([h - 3, L.ADDR64], [h - 1, L.ADDR64]);
        }
        break;
      case 'memory_init':
        memory = imms[k + 1]!;
        if (m64[memory] === 1) conv.push([h - 3, L.ADDR64]);
        break;
      case 'memory_copy': {
        const x = imms[k]!;
        const y = imms[k + 1]!;
        if (m64[x] === 1) conv.push([h - 3, L.ADDR64]);
        if (m64[y] === 1) conv.push([h - 2, L.ADDR64]);
        if (m64[x] === 1 && m64[y] === 1) conv.push([h - 1, L.ADDR64]);
        // Between two memories: its own instruction; within one, the 2.0 one on that memory.
        memory = x === y ? x : 0;
        if (x !== y) return { memory: 0, convert: conv, extend: 0, oob: false };
        break;
      }
      case 'table': {
        if (t64[imms[k]!] !== 1) return null;
        if (op === Op.table_get || op === Op.table_grow) conv.push([h - 1, L.SAT64]);
        else if (op === Op.table_set) conv.push([h - 2, L.SAT64]);
        else if (op === Op.table_fill) conv.push([h - 3, L.SAT64], [h - 1, L.SAT64]);
        if (op === Op.table_size) extend = Op.i64_extend_i32_u!;
        if (op === Op.table_grow) extend = Op.i64_extend_i32_s!;
        break;
      }
      case 'table_init':
        if (t64[imms[k + 1]!] === 1) conv.push([h - 3, L.SAT64]);
        break;
      case 'table_copy': {
        const x = t64[imms[k]!] === 1;
        const y = t64[imms[k + 1]!] === 1;
        if (x) conv.push([h - 3, L.SAT64]);
        if (y) conv.push([h - 2, L.SAT64]);
        if (x && y) conv.push([h - 1, L.SAT64]);
        break;
      }
      case 'call_indirect': // call_indirect, return_call_indirect
        if (t64[imms[k + 1]!] === 1) conv.push([h - 1, L.SAT64]);
        break;
      default:
        return null;
    }
    if (memory === 0 && conv.length === 0 && extend === 0) return null;
    return { memory, convert: conv, extend, oob };
  }

  /** See {@link FunctionVisitor.before}: emits the lowered form of instruction `i`. */
  before(i: number, st: ValidationState): void {
    this.startLength = this.buf.length;
    if (st.unreachable || this.controls[this.controls.length - 1]!.dead) {
      this.lowerOne(i, st);
      return;
    }
    const ins = this.module.instructions;
    const op = ins.ops[i]!;
    const k = ins.immStart[i]!;
    const a = this.addressing(op, k, st.height);
    if (a === null) {
      this.lowerOne(i, st);
      return;
    }
    const buf = this.buf;
    const vs = this.vstack;
    for (const [j, conv] of a.convert) {
      buf.push(conv);
      buf.push(this.home(j));
      this.opnd(vs[j]!);
      vs[j] = this.home(j);
    }
    if (a.oob) buf.push(L.MEM_OOB);
    if (op === Op.memory_copy && ins.imms[k]! !== ins.imms[k + 1]!) {
      const h = st.height;
      buf.push(L.MEMORY_COPY_X);
      this.opnd(vs[h - 3]!);
      this.opnd(vs[h - 2]!);
      this.opnd(vs[h - 1]!);
      buf.push(ins.imms[k]!);
      buf.push(ins.imms[k + 1]!);
      this.lastDst = -1;
      return;
    }
    if (a.memory !== 0) {
      buf.push(L.USE_MEM);
      buf.push(a.memory);
    }
    // No fusion across the added instructions: the 2.0 lowering sees no previous result.
    this.lastDst = -1;
    this.lowerOne(i, st);
    if (a.memory !== 0) {
      buf.push(L.USE_MEM);
      buf.push(0);
    }
    if (a.extend !== 0) {
      // The i32 size (or old size, or -1) the 2.0 instruction left at its result's home, as i64.
      const r = op === Op.memory_size || op === Op.table_size ? st.height : op === Op.table_grow ? st.height - 2 : st.height - 1;
      buf.push(a.extend);
      const pos = buf.push(this.home(r));
      buf.push(this.home(r));
      this.produced(r, pos);
    }
  }

  /** Emits the lowered form of instruction `i` as WebAssembly 2.0 has it (memory 0, 32-bit addresses). */
  private lowerOne(i: number, st: ValidationState): void {
    const ins = this.module.instructions;
    const op = ins.ops[i]!;
    const k = ins.immStart[i]!;
    const imms = ins.imms;
    const h = st.height;
    const buf = this.buf;
    const vs = this.vstack;
    const prevDst = this.lastDst;
    const prevDstHeight = this.lastDstHeight;
    this.lastDst = -1;

    if (st.unreachable || this.controls[this.controls.length - 1]!.dead) {
      // Dead code emits nothing; only the frame structure is followed.
      if (op === Op.block || op === Op.loop || op === Op.if || op === Op.try || op === Op.try_table) {
        this.controls.push({ patches: [], loopStart: -1, elsePatch: -1, dead: true });
        return;
      }
      if (op !== Op.else && op !== Op.end && op !== Op.catch && op !== Op.catch_all && op !== Op.delegate) return;
      const c = this.controls[this.controls.length - 1]!;
      if (c.dead) {
        if (op === Op.end || op === Op.delegate) this.controls.pop();
        return;
      }
    }

    switch (op) {
      case Op.unreachable:
        buf.push(L.UNREACHABLE);
        return;
      case Op.nop:
        return;
      case Op.block:
        this.materialize(h);
        this.controls.push({ patches: [], loopStart: -1, elsePatch: -1, dead: false });
        return;
      case Op.loop:
        this.materialize(h);
        this.controls.push({ patches: [], loopStart: buf.length, elsePatch: -1, dead: false });
        this.loops.push(buf.length, i);
        buf.push(L.LOOP);
        buf.push(-1); // the loop's end, patched at `end`
        if (this.fuel !== null) {
          this.fuel.loopCheckpoints.set(ins.offsets[i]!, buf.length);
          buf.push(L.FUEL);
          buf.push(this.fuel.costs.loops.get(i)!);
        }
        return;
      case Op.if: {
        this.materialize(h - 1);
        if (!this.fuse(prevDst, prevDstHeight, h, true)) {
          buf.push(L.BR_UNLESS);
          this.opnd(vs[h - 1]!);
        }
        const pos = buf.push(-1);
        this.controls.push({ patches: [], loopStart: -1, elsePatch: pos, dead: false });
        return;
      }
      case Op.else: {
        const c = this.controls[this.controls.length - 1]!;
        if (!st.unreachable) {
          this.materialize(h);
          buf.push(L.BR);
          c.patches.push(buf.push(-1));
        }
        buf.set(c.elsePatch, buf.length);
        c.elsePatch = -1;
        const fh = st.frameHeight(0);
        const np = st.frameParams(0).length;
        for (let j = fh; j < fh + np; j++) vs[j] = this.home(j);
        return;
      }
      case Op.end: {
        const c = this.controls[this.controls.length - 1]!;
        if (c.handler !== undefined) this.closeHandler(c);
        if (st.frameCount === 1) {
          if (!st.unreachable) {
            this.materialize(h);
            this.emitReturn(h);
          }
          this.controls.pop();
          return;
        }
        if (!st.unreachable) this.materialize(h);
        const here = buf.length;
        if (c.elsePatch >= 0) buf.set(c.elsePatch, here);
        for (const p of c.patches) buf.set(p, here);
        if (c.loopStart >= 0) buf.set(c.loopStart + 1, here);
        this.controls.pop();
        const fh = st.frameHeight(0);
        const nr = st.frameResults(0).length;
        for (let j = fh; j < fh + nr; j++) vs[j] = this.home(j);
        return;
      }
      case Op.br:
        this.materialize(h);
        this.branch(st, imms[k]!, h);
        return;
      case Op.br_if: {
        const depth = imms[k]!;
        this.materialize(h - 1);
        const cond = vs[h - 1]!;
        if (!this.needsMoves(st, depth, h - 1)) {
          if (!this.fuse(prevDst, prevDstHeight, h, false)) {
            buf.push(L.BR_IF);
            this.opnd(cond);
          }
          this.target(depth);
        } else {
          if (!this.fuse(prevDst, prevDstHeight, h, true)) {
            buf.push(L.BR_UNLESS);
            this.opnd(cond);
          }
          const skip = buf.push(-1);
          this.branch(st, depth, h - 1);
          buf.set(skip, buf.length);
        }
        return;
      }
      case Op.br_table: {
        this.materialize(h - 1);
        const n = imms[k]! + 1;
        buf.push(L.BR_TABLE);
        this.opnd(vs[h - 1]!);
        buf.push(n);
        const table = buf.length;
        for (let j = 0; j < n; j++) buf.push(-1);
        for (let j = 0; j < n; j++) {
          const depth = imms[k + 1 + j]!;
          if (!this.needsMoves(st, depth, h - 1)) {
            const c = this.controls[this.controls.length - 1 - depth]!;
            if (c.loopStart >= 0) buf.set(table + j, c.loopStart);
            else c.patches.push(table + j);
          } else {
            buf.set(table + j, buf.length);
            this.branch(st, depth, h - 1);
          }
        }
        return;
      }
      case Op.return:
        this.materialize(h);
        this.emitReturn(h);
        return;
      case Op.call: {
        const f = imms[k]!;
        const n = this.types.funcTypes[f]!.params.length;
        this.materializeRange(h - n, h);
        buf.push(L.CALL);
        buf.push(f);
        buf.push(this.home(h - n));
        this.resetAbove(h - n, this.types.funcTypes[f]!.results.length);
        return;
      }
      case Op.return_call: {
        const f = imms[k]!;
        const n = this.types.funcTypes[f]!.params.length;
        this.materializeRange(h - n, h);
        buf.push(L.RETURN_CALL);
        buf.push(f);
        buf.push(this.home(h - n));
        // Reached only after a host callee: its results are then in the frame's first cells.
        buf.push(L.RETURN);
        return;
      }
      case Op.return_call_indirect: {
        const n = asFuncType(this.module.types[imms[k]!]).params.length;
        this.materializeRange(h - 1 - n, h - 1);
        buf.push(L.RETURN_CALL_INDIRECT);
        buf.push(imms[k]!);
        buf.push(imms[k + 1]!);
        this.opnd(vs[h - 1]!);
        buf.push(this.home(h - 1 - n));
        buf.push(L.RETURN);
        return;
      }
      case Op.call_indirect: {
        const n = asFuncType(this.module.types[imms[k]!]).params.length;
        this.materializeRange(h - 1 - n, h - 1);
        buf.push(L.CALL_INDIRECT);
        buf.push(imms[k]!);
        buf.push(imms[k + 1]!);
        this.opnd(vs[h - 1]!);
        buf.push(this.home(h - 1 - n));
        this.resetAbove(h - 1 - n, asFuncType(this.module.types[imms[k]!]).results.length);
        return;
      }
      case Op.drop:
        return;
      case Op.select:
      case Op.select_typed: {
        const wide = isWide(st.operandType(1));
        buf.push(wide ? L.SELECT128 : L.SELECT);
        const pos = buf.push(this.home(h - 3));
        this.opnd(vs[h - 3]!);
        this.opnd(vs[h - 2]!);
        this.opnd(vs[h - 1]!);
        if (wide) vs[h - 3] = this.home(h - 3);
        else this.produced(h - 3, pos);
        return;
      }
      case Op.local_get: {
        const x = imms[k]!;
        if (this.localWide[x]) {
          buf.push(L.COPY128);
          buf.push(this.home(h));
          buf.push(4 * x);
          vs[h] = this.home(h);
        } else {
          vs[h] = 4 * x;
        }
        return;
      }
      case Op.local_set:
      case Op.local_tee: {
        const x = imms[k]!;
        const w = 4 * x;
        const tee = op === Op.local_tee;
        if (this.localWide[x]) {
          buf.push(L.COPY128);
          buf.push(w);
          this.opnd(vs[h - 1]!);
          return;
        }
        if (prevDst >= 0 && prevDstHeight === h - 1 && vs[h - 1] === this.home(h - 1) && !this.refsLocal(w, h - 1)) {
          buf.set(prevDst, w);
          if (tee) vs[h - 1] = w;
          return;
        }
        this.materializeLocal(w, h - 1);
        const src = vs[h - 1]!;
        if (src !== w) {
          buf.push(L.COPY);
          buf.push(w);
          this.opnd(src);
        }
        return;
      }
      case Op.global_get: {
        const g = imms[k]!;
        const wide = isWide(this.types.globalTypes[g]!);
        buf.push(wide ? L.GLOBAL_GET128 : L.GLOBAL_GET);
        const pos = buf.push(this.home(h));
        buf.push(g);
        if (wide) vs[h] = this.home(h);
        else this.produced(h, pos);
        return;
      }
      case Op.global_set: {
        const g = imms[k]!;
        const t = this.types.globalTypes[g]!;
        buf.push(isWide(t) ? L.GLOBAL_SET128 : isFuncRefType(t, this.module.types) ? L.GLOBAL_SET_REF : L.GLOBAL_SET);
        buf.push(g);
        this.opnd(vs[h - 1]!);
        return;
      }
      case Op.i32_const:
      case Op.f32_const: {
        const c = this.constCell(imms[k]!, 0);
        if (c >= 0) {
          vs[h] = -1 - c;
          return;
        }
        buf.push(L.CONST32);
        const pos = buf.push(this.home(h));
        buf.push(imms[k]!);
        this.produced(h, pos);
        return;
      }
      case Op.i64_const:
      case Op.f64_const: {
        const c = this.constCell(imms[k]!, imms[k + 1]!);
        if (c >= 0) {
          vs[h] = -1 - c;
          return;
        }
        buf.push(L.CONST64);
        const pos = buf.push(this.home(h));
        buf.push(imms[k]!);
        buf.push(imms[k + 1]!);
        this.produced(h, pos);
        return;
      }
      case Op.ref_null: {
        buf.push(L.CONST32);
        const pos = buf.push(this.home(h));
        buf.push(0);
        this.produced(h, pos);
        return;
      }
      case Op.ref_func: {
        buf.push(L.REF_FUNC);
        const pos = buf.push(this.home(h));
        buf.push(imms[k]!);
        this.produced(h, pos);
        return;
      }
      case Op.ref_is_null: {
        buf.push(op);
        const pos = buf.push(this.home(h - 1));
        this.opnd(vs[h - 1]!);
        this.produced(h - 1, pos);
        return;
      }
      case Op.memory_size: {
        buf.push(op);
        const pos = buf.push(this.home(h));
        this.produced(h, pos);
        return;
      }
      case Op.memory_grow: {
        buf.push(op);
        const pos = buf.push(this.home(h - 1));
        this.opnd(vs[h - 1]!);
        this.produced(h - 1, pos);
        return;
      }
      case Op.table_get: {
        buf.push(op);
        const pos = buf.push(this.home(h - 1));
        this.opnd(vs[h - 1]!);
        buf.push(imms[k]!);
        this.produced(h - 1, pos);
        return;
      }
      case Op.table_set:
        buf.push(op);
        buf.push(imms[k]!);
        this.opnd(vs[h - 2]!);
        this.opnd(vs[h - 1]!);
        return;
      case Op.table_size: {
        buf.push(op);
        const pos = buf.push(this.home(h));
        buf.push(imms[k]!);
        this.produced(h, pos);
        return;
      }
      case Op.table_grow: {
        buf.push(op);
        const pos = buf.push(this.home(h - 2));
        this.opnd(vs[h - 2]!);
        this.opnd(vs[h - 1]!);
        buf.push(imms[k]!);
        this.produced(h - 2, pos);
        return;
      }
      case Op.table_fill:
        buf.push(op);
        buf.push(imms[k]!);
        this.opnd(vs[h - 3]!);
        this.opnd(vs[h - 2]!);
        this.opnd(vs[h - 1]!);
        return;
      case Op.memory_init:
      case Op.table_init:
      case Op.table_copy:
      case Op.memory_copy:
      case Op.memory_fill:
        buf.push(op);
        this.opnd(vs[h - 3]!);
        this.opnd(vs[h - 2]!);
        this.opnd(vs[h - 1]!);
        buf.push(imms[k]!);
        buf.push(op === Op.memory_fill ? 0 : imms[k + 1]!);
        return;
      case Op.data_drop:
      case Op.elem_drop:
        buf.push(op);
        buf.push(imms[k]!);
        return;
    }

    if (op >= SIMD_BASE && op < GC_BASE) {
      this.lowerSimd(op, k, h);
      return;
    }
    if (op >= Op.i32_load! && op <= Op.i64_load32_u!) {
      // Address fusion: `i32.add` computing this load's address becomes part of the load.
      if (op <= Op.i32_load16_u! && prevDst >= 0 && prevDstHeight === h - 1 && buf.data[prevDst - 1] === Op.i32_add && buf.length === prevDst + 3) {
        const s0 = prevDst - 1;
        buf.data[s0] = op + L.LOAD_ADD_BASE;
        // [op, dst, a, b, offset]: dst stays where i32.add wrote.
        buf.push(imms[k + 1]!);
        this.produced(h - 1, prevDst);
        return;
      }
      this.markSingleUse(prevDst, prevDstHeight, h);
      buf.push(op);
      const pos = buf.push(this.home(h - 1));
      this.opnd(vs[h - 1]!);
      buf.push(imms[k + 1]!);
      this.produced(h - 1, pos);
      return;
    }
    if (op >= Op.i32_store! && op <= Op.i64_store32!) {
      this.markSingleUse(prevDst, prevDstHeight, h);
      buf.push(op);
      this.opnd(vs[h - 2]!);
      this.opnd(vs[h - 1]!);
      buf.push(imms[k + 1]!);
      return;
    }
    const nIn = IN_COUNT[op]!;
    const nOut = OUT_COUNT[op]!;
    if (nOut === 1 && nIn === 1) {
      this.markSingleUse(prevDst, prevDstHeight, h);
      buf.push(op);
      const pos = buf.push(this.home(h - 1));
      this.opnd(vs[h - 1]!);
      this.produced(h - 1, pos);
      return;
    }
    if (nOut === 1 && nIn === 2) {
      // Load fusion: a plain load producing the right operand becomes part of the operation.
      const fusedOp = LOAD_OPERAND_FUSION.get(op);
      if (fusedOp !== undefined && prevDst >= 0 && prevDstHeight === h - 1 && buf.length === prevDst + 3) {
        const s0 = prevDst - 1;
        const loadOp = buf.data[s0]!;
        if (loadOp === (op === Op.i32_add ? Op.i32_load : Op.f64_load)) {
          // [load, dst, addr, offset] → [fused, dst, a, addr, offset]
          const addr = buf.data[s0 + 2]!;
          const offset = buf.data[s0 + 3]!;
          buf.length = s0;
          buf.push(fusedOp);
          const pos = buf.push(this.home(h - 2));
          this.opnd(vs[h - 2]!);
          buf.push(addr);
          buf.push(offset);
          this.produced(h - 2, pos);
          return;
        }
      }
      this.markSingleUse(prevDst, prevDstHeight, h);
      buf.push(op);
      const pos = buf.push(this.home(h - 2));
      this.opnd(vs[h - 2]!);
      this.opnd(vs[h - 1]!);
      this.produced(h - 2, pos);
      return;
    }
    if (this.lowerWasm3(op, k, h, st)) return;
    throw new Error(`lowering: unhandled opcode 0x${op.toString(16)}`);
  }

  /** Ends the protected range of `c`'s handler record and files the record. */
  private closeHandler(c: Control): void {
    const r = c.handler!;
    r.end = this.buf.length;
    this.handlers.push(r);
    c.handler = undefined;
  }

  /**
   * Lowers 3.0's exception handling (and the legacy `try` instructions) and typed function
   * references; returns `false` for any other instruction. See `handlers.ts` and
   * `exec/exceptions.ts` for how exceptions find their handlers.
   */
  private lowerWasm3(op: number, k: number, h: number, st: ValidationState): boolean {
    const imms = this.module.instructions.imms;
    const buf = this.buf;
    const vs = this.vstack;
    switch (op) {
      case Op.throw: {
        const n = this.tagParams(imms[k]!).length;
        this.materializeRange(h - n, h);
        buf.push(L.THROW);
        buf.push(imms[k]!);
        buf.push(this.home(h - n));
        return true;
      }
      case Op.throw_ref:
        buf.push(L.THROW_REF);
        this.opnd(vs[h - 1]!);
        return true;
      case Op.rethrow: {
        const c = this.controls[this.controls.length - 1 - imms[k]!]!;
        buf.push(L.THROW_REF);
        buf.push(c.legacy!.slot);
        return true;
      }
      case Op.try_table: {
        const np = this.blockParams(imms[k]!);
        const h0 = h - np;
        this.materialize(h);
        const n = imms[k + 1]!;
        const record: HandlerRecord = { start: -1, end: -1, frameIndex: st.frameCount, clauses: [], delegate: -1 };
        if (n > 0) {
          // Landing pads, jumped over: each moves the caught values to its label and branches there.
          buf.push(L.BR);
          const over = buf.push(-1);
          for (let j = 0; j < n; j++) {
            const kind = imms[k + 2 + 3 * j]!;
            const tag = imms[k + 3 + 3 * j]!;
            const label = imms[k + 4 + 3 * j]!;
            const types = kind < 2 ? this.tagParams(tag) : [];
            const withRef = kind === 1 || kind === 3;
            record.clauses.push({
              kind, tag, pad: buf.length, dst: this.home(h0), types, exnDst: withRef ? this.home(h0 + types.length) : -1,
            });
            this.branch(st, label, h0 + types.length + (withRef ? 1 : 0));
          }
          buf.set(over, buf.length);
        }
        buf.push(L.TRY);
        this.controls.push({ patches: [], loopStart: -1, elsePatch: -1, dead: false, handler: { ...record, start: buf.length } });
        return true;
      }
      case Op.try: {
        this.materialize(h);
        buf.push(L.TRY);
        const slot = 4 * (this.localCount + this.constCount + this.tryCount++);
        const handler: HandlerRecord = { start: buf.length, end: -1, frameIndex: st.frameCount, clauses: [], delegate: -1 };
        this.controls.push({ patches: [], loopStart: -1, elsePatch: -1, dead: false, handler, legacy: { slot, height: h - this.blockParams(imms[k]!), record: handler } });
        return true;
      }
      case Op.catch:
      case Op.catch_all: {
        const c = this.controls[this.controls.length - 1]!;
        const r = c.legacy!.record;
        if (c.handler !== undefined) r.end = buf.length;
        if (!st.unreachable) {
          this.materialize(h);
          buf.push(L.BR);
          c.patches.push(buf.push(-1));
        }
        if (c.handler !== undefined) this.closeHandler(c);
        const h0 = c.legacy!.height;
        const types = op === Op.catch ? this.tagParams(imms[k]!) : [];
        r.clauses.push({ kind: op === Op.catch ? 0 : 2, tag: op === Op.catch ? imms[k]! : 0, pad: buf.length, dst: this.home(h0), types, exnDst: c.legacy!.slot });
        for (let j = h0; j < h0 + types.length; j++) vs[j] = this.home(j);
        return true;
      }
      case Op.delegate: {
        const c = this.controls[this.controls.length - 1]!;
        const r = c.handler!;
        r.delegate = r.frameIndex - 1 - imms[k]!;
        this.closeHandler(c);
        // Then as `end`.
        if (!st.unreachable) this.materialize(h);
        const here = buf.length;
        for (const p of c.patches) buf.set(p, here);
        this.controls.pop();
        const fh = st.frameHeight(0);
        const nr = st.frameResults(0).length;
        for (let j = fh; j < fh + nr; j++) vs[j] = this.home(j);
        return true;
      }
      case Op.call_ref:
      case Op.return_call_ref: {
        const t = asFuncType(this.module.types[imms[k]!]);
        const n = t.params.length;
        this.materializeRange(h - 1 - n, h - 1);
        buf.push(op === Op.call_ref ? L.CALL_REF : L.RETURN_CALL_REF);
        buf.push(imms[k]!);
        this.opnd(vs[h - 1]!);
        buf.push(this.home(h - 1 - n));
        if (op === Op.call_ref) this.resetAbove(h - 1 - n, t.results.length);
        else buf.push(L.RETURN);
        return true;
      }
      case Op.ref_as_non_null:
        buf.push(L.REF_AS_NON_NULL);
        this.opnd(vs[h - 1]!);
        return true;
      case Op.br_on_cast:
      case Op.br_on_cast_fail: {
        // The cast's test goes to the cell above the stack, then a branch on it as for br_on_null.
        const depth = imms[k + 1]!;
        this.materialize(h);
        buf.push(L.GC);
        buf.push(op);
        buf.push(k);
        buf.push(this.home(h));
        buf.push(1);
        buf.push(this.home(h - 1));
        this.branchOn(st, this.home(h), op === Op.br_on_cast, depth, h);
        return true;
      }
      case Op.br_on_null:
      case Op.br_on_non_null: {
        // A reference cell holds a reference index, 0 for null: branch on it as on an i32.
        const depth = imms[k]!;
        const onNull = op === Op.br_on_null;
        const carried = onNull ? h - 1 : h;
        this.materialize(h);
        this.branchOn(st, vs[h - 1]!, !onNull, depth, carried);
        return true;
      }
    }
    if (op === Op.ref_eq || (op >= 0x400 && op <= 0x41e)) {
      const n = gcInputCount(this.module, op, k);
      buf.push(L.GC);
      buf.push(op);
      buf.push(k);
      buf.push(this.home(h - n));
      buf.push(n);
      for (let j = h - n; j < h; j++) this.opnd(vs[j]!);
      if (gcHasResult(op)) vs[h - n] = this.home(h - n);
      return true;
    }
    return false;
  }

  /**
   * Branches to label `depth` with the values below `carried` when the i32 (or reference index)
   * at operand `cond` is non-zero (`ifSet`) or zero (otherwise).
   */
  private branchOn(st: ValidationState, cond: number, ifSet: boolean, depth: number, carried: number): void {
    const buf = this.buf;
    if (!this.needsMoves(st, depth, carried)) {
      buf.push(ifSet ? L.BR_IF : L.BR_UNLESS);
      this.opnd(cond);
      this.target(depth);
    } else {
      buf.push(ifSet ? L.BR_UNLESS : L.BR_IF);
      this.opnd(cond);
      const skip = buf.push(-1);
      this.branch(st, depth, carried);
      buf.set(skip, buf.length);
    }
  }

  /** The payload types of tag `x`. */
  private tagParams(x: number): readonly ValTypeT[] {
    return this.types.tagTypes[x]!.params;
  }

  /** How many parameters a block type word gives a block. */
  private blockParams(word: number): number {
    if (word >= 0x80000000 || word === 0x40) return 0;
    return asFuncType(this.module.types[word]).params.length;
  }

  /** SIMD: pure operations and memory operations, dispatched to `src/simd` at run time. */
  private lowerSimd(op: number, k: number, h: number): void {
    const buf = this.buf;
    const vs = this.vstack;
    const nIn = IN_COUNT[op]!;
    const nOut = OUT_COUNT[op]!;
    const sub = op - SIMD_BASE;
    const isMem = SIMD_MEM_OPS[sub] !== undefined;
    if (!isMem && SIMD_OPS[sub] === undefined) {
      throw new UnsupportedError(`${OPCODE_BY_ID[op]?.name ?? op} is not supported`);
    }
    if (isMem) {
      buf.push(L.SIMD_MEM);
      buf.push(sub);
      buf.push(this.home(h - nIn));
      this.opnd(vs[h - nIn]!);
      this.opnd(nIn === 2 ? vs[h - 1]! : 0);
      buf.push(k);
      if (nOut === 1) vs[h - nIn] = this.home(h - nIn);
      return;
    }
    buf.push(L.SIMD);
    buf.push(sub);
    const base = h - nIn;
    const pos = buf.push(this.home(base));
    this.opnd(nIn > 0 ? vs[base]! : 0);
    this.opnd(nIn > 1 ? vs[base + 1]! : 0);
    this.opnd(nIn > 2 ? vs[base + 2]! : 0);
    buf.push(k);
    // A scalar result (extract_lane, any_true, bitmask…) may be retargeted like any other.
    if (nOut === 1) {
      if (op === SIMD_BASE + 12 || isWideResult(op)) vs[base] = this.home(base);
      else this.produced(base, pos);
    }
  }

  /**
   * Compare-and-branch fusion: if the instruction just emitted is an i32 comparison (or `eqz`)
   * producing the condition at height `h - 1`, rewrites it in place into a conditional jump on
   * its operands (taken when the condition holds, or when it fails if `negate`), leaving the
   * jump target for the caller to push. Saves a dispatch and a store in most loops.
   */
  private fuse(prevDst: number, prevDstHeight: number, h: number, negate: boolean): boolean {
    if (prevDst < 0 || prevDstHeight !== h - 1) return false;
    const buf = this.buf;
    const d = buf.data;
    const s = prevDst - 1;
    const op = d[s]!;
    if (op === Op.i32_eqz && buf.length === s + 3) {
      d[s] = negate ? L.BR_IF : L.BR_UNLESS;
      d[s + 1] = d[s + 2]!;
      buf.length = s + 2;
      return true;
    }
    if (op === Op.i64_eqz && buf.length === s + 3) {
      d[s] = negate ? L.BR_I64_NEZ : L.BR_I64_EQZ;
      d[s + 1] = d[s + 2]!;
      buf.length = s + 2;
      return true;
    }
    if (op >= Op.i32_eq! && op <= Op.i32_ge_u! && buf.length === s + 4) {
      const j = op - Op.i32_eq!;
      d[s] = L.BR_I32_EQ + (negate ? NEGATED_COMPARE[j]! : j);
      d[s + 1] = d[s + 2]!;
      d[s + 2] = d[s + 3]!;
      buf.length = s + 3;
      return true;
    }
    return false;
  }

  /**
   * Records that the value the previous instruction produced (destination word at `prevDst`,
   * height `h - 1`) is read only by the instruction about to be emitted, which pops it: the
   * compiled tier may then keep it in a JS variable instead of the frame cell.
   */
  private markSingleUse(prevDst: number, prevDstHeight: number, h: number): void {
    if (prevDst >= 0 && prevDstHeight === h - 1 && this.vstack[h - 1] === this.home(h - 1)) this.singleUse.push(prevDst);
  }

  /** Materialises the virtual operands in heights `[from, to)`. */
  private materializeRange(from: number, to: number): void {
    const vs = this.vstack;
    for (let j = from; j < to; j++) {
      const home = this.home(j);
      if (vs[j] !== home) {
        this.buf.push(L.COPY);
        this.buf.push(home);
        this.opnd(vs[j]!);
        vs[j] = home;
      }
    }
  }

  /** After a call, results sit in their homes. */
  private resetAbove(from: number, count: number): void {
    const vs = this.vstack;
    for (let j = from; j < from + count; j++) vs[j] = this.home(j);
  }

  /** Cells this function's frame needs. */
  get frameSize(): number {
    return this.localCount + this.constCount + this.exnSlots + this.maxHeight + 1;
  }
}

function isWideResult(op: number): boolean {
  return OUT_V128[op] === 1;
}
