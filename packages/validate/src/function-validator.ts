import {
  BLOCK_TYPE_EMPTY, BLOCK_TYPE_VALUE, HeapType, heapTypeOf, indexHeapType, isNullable, isRefType, PackedType, refType, ValType,
  valTypeName, type ArrayType, type FuncType, type FunctionBody, type Module, type StructType,
} from '@rt/binary';
import { ControlStack } from './control-stack.js';
import { funcType, funcTypeAt, localTypesOf, type ModuleContext } from './context.js';
import type { TypeRelations } from './subtyping.js';
import { isDefaultable, checkValType } from './type-checks.js';
import { ValidationError } from './errors.js';
import { FrameKind, UNKNOWN_TYPE, type FunctionVisitor, type ValidationState } from './function-visitor.js';
import { OperandStack } from './operand-stack.js';
import {
  HAS_SIGNATURE, IMM_CHECK, ImmCheck, LANE_COUNT, NATURAL_ALIGN, PARAM_COUNT, PARAM_STRIDE, PARAM_TYPES, RESULT_TYPE,
} from './signatures.js';
import { EMPTY_TYPES, singleType } from './type-lists.js';

const I32 = ValType.i32;

/**
 * Dense dispatch codes: the per-instruction `switch` runs on these (a jump table) rather than
 * on sparse opcode ids. `Simple` and `Checked` cover every fixed-signature instruction.
 */
const D = {
  Illegal: 0, Simple: 1, Checked: 2, Unreachable: 3, Nop: 4, Block: 5, Loop: 6, If: 7, Else: 8, End: 9,
  Br: 10, BrIf: 11, BrTable: 12, Return: 13, Call: 14, CallIndirect: 15, Drop: 16, Select: 17,
  SelectTyped: 18, LocalGet: 19, LocalSet: 20, LocalTee: 21, GlobalGet: 22, GlobalSet: 23,
  TableGet: 24, TableSet: 25, TableGrow: 26, TableFill: 27, RefNull: 28, RefIsNull: 29, RefFunc: 30,
  ReturnCall: 31, ReturnCallIndirect: 32,
  Throw: 33, ThrowRef: 34, TryTable: 35, Try: 36, Catch: 37, CatchAll: 38, Delegate: 39, Rethrow: 40,
  CallRef: 41, ReturnCallRef: 42, RefAsNonNull: 43, BrOnNull: 44, BrOnNonNull: 45,
  /** Every GC instruction (`0xFB` prefix, and `ref.eq`): see {@link FunctionValidator.stepGc}. */
  Gc: 46,
} as const;

/** The dispatch code of each opcode id. */
const DISPATCH: Uint8Array = (() => {
  const table = new Uint8Array(HAS_SIGNATURE.length);
  HAS_SIGNATURE.forEach((has, op) => {
    if (has === 1) table[op] = IMM_CHECK[op] === ImmCheck.None ? D.Simple : D.Checked;
  });
  const special: readonly (readonly [number, number])[] = [
    [0x00, D.Unreachable], [0x01, D.Nop], [0x02, D.Block], [0x03, D.Loop], [0x04, D.If], [0x05, D.Else],
    [0x0b, D.End], [0x0c, D.Br], [0x0d, D.BrIf], [0x0e, D.BrTable], [0x0f, D.Return], [0x10, D.Call],
    [0x11, D.CallIndirect], [0x1a, D.Drop], [0x1b, D.Select], [0x1c, D.SelectTyped], [0x20, D.LocalGet],
    [0x21, D.LocalSet], [0x22, D.LocalTee], [0x23, D.GlobalGet], [0x24, D.GlobalSet], [0x25, D.TableGet],
    [0x26, D.TableSet], [0x10f, D.TableGrow], [0x111, D.TableFill], [0xd0, D.RefNull], [0xd1, D.RefIsNull],
    [0xd2, D.RefFunc], [0x12, D.ReturnCall], [0x13, D.ReturnCallIndirect],
    [0x08, D.Throw], [0x0a, D.ThrowRef], [0x1f, D.TryTable], [0x06, D.Try], [0x07, D.Catch], [0x19, D.CatchAll],
    [0x18, D.Delegate], [0x09, D.Rethrow], [0x14, D.CallRef], [0x15, D.ReturnCallRef], [0xd4, D.RefAsNonNull],
    [0xd5, D.BrOnNull], [0xd6, D.BrOnNonNull], [0xd3, D.Gc],
  ];
  for (const [op, code] of special) table[op] = code;
  for (let op = 0x400; op <= 0x41e && op < table.length; op++) table[op] = D.Gc;
  return table;
})();

/** What an accepted instruction does to the stacks besides popping and pushing operands. */
const Effect = { Operands: 0, Open: 1, Else: 2, End: 3, Unreachable: 4, Handler: 5 } as const;
type Effect = (typeof Effect)[keyof typeof Effect];

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
  private readonly rel: TypeRelations;
  /**
   * 1 for each local that may be read: parameters, defaultable locals, and non-defaultable ones
   * (3.0's non-null references) once set in the current block or an enclosing one.
   */
  private localInit = new Uint8Array(256);
  /** Non-defaultable locals set so far, in order; a frame's end forgets the ones set inside it. */
  private readonly initLog: number[] = [];
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
  private flatLocals = new Uint32Array(256);
  private localTypesCache: ValType[] | null = null;
  /** Scratch outputs of {@link blockType}, so resolving a block type returns two lists without allocating. */
  private btParams: readonly ValType[] = EMPTY_TYPES;
  private btResults: readonly ValType[] = EMPTY_TYPES;
  /**
   * The effect {@link step} checked and {@link applyEffect} applies: an {@link Effect} code,
   * and for `Operands` how many operands are popped and what is pushed (a list, then one type
   * unless 0); for `Open` the operands popped, the frame kind and the block type in `bt*`.
   */
  private effCtrl: Effect = Effect.Operands;
  private effPop = 0;
  private effPush: readonly ValType[] = EMPTY_TYPES;
  private effPushOne: ValType = 0;
  private effKind: FrameKind = FrameKind.Block;

  constructor(ctx: ModuleContext) {
    this.ctx = ctx;
    this.rel = ctx.rel;
    this.module = ctx.module;
    const s = ctx.module.instructions;
    this.ops = s.ops;
    this.imms = s.imms;
    this.immStart = s.immStart;
    this.offsets = s.offsets;
    // Reassigned once at once so V8 treats it as a mutable field from the start (see ControlStack).
    this.flatLocals = new Uint32Array(256);
    this.localInit = new Uint8Array(256);
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
    this.initLog.length = 0;
    this.ctrls.push(FrameKind.Function, EMPTY_TYPES, type.results, 0);

    const { start, end } = body.code;
    this.run(start, end, visitor);
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
    if (this.flatLocals.length < n) this.flatLocals = new Uint32Array(Math.max(n, this.flatLocals.length * 2));
    const flat = this.flatLocals;
    if (this.localInit.length < n) this.localInit = new Uint8Array(Math.max(n, this.localInit.length * 2));
    const init = this.localInit;
    let k = 0;
    for (; k < params.length && k < n; k++) {
      flat[k] = params[k]!;
      init[k] = 1;
    }
    for (const g of body.locals) {
      const stop = Math.min(n, k + g.count);
      flat.fill(g.type, k, stop);
      init.fill(isDefaultable(g.type) ? 1 : 0, k, stop);
      k = stop;
      if (k >= n) break;
    }
  }

  /** Marks local `x` set (a non-defaultable one until the end of the current frame). */
  private setLocal(x: number): void {
    if (x < FLAT_LOCALS_LIMIT && this.localInit[x] === 0) {
      this.localInit[x] = 1;
      this.initLog.push(x);
    }
  }

  /** Forgets the non-defaultable locals set since frame `f` opened. */
  private resetLocals(f: number): void {
    const log = this.initLog;
    const mark = this.ctrls.inits[f]!;
    while (log.length > mark) this.localInit[log.pop()!] = 0;
  }

  /** Fails unless local `x` may be read. */
  private checkInit(x: number): void {
    if (x < FLAT_LOCALS_LIMIT && this.localInit[x] === 0) this.fail('uninitialized local');
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

  // ---- Operand checks (the appendix's pop_val, without popping) --------------------------
  //
  // Every instruction is checked completely before it changes any state: a visitor's `before`
  // hook must only ever see an instruction the validator has accepted (see FunctionVisitor).
  // So operands are checked by their depth below the current top, as the appendix's pops
  // would reach them one after the other, and the pops themselves happen in `applyEffect`.

  /**
   * The type of the operand `depth` places below the top ({@link UNKNOWN_TYPE} where the
   * polymorphic stack of an unreachable frame supplies it); fails when a reachable frame has
   * fewer operands.
   */
  private typeAt(depth: number): ValType {
    const vals = this.vals;
    const f = this.ctrls.size - 1;
    const p = vals.size - 1 - depth;
    if (p < this.ctrls.heights[f]!) {
      if (this.ctrls.unreachable[f] === 1) return UNKNOWN_TYPE;
      this.fail('type mismatch');
    }
    return vals.types[p]!;
  }

  /** Checks that the operand `depth` places below the top has type `expect` (or is unknown). */
  private expect(depth: number, expect: ValType): void {
    const actual = this.typeAt(depth);
    if (actual !== expect && actual !== UNKNOWN_TYPE && expect !== UNKNOWN_TYPE && !this.rel.matches(actual, expect)) this.fail('type mismatch');
  }

  /** Checks that the operand `depth` places below the top is a reference (or unknown); returns its type. */
  private expectRef(depth: number): ValType {
    const t = this.typeAt(depth);
    if (t !== UNKNOWN_TYPE && !isRefType(t)) this.fail('type mismatch');
    return t;
  }

  /** Checks that the operands from `depth` down match `ts`, the last type nearest the top. */
  private expectAll(ts: readonly ValType[], depth: number): void {
    if (!this.operandsMatch(ts, depth)) {
      // The reference interpreter's detailed wording (3.0's scripts check it for some modules).
      this.fail(`type mismatch: instruction requires ${typeList(ts)} but stack has ${typeList(this.stackTypes(ts.length, depth))}`);
    }
  }

  /** Whether the operands from `depth` down match `ts` (as {@link expectAll} checks, without failing). */
  private operandsMatch(ts: readonly ValType[], depth: number): boolean {
    const vals = this.vals;
    const f = this.ctrls.size - 1;
    const n = ts.length;
    for (let k = 0; k < n; k++) {
      const p = vals.size - 1 - depth - k;
      if (p < this.ctrls.heights[f]!) {
        if (this.ctrls.unreachable[f] === 1) continue;
        return false;
      }
      const actual = vals.types[p]!;
      const expected = ts[n - 1 - k]!;
      if (actual !== expected && actual !== UNKNOWN_TYPE && expected !== UNKNOWN_TYPE && !this.rel.matches(actual, expected)) return false;
    }
    return true;
  }

  /** The types of up to `n` operands of the current frame below `depth` places from the top, bottom first. */
  private stackTypes(n: number, depth: number): ValType[] {
    const vals = this.vals;
    const top = vals.size - depth;
    const from = Math.max(this.ctrls.heights[this.ctrls.size - 1]!, top - n);
    return Array.from(vals.types.subarray(Math.min(from, top), top));
  }

  /**
   * Checks that, after popping `n` operands, the innermost frame's operands are all gone
   * (what `end` and `else` require once the frame's results are popped).
   */
  private expectExactly(results: readonly ValType[]): void {
    const f = this.ctrls.size - 1;
    const left = this.vals.size - results.length - this.ctrls.heights[f]!;
    if (left > 0 || (left < 0 && this.ctrls.unreachable[f] !== 1)) {
      this.fail(`type mismatch: block requires ${typeList(results)} but stack has ${typeList(this.stackTypes(this.vals.size, 0))}`);
    }
  }

  // ---- Effects: what an accepted instruction does to the stacks ---------------------------

  /** Pops `n` operands; in an unreachable frame the polymorphic stack supplies what is missing. */
  private popN(n: number): void {
    const floor = this.ctrls.heights[this.ctrls.size - 1]!;
    const s = this.vals.size - n;
    this.vals.size = s < floor ? floor : s;
  }

  /** Marks the rest of the current frame unreachable: the stack becomes polymorphic. */
  private setUnreachable(): void {
    const f = this.ctrls.size - 1;
    this.vals.size = this.ctrls.heights[f]!;
    this.ctrls.unreachable[f] = 1;
  }

  /** Applies the effect {@link step} recorded in the `eff*` fields. */
  private applyEffect(): void {
    const c = this.ctrls;
    switch (this.effCtrl) {
      case Effect.Operands:
        this.popN(this.effPop);
        this.vals.pushAll(this.effPush);
        if (this.effPushOne !== 0) this.vals.push(this.effPushOne);
        return;
      case Effect.Open:
        this.popN(this.effPop);
        c.push(this.effKind, this.btParams, this.btResults, this.vals.size, this.initLog.length);
        this.vals.pushAll(this.btParams);
        return;
      case Effect.Else: {
        const f = c.size - 1;
        this.vals.size = c.heights[f]!;
        c.kinds[f] = FrameKind.Else;
        c.unreachable[f] = 0;
        this.resetLocals(f);
        this.vals.pushAll(c.params[f]!);
        return;
      }
      case Effect.Handler: {
        // A legacy `catch`/`catch_all`: the frame restarts with the tag's values (in effPush).
        const f = c.size - 1;
        this.vals.size = c.heights[f]!;
        c.kinds[f] = this.effKind;
        c.unreachable[f] = 0;
        this.resetLocals(f);
        this.vals.pushAll(this.effPush);
        return;
      }
      case Effect.End: {
        const f = c.size - 1;
        this.vals.size = c.heights[f]!;
        this.resetLocals(f);
        c.size = f;
        this.vals.pushAll(c.results[f]!);
        return;
      }
      case Effect.Unreachable:
        this.setUnreachable();
        return;
    }
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
      const t = word & 0x7fffffff;
      this.checkType(t);
      this.btParams = EMPTY_TYPES;
      this.btResults = singleType(t);
    } else {
      const t = funcTypeAt(this.module, word);
      if (t === undefined) this.fail(`unknown type ${word}`);
      this.btParams = t.params;
      this.btResults = t.results;
    }
  }

  /** Fails with "unknown type" when value type `t` names a type index the module lacks. */
  private checkType(t: ValType): void {
    if (!checkValType(this.module, t)) this.fail(`unknown type ${heapTypeOf(t) - 0x100}`);
  }

  /** The function type of type index `x`, or fails with "unknown type". */
  private funcTypeOf(x: number): FuncType {
    const t = funcTypeAt(this.module, x);
    if (t === undefined) this.fail(`unknown type ${x}`);
    return t;
  }

  /** The parameter types of tag `x`, or fails with "unknown tag". */
  private tagParams(x: number): readonly ValType[] {
    if (x >= this.ctx.tagTypes.length) this.fail(`unknown tag ${x}`);
    return funcTypeAt(this.module, this.ctx.tagTypes[x]!)?.params ?? EMPTY_TYPES;
  }

  /** Checks that the values `ts` match the types label `depth` carries (a catch clause's or a `br_on_*`'s). */
  private checkLabelMatch(depth: number, ts: readonly ValType[]): void {
    const label = this.label(depth);
    if (!this.rel.matchLists(ts, label)) this.fail('type mismatch');
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

  /** The address type of memory `x` (which must exist): i64 for 3.0's memory64. */
  private memoryAddress(x: number): ValType {
    return this.ctx.memory64[x] === 1 ? ValType.i64 : I32;
  }

  /** The index type of table `x` (which must exist): i64 for 3.0's table64. */
  private tableAddress(x: number): ValType {
    return this.ctx.table64[x] === 1 ? ValType.i64 : I32;
  }

  /** Checks a memarg; returns 1 when its memory has 64-bit addresses. */
  private checkMemarg(op: number, a: number, offsetHigh: number): number {
    const imms = this.imms;
    const x = imms[a + 2]!;
    this.checkMemory(x);
    if (imms[a]! > NATURAL_ALIGN[op]!) this.fail('alignment must not be larger than natural');
    const wide = this.ctx.memory64[x]!;
    // A 32-bit memory's offsets are u32; memory64's are u64.
    if (wide === 0 && imms[a + offsetHigh]! !== 0) this.fail('offset out of range');
    return wide;
  }

  /**
   * Checks the immediates of a fixed-signature instruction (indices, alignment, lanes). Returns 1
   * when a memory or table it names has 64-bit addresses, so the signature's i32 addresses must
   * be read as i64 ({@link applyAddressed}).
   */
  private checkImmediates(op: number, a: number): number {
    const imms = this.imms;
    const ctx = this.ctx;
    switch (IMM_CHECK[op]) {
      case ImmCheck.None:
        return 0;
      case ImmCheck.Memarg:
        return this.checkMemarg(op, a, 3);
      case ImmCheck.MemargLane: {
        const wide = this.checkMemarg(op, a, 4);
        this.checkLane(imms[a + 3]!, op);
        return wide;
      }
      case ImmCheck.Lane:
        this.checkLane(imms[a]!, op);
        return 0;
      case ImmCheck.Shuffle:
        for (let k = 0; k < 16; k++) this.checkLane(imms[a + k]!, op);
        return 0;
      case ImmCheck.Memory:
        this.checkMemory(imms[a]!);
        return ctx.memory64[imms[a]!]!;
      case ImmCheck.MemoryInit:
        this.checkMemory(imms[a + 1]!);
        this.checkData(imms[a]!);
        return ctx.memory64[imms[a + 1]!]!;
      case ImmCheck.Data:
        this.checkData(imms[a]!);
        return 0;
      case ImmCheck.MemoryCopy:
        this.checkMemory(imms[a]!);
        this.checkMemory(imms[a + 1]!);
        return ctx.memory64[imms[a]!]! | ctx.memory64[imms[a + 1]!]!;
      case ImmCheck.Table:
        this.tableType(imms[a]!);
        return ctx.table64[imms[a]!]!;
      case ImmCheck.TableInit: {
        const t = this.tableType(imms[a + 1]!);
        if (!this.rel.matches(this.elemType(imms[a]!), t)) this.fail('type mismatch');
        return ctx.table64[imms[a + 1]!]!;
      }
      case ImmCheck.Elem:
        this.elemType(imms[a]!);
        return 0;
      case ImmCheck.TableCopy: {
        const dst = this.tableType(imms[a]!);
        if (!this.rel.matches(this.tableType(imms[a + 1]!), dst)) this.fail('type mismatch');
        return ctx.table64[imms[a]!]! | ctx.table64[imms[a + 1]!]!;
      }
    }
    return 0;
  }

  /**
   * {@link checkSignature} for an instruction on a 64-bit memory or table (3.0): the opcode
   * table's i32 addresses, sizes and lengths become the memory's or table's address type
   * (a copy between a 32- and a 64-bit one takes an i32 length). Changes no stack; returns the
   * result type (0 for none).
   */
  private checkAddressed(op: number, a: number): ValType {
    const imms = this.imms;
    const n = PARAM_COUNT[op]!;
    const ps = [PARAM_TYPES[op * PARAM_STRIDE]!, PARAM_TYPES[op * PARAM_STRIDE + 1]!, PARAM_TYPES[op * PARAM_STRIDE + 2]!];
    let r = RESULT_TYPE[op]!;
    const copy = (t1: ValType, t2: ValType): void => {
      ps[0] = t1;
      ps[1] = t2;
      ps[2] = t1 === ValType.i64 && t2 === ValType.i64 ? ValType.i64 : I32;
    };
    switch (IMM_CHECK[op]) {
      case ImmCheck.Memarg:
      case ImmCheck.MemargLane:
        ps[0] = this.memoryAddress(imms[a + 2]!);
        break;
      case ImmCheck.Memory: {
        // memory.size (result), memory.grow (delta and result), memory.fill (address and length).
        const t = this.memoryAddress(imms[a]!);
        if (n >= 1) ps[0] = t;
        if (n === 3) ps[2] = t;
        if (r !== 0) r = t;
        break;
      }
      case ImmCheck.MemoryInit:
        ps[0] = this.memoryAddress(imms[a + 1]!);
        break;
      case ImmCheck.MemoryCopy:
        copy(this.memoryAddress(imms[a]!), this.memoryAddress(imms[a + 1]!));
        break;
      case ImmCheck.Table: // table.size
        r = this.tableAddress(imms[a]!);
        break;
      case ImmCheck.TableInit:
        ps[0] = this.tableAddress(imms[a + 1]!);
        break;
      case ImmCheck.TableCopy:
        copy(this.tableAddress(imms[a]!), this.tableAddress(imms[a + 1]!));
        break;
    }
    for (let k = 0; k < n; k++) this.expect(n - 1 - k, ps[k]!);
    return r;
  }

  /** The type of a `call_indirect` or `return_call_indirect` (immediates at `a`), its table checked. */
  private indirectType(a: number): FuncType {
    const imms = this.imms;
    const elem = this.tableType(imms[a + 1]!);
    const x = imms[a]!;
    const t = this.funcTypeOf(x);
    if (!this.rel.matches(elem, ValType.funcref)) this.fail('type mismatch');
    return t;
  }

  /** A tail call's callee must return what the calling function returns (subtypes allowed). */
  private checkTailResults(results: readonly ValType[]): void {
    if (!this.rel.matchLists(results, this.ctrls.results[0]!)) this.fail('type mismatch');
  }

  /** Checks a fixed-signature instruction's operands against the opcode table's signature. */
  private checkSignature(op: number): void {
    const n = PARAM_COUNT[op]!;
    const base = op * PARAM_STRIDE;
    const vals = this.vals;
    const c = this.ctrls;
    const sp = vals.size;
    if (sp - n >= c.heights[c.size - 1]!) {
      // Fast path (nearly always): all operands lie above the frame's bottom, so the
      // polymorphic stack is moot and the types are compared in place.
      const types = vals.types;
      const bottom = sp - n;
      for (let k = n - 1; k >= 0; k--) {
        const t = types[bottom + k]!;
        if (t !== PARAM_TYPES[base + k]! && t !== UNKNOWN_TYPE && !this.rel.matches(t, PARAM_TYPES[base + k]!)) this.fail('type mismatch');
      }
    } else {
      for (let k = n - 1; k >= 0; k--) this.expect(n - 1 - k, PARAM_TYPES[base + k]!);
    }
  }

  // ---- One instruction -------------------------------------------------------------------

  /**
   * Validates instructions `[start, end)`: the appendix's per-opcode case analysis, in one
   * loop (no call per instruction). Each instruction is first checked in full (immediates and
   * operand types, no state changed), then the visitor's `before` runs, then its effect on the
   * stacks is applied, then `after` runs.
   */
  private run(start: number, end: number, visitor: FunctionVisitor | undefined): void {
    const before = visitor?.before;
    const after = visitor?.after;
    const ops = this.ops;
    const immStart = this.immStart;
    const imms = this.imms;
    const vals = this.vals;
    for (let i = start; i < end; i++) {
      this.pc = i;
      const op = ops[i]!;
      const a = immStart[i]!;
      // The effect of the frequent instructions: pop `pop` operands, then push `push` (0: none).
      // The others (`general`) leave theirs in the `eff*` fields.
      let pop = 0;
      let push = 0;
      let general = false;

      // Case labels are the literal values of `D` so that the switch compiles to a jump table.
      switch (DISPATCH[op]) {
        case 1: // D.Simple
          // Fixed-typed instructions: the opcode table's signature says it all.
          this.checkSignature(op);
          pop = PARAM_COUNT[op]!;
          push = RESULT_TYPE[op]!;
          break;
        case 2: // D.Checked
          // Fixed-typed, with immediates to check first (memory, alignment, lanes, segments).
          if (this.checkImmediates(op, a) === 0) {
            this.checkSignature(op);
            push = RESULT_TYPE[op]!;
          } else push = this.checkAddressed(op, a);
          pop = PARAM_COUNT[op]!;
          break;
        case 19: { // D.LocalGet, local.get
          const x = imms[a]!;
          if (x >= this.localCount) this.fail(`unknown local ${x}`);
          if (this.localInit[x] === 0) this.checkInit(x);
          push = x < FLAT_LOCALS_LIMIT ? this.flatLocals[x]! : this.localType(x);
          break;
        }
        case 20: { // D.LocalSet, local.set
          const x = imms[a]!;
          if (x >= this.localCount) this.fail(`unknown local ${x}`);
          this.expect(0, this.localType(x));
          this.setLocal(x);
          pop = 1;
          break;
        }
        case 21: { // D.LocalTee, local.tee
          const x = imms[a]!;
          if (x >= this.localCount) this.fail(`unknown local ${x}`);
          const t = this.localType(x);
          this.expect(0, t);
          this.setLocal(x);
          pop = 1;
          push = t;
          break;
        }
        default:
          this.step(op, a);
          general = true;
      }
      if (before !== undefined) before.call(visitor, i, this);
      if (general) this.applyEffect();
      else {
        if (pop !== 0) this.popN(pop);
        if (push !== 0) vals.push(push);
      }
      if (after !== undefined) after.call(visitor, i, this);
    }
  }

  /** Records an effect that pops `pop` operands and pushes `push`, then `one` (0: nothing). */
  private operands(pop: number, push: readonly ValType[], one: ValType): void {
    this.effCtrl = Effect.Operands;
    this.effPop = pop;
    this.effPush = push;
    this.effPushOne = one;
  }

  /**
   * Checks one of the less frequent instructions, out of the hot loop of {@link run} (a rarely
   * taken path here neither bloats the loop's optimised code nor deoptimises it), and records
   * its effect for {@link applyEffect}. Changes no stack.
   */
  private step(op: number, a: number): void {
    const imms = this.imms;
    switch (DISPATCH[op]) {
      case 3: // D.Unreachable, unreachable
        this.effCtrl = Effect.Unreachable;
        break;
      case 4: // D.Nop, nop
        this.operands(0, EMPTY_TYPES, 0);
        break;
      case 5: // D.Block, block
      case 6: // D.Loop, loop
      case 7: { // D.If, if
        this.blockType(imms[a]!);
        const params = this.btParams;
        const cond = op === 0x04 ? 1 : 0;
        if (cond === 1) this.expect(0, I32);
        this.expectAll(params, cond);
        this.effCtrl = Effect.Open;
        this.effKind = op === 0x02 ? FrameKind.Block : op === 0x03 ? FrameKind.Loop : FrameKind.If;
        this.effPop = cond + params.length;
        break;
      }
      case 8: { // D.Else, else
        const c = this.ctrls;
        const f = c.size - 1;
        if (c.kinds[f] !== FrameKind.If) this.fail('else without if');
        const results = c.results[f]!;
        this.expectAll(results, 0);
        this.expectExactly(results);
        this.effCtrl = Effect.Else;
        break;
      }
      case 9: { // D.End, end
        const c = this.ctrls;
        const f = c.size - 1;
        const results = c.results[f]!;
        this.expectAll(results, 0);
        this.expectExactly(results);
        // An `if` without `else` has an empty else branch, which only types when params = results.
        if (c.kinds[f] === FrameKind.If && !this.rel.matchLists(c.params[f]!, results)) this.fail('type mismatch');
        this.effCtrl = Effect.End;
        break;
      }
      case 35: { // D.TryTable, try_table: catch labels are outside the new frame
        const n = imms[a + 1]!;
        for (let k = 0; k < n; k++) {
          const w = a + 2 + 3 * k;
          const kind = imms[w]!;
          const l = imms[w + 2]!;
          const vals = kind < 2 ? this.tagParams(imms[w + 1]!) : EMPTY_TYPES;
          this.checkLabelMatch(l, kind === 1 || kind === 3 ? [...vals, EXN_REF] : vals);
        }
        this.blockType(imms[a]!);
        this.expectAll(this.btParams, 0);
        this.effCtrl = Effect.Open;
        this.effKind = FrameKind.TryTable;
        this.effPop = this.btParams.length;
        break;
      }
      case 36: { // D.Try, legacy try
        this.blockType(imms[a]!);
        this.expectAll(this.btParams, 0);
        this.effCtrl = Effect.Open;
        this.effKind = FrameKind.Try;
        this.effPop = this.btParams.length;
        break;
      }
      case 37: // D.Catch, legacy catch x
      case 38: { // D.CatchAll, legacy catch_all
        const c = this.ctrls;
        const f = c.size - 1;
        const kind = c.kinds[f];
        if (kind !== FrameKind.Try && kind !== FrameKind.Catch) this.fail(op === 0x07 ? 'catch without try' : 'catch_all without try');
        const params = op === 0x07 ? this.tagParams(imms[a]!) : EMPTY_TYPES;
        const results = c.results[f]!;
        this.expectAll(results, 0);
        this.expectExactly(results);
        this.effCtrl = Effect.Handler;
        this.effKind = op === 0x07 ? FrameKind.Catch : FrameKind.CatchAll;
        this.effPush = params;
        break;
      }
      case 39: { // D.Delegate, legacy delegate l: ends the try; l counts from outside it
        const c = this.ctrls;
        const f = c.size - 1;
        if (c.kinds[f] !== FrameKind.Try) this.fail('delegate without try');
        if (imms[a]! + 1 >= c.size) this.fail(`unknown label ${imms[a]!}`);
        const results = c.results[f]!;
        this.expectAll(results, 0);
        this.expectExactly(results);
        this.effCtrl = Effect.End;
        break;
      }
      case 40: { // D.Rethrow, legacy rethrow l: l must name a catch handler
        const l = imms[a]!;
        if (l >= this.ctrls.size) this.fail(`unknown label ${l}`);
        const kind = this.frameKind(l);
        if (kind !== FrameKind.Catch && kind !== FrameKind.CatchAll) this.fail('invalid rethrow label');
        this.effCtrl = Effect.Unreachable;
        break;
      }
      case 33: { // D.Throw, throw x
        this.expectAll(this.tagParams(imms[a]!), 0);
        this.effCtrl = Effect.Unreachable;
        break;
      }
      case 34: // D.ThrowRef, throw_ref
        this.expect(0, ValType.exnref);
        this.effCtrl = Effect.Unreachable;
        break;
      case 41: // D.CallRef, call_ref x
      case 42: { // D.ReturnCallRef, return_call_ref x
        const x = imms[a]!;
        const t = this.funcTypeOf(x);
        this.expect(0, refType(indexHeapType(x), true));
        this.expectAll(t.params, 1);
        if (op === 0x15) {
          this.checkTailResults(t.results);
          this.effCtrl = Effect.Unreachable;
        } else this.operands(1 + t.params.length, t.results, 0);
        break;
      }
      case 43: { // D.RefAsNonNull, ref.as_non_null
        const t = this.expectRef(0);
        if (t === UNKNOWN_TYPE) this.operands(1, UNKNOWN_ONE, 0);
        else this.operands(1, EMPTY_TYPES, refType(heapTypeOf(t), false));
        break;
      }
      case 44: { // D.BrOnNull, br_on_null l
        const t = this.expectRef(0);
        const ts = this.label(imms[a]!);
        this.expectAll(ts, 1);
        if (t === UNKNOWN_TYPE) this.operands(1 + ts.length, [...ts, UNKNOWN_TYPE], 0);
        else this.operands(1 + ts.length, ts, refType(heapTypeOf(t), false));
        break;
      }
      case 45: { // D.BrOnNonNull, br_on_non_null l
        const t = this.expectRef(0);
        const ts = this.label(imms[a]!);
        if (ts.length === 0) this.fail('type mismatch');
        const last = ts[ts.length - 1]!;
        if (t !== UNKNOWN_TYPE && !this.rel.matches(refType(heapTypeOf(t), false), last)) this.fail('type mismatch');
        if (t === UNKNOWN_TYPE && !isRefType(last)) this.fail('type mismatch');
        const rest = ts.slice(0, -1);
        this.expectAll(rest, 1);
        this.operands(1 + rest.length, rest, 0);
        break;
      }
      case 10: // D.Br, br
        this.expectAll(this.label(imms[a]!), 0);
        this.effCtrl = Effect.Unreachable;
        break;
      case 11: { // D.BrIf, br_if
        const ts = this.label(imms[a]!);
        this.expect(0, I32);
        this.expectAll(ts, 1);
        // Pops and pushes the label's types: operands the polymorphic stack supplied get them.
        this.operands(1 + ts.length, ts, 0);
        break;
      }
      case 12: { // D.BrTable, br_table
        const n = imms[a]!;
        const def = this.label(imms[a + 1 + n]!);
        for (let k = 0; k < n; k++) this.label(imms[a + 1 + k]!);
        this.expect(0, I32);
        const arity = def.length;
        for (let k = 0; k < n; k++) {
          const ts = this.labelTypes(imms[a + 1 + k]!);
          if (ts.length !== arity) this.fail('type mismatch');
          this.expectAll(ts, 1);
        }
        this.expectAll(def, 1);
        this.effCtrl = Effect.Unreachable;
        break;
      }
      case 13: // D.Return, return
        this.expectAll(this.ctrls.results[0]!, 0);
        this.effCtrl = Effect.Unreachable;
        break;
      case 14: { // D.Call, call
        const x = imms[a]!;
        const t = funcType(this.ctx, x);
        if (t === undefined) this.fail(`unknown function ${x}`);
        this.expectAll(t.params, 0);
        this.operands(t.params.length, t.results, 0);
        break;
      }
      case 15: { // D.CallIndirect, call_indirect
        const t = this.indirectType(a);
        this.expect(0, this.tableAddress(imms[a + 1]!));
        this.expectAll(t.params, 1);
        this.operands(1 + t.params.length, t.results, 0);
        break;
      }
      case 31: { // D.ReturnCall, return_call
        const x = imms[a]!;
        const t = funcType(this.ctx, x);
        if (t === undefined) this.fail(`unknown function ${x}`);
        this.checkTailResults(t.results);
        this.expectAll(t.params, 0);
        this.effCtrl = Effect.Unreachable;
        break;
      }
      case 32: { // D.ReturnCallIndirect, return_call_indirect
        const t = this.indirectType(a);
        this.checkTailResults(t.results);
        this.expect(0, this.tableAddress(imms[a + 1]!));
        this.expectAll(t.params, 1);
        this.effCtrl = Effect.Unreachable;
        break;
      }
      case 16: // D.Drop, drop
        this.typeAt(0);
        this.operands(1, EMPTY_TYPES, 0);
        break;
      case 17: { // D.Select, select
        this.expect(0, I32);
        const t1 = this.typeAt(1);
        const t2 = this.typeAt(2);
        // Untyped select only takes numeric or vector operands (references need `select (result t)`).
        if (!isNumericOrUnknown(t1) || !isNumericOrUnknown(t2)) this.fail('type mismatch');
        if (t1 !== t2 && t1 !== UNKNOWN_TYPE && t2 !== UNKNOWN_TYPE) this.fail('type mismatch');
        // Both unknown: the result is unknown too (0 pushes nothing, so push it explicitly).
        const t = t1 === UNKNOWN_TYPE ? t2 : t1;
        if (t === UNKNOWN_TYPE) this.operands(3, UNKNOWN_ONE, 0);
        else this.operands(3, EMPTY_TYPES, t);
        break;
      }
      case 18: { // D.SelectTyped, select (result t)
        if (imms[a] !== 1) this.fail('invalid result arity');
        const t = imms[a + 1]!;
        this.checkType(t);
        this.expect(0, I32);
        this.expect(1, t);
        this.expect(2, t);
        this.operands(3, EMPTY_TYPES, t);
        break;
      }
      case 22: { // D.GlobalGet, global.get
        const x = imms[a]!;
        if (x >= this.ctx.globalTypes.length) this.fail(`unknown global ${x}`);
        this.operands(0, EMPTY_TYPES, this.ctx.globalTypes[x]!);
        break;
      }
      case 23: { // D.GlobalSet, global.set
        const x = imms[a]!;
        if (x >= this.ctx.globalTypes.length) this.fail(`unknown global ${x}`);
        // The reference interpreter's wording changed in 3.0.
        if (this.ctx.globalMutable[x] !== 1) this.fail(this.ctx.v3 ? 'immutable global' : 'global is immutable');
        this.expect(0, this.ctx.globalTypes[x]!);
        this.operands(1, EMPTY_TYPES, 0);
        break;
      }
      case 24: { // D.TableGet, table.get
        const t = this.tableType(imms[a]!);
        this.expect(0, this.tableAddress(imms[a]!));
        this.operands(1, EMPTY_TYPES, t);
        break;
      }
      case 25: { // D.TableSet, table.set
        const t = this.tableType(imms[a]!);
        this.expect(0, t);
        this.expect(1, this.tableAddress(imms[a]!));
        this.operands(2, EMPTY_TYPES, 0);
        break;
      }
      case 26: { // D.TableGrow, table.grow
        const t = this.tableType(imms[a]!);
        const at = this.tableAddress(imms[a]!);
        this.expect(0, at);
        this.expect(1, t);
        this.operands(2, EMPTY_TYPES, at);
        break;
      }
      case 27: { // D.TableFill, table.fill
        const t = this.tableType(imms[a]!);
        const at = this.tableAddress(imms[a]!);
        this.expect(0, at);
        this.expect(1, t);
        this.expect(2, at);
        this.operands(3, EMPTY_TYPES, 0);
        break;
      }
      case 28: // D.RefNull, ref.null
        this.checkType(imms[a]!);
        this.operands(0, EMPTY_TYPES, imms[a]!);
        break;
      case 29: { // D.RefIsNull, ref.is_null
        this.expectRef(0);
        this.operands(1, EMPTY_TYPES, I32);
        break;
      }
      case 30: { // D.RefFunc, ref.func
        const x = imms[a]!;
        if (x >= this.ctx.funcTypeIndex.length) this.fail(`unknown function ${x}`);
        if (this.ctx.declaredFuncs[x] !== 1) this.fail('undeclared function reference');
        this.operands(0, EMPTY_TYPES, refType(indexHeapType(this.ctx.funcTypeIndex[x]!), false));
        break;
      }
      case 46: // D.Gc
        this.stepGc(op, a);
        break;
      default:
        // The decoder only produces opcodes of the table; anything else is a bug worth naming.
        this.fail(`illegal opcode 0x${op.toString(16)}`);
    }
  }

  /** The struct type `x`, or fails. */
  private structType(x: number): StructType {
    const t = this.module.types[x];
    if (t === undefined) this.fail(`unknown type ${x}`);
    if (t.kind !== 'struct') this.fail('type mismatch');
    return t;
  }

  /** The array type `x`, or fails. */
  private arrayType(x: number): ArrayType {
    const t = this.module.types[x];
    if (t === undefined) this.fail(`unknown type ${x}`);
    if (t.kind !== 'array') this.fail('type mismatch');
    return t;
  }

  /**
   * The GC instructions (3.0): structs, arrays, `i31`, casts, conversions and `ref.eq`. Operands
   * are checked as for the other instructions; packed fields read and write as i32.
   */
  private stepGc(op: number, a: number): void {
    const imms = this.imms;
    const rel = this.rel;
    const ref = (x: number, nullable = true): ValType => refType(indexHeapType(x), nullable);
    switch (op - 0x400) {
      case 0: { // struct.new x
        const t = this.structType(imms[a]!);
        const n = t.fields.length;
        for (let k = 0; k < n; k++) this.expect(n - 1 - k, unpacked(t.fields[k]!.type));
        this.operands(n, EMPTY_TYPES, ref(imms[a]!, false));
        return;
      }
      case 1: { // struct.new_default x
        const t = this.structType(imms[a]!);
        for (const f of t.fields) if (!isDefaultable(f.type)) this.fail('type mismatch');
        this.operands(0, EMPTY_TYPES, ref(imms[a]!, false));
        return;
      }
      case 2: case 3: case 4: { // struct.get, struct.get_s, struct.get_u
        const t = this.structType(imms[a]!);
        const f = t.fields[imms[a + 1]!];
        if (f === undefined) this.fail(`unknown field ${imms[a + 1]!}`);
        if ((op === 0x402) === isPacked(f.type)) this.fail(op === 0x402 ? 'field is packed' : 'field is unpacked');
        this.expect(0, ref(imms[a]!));
        this.operands(1, EMPTY_TYPES, unpacked(f.type));
        return;
      }
      case 5: { // struct.set x f
        const t = this.structType(imms[a]!);
        const f = t.fields[imms[a + 1]!];
        if (f === undefined) this.fail(`unknown field ${imms[a + 1]!}`);
        if (!f.mutable) this.fail('immutable field');
        this.expect(0, unpacked(f.type));
        this.expect(1, ref(imms[a]!));
        this.operands(2, EMPTY_TYPES, 0);
        return;
      }
      case 6: { // array.new x
        const t = this.arrayType(imms[a]!);
        this.expect(0, I32);
        this.expect(1, unpacked(t.element.type));
        this.operands(2, EMPTY_TYPES, ref(imms[a]!, false));
        return;
      }
      case 7: { // array.new_default x
        const t = this.arrayType(imms[a]!);
        if (!isDefaultable(t.element.type)) this.fail('type mismatch');
        this.expect(0, I32);
        this.operands(1, EMPTY_TYPES, ref(imms[a]!, false));
        return;
      }
      case 8: { // array.new_fixed x n
        const t = this.arrayType(imms[a]!);
        const n = imms[a + 1]!;
        for (let k = 0; k < n; k++) this.expect(k, unpacked(t.element.type));
        this.operands(n, EMPTY_TYPES, ref(imms[a]!, false));
        return;
      }
      case 9: case 18: case 10: case 19: { // array.new_data, array.init_data, array.new_elem, array.init_elem
        const t = this.arrayType(imms[a]!);
        if (op === 0x409 || op === 0x412) {
          this.checkData(imms[a + 1]!);
          if (isRefType(t.element.type)) this.fail('array type is not numeric or vector');
        } else if (!rel.matches(this.elemType(imms[a + 1]!), t.element.type)) this.fail('type mismatch');
        if (op === 0x409 || op === 0x40a) {
          this.expect(0, I32);
          this.expect(1, I32);
          this.operands(2, EMPTY_TYPES, ref(imms[a]!, false));
        } else {
          if (!t.element.mutable) this.fail('immutable array');
          this.expect(0, I32);
          this.expect(1, I32);
          this.expect(2, I32);
          this.expect(3, ref(imms[a]!));
          this.operands(4, EMPTY_TYPES, 0);
        }
        return;
      }
      case 11: case 12: case 13: { // array.get, array.get_s, array.get_u
        const t = this.arrayType(imms[a]!);
        if ((op === 0x40b) === isPacked(t.element.type)) this.fail(op === 0x40b ? 'array is packed' : 'array is unpacked');
        this.expect(0, I32);
        this.expect(1, ref(imms[a]!));
        this.operands(2, EMPTY_TYPES, unpacked(t.element.type));
        return;
      }
      case 14: { // array.set x
        const t = this.arrayType(imms[a]!);
        if (!t.element.mutable) this.fail('immutable array');
        this.expect(0, unpacked(t.element.type));
        this.expect(1, I32);
        this.expect(2, ref(imms[a]!));
        this.operands(3, EMPTY_TYPES, 0);
        return;
      }
      case 15: // array.len
        this.expect(0, ValType.arrayref);
        this.operands(1, EMPTY_TYPES, I32);
        return;
      case 16: { // array.fill x
        const t = this.arrayType(imms[a]!);
        if (!t.element.mutable) this.fail('immutable array');
        this.expect(0, I32);
        this.expect(1, unpacked(t.element.type));
        this.expect(2, I32);
        this.expect(3, ref(imms[a]!));
        this.operands(4, EMPTY_TYPES, 0);
        return;
      }
      case 17: { // array.copy x y
        const dst = this.arrayType(imms[a]!);
        const src = this.arrayType(imms[a + 1]!);
        if (!dst.element.mutable) this.fail('immutable array');
        if (!rel.matches(src.element.type, dst.element.type) && !(isPacked(dst.element.type) && src.element.type === dst.element.type))
          this.fail('array types do not match');
        this.expect(0, I32);
        this.expect(1, I32);
        this.expect(2, ref(imms[a + 1]!));
        this.expect(3, I32);
        this.expect(4, ref(imms[a]!));
        this.operands(5, EMPTY_TYPES, 0);
        return;
      }
      case 20: case 21: case 22: case 23: { // ref.test, ref.cast (non-null and nullable)
        const rt = imms[a]!;
        this.checkType(rt);
        const top = refType(rel.top(heapTypeOf(rt)), true);
        this.expect(0, top);
        this.operands(1, EMPTY_TYPES, op <= 0x415 ? I32 : rt);
        return;
      }
      case 24: case 25: { // br_on_cast, br_on_cast_fail l rt1 rt2
        const l = imms[a + 1]!;
        const rt1 = imms[a + 2]!;
        const rt2 = imms[a + 3]!;
        this.checkType(rt1);
        this.checkType(rt2);
        if (!rel.matches(rt2, rt1)) this.fail('type mismatch');
        this.expect(0, rt1);
        const ts = this.label(l);
        if (ts.length === 0) this.fail('type mismatch');
        // The type left when the cast fails: rt1 without null when rt2 takes null.
        const diff = isNullable(rt2) ? refType(heapTypeOf(rt1), false) : rt1;
        const onBranch = op === 0x418 ? rt2 : diff;
        const onFall = op === 0x418 ? diff : rt2;
        if (!rel.matches(onBranch, ts[ts.length - 1]!)) this.fail('type mismatch');
        const rest = ts.slice(0, -1);
        this.expectAll(rest, 1);
        this.operands(1 + rest.length, rest, onFall);
        return;
      }
      case 26: { // any.convert_extern
        const t = this.typeAt(0);
        this.expect(0, ValType.externref);
        this.operands(1, EMPTY_TYPES, refType(HeapType.any, t === UNKNOWN_TYPE || isNullable(t)));
        return;
      }
      case 27: { // extern.convert_any
        const t = this.typeAt(0);
        this.expect(0, ValType.anyref);
        this.operands(1, EMPTY_TYPES, refType(HeapType.extern, t === UNKNOWN_TYPE || isNullable(t)));
        return;
      }
      case 28: // ref.i31
        this.expect(0, I32);
        this.operands(1, EMPTY_TYPES, refType(HeapType.i31, false));
        return;
      case 29: case 30: // i31.get_s, i31.get_u
        this.expect(0, ValType.i31ref);
        this.operands(1, EMPTY_TYPES, I32);
        return;
      default:
        if (op === 0xd3) { // ref.eq
          this.expect(0, ValType.eqref);
          this.expect(1, ValType.eqref);
          this.operands(2, EMPTY_TYPES, I32);
          return;
        }
        this.fail(`illegal opcode 0x${op.toString(16)}`);
    }
  }
}

/** Whether a field's storage type is packed (`i8`, `i16`). */
function isPacked(t: ValType): boolean {
  return t === PackedType.i8 || t === PackedType.i16;
}

/** The value type a field of storage type `t` reads and writes as (packed fields as i32). */
function unpacked(t: ValType): ValType {
  return isPacked(t) ? I32 : t;
}

/** A type list as the reference interpreter writes it in messages: `[i32 i64]`. */
function typeList(ts: readonly ValType[]): string {
  return `[${ts.map((t) => (t === UNKNOWN_TYPE ? 'bot' : valTypeName(t))).join(' ')}]`;
}

/** A one-element list holding {@link UNKNOWN_TYPE}: the result of `select` on two invented operands. */
const UNKNOWN_ONE: readonly ValType[] = [UNKNOWN_TYPE];

/** `(ref exn)`: what `catch_ref` and `catch_all_ref` hand their label besides the tag's values. */
const EXN_REF: ValType = refType(HeapType.exn, false);

function isNumericOrUnknown(t: ValType): boolean {
  return t === UNKNOWN_TYPE || t === ValType.i32 || t === ValType.i64 || t === ValType.f32 || t === ValType.f64 || t === ValType.v128;
}
