import type { FuncType } from '@rt/binary';
import type { CompiledBody } from '../exec/jit.js';
import { hostTrampoline, wasmTrampoline, type CellCaller, type FastCall } from '../fast/tier.js';
import type { Store } from './store.js';
import type { ModuleInstance } from './instance.js';
import type { Value } from './values.js';
import type { FunctionShape } from '../lower/compiled-module.js';
import type { HandlerRecord } from '../lower/handlers.js';
import { L } from '../lower/ops.js';

/**
 * A host function's implementation: receives the arguments as exact {@link Value}s and returns
 * the results as an array (or nothing for a function without results). Whatever it throws
 * propagates unchanged through the Wasm frames to the caller of `invoke`.
 */
export type HostCallback = (args: Value[]) => readonly Value[] | void;

/** A function instance: defined by a module ({@link WasmFunction}) or by the host ({@link HostFunction}). */
export type FuncInstance = WasmFunction | HostFunction;

/**
 * A function defined by a Wasm module, bound to its instance. Its lowered code is its module's
 * (shared by the module's instances, lowered on the function's first run); the fields here are
 * copied from it so that a call reads one object.
 */
export class WasmFunction {
  /** Discriminant. */
  readonly kind = 'wasm' as const;
  /** Reference index in the store (what `ref.func` and tables hold). */
  readonly ref: number;
  /** Canonical id of the function's type in the store (equal ids ⇔ equal types). */
  readonly typeId: number;
  /** The module instance the function closes over. */
  readonly instance: ModuleInstance;
  /**
   * The function's lowered code. Until its first run, a one-instruction stub (`LAZY`) that
   * lowers it ({@link ensureLowered}) and continues there.
   */
  code: Int32Array = LAZY_CODE;
  /** Position of the function's first lowered instruction in {@link code}. */
  entry = 0;
  /** Number of parameters. */
  readonly paramCount: number;
  /** Number of locals, parameters included (each takes one 16-byte value cell). */
  readonly localCount: number;
  /** Cells the frame needs: locals plus the deepest operand stack (the locals alone until lowered). */
  frameSize: number;
  /** One past the function's last word in {@link code}. */
  end: number = LAZY_CODE.length;
  /** See `LoweredFunction.singleUse` (empty until lowered). */
  singleUse: Uint8Array = NO_FLAGS;
  /** See `LoweredFunction.trapSites` (empty until lowered). */
  trapSites: Int32Array = NO_SITES;
  /** See `LoweredFunction.handlers`. */
  handlers: readonly HandlerRecord[] = [];
  /** Whether {@link code} is the function's lowered code yet. */
  lowered = false;
  /** The compiled body once the function has tiered up (see `exec/jit.ts`), else `null`. */
  jit: CompiledBody | null = null;
  /** Calls and loop iterations counted towards tier-up. */
  hotness = 0;
  /** Set when the function cannot be compiled (it then stays interpreted). */
  noJit = false;
  /**
   * The function with the fast tier's calling convention (`fast/tier.ts`): its generated
   * JavaScript once compiled, until then a trampoline into the interpreter.
   * @internal
   */
  fastCall: FastCall = wasmTrampoline as FastCall;
  /** Whether {@link fastCall} is the fast tier's compiled code. @internal */
  fast = false;
  /** Set when the fast tier does not compile the function. @internal */
  noFast = false;
  /** How the interpreter calls {@link fastCall} with arguments from its cells (`fast/tier.ts`), once known. @internal */
  cellCaller: CellCaller | null | undefined = undefined;

  /** @internal Created by instantiation. */
  constructor(
    readonly type: FuncType,
    typeId: number,
    ref: number,
    instance: ModuleInstance,
    /** Index of the function in its module's function index space. */
    readonly index: number,
    shape: FunctionShape,
  ) {
    this.typeId = typeId;
    this.ref = ref;
    this.instance = instance;
    this.paramCount = type.params.length;
    this.localCount = shape.localCount;
    this.frameSize = shape.localCount;
    this.i32Locals = shape.i32Locals;
  }

  /** Frame word offsets of the i32 locals (see `FunctionShape.i32Locals`). */
  readonly i32Locals: readonly number[];
}

/** The code of every function not lowered yet: `[LAZY]`. */
const LAZY_CODE = Int32Array.of(L.LAZY);
const NO_FLAGS = new Uint8Array(0);
const NO_SITES = new Int32Array(0);

/**
 * Lowers `fn` if it is not yet (its module lowers each function once, for all its instances)
 * and gives it its code. Called by the interpreter's `LAZY` and wherever a function's lowered
 * code is needed before it ran (tier-up, a stop deoptimising a fast-tier frame).
 */
export function ensureLowered(fn: WasmFunction): void {
  if (fn.lowered) return;
  const l = fn.instance.module.lower(definedIndex(fn));
  fn.code = l.code;
  fn.entry = l.entry;
  fn.end = l.end;
  fn.frameSize = l.frameSize;
  fn.singleUse = l.singleUse;
  fn.trapSites = l.trapSites;
  fn.handlers = l.handlers;
  fn.lowered = true;
}

/** `fn`'s index among its module's defined functions (its function index less the imported ones). */
export function definedIndex(fn: WasmFunction): number {
  return fn.index - (fn.instance.funcs.length - fn.instance.module.module.functions.length);
}

/** A function implemented in JavaScript by the embedder. */
export class HostFunction {
  /** Discriminant. */
  readonly kind = 'host' as const;
  /** The function with the fast tier's calling convention (a trampoline to {@link callback}). @internal */
  readonly fastCall: FastCall = hostTrampoline as FastCall;
  /** The store it was created in (set by `Engine.hostFunction`). @internal */
  store: Store | undefined = undefined;

  /** @internal Create host functions with `Engine.hostFunction`. */
  constructor(
    /** The function's Wasm type. */
    readonly type: FuncType,
    /** Canonical id of the type in the store. */
    readonly typeId: number,
    /** Reference index in the store. */
    readonly ref: number,
    /** The implementation. */
    readonly callback: HostCallback,
  ) {}
}
