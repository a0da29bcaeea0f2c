import { BLOCK_TYPE_EMPTY, BLOCK_TYPE_VALUE, ValType, type FunctionBody, type Module } from '@rt/binary';
import { ControlStack } from './control-stack.js';
import { funcType, localTypesOf, type ModuleContext } from './context.js';
import { ValidationError } from './errors.js';
import { FrameKind, UNKNOWN_TYPE, type FunctionVisitor, type ValidationState } from './function-visitor.js';
import { OperandStack } from './operand-stack.js';
import {
  HAS_SIGNATURE, IMM_CHECK, ImmCheck, LANE_COUNT, NATURAL_ALIGN, PARAM_COUNT, PARAM_STRIDE, PARAM_TYPES, RESULT_TYPE,
} from './signatures.js';
import { EMPTY_TYPES, singleType, typesEqual } from './type-lists.js';

const I32 = ValType.i32;

/** 1 for fixed-signature instructions without immediates to check: the hot loop types them inline. */
const SIMPLE: Uint8Array = HAS_SIGNATURE.map((has, op) => (has === 1 && IMM_CHECK[op] === ImmCheck.None ? 1 : 0));

/** Locals up to this many get a flat type table; beyond it (absurd but valid) they are looked up by group. */
const FLAT_LOCALS_LIMIT = 1 << 16;

/**
 * Validates function bodies with the operand/control-stack algorithm of the spec's validation
 * appendix, in one linear pass per function over the module's instruction stream. One instance
 * serves every function of a module: its stacks are typed arrays reused from function to
 * function, and nothing is allocated per instruction.
 *
 * The instance is itself the {@link ValidationState} a {@link FunctionVisitor} sees.
 */
export class FunctionValidator implements ValidationState {
  readonly module: Module;
  funcIndex = 0;

  private readonly ctx: ModuleContext;
  private readonly vals = new OperandStack();
  private readonly ctrls = new ControlStack();
  private readonly ops: Uint16Array;
  private readonly imms: Uint32Array;
  private readonly immStart: Uint32Array;
  private readonly offsets: Uint32Array;

  /** Index of the instruction being validated, for error offsets. */
  private pc = 0;
  private funcName: string | undefined = undefined;
  private params: readonly ValType[] = EMPTY_TYPES;
  private body: FunctionBody | undefined = undefined;
  private localCount = 0;
  private flatLocals = new Uint8Array(256);
  private localTypesCache: ValType[] | null = null;
  /** Scratch outputs of {@link blockType}, so resolving a block type returns two lists without allocating. */
  private btParams: readonly ValType[] = EMPTY_TYPES;
  private btResults: readonly ValType[] = EMPTY_TYPES;

  constructor(ctx: ModuleContext) {
    this.ctx = ctx;
    this.module = ctx.module;
    const s = ctx.module.instructions;
    this.ops = s.ops;
    this.imms = s.imms;
    this.immStart = s.immStart;
    this.offsets = s.offsets;
  }

  // ---- ValidationState -------------------------------------------------------------------

  get height(): number {
    return this.vals.size;
  }

  operandType(depth: number): ValType {
    return this.vals.types[this.vals.size - 1 - depth]!;
  }

  get frameCount(): number {
    return this.ctrls.size;
  }

  frameKind(depth: number): FrameKind {
    return this.ctrls.kinds[this.ctrls.size - 1 - depth] as FrameKind;
  }

  frameHeight(depth: number): number {
    return this.ctrls.heights[this.ctrls.size - 1 - depth]!;
  }

  labelTypes(depth: number): readonly ValType[] {
    const f = this.ctrls.size - 1 - depth;
    return this.ctrls.kinds[f] === FrameKind.Loop ? this.ctrls.params[f]! : this.ctrls.results[f]!;
  }

  frameResults(depth: number): readonly ValType[] {
    return this.ctrls.results[this.ctrls.size - 1 - depth]!;
  }

  frameParams(depth: number): readonly ValType[] {
    return this.ctrls.params[this.ctrls.size - 1 - depth]!;
  }

  get unreachable(): boolean {
    return this.ctrls.unreachable[this.ctrls.size - 1] === 1;
  }

  get localTypes(): readonly ValType[] {
    // Built on first request only: validation itself uses the flat typed table.
    if (this.localTypesCache === null) this.localTypesCache = localTypesOf(this.params, this.body?.locals ?? [], []);
    return this.localTypesCache;
  }

  // ---- Driver ----------------------------------------------------------------------------

  /**
   * Validates the body of function `funcIndex` (which must be a defined, not imported, function
   * whose type index is valid), calling `visitor` around every instruction. Throws
   * {@link ValidationError}.
   */
  validate(funcIndex: number, visitor: FunctionVisitor | undefined): void {
    const ctx = this.ctx;
    const body = this.module.codes[funcIndex - ctx.importedFuncs]!;
    const type = funcType(ctx, funcIndex)!;
    this.funcIndex = funcIndex;
    this.funcName = this.module.names?.functions.get(funcIndex);
    this.body = body;
    this.params = type.params;
    this.localTypesCache = null;
    this.prepareLocals(type.params, body);

    this.vals.size = 0;
    this.ctrls.size = 0;
    this.ctrls.push(FrameKind.Function, EMPTY_TYPES, type.results, 0);

    const { start, end } = body.code;
    const before = visitor?.before;
    const after = visitor?.after;
    const visiting = before !== undefined || after !== undefined;
    const ops = this.ops;
    const vals = this.vals;
    const c = this.ctrls;
    const flatLocals = this.flatLocals;
    const localCount = this.localCount;
    for (let i = start; i < end; i++) {
      if (visiting && before !== undefined) before.call(visitor, i, this);
      const op = ops[i]!;
      // The most frequent instructions are handled inline, the rest by `step`. Operand checks
      // fall back to `pop` (which knows the polymorphic stack) only near the frame's bottom.
      if (SIMPLE[op] === 1) {
        this.pc = i;
        const n = PARAM_COUNT[op]!;
        let sp = vals.size;
        if (sp - n >= c.heights[c.size - 1]!) {
          const types = vals.types;
          const base = op * PARAM_STRIDE;
          for (let k = n - 1; k >= 0; k--) {
            const t = types[--sp]!;
            if (t !== PARAM_TYPES[base + k]! && t !== UNKNOWN_TYPE) this.fail('type mismatch');
          }
          vals.size = sp;
          const r = RESULT_TYPE[op]!;
          if (r !== 0) vals.push(r);
        } else {
          this.step(i);
        }
      } else if (op === 0x20) {
        // local.get
        const x = this.imms[this.immStart[i]!]!;
        if (x < localCount && x < FLAT_LOCALS_LIMIT) vals.push(flatLocals[x]!);
        else this.step(i);
      } else {
        this.step(i);
      }
      if (visiting && after !== undefined) after.call(visitor, i, this);
    }
    // The decoder guarantees the body ends with the `end` that closes the function frame.
    if (this.ctrls.size !== 0) {
      this.pc = end - 1;
      this.fail('unexpected end');
    }
  }

  private prepareLocals(params: readonly ValType[], body: FunctionBody): void {
    const total = params.length + body.localCount;
    this.localCount = total;
    const n = Math.min(total, FLAT_LOCALS_LIMIT);
    if (this.flatLocals.length < n) this.flatLocals = new Uint8Array(Math.max(n, this.flatLocals.length * 2));
    const flat = this.flatLocals;
    let k = 0;
    for (; k < params.length && k < n; k++) flat[k] = params[k]!;
    for (const g of body.locals) {
      const stop = Math.min(n, k + g.count);
      flat.fill(g.type, k, stop);
      k = stop;
      if (k >= n) break;
    }
  }

  private localType(x: number): ValType {
    if (x < FLAT_LOCALS_LIMIT) return this.flatLocals[x]!;
    let k = this.params.length;
    for (const g of this.body!.locals) {
      if (x < k + g.count) return g.type;
      k += g.count;
    }
    return UNKNOWN_TYPE;
  }

  private fail(message: string): never {
    throw new ValidationError(message, this.offsets[this.pc]!, this.funcIndex, this.funcName);
  }

  // ---- Stack primitives (the appendix's push_val/pop_val/…) -----------------------------

  /** Pops one operand of type `expect` (or anything when `expect` is unknown). */
  private pop(expect: ValType): void {
    const vals = this.vals;
    const f = this.ctrls.size - 1;
    if (vals.size === this.ctrls.heights[f]) {
      if (this.ctrls.unreachable[f] === 1) return;
      this.fail('type mismatch');
    }
    const actual = vals.types[--vals.size]!;
    if (actual !== expect && actual !== UNKNOWN_TYPE && expect !== UNKNOWN_TYPE) this.fail('type mismatch');
  }

  /** Pops one operand of any type and returns it ({@link UNKNOWN_TYPE} when the stack invents it). */
  private popAny(): ValType {
    const vals = this.vals;
    const f = this.ctrls.size - 1;
    if (vals.size === this.ctrls.heights[f]) {
      if (this.ctrls.unreachable[f] === 1) return UNKNOWN_TYPE;
      this.fail('type mismatch');
    }
    return vals.types[--vals.size]!;
  }

  /** Pops operands matching `ts`, the last type first. */
  private popAll(ts: readonly ValType[]): void {
    for (let k = ts.length - 1; k >= 0; k--) this.pop(ts[k]!);
  }

  /** Checks without popping that the top operands match `ts` (what `br_table` needs per label). */
  private peekAll(ts: readonly ValType[]): void {
    const vals = this.vals;
    const f = this.ctrls.size - 1;
    const floor = this.ctrls.heights[f]!;
    const n = ts.length;
    for (let k = 0; k < n; k++) {
      const p = vals.size - 1 - k;
      const expect = ts[n - 1 - k]!;
      if (p < floor) {
        if (this.ctrls.unreachable[f] === 1) return;
        this.fail('type mismatch');
      }
      const actual = vals.types[p]!;
      if (actual !== expect && actual !== UNKNOWN_TYPE) this.fail('type mismatch');
    }
  }

  /** Marks the rest of the current frame unreachable: the stack becomes polymorphic. */
  private setUnreachable(): void {
    const f = this.ctrls.size - 1;
    this.vals.size = this.ctrls.heights[f]!;
    this.ctrls.unreachable[f] = 1;
  }

  /** Types a branch to label `depth` carries; fails with "unknown label" when there is none. */
  private label(depth: number): readonly ValType[] {
    if (depth >= this.ctrls.size) this.fail(`unknown label ${depth}`);
    return this.labelTypes(depth);
  }

  /** Resolves a block type word into {@link btParams}/{@link btResults}. */
  private blockType(word: number): void {
    if (word === BLOCK_TYPE_EMPTY) {
      this.btParams = EMPTY_TYPES;
      this.btResults = EMPTY_TYPES;
    } else if ((word & BLOCK_TYPE_VALUE) !== 0) {
      this.btParams = EMPTY_TYPES;
      this.btResults = singleType(word & 0xff);
    } else {
      const t = this.module.types[word];
      if (t === undefined) this.fail(`unknown type ${word}`);
      this.btParams = t.params;
      this.btResults = t.results;
    }
  }

  // ---- Immediate lookups ----------------------------------------------------------------

  private checkMemory(x: number): void {
    if (x >= this.ctx.memoryCount) this.fail(`unknown memory ${x}`);
  }

  private tableType(x: number): ValType {
    if (x >= this.ctx.tableTypes.length) this.fail(`unknown table ${x}`);
    return this.ctx.tableTypes[x]!;
  }

  private elemType(x: number): ValType {
    const e = this.module.elements[x];
    if (e === undefined) this.fail(`unknown elem segment ${x}`);
    return e.type;
  }

  private checkData(x: number): void {
    if (x >= this.module.datas.length) this.fail(`unknown data segment ${x}`);
    // memory.init and data.drop need the data count section, so a single pass knows the count
    // (the decoder reports its absence when there are segments; this covers hand-built modules).
    if (this.module.dataCount === null) this.fail('data count section required');
  }

  private checkLane(lane: number, op: number): void {
    if (lane >= LANE_COUNT[op]!) this.fail('invalid lane index');
  }

  private checkMemarg(op: number, a: number): void {
    const imms = this.imms;
    this.checkMemory(imms[a + 2]!);
    if (imms[a]! > NATURAL_ALIGN[op]!) this.fail('alignment must not be larger than natural');
  }

  /** Checks the immediates of a fixed-signature instruction (indices, alignment, lanes). */
  private checkImmediates(op: number, a: number): void {
    const imms = this.imms;
    switch (IMM_CHECK[op]) {
      case ImmCheck.None:
        return;
      case ImmCheck.Memarg:
        this.checkMemarg(op, a);
        return;
      case ImmCheck.MemargLane:
        this.checkMemarg(op, a);
        this.checkLane(imms[a + 3]!, op);
        return;
      case ImmCheck.Lane:
        this.checkLane(imms[a]!, op);
        return;
      case ImmCheck.Shuffle:
        for (let k = 0; k < 16; k++) this.checkLane(imms[a + k]!, op);
        return;
      case ImmCheck.Memory:
        this.checkMemory(imms[a]!);
        return;
      case ImmCheck.MemoryInit:
        this.checkMemory(imms[a + 1]!);
        this.checkData(imms[a]!);
        return;
      case ImmCheck.Data:
        this.checkData(imms[a]!);
        return;
      case ImmCheck.MemoryCopy:
        this.checkMemory(imms[a]!);
        this.checkMemory(imms[a + 1]!);
        return;
      case ImmCheck.Table:
        this.tableType(imms[a]!);
        return;
      case ImmCheck.TableInit: {
        const t = this.tableType(imms[a + 1]!);
        if (this.elemType(imms[a]!) !== t) this.fail('type mismatch');
        return;
      }
      case ImmCheck.Elem:
        this.elemType(imms[a]!);
        return;
      case ImmCheck.TableCopy: {
        const dst = this.tableType(imms[a]!);
        if (this.tableType(imms[a + 1]!) !== dst) this.fail('type mismatch');
        return;
      }
    }
  }

  // ---- One instruction -------------------------------------------------------------------

  /** Validates instruction `i`: the appendix's per-opcode case analysis. */
  private step(i: number): void {
    this.pc = i;
    const op = this.ops[i]!;
    const a = this.immStart[i]!;

    if (HAS_SIGNATURE[op] === 1) {
      // Fixed-typed instructions: the opcode table's signature says it all.
      if (IMM_CHECK[op] !== ImmCheck.None) this.checkImmediates(op, a);
      const n = PARAM_COUNT[op]!;
      const base = op * PARAM_STRIDE;
      const vals = this.vals;
      const c = this.ctrls;
      if (vals.size - n >= c.heights[c.size - 1]!) {
        // Fast path (nearly always): all operands are above the frame, no polymorphic stack.
        const types = vals.types;
        let sp = vals.size;
        for (let k = n - 1; k >= 0; k--) {
          const t = types[--sp]!;
          if (t !== PARAM_TYPES[base + k]! && t !== UNKNOWN_TYPE) this.fail('type mismatch');
        }
        vals.size = sp;
      } else {
        for (let k = n - 1; k >= 0; k--) this.pop(PARAM_TYPES[base + k]!);
      }
      const r = RESULT_TYPE[op]!;
      if (r !== 0) vals.push(r);
      return;
    }

    const imms = this.imms;
    switch (op) {
      case 0x00: // unreachable
        this.setUnreachable();
        return;
      case 0x01: // nop
        return;
      case 0x02: // block
      case 0x03: // loop
      case 0x04: { // if
        this.blockType(imms[a]!);
        const params = this.btParams;
        const results = this.btResults;
        if (op === 0x04) this.pop(I32);
        this.popAll(params);
        this.ctrls.push(op === 0x02 ? FrameKind.Block : op === 0x03 ? FrameKind.Loop : FrameKind.If, params, results, this.vals.size);
        this.vals.pushAll(params);
        return;
      }
      case 0x05: { // else
        const c = this.ctrls;
        const f = c.size - 1;
        if (c.kinds[f] !== FrameKind.If) this.fail('else without if');
        this.popAll(c.results[f]!);
        if (this.vals.size !== c.heights[f]) this.fail('type mismatch');
        c.kinds[f] = FrameKind.Else;
        c.unreachable[f] = 0;
        this.vals.pushAll(c.params[f]!);
        return;
      }
      case 0x0b: { // end
        const c = this.ctrls;
        const f = c.size - 1;
        const results = c.results[f]!;
        this.popAll(results);
        if (this.vals.size !== c.heights[f]) this.fail('type mismatch');
        // An `if` without `else` has an empty else branch, which only types when params = results.
        if (c.kinds[f] === FrameKind.If && !typesEqual(c.params[f]!, results)) this.fail('type mismatch');
        c.size = f;
        this.vals.pushAll(results);
        return;
      }
      case 0x0c: // br
        this.popAll(this.label(imms[a]!));
        this.setUnreachable();
        return;
      case 0x0d: { // br_if
        const ts = this.label(imms[a]!);
        this.pop(I32);
        this.popAll(ts);
        this.vals.pushAll(ts);
        return;
      }
      case 0x0e: { // br_table
        const n = imms[a]!;
        const def = this.label(imms[a + 1 + n]!);
        for (let k = 0; k < n; k++) this.label(imms[a + 1 + k]!);
        this.pop(I32);
        const arity = def.length;
        for (let k = 0; k < n; k++) {
          const ts = this.labelTypes(imms[a + 1 + k]!);
          if (ts.length !== arity) this.fail('type mismatch');
          this.peekAll(ts);
        }
        this.popAll(def);
        this.setUnreachable();
        return;
      }
      case 0x0f: // return
        this.popAll(this.ctrls.results[0]!);
        this.setUnreachable();
        return;
      case 0x10: { // call
        const x = imms[a]!;
        const t = funcType(this.ctx, x);
        if (t === undefined) this.fail(`unknown function ${x}`);
        this.popAll(t.params);
        this.vals.pushAll(t.results);
        return;
      }
      case 0x11: { // call_indirect
        const elem = this.tableType(imms[a + 1]!);
        const x = imms[a]!;
        const t = this.module.types[x];
        if (t === undefined) this.fail(`unknown type ${x}`);
        if (elem !== ValType.funcref) this.fail('type mismatch');
        this.pop(I32);
        this.popAll(t.params);
        this.vals.pushAll(t.results);
        return;
      }
      case 0x1a: // drop
        this.popAny();
        return;
      case 0x1b: { // select
        this.pop(I32);
        const t1 = this.popAny();
        const t2 = this.popAny();
        // Untyped select only takes numeric or vector operands (references need `select (result t)`).
        if (!isNumericOrUnknown(t1) || !isNumericOrUnknown(t2)) this.fail('type mismatch');
        if (t1 !== t2 && t1 !== UNKNOWN_TYPE && t2 !== UNKNOWN_TYPE) this.fail('type mismatch');
        this.vals.push(t1 === UNKNOWN_TYPE ? t2 : t1);
        return;
      }
      case 0x1c: { // select (result t)
        if (imms[a] !== 1) this.fail('invalid result arity');
        const t = imms[a + 1]!;
        this.pop(I32);
        this.pop(t);
        this.pop(t);
        this.vals.push(t);
        return;
      }
      case 0x20: { // local.get
        const x = imms[a]!;
        if (x >= this.localCount) this.fail(`unknown local ${x}`);
        this.vals.push(this.localType(x));
        return;
      }
      case 0x21: { // local.set
        const x = imms[a]!;
        if (x >= this.localCount) this.fail(`unknown local ${x}`);
        this.pop(this.localType(x));
        return;
      }
      case 0x22: { // local.tee
        const x = imms[a]!;
        if (x >= this.localCount) this.fail(`unknown local ${x}`);
        const t = this.localType(x);
        this.pop(t);
        this.vals.push(t);
        return;
      }
      case 0x23: { // global.get
        const x = imms[a]!;
        if (x >= this.ctx.globalTypes.length) this.fail(`unknown global ${x}`);
        this.vals.push(this.ctx.globalTypes[x]!);
        return;
      }
      case 0x24: { // global.set
        const x = imms[a]!;
        if (x >= this.ctx.globalTypes.length) this.fail(`unknown global ${x}`);
        if (this.ctx.globalMutable[x] !== 1) this.fail('global is immutable');
        this.pop(this.ctx.globalTypes[x]!);
        return;
      }
      case 0x25: { // table.get
        const t = this.tableType(imms[a]!);
        this.pop(I32);
        this.vals.push(t);
        return;
      }
      case 0x26: { // table.set
        const t = this.tableType(imms[a]!);
        this.pop(t);
        this.pop(I32);
        return;
      }
      case 0x10f: { // table.grow
        const t = this.tableType(imms[a]!);
        this.pop(I32);
        this.pop(t);
        this.vals.push(I32);
        return;
      }
      case 0x111: { // table.fill
        const t = this.tableType(imms[a]!);
        this.pop(I32);
        this.pop(t);
        this.pop(I32);
        return;
      }
      case 0xd0: // ref.null
        this.vals.push(imms[a]!);
        return;
      case 0xd1: { // ref.is_null
        const t = this.popAny();
        if (t !== UNKNOWN_TYPE && t !== ValType.funcref && t !== ValType.externref) this.fail('type mismatch');
        this.vals.push(I32);
        return;
      }
      case 0xd2: { // ref.func
        const x = imms[a]!;
        if (x >= this.ctx.funcTypeIndex.length) this.fail(`unknown function ${x}`);
        if (this.ctx.declaredFuncs[x] !== 1) this.fail('undeclared function reference');
        this.vals.push(ValType.funcref);
        return;
      }
      default:
        // The decoder only produces opcodes of the table; anything else is a bug worth naming.
        this.fail(`illegal opcode 0x${op.toString(16)}`);
    }
  }
}

function isNumericOrUnknown(t: ValType): boolean {
  return t === UNKNOWN_TYPE || t === ValType.i32 || t === ValType.i64 || t === ValType.f32 || t === ValType.f64 || t === ValType.v128;
}
