import type { Meter } from '../fuel/meter.js';
import type { Continuation } from '../fuel/stop.js';
import { isRefType, type FuncType, type TypeDef, type ValType } from '@rt/binary';
import { canonicalKeys } from '@rt/validate';
import type { FuncInstance, WasmFunction } from './func.js';
import type { GlobalInstance } from './global.js';
import { DEFAULT_LIMITS, type EngineLimits } from './limits.js';
import { createStackViews, type StackViews } from './stack-views.js';
import type { TableInstance } from './table.js';
import { isFuncRefType, NULL_REF } from './values.js';
import { finalizer, weakHandle, type WeakHandle } from './weak.js';
import { MAX_FAST_RESULT_WORDS } from '../fast/codegen.js';

/**
 * Fewest new externref values between two collections (see {@link Store.collectExterns}): small,
 * because one value may be a large buffer; a collection costs about one pass over the live
 * externref tables, which is cheap next to the calls that handed out the values.
 */
const MIN_EXTERNS_BETWEEN_COLLECTIONS = 64;

/**
 * Fewest allocation units (one per function instance, {@link UNITS_PER_PAGE} per memory page
 * allocated at creation) between two function collections (see {@link Store.collectFuncs}).
 * A program that instantiates once collects once; one that instantiates per task collects about
 * every few instances, so at most that much garbage waits for the next collection.
 */
const MIN_UNITS_BETWEEN_FUNC_COLLECTIONS = 1024;

/** Allocation units a memory page counts for: 64 KiB weigh more than a function instance. */
export const UNITS_PER_PAGE = 16;

/**
 * What {@link Store.refs} holds in the slot of a function that the last collection demoted (see
 * {@link Store.collectFuncs}). Its `typeId` matches no type, so that `call_indirect`'s type check,
 * which it must pass anyway, is also what sends a demoted slot to the slow path: the hot path
 * gains no instruction.
 * @internal
 */
export const DEMOTED: { readonly typeId: number } = Object.freeze({ typeId: -1 });

/**
 * Everything instances of one engine share: the reference table that gives funcref and
 * externref values their numeric form, canonical function type ids, the value stack and the
 * limits.
 *
 * References: frames, tables and globals hold a reference as an index into {@link refs}.
 * Index {@link NULL_REF} (0) is the null reference, so zeroed memory is a null reference.
 * Function instances get their index when created; {@link collectFuncs} lets the ones nothing
 * can reach any more be garbage-collected (their index is then reused). Externref
 * values get one when they enter Wasm, interned so that the same JS value keeps the same index
 * while it is held; {@link collectExterns} releases the indices of values no table or global
 * holds any more, because glue such as wasm-bindgen's passes every JS argument as an externref
 * and would otherwise keep each one alive for good.
 */
export class Store {
  /**
   * Reference index → function instance (funcref) or host value (externref). The slot of a
   * function demoted by {@link collectFuncs} holds {@link DEMOTED} (read it with {@link deref}).
   */
  readonly refs: unknown[] = [null];
  /** The engine's limits. */
  readonly limits: EngineLimits;
  /** The value stack shared by all executions of this store (re-entrant calls stack up on it). */
  readonly stack: StackViews;
  /** First free value cell of {@link stack} (in cells of 16 bytes, i.e. pairs of slots). */
  stackTop = 0;
  /** Current Wasm call depth, host re-entries included. */
  callDepth = 0;
  /** Current nesting of host → Wasm re-entries. */
  hostDepth = 0;
  /**
   * Calls plus loop iterations after which a function is compiled to JavaScript (the second
   * tier, `exec/jit.ts`). `0` compiles every function before its first run; `Infinity` disables
   * the tier (e.g. where `new Function` is forbidden).
   */
  jitThreshold = 1000;
  /** Whether hot functions go to the fast tier (see `EngineOptions.fastTier`). */
  fastTier = true;
  /**
   * The fuel budget running code decrements at checkpoints (see `fuel/meter.ts`), in element 0;
   * only code lowered for a metered store has checkpoints. A typed array, so that compiled code
   * reads and writes it unboxed.
   */
  readonly fuelLeft = new Float64Array([Infinity]);
  /** The fuel meter of a metered store (`EngineOptions.fuel`/`interruptible`), else `null`. */
  meter: Meter | null = null;
  /**
   * Whether a suspending host function may suspend now: inside a promising call (`invokeAsync`),
   * with no host frame re-entering Wasm in between.
   */
  suspendable = false;
  /**
   * The stopped call whose frames are still on the value stack (see `fuel/stop.ts`): the next
   * call detaches it first.
   */
  attached: Continuation | null = null;
  /** Continuations not resumed yet: while any exists, reference indices may live in their cells, so collection waits. */
  pendingContinuations = 0;
  /**
   * The fast tier's result area: the words of results after the first (and an i64's high half),
   * ints here and floats in {@link fastFloats} (see `fast/codegen.ts`).
   * @internal
   */
  readonly fastInts = new Int32Array(MAX_FAST_RESULT_WORDS);
  /** @internal See {@link fastInts}. */
  readonly fastFloats = new Float64Array(MAX_FAST_RESULT_WORDS);
  /** The last exception thrown by a host function (passed through unchanged by `invoke`). */
  hostError: unknown = undefined;
  /**
   * Where a call made by frame-layout compiled code returns to (-1: none pending), set as an
   * exception leaves the call, and the callee's argument word: the interpreter's frame then reads
   * as if the interpreter had made the call (`exec/body-calls.ts`).
   * @internal
   */
  bodyCallPc = -1;
  /** @internal See {@link bodyCallPc}. */
  bodyCallArgw = 0;
  /** Saved return position and frame pointer of each active Wasm call (two words per depth). */
  readonly frames: Int32Array;
  /** The calling function of each active Wasm call, parallel to {@link frames}. */
  readonly frameFuncs: (WasmFunction | undefined)[];
  private readonly externIds = new Map<unknown, number>();
  private readonly typeIds = new Map<string, number>();
  /** Function type id → ids of it and its declared supertypes (3.0's GC `sub`), where it has any. */
  private readonly funcSupers = new Map<number, readonly number[]>();
  /** Released indices (externref values, collected functions), reused before {@link refs} grows. */
  private readonly freeRefs: number[] = [];
  /** Externref indices never released (held where collection does not look: element segments). */
  private readonly pinned = new Set<number>();
  /**
   * Every live table and global that may hold an externref: the roots of {@link collectExterns}.
   * Weak, so that a table or global nobody else holds is forgotten with its contents.
   */
  private readonly externHolders = new Set<WeakHandle<TableInstance | GlobalInstance>>();
  /** Externref indices handed out since the last collection. */
  private externsSinceCollection = 0;
  /**
   * Every live table and global of type funcref: the roots of {@link collectFuncs}. Weak, as
   * {@link externHolders}.
   */
  private readonly funcHolders = new Set<WeakHandle<TableInstance | GlobalInstance>>();
  /** Tables and globals already registered (imports are registered again, harmlessly). */
  private readonly registered = new WeakSet<TableInstance | GlobalInstance>();
  /**
   * Indices whose slot in {@link refs} holds its function strongly: created or promoted since the
   * last function collection (which demotes all of them).
   */
  private strongFuncs: number[] = [];
  /** Demoted (or once demoted) function indices → the function, weakly. */
  private readonly weakFuncs = new Map<number, WeakHandle<FuncInstance>>();
  /**
   * Holder → the functions it held at the last collection (or, for a module instance, that its
   * element segments name). An ephemeron: the functions stay alive exactly as long as the holder,
   * by ordinary JavaScript reachability, whatever their slot in {@link refs} holds.
   */
  private readonly held = new WeakMap<object, FuncInstance[]>();
  /** Frees the index of a demoted function once the JavaScript collector took it. */
  private readonly finalizer = finalizer<number>((ref) => {
    this.releaseFunc(ref);
  });
  /** Allocation units (functions, memory pages) since the last function collection. */
  private unitsSinceCollection = 0;
  /** What the last function collection cost (holders, elements, demoted slots): the next waits as long. */
  private lastFuncCollectionWork = 0;
  /**
   * Fewest allocation units between two function collections; `0` collects after every
   * outermost call and instantiation (tests).
   * @internal
   */
  funcCollectionMin = MIN_UNITS_BETWEEN_FUNC_COLLECTIONS;

  /** Creates a store with `limits` (missing fields take {@link DEFAULT_LIMITS}). */
  constructor(limits: Partial<EngineLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.stack = createStackViews(this.limits.stackValues * 2);
    this.frames = new Int32Array(2 * (this.limits.maxCallDepth + 2));
    this.frameFuncs = new Array<WasmFunction | undefined>(this.limits.maxCallDepth + 2).fill(undefined);
  }

  /**
   * Registers a new function instance's reference slot; returns its reference index. Set it with
   * {@link setRef} before anything can run: the slot holds its function strongly until the next
   * function collection.
   */
  allocRef(): number {
    const ref = this.slotFor(undefined);
    this.strongFuncs.push(ref);
    this.unitsSinceCollection++;
    return ref;
  }

  /** A reference index holding `value`: a released one if any, else a new slot. */
  private slotFor(value: unknown): number {
    const ref = this.freeRefs.pop();
    if (ref === undefined) return this.refs.push(value) - 1;
    this.refs[ref] = value;
    return ref;
  }

  /**
   * Counts `units` of allocation towards the next function collection (memories: pages ×
   * {@link UNITS_PER_PAGE}).
   * @internal
   */
  noteAllocation(units: number): void {
    this.unitsSinceCollection += units;
  }

  /** Sets what reference index `ref` denotes. */
  setRef(ref: number, value: unknown): void {
    this.refs[ref] = value;
  }

  /** The reference index for externref `value` (`null` → {@link NULL_REF}). */
  externRef(value: unknown): number {
    if (value === null) return NULL_REF;
    let id = this.externIds.get(value);
    if (id === undefined) {
      id = this.slotFor(value);
      this.externIds.set(value, id);
      this.externsSinceCollection++;
    }
    return id;
  }

  /**
   * Registers a table or global by what it can hold (funcref: {@link collectFuncs}, externref:
   * {@link collectExterns}); other globals are ignored, and registering twice is harmless
   * (instantiation registers imports, which may have been made without the engine).
   */
  registerHolder(holder: TableInstance | GlobalInstance, types?: readonly TypeDef[]): void {
    const t = 'elements' in holder ? holder.type.element : holder.type.type;
    if (!isRefType(t) || this.registered.has(holder)) return;
    this.registered.add(holder);
    (isFuncRefType(t, types) ? this.funcHolders : this.externHolders).add(weakHandle(holder));
  }

  /** Keeps reference index `ref` for the store's lifetime (for places collection does not scan). */
  pinRef(ref: number): void {
    if (ref !== NULL_REF) this.pinned.add(ref);
  }

  /**
   * Releases the indices of externref values that no live table or global holds, once enough
   * new ones were handed out since the last time (so the cost is amortised over them).
   *
   * Only call this when no Wasm code runs and no index is held outside tables and globals
   * (the engine does it when its outermost call returns): frames on the value stack are not
   * scanned. A released index may then be reused for another value.
   */
  collectExterns(): void {
    if (this.externsSinceCollection < Math.max(MIN_EXTERNS_BETWEEN_COLLECTIONS, this.externIds.size - this.externsSinceCollection)) return;
    this.externsSinceCollection = 0;
    const marked = new Uint8Array(this.refs.length);
    for (const weak of this.externHolders) {
      const holder = weak.deref();
      if (holder === undefined) this.externHolders.delete(weak);
      else if ('elements' in holder) for (const ref of holder.elements) marked[ref] = 1;
      else marked[holder.i32[0]!] = 1;
    }
    for (const [value, id] of this.externIds) {
      if (marked[id] === 1 || this.pinned.has(id)) continue;
      this.externIds.delete(value);
      this.refs[id] = undefined;
      this.freeRefs.push(id);
    }
  }

  /** Both collections ({@link collectFuncs}, {@link collectExterns}), each when it is due; same preconditions. */
  collect(): void {
    if (this.pendingContinuations > 0) return;
    this.collectFuncs();
    this.collectExterns();
  }

  /**
   * Lets function instances that nothing can reach any more be garbage-collected, with their
   * module instances and memories, once enough was allocated since the last time (the cost, about
   * one pass over the live funcref tables, is amortised over the allocations).
   *
   * The store cannot see which tables are alive: a table is reachable from its instance, which
   * its functions reach, which {@link refs} holds. So it hands the question to the JavaScript
   * collector: every funcref table and global still alive keeps the functions it holds in
   * {@link held} (from the holder, by ordinary reachability), and every function slot of
   * {@link refs} is demoted to {@link DEMOTED}, the function kept by a `WeakRef`. What no holder,
   * instance or JavaScript value reaches is then collected, and its index reused.
   *
   * Between two collections, an index written into a table or global is promoted back to strong
   * ({@link keepFunc}) by every write path, so that the written function does not depend on where
   * it was read from (an instance that may be dropped before the next collection). `call_indirect`
   * promotes what it calls; reads go through {@link deref}.
   *
   * Same preconditions as {@link collectExterns}: no frame may hold an index.
   */
  collectFuncs(): void {
    const due = this.funcCollectionMin === 0 || this.unitsSinceCollection >= Math.max(this.funcCollectionMin, this.lastFuncCollectionWork);
    if (!due) return;
    this.unitsSinceCollection = 0;
    const refs = this.refs;
    let work = this.strongFuncs.length;
    const seen = new Int32Array(refs.length);
    let stamp = 0;
    for (const weak of this.funcHolders) {
      const holder = weak.deref();
      if (holder === undefined) {
        this.funcHolders.delete(weak);
        continue;
      }
      stamp++;
      work++;
      const list: FuncInstance[] = [];
      if ('elements' in holder) {
        const elements = holder.elements;
        work += elements.length;
        for (let j = 0; j < elements.length; j++) {
          const ref = elements[j]!;
          if (ref === NULL_REF || seen[ref] === stamp) continue;
          seen[ref] = stamp;
          list.push(this.funcAt(ref));
        }
      } else if (holder.i32[0] !== NULL_REF) list.push(this.funcAt(holder.i32[0]!));
      if (list.length > 0) this.held.set(holder, list);
      else this.held.delete(holder);
    }
    for (const ref of this.strongFuncs) {
      const f = refs[ref];
      if (f === undefined || f === null || f === DEMOTED) continue;
      if (!this.weakFuncs.has(ref)) {
        this.weakFuncs.set(ref, weakHandle(f as FuncInstance));
        this.finalizer.register(f as FuncInstance, ref);
      }
      refs[ref] = DEMOTED;
    }
    this.strongFuncs = [];
    this.lastFuncCollectionWork = work;
  }

  /**
   * Makes the slot of function index `ref` strong again if it was demoted (until the next
   * collection); anything else (null, an externref, a strong slot) is left alone. Every path that
   * writes an index into a table or global calls it.
   */
  keepFunc(ref: number): void {
    if (this.refs[ref] === DEMOTED) this.promote(ref);
  }

  /**
   * Makes the slot of the demoted function index `ref` strong again; returns the function.
   * @internal
   */
  promote(ref: number): FuncInstance {
    const f = this.funcAt(ref);
    this.refs[ref] = f;
    this.strongFuncs.push(ref);
    return f;
  }

  /** Makes `f`'s slot strong (until the next collection), e.g. before its index is written somewhere. */
  holdFunc(f: FuncInstance): void {
    if (this.refs[f.ref] !== f) {
      this.refs[f.ref] = f;
      this.strongFuncs.push(f.ref);
    }
  }

  /**
   * Keeps `funcs` alive as long as `owner` (a module instance: the functions its element segments
   * name, which `table.init` may write into tables later).
   * @internal
   */
  holdWhileAlive(owner: object, funcs: FuncInstance[]): void {
    if (funcs.length > 0) this.held.set(owner, funcs);
  }

  /** The function of index `ref` (a strong or demoted slot). */
  private funcAt(ref: number): FuncInstance {
    const v = this.refs[ref];
    if (v !== DEMOTED) return v as FuncInstance;
    const f = this.weakFuncs.get(ref)?.deref();
    // Unreachable while every write path keeps its index (only a raw index kept by an embedder
    // across calls, without its function, can get here).
    if (f === undefined) throw new Error(`function reference ${ref} used after its function was collected`);
    return f;
  }

  /** Frees the index of a collected demoted function (finalisation callback). */
  private releaseFunc(ref: number): void {
    if (this.refs[ref] !== DEMOTED || this.weakFuncs.get(ref)?.deref() !== undefined) return;
    this.refs[ref] = undefined;
    this.weakFuncs.delete(ref);
    this.freeRefs.push(ref);
  }

  /** The reference index for a funcref (`null` → {@link NULL_REF}). */
  funcRef(f: FuncInstance | null): number {
    return f === null ? NULL_REF : f.ref;
  }

  /** The value a reference index denotes (`null` for {@link NULL_REF}). */
  deref(ref: number): unknown {
    if (ref === NULL_REF) return null;
    const v = this.refs[ref];
    return v === DEMOTED ? this.funcAt(ref) : v;
  }

  /** Records the supertypes (ids, itself included) of function type `id`. @internal */
  noteFuncSupertypes(id: number, supers: readonly number[]): void {
    this.funcSupers.set(id, supers);
  }

  /** Whether function type `id` is type `target` or one of its declared subtypes. */
  isFuncSubtype(id: number, target: number): boolean {
    return id === target || (this.funcSupers.get(id)?.includes(target) ?? false);
  }

  /**
   * Canonical id of a type: equal ids exactly when the types are equal. A function type given
   * alone stands for itself (no supertypes, alone in its recursion group); a string is a
   * canonical key from `canonicalKeys` of `@rt/validate` (a module's types, recursion groups and
   * references to other types included).
   */
  typeId(type: FuncType | string): number {
    const key = typeof type === 'string' ? type : canonicalKeys([type])[0]!;
    let id = this.typeIds.get(key);
    if (id === undefined) {
      id = this.typeIds.size;
      this.typeIds.set(key, id);
    }
    return id;
  }
}

/** Whether two value type lists are equal. */
export function sameTypes(a: readonly ValType[], b: readonly ValType[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
