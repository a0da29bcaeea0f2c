import type { FuncType, ValType } from '@rt/binary';
import type { FuncInstance, WasmFunction } from './func.js';
import type { GlobalInstance } from './global.js';
import { DEFAULT_LIMITS, type EngineLimits } from './limits.js';
import { createStackViews, type StackViews } from './stack-views.js';
import type { TableInstance } from './table.js';
import { NULL_REF } from './values.js';

/**
 * Fewest new externref values between two collections (see {@link Store.collectExterns}): small,
 * because one value may be a large buffer; a collection costs about one pass over the live
 * externref tables, which is cheap next to the calls that handed out the values.
 */
const MIN_EXTERNS_BETWEEN_COLLECTIONS = 64;

/**
 * Everything instances of one engine share: the reference table that gives funcref and
 * externref values their numeric form, canonical function type ids, the value stack and the
 * limits.
 *
 * References: frames, tables and globals hold a reference as an index into {@link refs}.
 * Index {@link NULL_REF} (0) is the null reference, so zeroed memory is a null reference.
 * Function instances get their index when created (kept for the store's lifetime). Externref
 * values get one when they enter Wasm, interned so that the same JS value keeps the same index
 * while it is held; {@link collectExterns} releases the indices of values no table or global
 * holds any more, because glue such as wasm-bindgen's passes every JS argument as an externref
 * and would otherwise keep each one alive for good.
 */
export class Store {
  /** Reference index → function instance (funcref) or host value (externref). */
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
  /** The last exception thrown by a host function (passed through unchanged by `invoke`). */
  hostError: unknown = undefined;
  /** Saved return position and frame pointer of each active Wasm call (two words per depth). */
  readonly frames: Int32Array;
  /** The calling function of each active Wasm call, parallel to {@link frames}. */
  readonly frameFuncs: (WasmFunction | undefined)[];
  private readonly externIds = new Map<unknown, number>();
  private readonly typeIds = new Map<string, number>();
  /** Released externref indices, reused before {@link refs} grows. */
  private readonly freeExterns: number[] = [];
  /** Externref indices never released (held where collection does not look: element segments). */
  private readonly pinned = new Set<number>();
  /**
   * Every live table and global that may hold an externref: the roots of {@link collectExterns}.
   * Weak, so that a table or global nobody else holds is forgotten with its contents.
   */
  private readonly externHolders = new Set<WeakRef<TableInstance | GlobalInstance>>();
  /** Externref indices handed out since the last collection. */
  private externsSinceCollection = 0;

  /** Creates a store with `limits` (missing fields take {@link DEFAULT_LIMITS}). */
  constructor(limits: Partial<EngineLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.stack = createStackViews(this.limits.stackValues * 2);
    this.frames = new Int32Array(2 * (this.limits.maxCallDepth + 2));
    this.frameFuncs = new Array<WasmFunction | undefined>(this.limits.maxCallDepth + 2).fill(undefined);
  }

  /** Registers a new function instance's reference slot; returns its reference index. */
  allocRef(): number {
    this.refs.push(undefined);
    return this.refs.length - 1;
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
      id = this.freeExterns.pop();
      if (id === undefined) {
        id = this.refs.length;
        this.refs.push(value);
      } else this.refs[id] = value;
      this.externIds.set(value, id);
      this.externsSinceCollection++;
    }
    return id;
  }

  /**
   * Registers a table or global that can hold externref values (element or value type
   * externref): what it holds is kept by {@link collectExterns} for as long as it is alive.
   */
  holdsExterns(holder: TableInstance | GlobalInstance): void {
    this.externHolders.add(new WeakRef(holder));
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
      this.freeExterns.push(id);
    }
  }

  /** The reference index for a funcref (`null` → {@link NULL_REF}). */
  funcRef(f: FuncInstance | null): number {
    return f === null ? NULL_REF : f.ref;
  }

  /** The value a reference index denotes (`null` for {@link NULL_REF}). */
  deref(ref: number): unknown {
    return ref === NULL_REF ? null : this.refs[ref];
  }

  /** Canonical id of a function type: equal ids exactly when the types are equal. */
  typeId(type: FuncType): number {
    const key = `${type.params.join(',')}>${type.results.join(',')}`;
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
