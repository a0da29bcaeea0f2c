/**
 * The fast tier's code generator: one validated Wasm function → the source of a JavaScript
 * factory that, given an instance, returns a plain JavaScript function a JS engine optimises like
 * hand-written code (see RATIONALE.md, "The fast tier").
 *
 * - Wasm locals are `let` variables (`l3`; an i64 is two int32 halves, `l3` and `l3h`), operand
 *   stack values are JavaScript expressions kept symbolic while they are pure and written to a
 *   variable per stack height (`s4`, `s4h`) when they must be: before a local they read is
 *   written, at control-flow boundaries, and for anything that can trap or has an effect.
 * - Values: i32 and references as int32 numbers, f32 as the exact double of the f32 (NaN payloads
 *   kept by the helpers wherever bits matter), f64 as numbers, i64 as two int32 halves.
 * - Structured control flow maps one to one: `block` → a labelled block, `loop` → a labelled
 *   `for (;;)`, `if` → a labelled `if`, branches → `break`/`continue` after moving the carried
 *   values into the target's variables, `br_table` → `switch`.
 * - Calls are direct JavaScript calls of the callee's `fastCall` with the arguments as
 *   parameters; a first result is the return value, further results and an i64's high half come
 *   back in the store's result area (`RI` for int words, `RF` for floats).
 * - Memory is accessed through the memory's `DataView`, re-read after calls and `memory.grow`;
 *   the `DataView`'s own bounds check is the Wasm bounds check (its `RangeError` becomes the trap).
 * - Every function body runs in a `try`; the `catch` adds the function's frame (at the byte offset
 *   of the instruction in `site`, set before each instruction that can trap or call) to the trap.
 *
 * Returns `null` for what the tier does not compile (v128 values, instructions it does not know,
 * bodies too large or too deeply nested for a JavaScript engine); such functions stay interpreted.
 */
import { BLOCK_TYPE_EMPTY, BLOCK_TYPE_VALUE, asFuncType, OPCODE_BY_ID, Op, ValType, type FuncType, type Module } from '@rt/binary';
import { needsInterpreterFor3 } from './wasm3-guard.js';
import { fuelCosts, type FuelCosts } from '../fuel/costs.js';
import { ENTRY_SITE, type FastSite } from '../fuel/frames.js';
import { IndirectTargets } from './indirect-targets.js';
import { entryCondition, entryPlan, type EntryPlan } from './entry-plan.js';

/**
 * Largest body (in instructions) the tier tries to compile: beyond it the source would exceed
 * {@link MAX_FAST_SOURCE} anyway (some 25–30 characters per instruction).
 */
export const MAX_FAST_INSTRUCTIONS = 8000;
/**
 * Longest generated source the tier keeps. V8 does not optimise a function whose bytecode passes
 * 60 KB, and a function left to its baseline code can be slower than the frame-layout tier's
 * chunks, which V8 optimises one by one. On esbuild, functions of up to 81 000 characters
 * (2 900 instructions) were optimised, none of 86 000 or more; sending every function over
 * 84 000 characters to the frame-layout tier took its run from 11.3–12.0 s to 8.3–9.8 s, but
 * slowed CPython by 6% (its two such functions, of 123 000 and 140 000 characters, are called
 * often and briefly); over 150 000: esbuild 9.5–9.9 s, CPython unchanged.
 */
export const MAX_FAST_SOURCE = 150000;
/** Deepest block nesting the tier compiles (JavaScript parsers recurse on nested statements). */
const MAX_NESTING = 400;

/** What the generator needs to know about a module, computed once per module. */
export interface ModuleShape {
  readonly module: Module;
  /** The function index space's types. */
  readonly funcTypes: readonly FuncType[];
  /** The global index space's value types and mutability. */
  readonly globals: readonly { readonly type: number; readonly mutable: boolean }[];
  /** The table index space's element types. */
  readonly tableTypes: readonly number[];
  /** What each `call_indirect` can be expected to reach. */
  readonly indirectTargets: IndirectTargets;
}

/** Builds the {@link ModuleShape} of a module. */
export function moduleShape(module: Module): ModuleShape {
  const funcTypes: FuncType[] = [];
  const globals: { type: number; mutable: boolean }[] = [];
  const tableTypes: number[] = [];
  for (const imp of module.imports) {
    if (imp.desc.kind === 'func') funcTypes.push(asFuncType(module.types[imp.desc.type]));
    else if (imp.desc.kind === 'global') globals.push({ type: imp.desc.type.type, mutable: imp.desc.type.mutable });
    else if (imp.desc.kind === 'table') tableTypes.push(imp.desc.type.element);
  }
  for (const t of module.functions) funcTypes.push(asFuncType(module.types[t]));
  for (const g of module.globals) globals.push({ type: g.type.type, mutable: g.type.mutable });
  for (const t of module.tables) tableTypes.push(t.element);
  return { module, funcTypes, globals, tableTypes, indirectTargets: new IndirectTargets(module, funcTypes) };
}

const I32 = ValType.i32;
const I64 = ValType.i64;
const F32 = ValType.f32;
const F64 = ValType.f64;

/** Placeholder emitted after each call: becomes `dv = M.dv;` if the function uses memory. */
const REFRESH_VIEW = '\u0000refresh';

/** Most result values whose words fit the store's result area. */
export const MAX_FAST_RESULT_WORDS = 256;

/** A value on the symbolic operand stack. */
interface Val {
  /** Value type. */
  readonly t: number;
  /** The expression (the low half of an i64). */
  readonly e: string;
  /** An i64's high half ('' otherwise). */
  readonly h: string;
  /** `e` is a JavaScript boolean (an i32 0/1 once materialised). */
  readonly bool: boolean;
  /** Locals the expression reads. */
  readonly locals: readonly number[];
  /** The highest stack-height variable the expression reads, -1 for none. */
  readonly slot: number;
  /** A variable or a literal: may be repeated in generated code. */
  readonly atom: boolean;
  /** A literal: never changes. */
  readonly literal: boolean;
  /** An i32 known to be in [0, 2^31) (a mask or a shift's result): its unsigned value is itself. */
  readonly unsigned?: boolean;
}

const enum Kind {
  Block,
  Loop,
  If,
  Func,
}

interface Ctl {
  readonly kind: Kind;
  readonly label: string;
  /** Stack height at the frame's start, its parameters excluded. */
  readonly height: number;
  readonly params: readonly number[];
  readonly results: readonly number[];
  /** The parameter values at the start (for `else`). */
  readonly paramVals: Val[];
  /** Whether the rest of the frame (up to `else`/`end`) is unreachable. */
  unreachable: boolean;
  /** Whether some branch targets the frame's end. */
  targeted: boolean;
  /** For an `if`: whether its `else` was seen. */
  hasElse: boolean;
}

function lit(e: string, t: number): Val {
  return { t, e, h: '', bool: false, locals: [], slot: -1, atom: true, literal: true };
}

/** A literal's number (its low half for an i64): literals print negative values in parentheses. */
function literalValue(v: Val): number {
  return Number(v.e.replace(/[()]/g, ''));
}

function i32Lit(v: number): string {
  return v < 0 ? `(${v})` : String(v);
}

/** A double as an exact JavaScript literal (`null` for a NaN, which needs its bits). */
function numLit(x: number): string | null {
  if (x !== x) return null;
  if (x === 0) return 1 / x < 0 ? '(-0)' : '0';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '(-Infinity)';
  return x < 0 ? `(${x})` : String(x);
}

function union(a: readonly number[], b: readonly number[]): readonly number[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  return [...a, ...b];
}

/** A generated factory's source, and what a stopped frame of it needs to become an interpreter frame. */
export interface GeneratedFactory {
  readonly source: string;
  /** The function's local types (parameters first). */
  readonly localTypes: readonly number[];
  /** Where a {@link Stop} can leave the function: its checkpoints and calls, by byte offset. */
  readonly sites: ReadonlyMap<number, FastSite>;
  /** Where the literals a site refers to ({@link FastSite.literals}) start among the captured values. */
  readonly extrasStart: number;
  /** The functions it calls directly or expects through a table (`indirect-targets.ts`), itself excluded. */
  readonly callees: readonly number[];
}

/** How the instances a factory serves differ in what their code may assume. */
export interface FactoryOptions {
  /** Emit fuel checkpoints (see `fuel/costs.ts`). */
  readonly metered?: boolean;
  /**
   * The memory can never reach 2 GiB (its effective maximum is at most 32 768 pages), so every
   * address with the top bit set is out of bounds and an access may take the address as a signed
   * int32: `DataView` throws the same `RangeError` for a negative index as for one past the end.
   */
  readonly memoryBelow2GiB?: boolean;
  /**
   * Loops (instruction indices in the module's stream, sorted) where a running activation may
   * continue in the generated function: see `entry-plan.ts`.
   */
  readonly loopEntries?: readonly number[];
}

/**
 * Generated source of the factory for function `funcIndex`, or `null` if the tier does not
 * compile it.
 */
export function generateFactory(shape: ModuleShape, funcIndex: number, options: FactoryOptions = {}): GeneratedFactory | null {
  try {
    const g = new Generator(shape, funcIndex, options.metered === true, options.memoryBelow2GiB === true, options.loopEntries ?? []);
    const source = g.run();
    if (source.length > MAX_FAST_SOURCE) return null;
    return { source, localTypes: g.localTypes, sites: g.sites, extrasStart: g.extrasStart, callees: g.callees() };
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

class Unsupported extends Error {}

function unsupported(): never {
  throw new Unsupported();
}

class Generator {
  private readonly m: Module;
  private readonly type: FuncType;
  readonly localTypes: number[] = [];
  /** See {@link GeneratedFactory.sites}. */
  readonly sites = new Map<number, FastSite>();
  private costs: FuelCosts | null = null;
  private readonly out: string[] = [];
  private readonly prologue: string[] = [];
  private readonly bound = new Map<string, string>();
  private readonly stack: Val[] = [];
  private readonly frames: Ctl[] = [];
  private maxHeight = 0;
  /** The line that last wrote a stack variable (not an i64) with `s<h> = …;`, for {@link writeLocal}. */
  private lastAssign: { readonly line: number; readonly h: number } | undefined;
  private labels = 0;
  private usesMemory = false;
  /** The plan for entries at loops, if the function has any. */
  private plan: EntryPlan | null = null;

  constructor(
    private readonly shape: ModuleShape,
    private readonly funcIndex: number,
    private readonly metered: boolean,
    private readonly memoryBelow2GiB: boolean,
    private readonly loopEntries: readonly number[],
  ) {
    this.m = shape.module;
    this.type = shape.funcTypes[funcIndex]!;
  }

  run(): string {
    const m = this.m;
    const defined = this.funcIndex - (this.shape.funcTypes.length - m.functions.length);
    const body = m.codes[defined]!;
    if (body.code.end - body.code.start > MAX_FAST_INSTRUCTIONS) unsupported();
    if (needsInterpreterFor3(m, body.code)) unsupported();
    if (this.loopEntries.length > 0) this.plan = entryPlan(m, body.code, this.loopEntries) ?? unsupported();
    // The first parameter is the call's depth (see `FastCall`).
    const params: string[] = ['d'];
    for (const t of this.type.params) {
      const i = this.localTypes.length;
      this.checkType(t);
      this.localTypes.push(t);
      params.push(t === I64 ? `l${i}, l${i}h` : `l${i}`);
    }
    const decls: string[] = [];
    for (const g of body.locals) {
      this.checkType(g.type);
      for (let j = 0; j < g.count; j++) {
        const i = this.localTypes.length;
        this.localTypes.push(g.type);
        decls.push(g.type === I64 ? `l${i} = 0, l${i}h = 0` : `l${i} = 0`);
      }
    }
    if (!this.fitsResultArea(this.type.results)) unsupported();
    const plan = this.plan;
    if (plan !== null) {
      params.push('E');
      decls.push('osr = 0');
    }
    this.frames.push({
      kind: Kind.Func,
      label: 'F',
      height: 0,
      params: [],
      results: this.type.results,
      paramVals: [],
      unreachable: false,
      targeted: false,
      hasElse: false,
    });
    const s = m.instructions;
    let entryCheckpoint = '';
    if (this.metered) {
      this.costs = fuelCosts(s, body.code);
      entryCheckpoint = `site = ${ENTRY_SITE}; ${this.checkpoint(this.costs.entry)}`;
    }
    if (plan !== null) {
      // An entry at a loop brings the frame's declared locals and the loop's number (see
      // `entry-plan.ts`); the activation has been charged for its entry already.
      const reads: string[] = [];
      let k = 0;
      for (let x = this.type.params.length; x < this.localTypes.length; x++) {
        const t = this.localTypes[x]!;
        if (t === I64) reads.push(`l${x} = E[${k++}] | 0; l${x}h = E[${k++}] | 0;`);
        else reads.push(t === F32 || t === F64 ? `l${x} = E[${k++}];` : `l${x} = E[${k++}] | 0;`);
      }
      reads.push(`osr = E[${k}];`);
      this.emit(`if (E !== undefined) { ${reads.join(' ')} }${entryCheckpoint ? ` else { ${entryCheckpoint} }` : ''}`);
    } else if (entryCheckpoint) this.emit(entryCheckpoint);
    for (let i = body.code.start; i < body.code.end; i++) {
      this.index = i;
      if (this.skip > 0) {
        this.skip--;
        continue;
      }
      if (plan !== null) this.entryTests(plan, i, true);
      this.instruction(s.ops[i]!, s.immStart[i]!, s.offsets[i]!);
      if (plan !== null) this.entryTests(plan, i, false);
      if (this.frames.length === 0) break;
    }
    // Only the stack variables the body names are declared: zeroing the rest would cost a
    // JavaScript engine without a JIT two instructions each on every call (an i32 function
    // never names a high half).
    const named = new Set<string>();
    for (const line of this.out) for (const m of line.matchAll(/\b(s\d+h?|tl|th)\b/g)) named.add(m[1]!);
    const slot = (name: string): string => (named.has(name) ? name : '0');
    const slots: string[] = [];
    for (let h = 0; h < this.maxHeight; h++) for (const name of [`s${h}`, `s${h}h`]) if (named.has(name)) slots.push(`${name} = 0`);
    if (named.has('tl') || named.has('th')) slots.push('tl = 0, th = 0');
    const prologueCount = this.prologue.length;
    const lines = [
      '"use strict";',
      'var S = $.store, RI = S.fastInts, RF = S.fastFloats, W = H.W, frame = H.frame, exhausted = H.exhausted, FUEL = S.fuelLeft;',
      'var MAXD = S.limits.maxCallDepth;',
      ...this.prologue,
      `return function wasm$${this.funcIndex}(${params.join(', ')}) {`,
      'if (d >= MAXD) exhausted();',
      'let site = 0;',
    ];
    // Declared outside the `try`: the `catch` reads them when a stop deoptimises the frame.
    const all = [...decls, ...slots];
    if (all.length > 0) lines.push(`let ${all.join(', ')};`);
    lines.push('try {');
    if (this.usesMemory) lines.push('let dv = M.dv;');
    for (const line of this.out) if (line !== REFRESH_VIEW || this.usesMemory) lines.push(line === REFRESH_VIEW ? 'dv = M.dv;' : line);
    if (this.metered || this.sites.size > 0) {
      // A stop (fuel, suspension) leaving through here takes the frame along, deoptimised.
      // Through a Float64Array, not an array literal: V8 quiets NaNs stored in double arrays.
      const vals: string[] = [];
      this.localTypes.forEach((t, i) => vals.push(...(t === I64 ? [`l${i}`, `l${i}h`] : [`l${i}`])));
      for (let h = 0; h < this.maxHeight; h++) vals.push(slot(`s${h}`), slot(`s${h}h`));
      this.extrasStart = vals.length;
      vals.push(...this.extras);
      const writes = vals.map((v, k) => `V[${k}] = ${v};`).join(' ');
      lines.push(`} catch (e) { if (e instanceof ${this.helper('Stop')}) { const V = ${this.helper('frameValues')}(${vals.length}); ${writes} ${this.helper('leave')}(e, SELF, site, V); } throw frame(S, e, SELF, site); }`, '};');
    } else lines.push('} catch (e) { throw frame(S, e, SELF, site); }', '};');
    // Bindings made while writing the catch go to the prologue, which is already in `lines`.
    const prologueEnd = lines.indexOf(`return function wasm$${this.funcIndex}(${params.join(', ')}) {`);
    lines.splice(prologueEnd, 0, ...this.prologue.slice(prologueCount));
    return lines.join('\n');
  }

  /** See {@link GeneratedFactory.callees}: the functions bound as call targets. */
  callees(): number[] {
    const out: number[] = [];
    for (const key of this.bound.keys()) if (key.startsWith('func')) out.push(Number(key.slice(4)));
    return out;
  }

  /** Instructions of the stream the generator has already translated (see {@link constantRemainderNext}). */
  private skip = 0;

  /**
   * If the instructions after the current one are `i64.const m` and `i64.rem_u` with 2^21 ≤ m <
   * 2^32: `m`, and both are taken as translated. Else 0.
   */
  private constantRemainderNext(): number {
    const ins = this.m.instructions;
    const i = this.index;
    if (i + 2 >= ins.ops.length || ins.ops[i + 1] !== Op.i64_const || ins.ops[i + 2] !== Op.i64_rem_u) return 0;
    const at = ins.immStart[i + 1]!;
    const m = ins.imms[at]! >>> 0;
    if ((ins.imms[at + 1]! | 0) !== 0 || m < LARGE_DIVISOR) return 0;
    this.skip = 2;
    return m;
  }

  /** Where {@link extras} start among the values the `catch` captures. */
  extrasStart = 0;

  /** The instruction being translated (its index in the module's instruction stream). */
  private index = 0;

  /**
   * The tests of `plan` before (or after) instruction `i`. A block on the way to an entry loop
   * must start with an empty operand stack (but for an `if`'s condition) and take no parameters:
   * when it is entered for the loop, nothing before it ran.
   */
  private entryTests(plan: EntryPlan, i: number, before: boolean): void {
    if (before && plan.openers.has(i)) {
      const ins = this.m.instructions;
      if (this.frame.unreachable || this.stack.length !== (ins.ops[i] === Op.if ? 1 : 0)) unsupported();
      if (this.blockType(ins.imms[ins.immStart[i]!]!).params.length > 0) unsupported();
    }
    const lines = (before ? plan.before : plan.after).get(i);
    if (lines !== undefined) for (const line of lines) this.emit(line);
  }

  /** A fuel checkpoint charging `cost` (its `site` is set by the caller). */
  private checkpoint(cost: number): string {
    return `if (FUEL[0] <= 0) ${this.helper('checkpoint')}(S); FUEL[0] -= ${cost};`;
  }

  /**
   * Before a call: every value below its arguments goes to its own stack variable (literals
   * too), so that a frame stopped in the callee can be rebuilt from its variables.
   */
  private callSite(offset: number, below: number): void {
    this.sites.set(offset, { kind: 'call', ...this.stableStack(below) });
  }

  /**
   * Makes the values below height `n` readable by a stop: each in its own stack variable, or a
   * literal, whose value the site records instead. (Literals are not written to variables here:
   * inside a nested block the write would not dominate the value's other uses.)
   */
  private stableStack(n: number): Pick<FastSite, 'stack' | 'literals'> {
    const literals: (number | null)[] = [];
    for (let h = 0; h < n; h++) {
      this.materialize(h);
      const v = this.stack[h]!;
      if (!v.literal) literals.push(null);
      else {
        // The catch captures the literal's value too (a number, or a bound constant such as a NaN).
        literals.push(this.captured(v));
      }
    }
    return { stack: this.stack.slice(0, n).map((v) => v.t), literals };
  }

  /** Expressions the `catch` captures after the locals and stack variables: the literals sites refer to. */
  private readonly extras: string[] = [];
  /** Index in {@link extras} of each literal captured so far, by its text (one entry for all sites). */
  private readonly extraIndex = new Map<string, number>();

  /** The index among {@link extras} of literal `v` (an i64's high half right after its low one). */
  private captured(v: Val): number {
    const parts = v.t === I64 ? [v.e, v.h] : [v.e];
    const key = parts.join(' ');
    let index = this.extraIndex.get(key);
    if (index === undefined) {
      index = this.extras.length;
      this.extras.push(...parts);
      this.extraIndex.set(key, index);
    }
    return index;
  }

  private checkType(t: number): void {
    if (t !== I32 && t !== I64 && t !== F32 && t !== F64 && t !== ValType.funcref && t !== ValType.externref) unsupported();
  }

  private fitsResultArea(results: readonly number[]): boolean {
    let words = 0;
    for (const t of results) {
      this.checkType(t);
      words += t === I64 ? 2 : 1;
    }
    return words <= MAX_FAST_RESULT_WORDS;
  }

  /** Binds `expr` (evaluated once per instance) to a closure constant; returns its name. */
  private bind(key: string, expr: string): string {
    let name = this.bound.get(key);
    if (name === undefined) {
      name = `k${this.bound.size}`;
      this.bound.set(key, name);
      this.prologue.push(`var ${name} = ${expr};`);
    }
    return name;
  }

  private helper(name: string): string {
    return this.bind(`H.${name}`, `H.${name}`);
  }

  private math(name: string): string {
    return this.bind(`Math.${name}`, `Math.${name}`);
  }

  private emit(line: string): void {
    this.out.push(line);
  }

  // ---- the symbolic stack ----

  private get frame(): Ctl {
    return this.frames[this.frames.length - 1]!;
  }

  private push(v: Val): void {
    this.stack.push(v);
    if (this.stack.length > this.maxHeight) this.maxHeight = this.stack.length;
  }

  private pop(): Val {
    return this.stack.pop()!;
  }

  /** A value living in stack variable `h` (after a write). */
  private slotVal(h: number, t: number): Val {
    if (h + 1 > this.maxHeight) this.maxHeight = h + 1;
    return { t, e: `s${h}`, h: t === I64 ? `s${h}h` : '', bool: false, locals: [], slot: h, atom: true, literal: false };
  }

  /** A pure expression value. */
  private expr(t: number, e: string, operands: readonly Val[], bool = false): Val {
    let locals: readonly number[] = [];
    let slot = -1;
    for (const o of operands) {
      locals = union(locals, o.locals);
      if (o.slot > slot) slot = o.slot;
    }
    return { t, e, h: '', bool, locals, slot, atom: false, literal: false };
  }

  /** The i32 value of `v` (a boolean becomes 0/1). */
  private int(v: Val): string {
    return v.bool ? `(${v.e} ? 1 : 0)` : v.e;
  }

  /**
   * The JavaScript condition `v !== 0`: an i32 is a number, so its truthiness is that test
   * (without a JIT, one bytecode instead of three).
   */
  private cond(v: Val): string {
    return v.bool || v.atom ? v.e : `(${v.e})`;
  }

  /** Materialises every entry below height `h` that reads stack variable `h` or above. */
  private prepareWrite(h: number): void {
    for (let i = Math.min(h, this.stack.length) - 1; i >= 0; i--) {
      if (this.stack[i]!.slot >= h) this.materialize(i);
    }
  }

  /** Writes value parts to stack variable `h` (guarding the entries that read it). */
  private assign(h: number, t: number, lo: string, hi = ''): Val {
    this.prepareWrite(h);
    if (h + 1 > this.maxHeight) this.maxHeight = h + 1;
    if (t === I64) {
      this.emit(`tl = ${lo}; th = ${hi}; s${h} = tl; s${h}h = th;`);
    } else {
      this.emit(`s${h} = ${lo};`);
      this.lastAssign = { line: this.out.length - 1, h };
    }
    return this.slotVal(h, t);
  }

  /**
   * Writes the top value `v` (just popped from height `h`) to local `x`. A value the line just
   * emitted put into its stack variable (a load, a call's result) is written to the local by that
   * line instead: the variable is dead once popped, as no value below reads it (its assignment
   * materialised those) and nothing ran in between.
   */
  private writeLocal(x: number, v: Val, h: number): void {
    const last = this.lastAssign;
    // (A call's line is followed by the re-read of the memory view, which touches no local.)
    const end = this.out[this.out.length - 1] === REFRESH_VIEW ? this.out.length - 2 : this.out.length - 1;
    if (v.e === `s${h}` && !v.bool && last !== undefined && last.h === h && last.line === end) {
      this.out[last.line] = `l${x}${this.out[last.line]!.slice(`s${h}`.length)}`;
      this.lastAssign = undefined;
      return;
    }
    if (v.e !== `l${x}`) this.emit(`l${x} = ${this.int(v)};`);
  }

  /** Writes `v` into its own stack variable `h` unless it is there (or a literal, when `literals` is false). */
  private materialize(h: number, literals = false): void {
    const v = this.stack[h]!;
    if (v.e === `s${h}` && !v.bool) return;
    if (v.literal && !literals) return;
    this.stack[h] = this.assign(h, v.t, this.int(v), v.h);
  }

  /** Makes every entry stable across control flow: a literal or its own stack variable. */
  private flushAll(): void {
    for (let h = 0; h < this.stack.length; h++) this.materialize(h);
  }

  /** A value that may be repeated: `v` itself if it is an atom, else written to variable `h`. */
  private atom(v: Val, h: number): Val {
    if (v.atom && !v.bool) return v;
    return this.assign(h, v.t, this.int(v), v.h);
  }

  /** Before local `x` is written: materialise every pending value that reads it. */
  private beforeLocalWrite(x: number): void {
    for (let h = 0; h < this.stack.length; h++) if (this.stack[h]!.locals.includes(x)) this.materialize(h);
  }

  // ---- control flow ----

  private blockType(word: number): { params: readonly number[]; results: readonly number[] } {
    if (word === BLOCK_TYPE_EMPTY) return { params: [], results: [] };
    if ((word & BLOCK_TYPE_VALUE) !== 0 && word >>> 0 >= BLOCK_TYPE_VALUE) return { params: [], results: [word & 0x7fffffff] };
    const t = asFuncType(this.m.types[word]);
    return { params: t.params, results: t.results };
  }

  private open(kind: Kind, word: number, condition?: Val): void {
    const { params, results } = this.blockType(word);
    for (const t of [...params, ...results]) this.checkType(t);
    if (this.frames.length >= MAX_NESTING) unsupported();
    this.flushAll();
    const height = this.stack.length - params.length;
    // A loop's branches and an \`if\`'s untaken path deliver these values in their variables.
    if (kind !== Kind.Block) for (let h = height; h < this.stack.length; h++) this.materialize(h, true);
    const label = `L${this.labels++}`;
    this.frames.push({ kind, label, height, params, results, paramVals: this.stack.slice(height), unreachable: false, targeted: false, hasElse: false });
    if (kind === Kind.Block) this.emit(`${label}: {`);
    else if (kind === Kind.Loop) {
      if (this.costs !== null) {
        // The header's checkpoint: a frame stopped there is rebuilt from its stack variables.
        const offset = this.m.instructions.offsets[this.index]!;
        this.sites.set(offset, { kind: 'loop', ...this.stableStack(this.stack.length) });
        let checkpoint = this.checkpoint(this.costs.loops.get(this.index)!);
        // A loop around an entry loop is passed through on the way in, after its checkpoint ran
        // in the interpreter: it charges only on the passes the function makes itself.
        const opener = this.plan?.openers.get(this.index);
        if (opener !== undefined && (opener.lo !== opener.hi || this.plan!.loops[opener.lo - 1] !== this.index)) checkpoint = `if (!osr) { ${checkpoint} }`;
        this.emit(`${label}: for (;;) { site = ${offset}; ${checkpoint}`);
      } else this.emit(`${label}: for (;;) {`);
    } else {
      const opener = this.plan?.openers.get(this.index);
      // On the way to an entry loop, into the arm that leads to it.
      const test = opener !== undefined ? entryCondition(opener, `(${this.cond(condition!)})`) : this.cond(condition!);
      this.emit(`${label}: if (${test}) {`);
    }
  }

  /** Moves the top `n` values to the stack variables from `base` (a branch's carried values). */
  private moveTop(base: number, n: number): string {
    const parts: string[] = [];
    const top = this.stack.length - n;
    for (let k = 0; k < n; k++) {
      const v = this.stack[top + k]!;
      const h = base + k;
      if (v.e === `s${h}` && !v.bool) continue;
      if (h + 1 > this.maxHeight) this.maxHeight = h + 1;
      parts.push(`s${h} = ${this.int(v)};`);
      if (v.t === I64) parts.push(`s${h}h = ${v.h};`);
    }
    return parts.join(' ');
  }

  /** The statements of a branch to the frame at depth `d` (moves, then `break`/`continue`/return). */
  private branch(d: number): string {
    const target = this.frames[this.frames.length - 1 - d]!;
    if (target.kind === Kind.Func) return this.returnSequence();
    if (target.kind === Kind.Loop) {
      return `${this.moveTop(target.height, target.params.length)} continue ${target.label};`.trim();
    }
    target.targeted = true;
    return `${this.moveTop(target.height, target.results.length)} break ${target.label};`.trim();
  }

  private returnSequence(): string {
    const results = this.type.results;
    const n = results.length;
    if (n === 0) return 'return;';
    const vals = this.stack.slice(this.stack.length - n);
    const parts: string[] = [];
    let ii = 0;
    let ff = 0;
    if (results[0] === I64) parts.push(`RI[${ii++}] = ${vals[0]!.h};`);
    for (let j = 1; j < n; j++) {
      const v = vals[j]!;
      if (v.t === I64) {
        parts.push(`RI[${ii++}] = ${v.e};`, `RI[${ii++}] = ${v.h};`);
      } else if (v.t === F32 || v.t === F64) parts.push(`RF[${ff++}] = ${v.e};`);
      else parts.push(`RI[${ii++}] = ${this.int(v)};`);
    }
    // The first result is evaluated before the others' stores could matter: all are pure.
    if (n === 1 && results[0] !== I64) return `return ${this.int(vals[0]!)};`;
    return `tl = ${this.int(vals[0]!)}; ${parts.join(' ')} return tl;`;
  }

  /** Blocks opened inside unreachable code that is being skipped. */
  private skipDepth = 0;

  private instruction(op: number, imm: number, offset: number): void {
    const f = this.frame;
    if (f.unreachable) {
      if (op === Op.block || op === Op.loop || op === Op.if) {
        this.skipDepth++;
        return;
      }
      if (this.skipDepth > 0) {
        if (op === Op.end) this.skipDepth--;
        return;
      }
      if (op !== Op.end && op !== Op.else) return;
    }
    const imms = this.m.instructions.imms;
    switch (op) {
      case Op.unreachable:
        this.emit(`site = ${offset}; ${this.helper('trap')}('unreachable');`);
        this.makeUnreachable();
        return;
      case Op.nop:
        return;
      case Op.block:
        this.open(Kind.Block, imms[imm]!);
        return;
      case Op.loop:
        this.open(Kind.Loop, imms[imm]!);
        return;
      case Op.if: {
        const c = this.pop();
        this.open(Kind.If, imms[imm]!, c);
        return;
      }
      case Op.else:
        this.elseArm();
        return;
      case Op.end:
        this.end();
        return;
      case Op.br:
        this.emit(this.branch(imms[imm]!));
        this.makeUnreachable();
        return;
      case Op.br_if: {
        const c = this.pop();
        this.emit(`if (${this.cond(c)}) { ${this.branch(imms[imm]!)} }`);
        return;
      }
      case Op.br_table:
        this.brTable(imm);
        return;
      case Op.return:
        this.emit(this.returnSequence());
        this.makeUnreachable();
        return;
      case Op.call:
        this.call(offset, imms[imm]!);
        return;
      case Op.call_indirect:
        this.callIndirect(offset, imms[imm]!, imms[imm + 1]!);
        return;
      case Op.drop:
        this.pop();
        return;
      case Op.select:
      case Op.select_typed:
        this.select();
        return;
      case Op.local_get: {
        const x = imms[imm]!;
        const t = this.localTypes[x]!;
        this.push({ t, e: `l${x}`, h: t === I64 ? `l${x}h` : '', bool: false, locals: [x], slot: -1, atom: true, literal: false });
        return;
      }
      case Op.local_set:
      case Op.local_tee: {
        const x = imms[imm]!;
        const v = this.pop();
        this.beforeLocalWrite(x);
        if (v.t === I64) {
          if (v.e === `l${x}`) {
            // Writing a local to itself.
          } else this.emit(`l${x} = ${v.e}; l${x}h = ${v.h};`);
        } else this.writeLocal(x, v, this.stack.length);
        if (op === Op.local_tee) {
          const t = this.localTypes[x]!;
          this.push({ t, e: `l${x}`, h: t === I64 ? `l${x}h` : '', bool: false, locals: [x], slot: -1, atom: true, literal: false });
        }
        return;
      }
      case Op.global_get:
        this.globalGet(imms[imm]!);
        return;
      case Op.global_set:
        this.globalSet(imms[imm]!);
        return;
      case Op.i32_const:
        this.push(lit(i32Lit(imms[imm]! | 0), I32));
        return;
      case Op.i64_const:
        this.push({ ...lit(i32Lit(imms[imm]! | 0), I64), h: i32Lit(imms[imm + 1]! | 0) });
        return;
      case Op.f32_const:
        this.push(lit(this.f32Const(imms[imm]! | 0), F32));
        return;
      case Op.f64_const:
        this.push(lit(this.f64Const(imms[imm]! | 0, imms[imm + 1]! | 0), F64));
        return;
      case Op.ref_null:
        this.push(lit('0', imms[imm]! === 0x70 ? ValType.funcref : ValType.externref));
        return;
      case Op.ref_is_null: {
        const v = this.pop();
        this.push(this.expr(I32, `(${v.e} === 0)`, [v], true));
        return;
      }
      case Op.ref_func: {
        const n = imms[imm]!;
        this.push(lit(this.bind(`ref${n}`, `$.funcs[${n}].ref`), ValType.funcref));
        return;
      }
      case Op.memory_size:
        this.bindMemory();
        this.push(this.assign(this.stack.length, I32, 'M.pages'));
        return;
      case Op.memory_grow: {
        this.bindMemory();
        const n = this.pop();
        this.push(this.assign(this.stack.length, I32, `${this.helper('memoryGrow')}(M, ${this.int(n)})`));
        this.emit('dv = M.dv;');
        return;
      }
      default:
        if (this.memoryAccess(op, imm, offset)) return;
        if (this.numeric(op, offset)) return;
        if (this.bulk(op, imm, offset)) return;
        unsupported();
    }
  }

  private makeUnreachable(): void {
    const f = this.frame;
    f.unreachable = true;
    this.skipDepth = 0;
    this.stack.length = Math.max(f.height, 0);
  }

  private elseArm(): void {
    const f = this.frame;
    if (!f.unreachable) {
      const moves = this.moveTop(f.height, f.results.length);
      if (moves) this.emit(moves);
      f.targeted = true;
    }
    f.hasElse = true;
    this.emit('} else {');
    this.stack.length = f.height;
    for (const v of f.paramVals) this.stack.push(v);
    f.unreachable = false;
    this.skipDepth = 0;
  }

  private end(): void {
    const f = this.frames.pop()!;
    const reachable = !f.unreachable;
    if (f.kind === Kind.Func) {
      if (reachable) this.emit(this.returnSequence());
      return;
    }
    if (reachable) {
      const moves = this.moveTop(f.height, f.results.length);
      if (moves) this.emit(moves);
      if (f.kind === Kind.Loop) this.emit(`break ${f.label};`);
    }
    // An `if` without `else` passes its parameters through as its results when not taken.
    const after = reachable || f.targeted || (f.kind === Kind.If && !f.hasElse);
    this.emit('}');
    this.stack.length = f.height;
    for (let k = 0; k < f.results.length; k++) this.push(this.slotVal(f.height + k, f.results[k]!));
    if (!after) this.makeUnreachable();
    else this.skipDepth = 0;
  }

  private brTable(imm: number): void {
    const imms = this.m.instructions.imms;
    const n = imms[imm]!;
    const idx = this.pop();
    const cases = new Map<string, number[]>();
    for (let k = 0; k <= n; k++) {
      const code = this.branch(imms[imm + 1 + k]!);
      let list = cases.get(code);
      if (list === undefined) cases.set(code, (list = []));
      list.push(k === n ? -1 : k);
    }
    const lines = [`switch (${this.int(idx)}) {`];
    for (const [code, ks] of cases) {
      const labels = ks.map((k) => (k < 0 ? 'default:' : `case ${k}:`)).join(' ');
      lines.push(`${labels} { ${code} }`);
    }
    lines.push('}');
    this.emit(lines.join('\n'));
    this.makeUnreachable();
  }

  // ---- calls ----

  /** Pops the arguments of a call of type `t`; returns them as parameters (an i64 as two). */
  private args(t: FuncType): string[] {
    const n = t.params.length;
    const vals = this.stack.splice(this.stack.length - n, n);
    return vals.flatMap((v) => (v.t === I64 ? [v.e, v.h] : [this.int(v)]));
  }

  /**
   * Pushes the results of a call of type `t`. `emitCall` emits the call with `assign` before it
   * (the first result is its return value; `assign` is empty when there is none).
   */
  private results(t: FuncType, emitCall: (assign: string) => void): void {
    const n = t.results.length;
    const h = this.stack.length;
    for (let k = 0; k < n; k++) this.prepareWrite(h + k);
    if (n === 0) {
      emitCall('');
    } else {
      if (!this.fitsResultArea(t.results)) unsupported();
      emitCall(`s${h} = `);
      if (n === 1 && t.results[0] !== I64 && this.out[this.out.length - 1]!.startsWith(`s${h} = `)) {
        this.lastAssign = { line: this.out.length - 1, h };
      }
      const parts: string[] = [];
      let ii = 0;
      let ff = 0;
      if (t.results[0] === I64) parts.push(`s${h}h = RI[${ii++}];`);
      for (let k = 1; k < n; k++) {
        const r = t.results[k]!;
        if (r === I64) parts.push(`s${h + k} = RI[${ii++}]; s${h + k}h = RI[${ii++}];`);
        else if (r === F32 || r === F64) parts.push(`s${h + k} = RF[${ff++}];`);
        else parts.push(`s${h + k} = RI[${ii++}];`);
      }
      if (parts.length > 0) this.emit(parts.join(' '));
      for (let k = 0; k < n; k++) this.push(this.slotVal(h + k, t.results[k]!));
    }
    // The callee may have grown the memory: re-read the view (if the function uses memory at all).
    this.emit(REFRESH_VIEW);
  }

  private call(offset: number, index: number): void {
    const t = this.shape.funcTypes[index]!;
    for (const p of t.params) this.checkType(p);
    // A recursive call names the generated function itself: a call target the JavaScript engine
    // knows statically (no property load, no target check), so it can inline it.
    const callee = index === this.funcIndex ? `wasm$${index}` : `${this.bind(`func${index}`, `$.funcs[${index}]`)}.fastCall`;
    this.callSite(offset, this.stack.length - t.params.length);
    const args = ['d + 1', ...this.args(t)].join(', ');
    this.emit(`site = ${offset};`);
    this.results(t, (assign) => this.emit(`${assign}${callee}(${args});`));
  }

  private callIndirect(offset: number, typeIndex: number, table: number): void {
    const t = asFuncType(this.m.types[typeIndex]);
    for (const p of t.params) this.checkType(p);
    this.callSite(offset, this.stack.length - 1 - t.params.length);
    const idx = this.pop();
    const tab = this.bind(`table${table}`, `$.tables[${table}]`);
    const tid = this.bind(`type${typeIndex}`, `$.typeIds[${typeIndex}]`);
    const target = `${this.helper('indirect')}(S, ${tab}, ${this.int(idx)}, ${tid})`;
    // The arguments are pure expressions, so looking the target up first is not observable.
    const args = this.args(t);
    this.emit(`site = ${offset};`);
    const candidates = this.shape.indirectTargets.candidates(table, t);
    if (candidates === undefined) {
      this.results(t, (assign) => this.emit(`${assign}${target}.fastCall(${['d + 1', ...args].join(', ')});`));
      return;
    }
    // One call site per function the table is expected to hold (see `indirect-targets.ts`).
    const names = args.map((_, k) => `ca${k}`);
    const list = ['d + 1', ...names].join(', ');
    const bindings = args.map((a, k) => `, ${names[k]} = ${a}`).join('');
    this.results(t, (assign) => {
      const cases = candidates.map((f) => {
        const fn = this.bind(`func${f}`, `$.funcs[${f}]`);
        return `case ${fn}: ${assign}${fn}.fastCall(${list}); break;`;
      });
      this.emit(`{ const cf = ${target}${bindings}; switch (cf) { ${cases.join(' ')} default: ${assign}cf.fastCall(${list}); } }`);
    });
  }

  private select(): void {
    const c = this.pop();
    const b = this.pop();
    const a = this.pop();
    const h = this.stack.length;
    if (a.t === I64) {
      const cc = this.cond(this.atom(c, h + 2));
      this.push(this.assign(h, I64, `${cc} ? ${a.e} : ${b.e}`, `${cc} ? ${a.h} : ${b.h}`));
      return;
    }
    this.push(this.expr(a.t, `(${this.cond(c)} ? ${this.int(a)} : ${this.int(b)})`, [a, b, c]));
  }

  // ---- globals ----

  private globalGet(index: number): void {
    const g = this.shape.globals[index]!;
    this.checkType(g.type);
    const h = this.stack.length;
    if (g.type === F64) {
      const view = this.bind(`gf${index}`, `$.globals[${index}].f64`);
      this.push(this.assign(h, F64, `${view}[0]`));
      return;
    }
    const view = this.bind(`g${index}`, `$.globals[${index}].i32`);
    if (g.type === I64) this.push(this.assign(h, I64, `${view}[0]`, `${view}[1]`));
    else if (g.type === F32) this.push(this.assign(h, F32, `${this.helper('f32n')}(${view}[0])`));
    else this.push(this.assign(h, g.type, `${view}[0]`));
  }

  private globalSet(index: number): void {
    const g = this.shape.globals[index]!;
    const v = this.pop();
    if (g.type === F64) {
      this.emit(`${this.bind(`gf${index}`, `$.globals[${index}].f64`)}[0] = ${v.e};`);
      return;
    }
    const view = this.bind(`g${index}`, `$.globals[${index}].i32`);
    if (g.type === I64) this.emit(`${view}[0] = ${v.e}; ${view}[1] = ${v.h};`);
    else if (g.type === F32) this.emit(`${view}[0] = ${this.helper('f32b')}(${v.e});`);
    else if (g.type === ValType.funcref) {
      const a = this.atom(v, this.stack.length);
      this.emit(`${view}[0] = ${a.e}; S.keepFunc(${a.e});`);
    } else this.emit(`${view}[0] = ${this.int(v)};`);
  }

  // ---- memory ----

  private bindMemory(): void {
    if (!this.usesMemory) this.prologue.push('var M = $.memories[0];');
    this.usesMemory = true;
  }

  /**
   * The byte index of an access at `a` + `offset`. `signedOk`: a negative index may stand for an
   * address of 2^31 or more (see {@link FactoryOptions.memoryBelow2GiB}), which saves an operator
   * per access where there is no JIT to fold it; not with a static offset, which could carry a
   * negative index back into bounds, and not where a second access at index + 4 runs first.
   */
  private address(a: Val, offset: number, signedOk = true): string {
    if (a.literal) return String((literalValue(a) >>> 0) + offset);
    const base = a.unsigned === true || (signedOk && offset === 0 && this.memoryBelow2GiB) ? a.e : `(${a.e} >>> 0)`;
    return offset === 0 ? base : `(${base} + ${offset})`;
  }

  private memoryAccess(op: number, imm: number, offset: number): boolean {
    const info = LOADS.get(op) ?? STORES.get(op);
    if (info === undefined) return false;
    this.bindMemory();
    const off = this.m.instructions.imms[imm + 1]!;
    // The access records its site in its last argument: \`site = offset\` is DataView's
    // \`littleEndian\` (an offset is a positive byte offset, so true), and an extra argument the
    // byte accessors ignore. The assignment runs before the access can trap, and in a JavaScript
    // engine without a JIT it saves the separate statement's instructions (and \`true\`'s).
    const site = offset > 0 ? `site = ${offset}` : 'true';
    if (offset <= 0) this.emit(`site = ${offset};`);
    if (LOADS.has(op)) {
      const [t, get, ext] = LOADS.get(op)!;
      const a = this.pop();
      const h = this.stack.length;
      const aa = t === I64 || t === F32 ? this.atom(a, h) : a;
      const A = this.address(aa, off);
      if (t === I64) {
        if (ext === 'pair') this.push(this.assign(h, I64, `dv.getInt32(${A}, ${site})`, `dv.getInt32(${A} + 4, true)`));
        else {
          const lo = this.assign(h, I32, `dv.${get}(${A}, ${site})`);
          this.push(this.assign(h, I64, lo.e, ext === 's' ? `${lo.e} >> 31` : '0'));
        }
      } else if (t === F32) {
        const v = this.assign(h, F32, `dv.getFloat32(${A}, ${site})`);
        this.emit(`if (${v.e} !== ${v.e}) ${v.e} = ${this.helper('f32n')}(dv.getInt32(${A}, true));`);
        this.push(v);
      } else this.push(this.assign(h, t, `dv.${get}(${A}, ${site})`));
      return true;
    }
    const [t, set] = STORES.get(op)!;
    const v = this.pop();
    const a = this.pop();
    const h = this.stack.length;
    if (t === I64 && set === 'pair') {
      const aa = this.atom(a, h);
      const A = this.address(aa, off, false);
      // The high word first: if it is out of bounds nothing has been written.
      this.emit(`dv.setInt32(${A} + 4, ${v.h}, ${site}); dv.setInt32(${A}, ${v.e}, true);`);
    } else if (t === F32) {
      const aa = this.atom(a, h);
      const vv = this.atom(v, h + 1);
      const A = this.address(aa, off);
      this.emit(`if (${vv.e} !== ${vv.e}) dv.setInt32(${A}, ${this.helper('f32b')}(${vv.e}), ${site}); else dv.setFloat32(${A}, ${vv.e}, ${site});`);
    } else {
      const A = this.address(a, off);
      this.emit(`dv.${set}(${A}, ${this.int(v)}, ${site});`);
    }
    return true;
  }

  // ---- constants ----

  private f32Const(bits: number): string {
    const buf = new DataView(new ArrayBuffer(4));
    buf.setInt32(0, bits, true);
    const x = buf.getFloat32(0, true);
    return numLit(x) ?? this.bind(`f32:${bits}`, `H.f32n(${bits})`);
  }

  private f64Const(lo: number, hi: number): string {
    const buf = new DataView(new ArrayBuffer(8));
    buf.setInt32(0, lo, true);
    buf.setInt32(4, hi, true);
    const x = buf.getFloat64(0, true);
    return numLit(x) ?? this.bind(`f64:${lo}:${hi}`, `H.f64n(${lo}, ${hi})`);
  }

  // ---- numeric instructions ----

  private numeric(op: number, offset: number): boolean {
    const un = UNARY.get(op);
    if (un !== undefined) {
      const a = this.pop();
      this.unary(op, un, a, offset);
      return true;
    }
    const bin = BINARY.get(op);
    if (bin !== undefined) {
      const b = this.pop();
      const a = this.pop();
      this.binary(op, bin, a, b, offset);
      return true;
    }
    return false;
  }

  private unary(op: number, [t, r]: readonly [number, number], a: Val, offset: number): void {
    const h = this.stack.length;
    const x = this.int(a);
    const fround = (): string => this.math('fround');
    const pure = (e: string, bool = false): void => this.push(this.expr(r, e, [a], bool));
    const trapping = (e: string): void => {
      this.emit(`site = ${offset};`);
      this.push(this.assign(h, r, e));
    };
    const wide = (lo: string, hi: string): void => this.push(this.assign(h, I64, lo, hi));
    switch (op) {
      // `!x`, not `x === 0`: one bytecode fewer without a JIT, the same machine code with one.
      case Op.i32_eqz: return pure(a.bool || a.atom ? `!${a.e}` : `!(${x})`, true);
      case Op.i64_eqz: return pure(`!(${a.e} | ${a.h})`, true);
      case Op.i32_clz: return pure(`${this.math('clz32')}(${x})`);
      case Op.i32_ctz: return pure(`${this.helper('ctz32')}(${x})`);
      case Op.i32_popcnt: return pure(`${this.helper('popcnt32')}(${x})`);
      case Op.i64_clz: return wide(`${this.helper('clz64')}(${a.e}, ${a.h})`, '0');
      case Op.i64_ctz: return wide(`${this.helper('ctz64')}(${a.e}, ${a.h})`, '0');
      case Op.i64_popcnt: return wide(`(${this.helper('popcnt32')}(${a.e}) + ${this.helper('popcnt32')}(${a.h}))`, '0');
      case Op.f32_abs: case Op.f64_abs: return pure(`${this.math('abs')}(${x})`);
      case Op.f32_neg: case Op.f64_neg: return pure(`(-${x})`);
      case Op.f32_ceil: case Op.f64_ceil: return pure(`${this.helper('fceil')}(${x})`);
      case Op.f32_floor: case Op.f64_floor: return pure(`${this.helper('ffloor')}(${x})`);
      case Op.f32_trunc: case Op.f64_trunc: return pure(`${this.helper('ftrunc')}(${x})`);
      case Op.f32_nearest: case Op.f64_nearest: return pure(`${this.helper('nearest')}(${x})`);
      case Op.f32_sqrt: return pure(`${fround()}(${this.math('sqrt')}(${x}))`);
      case Op.f64_sqrt: return pure(`${this.math('sqrt')}(${x})`);
      case Op.i32_wrap_i64: return this.push({ ...a, t: I32, h: '' });
      case Op.i32_trunc_f32_s: case Op.i32_trunc_f64_s: return trapping(`${this.helper('truncI32S')}(${x})`);
      case Op.i32_trunc_f32_u: case Op.i32_trunc_f64_u: return trapping(`${this.helper('truncI32U')}(${x})`);
      case Op.i32_trunc_sat_f32_s: case Op.i32_trunc_sat_f64_s: return pure(`${this.helper('truncSatI32S')}(${x})`);
      case Op.i32_trunc_sat_f32_u: case Op.i32_trunc_sat_f64_u: return pure(`${this.helper('truncSatI32U')}(${x})`);
      case Op.i64_extend_i32_s: {
        const v = this.atom(a, h);
        return wide(v.e, `${v.e} >> 31`);
      }
      case Op.i64_extend_i32_u: return wide(x, '0');
      case Op.i64_trunc_f32_s: case Op.i64_trunc_f64_s: this.emit(`site = ${offset};`); return wide(`${this.helper('truncI64S')}(${x})`, 'W[1]');
      case Op.i64_trunc_f32_u: case Op.i64_trunc_f64_u: this.emit(`site = ${offset};`); return wide(`${this.helper('truncI64U')}(${x})`, 'W[1]');
      case Op.i64_trunc_sat_f32_s: case Op.i64_trunc_sat_f64_s: return wide(`${this.helper('truncSatI64S')}(${x})`, 'W[1]');
      case Op.i64_trunc_sat_f32_u: case Op.i64_trunc_sat_f64_u: return wide(`${this.helper('truncSatI64U')}(${x})`, 'W[1]');
      case Op.f32_convert_i32_s: return pure(`${fround()}(${x})`);
      case Op.f32_convert_i32_u: return pure(`${fround()}(${x} >>> 0)`);
      case Op.f64_convert_i32_s: return pure(`(${x})`);
      case Op.f64_convert_i32_u: return pure(`(${x} >>> 0)`);
      case Op.f32_convert_i64_s: return pure(`${this.helper('i64ToF32S')}(${a.e}, ${a.h})`);
      case Op.f32_convert_i64_u: return pure(`${this.helper('i64ToF32U')}(${a.e}, ${a.h})`);
      case Op.f64_convert_i64_s: return pure(`${this.helper('i64ToF64S')}(${a.e}, ${a.h})`);
      case Op.f64_convert_i64_u: return pure(`${this.helper('i64ToF64U')}(${a.e}, ${a.h})`);
      case Op.f32_demote_f64: return pure(`${fround()}(${x})`);
      case Op.f64_promote_f32: return pure(`${this.helper('promote')}(${x})`);
      case Op.i32_reinterpret_f32: return pure(`${this.helper('f32b')}(${x})`);
      case Op.f32_reinterpret_i32: return pure(`${this.helper('f32n')}(${x})`);
      case Op.i64_reinterpret_f64: return wide(`${this.helper('f64lo')}(${x})`, 'W[1]');
      case Op.f64_reinterpret_i64: return pure(`${this.helper('f64n')}(${a.e}, ${a.h})`);
      case Op.i32_extend8_s: return pure(`((${x} << 24) >> 24)`);
      case Op.i32_extend16_s: return pure(`((${x} << 16) >> 16)`);
      case Op.i64_extend8_s: {
        const lo = this.assign(h, I32, `(${a.e} << 24) >> 24`);
        return wide(lo.e, `${lo.e} >> 31`);
      }
      case Op.i64_extend16_s: {
        const lo = this.assign(h, I32, `(${a.e} << 16) >> 16`);
        return wide(lo.e, `${lo.e} >> 31`);
      }
      case Op.i64_extend32_s: return wide(a.e, `${a.e} >> 31`);
    }
    unsupported();
  }

  private binary(op: number, [t]: readonly [number, number], a: Val, b: Val, offset: number): void {
    const h = this.stack.length;
    const x = this.int(a);
    const y = this.int(b);
    const pure = (rt: number, e: string, bool = false): void => this.push(this.expr(rt, e, [a, b], bool));
    const fround = (): string => this.math('fround');
    // Without a JIT every operator is a bytecode, so a literal's unsigned value and `32 - n`
    // are folded here rather than left to an optimising compiler that may not exist.
    const ux = a.literal ? String(literalValue(a) >>> 0) : a.unsigned === true ? x : `(${x} >>> 0)`;
    const uy = b.literal ? String(literalValue(b) >>> 0) : b.unsigned === true ? y : `(${y} >>> 0)`;
    const unsigned = (e: string): void => this.push({ ...this.expr(I32, e, [a, b]), unsigned: true });
    if (t === I32) {
      switch (op) {
        case Op.i32_add: return pure(I32, `(${x} + ${y} | 0)`);
        case Op.i32_sub: return pure(I32, `(${x} - ${y} | 0)`);
        case Op.i32_mul: return pure(I32, `${this.math('imul')}(${x}, ${y})`);
        case Op.i32_and: {
          const mask = b.literal ? literalValue(b) : a.literal ? literalValue(a) : -1;
          return mask >= 0 ? unsigned(`(${x} & ${y})`) : pure(I32, `(${x} & ${y})`);
        }
        case Op.i32_or: return pure(I32, `(${x} | ${y})`);
        case Op.i32_xor: return pure(I32, `(${x} ^ ${y})`);
        case Op.i32_shl: return pure(I32, `(${x} << ${y})`);
        case Op.i32_shr_s: return pure(I32, `(${x} >> ${y})`);
        // A shift by a nonzero constant leaves at most 31 bits: already an int32, no `| 0`.
        case Op.i32_shr_u:
          return b.literal && (literalValue(b) & 31) !== 0 ? unsigned(`(${x} >>> ${literalValue(b) & 31})`) : pure(I32, `(${x} >>> ${y} | 0)`);
        case Op.i32_rotl:
        case Op.i32_rotr: {
          const p = this.atom(a, h);
          const q = this.atom(b, h + 1);
          const [l, r] = op === Op.i32_rotl ? ['<<', '>>>'] : ['>>>', '<<'];
          const back = q.literal ? String(32 - (literalValue(q) & 31)) : `(32 - ${q.e})`;
          return this.push(this.expr(I32, `((${p.e} ${l} ${q.e}) | (${p.e} ${r} ${back}))`, [p, q]));
        }
        case Op.i32_eq: return pure(I32, `(${x} === ${y})`, true);
        case Op.i32_ne: return pure(I32, `(${x} !== ${y})`, true);
        case Op.i32_lt_s: return pure(I32, `(${x} < ${y})`, true);
        case Op.i32_lt_u: return pure(I32, `(${ux} < ${uy})`, true);
        case Op.i32_gt_s: return pure(I32, `(${x} > ${y})`, true);
        case Op.i32_gt_u: return pure(I32, `(${ux} > ${uy})`, true);
        case Op.i32_le_s: return pure(I32, `(${x} <= ${y})`, true);
        case Op.i32_le_u: return pure(I32, `(${ux} <= ${uy})`, true);
        case Op.i32_ge_s: return pure(I32, `(${x} >= ${y})`, true);
        case Op.i32_ge_u: return pure(I32, `(${ux} >= ${uy})`, true);
        case Op.i32_div_s: case Op.i32_div_u: case Op.i32_rem_s: case Op.i32_rem_u: {
          const name = op === Op.i32_div_s ? 'divS32' : op === Op.i32_div_u ? 'divU32' : op === Op.i32_rem_s ? 'remS32' : 'remU32';
          this.emit(`site = ${offset};`);
          return this.push(this.assign(h, I32, `${this.helper(name)}(${x}, ${y})`));
        }
      }
      unsupported();
    }
    if (t === I64) {
      const wide = (lo: string, hi: string): void => this.push(this.assign(h, I64, lo, hi));
      const [al, ah, bl, bh] = [a.e, a.h, b.e, b.h];
      switch (op) {
        case Op.i64_add: return wide(`(${al} + ${bl}) | 0`, `(${ah} + ${bh} + (((${al} + ${bl}) >>> 0) < (${al} >>> 0) ? 1 : 0)) | 0`);
        case Op.i64_sub: return wide(`(${al} - ${bl}) | 0`, `(${ah} - ${bh} - ((${al} >>> 0) < (${bl} >>> 0) ? 1 : 0)) | 0`);
        case Op.i64_mul: {
          const m = this.constantRemainderNext();
          if (m !== 0) {
            // `a * b % m` (modular arithmetic): one helper, which skips the product's high word
            // when both factors are below 2^32.
            return wide(`${this.helper('mulRemU64cLarge')}(${al}, ${ah}, ${bl}, ${bh}, ${m}, ${1 / m})`, '0');
          }
          const imul = this.math('imul');
          return wide(`${imul}(${al}, ${bl})`, `(${this.helper('umulhi')}(${al}, ${bl}) + ${imul}(${al}, ${bh}) + ${imul}(${ah}, ${bl})) | 0`);
        }
        case Op.i64_and: return wide(`${al} & ${bl}`, `${ah} & ${bh}`);
        case Op.i64_or: return wide(`${al} | ${bl}`, `${ah} | ${bh}`);
        case Op.i64_xor: return wide(`${al} ^ ${bl}`, `${ah} ^ ${bh}`);
        case Op.i64_shl: case Op.i64_shr_s: case Op.i64_shr_u: {
          if (b.literal) return this.constShift(op, a, literalValue(b) & 63);
          const name = op === Op.i64_shl ? 'shl64' : op === Op.i64_shr_s ? 'shrS64' : 'shrU64';
          return wide(`${this.helper(name)}(${al}, ${ah}, ${bl})`, 'W[1]');
        }
        case Op.i64_rotl: case Op.i64_rotr: {
          if (b.literal) {
            const k = literalValue(b) & 63;
            return this.constRotate(a, op === Op.i64_rotl ? k : (64 - k) & 63);
          }
          return wide(`${this.helper(op === Op.i64_rotl ? 'rotl64' : 'rotr64')}(${al}, ${ah}, ${bl})`, 'W[1]');
        }
        case Op.i64_div_u: case Op.i64_rem_u: {
          // By a constant below 2^32 (hashes, modular arithmetic): no trap possible, and the
          // division steps multiply by the divisor's reciprocal.
          const m = b.literal ? literalValue(b) >>> 0 : 0;
          if (b.literal && bh === '0' && m !== 0) {
            const c = TWO32 % m;
            if (op === Op.i64_rem_u && c <= MAX_FOLD) return wide(`${this.helper('remU64cFolded')}(${al}, ${ah}, ${m}, ${1 / m}, ${c})`, '0');
            const name = (op === Op.i64_div_u ? 'divU64c' : 'remU64c') + (m >= LARGE_DIVISOR ? 'Large' : '');
            return wide(`${this.helper(name)}(${al}, ${ah}, ${m}, ${1 / m})`, op === Op.i64_div_u ? 'W[1]' : '0');
          }
          return this.divide(op, a, b, offset);
        }
        case Op.i64_div_s: case Op.i64_rem_s:
          return this.divide(op, a, b, offset);
        case Op.i64_eq: return pure(I32, `(${al} === ${bl} && ${ah} === ${bh})`, true);
        case Op.i64_ne: return pure(I32, `(${al} !== ${bl} || ${ah} !== ${bh})`, true);
      }
      const cmp = I64_COMPARE.get(op);
      if (cmp !== undefined) {
        const [rel, signed] = cmp;
        const hiA = signed ? ah : `(${ah} >>> 0)`;
        const hiB = signed ? bh : `(${bh} >>> 0)`;
        return pure(I32, `(${hiA} ${rel[0]} ${hiB} || (${ah} === ${bh} && (${al} >>> 0) ${rel} (${bl} >>> 0)))`, true);
      }
      unsupported();
    }
    // f32 and f64
    const r = (e: string): string => (t === F32 ? `${fround()}(${e})` : `(${e})`);
    switch (op) {
      case Op.f32_add: case Op.f64_add: return pure(t, r(`${x} + ${y}`));
      case Op.f32_sub: case Op.f64_sub: return pure(t, r(`${x} - ${y}`));
      case Op.f32_mul: case Op.f64_mul: return pure(t, r(`${x} * ${y}`));
      case Op.f32_div: case Op.f64_div: return pure(t, r(`${x} / ${y}`));
      case Op.f32_min: case Op.f64_min: return pure(t, `${this.helper('fmin')}(${x}, ${y})`);
      case Op.f32_max: case Op.f64_max: return pure(t, `${this.helper('fmax')}(${x}, ${y})`);
      case Op.f32_copysign: case Op.f64_copysign: return pure(t, `${this.helper('copysign')}(${x}, ${y})`);
      case Op.f32_eq: case Op.f64_eq: return pure(I32, `(${x} === ${y})`, true);
      case Op.f32_ne: case Op.f64_ne: return pure(I32, `(${x} !== ${y})`, true);
      case Op.f32_lt: case Op.f64_lt: return pure(I32, `(${x} < ${y})`, true);
      case Op.f32_gt: case Op.f64_gt: return pure(I32, `(${x} > ${y})`, true);
      case Op.f32_le: case Op.f64_le: return pure(I32, `(${x} <= ${y})`, true);
      case Op.f32_ge: case Op.f64_ge: return pure(I32, `(${x} >= ${y})`, true);
    }
    unsupported();
  }

  /** 64-bit division and remainder (which trap on a zero divisor and on overflow). */
  private divide(op: number, a: Val, b: Val, offset: number): void {
    const name = op === Op.i64_div_s ? 'divS64' : op === Op.i64_div_u ? 'divU64' : op === Op.i64_rem_s ? 'remS64' : 'remU64';
    this.emit(`site = ${offset};`);
    this.push(this.assign(this.stack.length, I64, `${this.helper(name)}(${a.e}, ${a.h}, ${b.e}, ${b.h})`, 'W[1]'));
  }

  private constShift(op: number, a: Val, k: number): void {
    const h = this.stack.length;
    const [l, hi] = [a.e, a.h];
    const wide = (lo: string, high: string): void => this.push(this.assign(h, I64, lo, high));
    if (k === 0) return wide(l, hi);
    if (op === Op.i64_shl) {
      if (k < 32) return wide(`${l} << ${k}`, `(${hi} << ${k}) | (${l} >>> ${32 - k})`);
      return wide('0', `${l} << ${k - 32}`);
    }
    if (op === Op.i64_shr_u) {
      if (k < 32) return wide(`(${l} >>> ${k}) | (${hi} << ${32 - k})`, `(${hi} >>> ${k}) | 0`);
      return wide(`(${hi} >>> ${k - 32}) | 0`, '0');
    }
    if (k < 32) return wide(`(${l} >>> ${k}) | (${hi} << ${32 - k})`, `${hi} >> ${k}`);
    return wide(`${hi} >> ${k - 32}`, `${hi} >> 31`);
  }

  /** `i64.rotl` by the constant `k` (0..63): the words' own shifts, no helper call. */
  private constRotate(a: Val, k: number): void {
    const h = this.stack.length;
    // Both words are read twice: name them once.
    const v = this.atom(a, h);
    let [l, hi] = [v.e, v.h];
    if (k >= 32) {
      [l, hi] = [hi, l];
      k -= 32;
    }
    if (k === 0) return this.push(this.assign(h, I64, l, hi));
    this.push(this.assign(h, I64, `(${l} << ${k}) | (${hi} >>> ${32 - k})`, `(${hi} << ${k}) | (${l} >>> ${32 - k})`));
  }

  // ---- bulk memory and tables ----

  private bulk(op: number, imm: number, offset: number): boolean {
    const imms = this.m.instructions.imms;
    const h = (): number => this.stack.length;
    const three = (): [string, string, string] => {
      const c = this.pop();
      const b = this.pop();
      const a = this.pop();
      return [this.int(a), this.int(b), this.int(c)];
    };
    const site = `site = ${offset};`;
    switch (op) {
      case Op.memory_init: {
        this.bindMemory();
        const datas = this.bind('datas', '$.datas');
        const [d, s, n] = three();
        this.emit(`${site} ${this.helper('memoryInit')}(M, ${datas}[${imms[imm]!}], ${d}, ${s}, ${n});`);
        return true;
      }
      case Op.data_drop:
        this.emit(`${this.bind('datas', '$.datas')}[${imms[imm]!}] = null;`);
        return true;
      case Op.memory_copy: {
        this.bindMemory();
        const [d, s, n] = three();
        this.emit(`${site} ${this.helper('memoryCopy')}(M, ${d}, ${s}, ${n});`);
        return true;
      }
      case Op.memory_fill: {
        this.bindMemory();
        const [d, v, n] = three();
        this.emit(`${site} ${this.helper('memoryFill')}(M, ${d}, ${v}, ${n});`);
        return true;
      }
      case Op.table_get: {
        const i = this.pop();
        const tab = this.bind(`table${imms[imm]!}`, `$.tables[${imms[imm]!}]`);
        this.emit(site);
        this.push(this.assign(h(), this.shape.tableTypes[imms[imm]!]!, `${this.helper('tableGet')}(${tab}, ${this.int(i)})`));
        return true;
      }
      case Op.table_set: {
        const v = this.pop();
        const i = this.pop();
        const tab = this.bind(`table${imms[imm]!}`, `$.tables[${imms[imm]!}]`);
        this.emit(`${site} ${this.helper('tableSet')}(S, ${tab}, ${this.int(i)}, ${v.e});`);
        return true;
      }
      case Op.table_size: {
        const tab = this.bind(`table${imms[imm]!}`, `$.tables[${imms[imm]!}]`);
        this.push(this.assign(h(), I32, `${tab}.elements.length`));
        return true;
      }
      case Op.table_grow: {
        const n = this.pop();
        const v = this.pop();
        const tab = this.bind(`table${imms[imm]!}`, `$.tables[${imms[imm]!}]`);
        this.push(this.assign(h(), I32, `${this.helper('tableGrow')}(S, ${tab}, ${v.e}, ${this.int(n)})`));
        return true;
      }
      case Op.table_fill: {
        const n = this.pop();
        const v = this.pop();
        const i = this.pop();
        const tab = this.bind(`table${imms[imm]!}`, `$.tables[${imms[imm]!}]`);
        this.emit(`${site} ${this.helper('tableFill')}(S, ${tab}, ${this.int(i)}, ${v.e}, ${this.int(n)});`);
        return true;
      }
      case Op.table_init: {
        const elems = this.bind('elems', '$.elems');
        const tab = this.bind(`table${imms[imm + 1]!}`, `$.tables[${imms[imm + 1]!}]`);
        const [d, s, n] = three();
        this.emit(`${site} ${this.helper('tableInit')}(S, ${tab}, ${elems}[${imms[imm]!}], ${d}, ${s}, ${n});`);
        return true;
      }
      case Op.elem_drop:
        this.emit(`${this.bind('elems', '$.elems')}[${imms[imm]!}] = null;`);
        return true;
      case Op.table_copy: {
        const dst = this.bind(`table${imms[imm]!}`, `$.tables[${imms[imm]!}]`);
        const src = this.bind(`table${imms[imm + 1]!}`, `$.tables[${imms[imm + 1]!}]`);
        const [d, s, n] = three();
        this.emit(`${site} ${this.helper('tableCopy')}(S, ${dst}, ${src}, ${d}, ${s}, ${n});`);
        return true;
      }
    }
    return false;
  }
}

/** The smallest constant 64-bit divisor for one-step division (`remU64cLarge` in `helpers.ts`). */
const LARGE_DIVISOR = 2 ** 21;

/** 2^32. */
const TWO32 = 2 ** 32;

/**
 * The largest 2^32 mod m for which `remU64cFolded` (`helpers.ts`) is exact: its folded dividend
 * and the quotient's product stay below (c + 2) * 2^32 ≤ 2^53.
 */
const MAX_FOLD = 2 ** 21 - 2;

/** Loads: result type, DataView getter (or 'getInt32' + 'pair' for a full i64), i64 extension. */
const LOADS = new Map<number, readonly [number, string, string]>([
  [Op.i32_load!, [I32, 'getInt32', '']],
  [Op.i64_load!, [I64, 'getInt32', 'pair']],
  [Op.f32_load!, [F32, 'getFloat32', '']],
  [Op.f64_load!, [F64, 'getFloat64', '']],
  [Op.i32_load8_s!, [I32, 'getInt8', '']],
  [Op.i32_load8_u!, [I32, 'getUint8', '']],
  [Op.i32_load16_s!, [I32, 'getInt16', '']],
  [Op.i32_load16_u!, [I32, 'getUint16', '']],
  [Op.i64_load8_s!, [I64, 'getInt8', 's']],
  [Op.i64_load8_u!, [I64, 'getUint8', 'u']],
  [Op.i64_load16_s!, [I64, 'getInt16', 's']],
  [Op.i64_load16_u!, [I64, 'getUint16', 'u']],
  [Op.i64_load32_s!, [I64, 'getInt32', 's']],
  [Op.i64_load32_u!, [I64, 'getInt32', 'u']],
]);

/** Stores: value type, DataView setter ('pair' for a full i64). */
const STORES = new Map<number, readonly [number, string]>([
  [Op.i32_store!, [I32, 'setInt32']],
  [Op.i64_store!, [I64, 'pair']],
  [Op.f32_store!, [F32, 'setFloat32']],
  [Op.f64_store!, [F64, 'setFloat64']],
  [Op.i32_store8!, [I32, 'setInt8']],
  [Op.i32_store16!, [I32, 'setInt16']],
  [Op.i64_store8!, [I64, 'setInt8']],
  [Op.i64_store16!, [I64, 'setInt16']],
  [Op.i64_store32!, [I64, 'setInt32']],
]);

/** i64 orderings: the relation on the low words (unsigned) and whether the high words compare signed. */
const I64_COMPARE = new Map<number, readonly [string, boolean]>([
  [Op.i64_lt_s!, ['<', true]],
  [Op.i64_lt_u!, ['<', false]],
  [Op.i64_gt_s!, ['>', true]],
  [Op.i64_gt_u!, ['>', false]],
  [Op.i64_le_s!, ['<=', true]],
  [Op.i64_le_u!, ['<=', false]],
  [Op.i64_ge_s!, ['>=', true]],
  [Op.i64_ge_u!, ['>=', false]],
]);

const TYPE_CODE: Readonly<Record<string, number>> = { i32: I32, i64: I64, f32: F32, f64: F64 };

/** Operand and result types of the fixed-signature numeric instructions, parsed from the opcode table. */
const UNARY = new Map<number, readonly [number, number]>();
const BINARY = new Map<number, readonly [number, number]>();
for (const info of OPCODE_BY_ID) {
  if (info === undefined || info.signature === null || !/^[if](32|64)\./.test(info.name)) continue;
  if (LOADS.has(info.id) || STORES.has(info.id) || info.name.endsWith('.const')) continue;
  const [lhs, rhs] = info.signature.split('->').map((x) => x.trim().split(/\s+/).filter(Boolean).map((n) => TYPE_CODE[n]));
  if (lhs === undefined || rhs === undefined || rhs.length !== 1 || lhs.some((x) => x === undefined) || rhs[0] === undefined) continue;
  if (lhs.length === 1) UNARY.set(info.id, [lhs[0]!, rhs[0]]);
  else if (lhs.length === 2 && lhs[0] === lhs[1]) BINARY.set(info.id, [lhs[0]!, rhs[0]]);
}
