/**
 * The dispatch loop: executes lowered code (see `lower/lowerer.ts` for the operand layouts) on the
 * store's value stack.
 *
 * All state is explicit: `pc` (position in the current code array), `fp` (frame pointer, in
 * 32-bit words of the value stack) and the store's frame arrays (return positions, caller frame
 * pointers, caller functions). Wasm → Wasm calls never recurse in JavaScript; only host calls
 * (and host → Wasm re-entry) use the JS stack, bounded by `maxHostReentry`.
 *
 * Cases use numeric literals (with the instruction name in a comment) so that the `switch`
 * compiles to a jump table; each ordinary case ends with `continue`, and the two call cases
 * `break` to the shared call sequence after the switch.
 */
import type { ValType } from '@rt/binary';
import { ensureLowered, type FuncInstance, type HostFunction, type WasmFunction } from '../runtime/func.js';
import type { ModuleInstance } from '../runtime/instance.js';
import type { MemoryInstance } from '../runtime/memory.js';
import { DEMOTED, type Store } from '../runtime/store.js';
import { afterCall, recordFrames } from '../runtime/backtrace.js';
import { Trap, TrapMessage } from '../runtime/trap.js';
import type { Value } from '../runtime/values.js';
import {
  i64ToF32S,
  i64ToF32U,
  i64ToF64S,
  i64ToF64U,
  truncI32S,
  truncI32U,
  truncI64S,
  truncI64U,
  truncSatI32S,
  truncSatI32U,
  truncSatI64S,
  truncSatI64U,
} from './conversions.js';
import { callFast } from './body-calls.js';
import { compileChunks } from './chunks.js';
import { compileBody, MAX_COMPILED_WORDS, type CompiledBody } from './jit.js';
import { callCompiled, compileFast, installInterpreter } from '../fast/tier.js';
import { enterLoop, loopEntry, type LoopEntry } from '../fast/loop-entry.js';
import { fceil, ffloor, fmax, fmin, ftrunc, nearest } from './float.js';
import * as i64 from './i64.js';
import { SIMD_MEM_OPS, SIMD_OPS } from './simd-table.js';
import { readValue, writeValue } from './value-io.js';
import { copyBetweenMemories, indirectCallee } from './wasm3-helpers.js';
import { checkpoint } from '../fuel/checkpoint.js';
import { Stop } from '../fuel/stop.js';
import { catchException, throwRef, throwTag } from './exceptions.js';
import { execGc } from './gc.js';

const EMPTY_DV = new DataView(new ArrayBuffer(0));

function trap(message: string): never {
  throw new Trap(message);
}

/**
 * Calls host function `f` with the arguments in the cells from word `w`; writes its results
 * there. Whatever the host throws propagates.
 */
export function callHost(store: Store, f: HostFunction, w: number): void {
  const I = store.stack.i32;
  const params = f.type.params;
  const args: Value[] = new Array(params.length);
  for (let j = 0; j < params.length; j++) args[j] = readValue(store, I, w + 4 * j, params[j]!);
  const results = f.callback(args);
  const types: readonly ValType[] = f.type.results;
  if (types.length === 0) return;
  if (results === undefined || results.length !== types.length)
    throw new TypeError(`host function returned ${results === undefined ? 'nothing' : results.length + ' values'}, expected ${types.length}`);
  for (let j = 0; j < types.length; j++) writeValue(store, I, w + 4 * j, types[j]!, results[j]);
}

/**
 * Runs `entry` with its frame at value cell `fpCell` (arguments already in its first cells) until
 * it returns; its results are then in the first cells of the frame. The caller has accounted for
 * the entry call in `store.callDepth` and restores the store's counters afterwards (also when this
 * throws).
 *
 * To resume a stopped call (see `fuel/stop.ts`), `resumePc` is where `entry` (the innermost of the
 * rebuilt frames, at `fpCell`) continues and `resumeDepth` how many frames the rebuilt ones below
 * it are (already in the frame arrays from `store.callDepth` on); `resumeThrow`, when given,
 * is thrown at once from there, as if the host call the innermost frame waits for had thrown it
 * (a suspending import whose promise rejected). A {@link Stop} leaving this function has collected
 * every frame it ran.
 */
export function execute(store: Store, entry: WasmFunction, fpCell: number, resumePc = -1, resumeDepth = 0, resumeThrow?: { readonly error: unknown }): void {
  const S = store.stack;
  const I32 = S.i32;
  const U32 = S.u32;
  const F32 = S.f32;
  const F64 = S.f64;
  const frames = store.frames;
  const frameFuncs = store.frameFuncs;
  const stackEnd = I32.length;
  const maxDepth = store.limits.maxCallDepth;
  const baseDepth = store.callDepth;
  const refs = store.refs;
  const fuelLeft = store.fuelLeft;
  let depth = baseDepth + resumeDepth;

  let fn: WasmFunction = entry;
  let inst: ModuleInstance = fn.instance;
  let code = fn.code;
  let funcs = inst.funcs;
  let globals = inst.globals;
  let mem: MemoryInstance | undefined = inst.memories[0];
  let dv = mem !== undefined ? mem.dv : EMPTY_DV;
  let memLen = dv.byteLength;
  let fp = fpCell * 4;
  let pc = resumePc >= 0 ? resumePc : fn.entry;

  const jitThreshold = store.jitThreshold;
  if (resumePc < 0) {
    if (!fn.fast && fn.jit === null && !fn.noJit && ++fn.hotness >= jitThreshold) tierUp(fn);
    if (fn.fast) {
      // The entry is compiled: it counts its own frame.
      store.callDepth = baseDepth - 1;
      callCompiled(store, fn, fp);
      return;
    }
    // Tier-up may have lowered the function just now.
    code = fn.code;
    pc = fn.entry;
    if (fp + fn.frameSize * 4 > stackEnd) trap(TrapMessage.callStackExhausted);
    for (let w = fp + 4 * fn.paramCount, e = fp + 4 * fn.localCount; w < e; w++) I32[w] = 0;
  }
  let callee: FuncInstance = fn;
  let argw = 0;
  /** Set when the entry frame continues in the fast tier at a loop (see the `LOOP` case). */
  let tail: LoopEntry | undefined;
  // Traps leave through here: their backtrace is read off the frames now, before anything
  // unwinds them (a try/catch costs nothing while no exception is thrown). A Wasm exception that
  // a handler of these frames catches continues there: the loop goes round again.
  // eslint-disable-next-line no-constant-condition
  run: for (;;) {
  try {
    if (resumeThrow !== undefined) {
      // Once: a handler that catches it continues round this loop.
      const error = resumeThrow.error;
      resumeThrow = undefined;
      store.hostError = error;
      throw error;
    }
    if (resumePc < 0 && fn.jit !== null) {
      pc = fn.jit(S, fp, pc, inst, mem, depth, fn);
      dv = mem !== undefined ? mem.dv : EMPTY_DV;
      memLen = dv.byteLength;
    }

    for (;;) {
      switch (code[pc]) {
        // ---- moves, constants, control ----
        case 0x120: { // COPY
          const d = fp + code[pc + 1]!;
          const s = fp + code[pc + 2]!;
          I32[d] = I32[s]!;
          I32[d + 1] = I32[s + 1]!;
          pc += 3;
          continue;
        }
        case 0x121: { // COPY128
          const d = fp + code[pc + 1]!;
          const s = fp + code[pc + 2]!;
          I32[d] = I32[s]!;
          I32[d + 1] = I32[s + 1]!;
          I32[d + 2] = I32[s + 2]!;
          I32[d + 3] = I32[s + 3]!;
          pc += 3;
          continue;
        }
        case 0x122: // BR
          pc = code[pc + 1]!;
          continue;
        case 0x123: // BR_IF
          pc = I32[fp + code[pc + 1]!] !== 0 ? code[pc + 2]! : pc + 3;
          continue;
        case 0x124: // BR_UNLESS
          pc = I32[fp + code[pc + 1]!] === 0 ? code[pc + 2]! : pc + 3;
          continue;
        case 0x125: { // BR_TABLE
          const i = I32[fp + code[pc + 1]!]! >>> 0;
          const n = code[pc + 2]!;
          pc = code[pc + 3 + (i < n - 1 ? i : n - 1)]!;
          continue;
        }
        case 0x126: { // RETURN
          if (depth === baseDepth) return;
          depth--;
          pc = frames[2 * depth]!;
          fp = frames[2 * depth + 1]!;
          const caller = frameFuncs[depth]!;
          frameFuncs[depth] = undefined;
          // Each function has its own lowered code.
          code = caller.code;
          if (caller.instance !== inst) {
            inst = caller.instance;
            funcs = inst.funcs;
            globals = inst.globals;
            mem = inst.memories[0];
          }
          fn = caller;
          if (caller.jit !== null) pc = caller.jit(S, fp, pc, inst, mem, depth, caller);
          // The callee (or the compiled caller) may have grown the memory.
          dv = mem !== undefined ? mem.dv : EMPTY_DV;
          memLen = dv.byteLength;
          continue;
        }
        case 0x161: // LAZY: the function's first run lowers it (its frame holds its locals so far)
          ensureLowered(fn);
          if (fp + fn.frameSize * 4 > stackEnd) trap(TrapMessage.callStackExhausted);
          code = fn.code;
          pc = fn.entry;
          continue;
        case 0x160: // FUEL
          if (fuelLeft[0]! <= 0) checkpoint(store);
          fuelLeft[0] -= code[pc + 1]!;
          pc += 2;
          continue;
        case 0x148: { // LOOP
          let body = fn.jit;
          if (body === null) {
            if (!fn.fast && !fn.noJit) {
              if (++fn.hotness < jitThreshold) {
                pc += 2;
                continue;
              }
              tierUp(fn);
            }
            if (fn.fast) {
              // The fast tier has the function: this activation continues there, at this loop,
              // once the function has looped as much again in the interpreter. (An activation
              // that made it hot in a short loop finishes here instead of giving the function an
              // entry, which its every later call would pay for: a test, and a few without a JIT.)
              if (++fn.hotness < 2 * jitThreshold) {
                pc += 2;
                continue;
              }
              const at = loopEntry(fn, pc);
              if (at !== null) {
                if (depth === baseDepth) {
                  tail = at;
                  break run;
                }
                // The entry replaces this frame: its caller calls it, as a fast-tier callee.
                const calleeFp = fp;
                const replaced = fn;
                depth--;
                pc = frames[2 * depth]!;
                fp = frames[2 * depth + 1]!;
                fn = frameFuncs[depth]!;
                frameFuncs[depth] = undefined;
                code = fn.code;
                if (fn.instance !== inst) {
                  inst = fn.instance;
                  funcs = inst.funcs;
                  globals = inst.globals;
                  mem = inst.memories[0];
                }
                argw = calleeFp - fp;
                callFast(store, fn, replaced, fp, argw, depth, at);
                if (fn.jit !== null) pc = fn.jit(S, fp, pc, inst, mem, depth, fn);
                dv = mem !== undefined ? mem.dv : EMPTY_DV;
                memLen = dv.byteLength;
                continue;
              }
            }
            // This activation continues in the frame-layout tier: the whole function if that is
            // what tierUp chose, else (no tier compiles it whole, or the fast tier cannot enter
            // at this loop) this loop alone.
            body = fn.jit ?? loopBody(fn, pc);
            if (body === null) {
              pc += 2;
              continue;
            }
          }
          pc = body(S, fp, pc, inst, mem, depth, fn);
          dv = mem !== undefined ? mem.dv : EMPTY_DV;
          memLen = dv.byteLength;
          continue;
        }
        case 0x127: // CALL
          callee = funcs[code[pc + 1]!]!;
          argw = code[pc + 2]!;
          pc += 3;
          break;
        case 0x128: { // CALL_INDIRECT
          const table = inst.tables[code[pc + 2]!]!;
          const i = I32[fp + code[pc + 3]!]! >>> 0;
          const elems = table.elements;
          if (i >= elems.length) trap(TrapMessage.undefinedElement);
          const ref = elems[i]!;
          if (ref === 0) trap(`${TrapMessage.uninitializedElement} ${i}`);
          let f = refs[ref] as FuncInstance;
          if (f.typeId !== inst.typeIds[code[pc + 1]!]) {
            // A slot demoted by the last collection has a `typeId` of -1 (Store.collectFuncs):
            // the type check it fails is the only test on the hot path.
            if ((f as unknown) === DEMOTED) f = store.promote(ref);
            // 3.0: a function of a declared subtype of the expected type may be called too.
            if (!store.isFuncSubtype(f.typeId, inst.typeIds[code[pc + 1]!]!)) trap(TrapMessage.indirectCallTypeMismatch);
          }
          callee = f;
          argw = code[pc + 4]!;
          pc += 5;
          break;
        }
        case 0x129: // CONST32
          I32[fp + code[pc + 1]!] = code[pc + 2]!;
          pc += 3;
          continue;
        case 0x12a: { // CONST64
          const d = fp + code[pc + 1]!;
          I32[d] = code[pc + 2]!;
          I32[d + 1] = code[pc + 3]!;
          pc += 4;
          continue;
        }
        case 0x12b: { // CONST128
          const d = fp + code[pc + 1]!;
          I32[d] = code[pc + 2]!;
          I32[d + 1] = code[pc + 3]!;
          I32[d + 2] = code[pc + 4]!;
          I32[d + 3] = code[pc + 5]!;
          pc += 6;
          continue;
        }
        case 0x12c: { // SELECT
          const d = fp + code[pc + 1]!;
          const s = fp + (I32[fp + code[pc + 4]!] !== 0 ? code[pc + 2]! : code[pc + 3]!);
          I32[d] = I32[s]!;
          I32[d + 1] = I32[s + 1]!;
          pc += 5;
          continue;
        }
        case 0x12d: { // SELECT128
          const d = fp + code[pc + 1]!;
          const s = fp + (I32[fp + code[pc + 4]!] !== 0 ? code[pc + 2]! : code[pc + 3]!);
          I32[d] = I32[s]!;
          I32[d + 1] = I32[s + 1]!;
          I32[d + 2] = I32[s + 2]!;
          I32[d + 3] = I32[s + 3]!;
          pc += 5;
          continue;
        }
        case 0x12e: { // GLOBAL_GET
          const d = fp + code[pc + 1]!;
          const g = globals[code[pc + 2]!]!.i32;
          I32[d] = g[0]!;
          I32[d + 1] = g[1]!;
          pc += 3;
          continue;
        }
        case 0x12f: { // GLOBAL_GET128
          const d = fp + code[pc + 1]!;
          const g = globals[code[pc + 2]!]!.i32;
          I32[d] = g[0]!;
          I32[d + 1] = g[1]!;
          I32[d + 2] = g[2]!;
          I32[d + 3] = g[3]!;
          pc += 3;
          continue;
        }
        case 0x130: { // GLOBAL_SET
          const g = globals[code[pc + 1]!]!.i32;
          const s = fp + code[pc + 2]!;
          g[0] = I32[s]!;
          g[1] = I32[s + 1]!;
          pc += 3;
          continue;
        }
        case 0x131: { // GLOBAL_SET128
          const g = globals[code[pc + 1]!]!.i32;
          const s = fp + code[pc + 2]!;
          g[0] = I32[s]!;
          g[1] = I32[s + 1]!;
          g[2] = I32[s + 2]!;
          g[3] = I32[s + 3]!;
          pc += 3;
          continue;
        }
        case 0x149: { // GLOBAL_SET_REF (funcref)
          const g = globals[code[pc + 1]!]!.i32;
          const s = fp + code[pc + 2]!;
          const ref = I32[s]!;
          g[0] = ref;
          g[1] = I32[s + 1]!;
          store.keepFunc(ref);
          pc += 3;
          continue;
        }
        // ---- WebAssembly 3.0: other memories, 64-bit addresses, tail calls ----
        case 0x14a: // USE_MEM: the next memory instructions address this memory
          mem = inst.memories[code[pc + 1]!];
          dv = mem !== undefined ? mem.dv : EMPTY_DV;
          memLen = dv.byteLength;
          pc += 2;
          continue;
        case 0x14b: { // ADDR64: an i64 memory address to 32 bits, out of bounds if it needs more
          const s = fp + code[pc + 2]!;
          if (I32[s + 1] !== 0) trap(TrapMessage.memoryOutOfBounds);
          I32[fp + code[pc + 1]!] = I32[s]!;
          pc += 3;
          continue;
        }
        case 0x14c: { // SAT64: an i64 index, size or delta to u32, saturated
          const s = fp + code[pc + 2]!;
          I32[fp + code[pc + 1]!] = I32[s + 1] !== 0 ? -1 : I32[s]!;
          pc += 3;
          continue;
        }
        case 0x14d: // MEMORY_COPY_X
          copyBetweenMemories(inst, U32[fp + code[pc + 1]!]!, U32[fp + code[pc + 2]!]!, U32[fp + code[pc + 3]!]!, code[pc + 4]!, code[pc + 5]!);
          pc += 6;
          continue;
        case 0x150: // MEM_OOB
          trap(TrapMessage.memoryOutOfBounds);
        case 0x14e: // RETURN_CALL
        case 0x14f: // RETURN_CALL_INDIRECT
        case 0x174: { // RETURN_CALL_REF
          let f: FuncInstance;
          if (code[pc] === 0x14e) {
            f = funcs[code[pc + 1]!]!;
            argw = code[pc + 2]!;
            pc += 3;
          } else if (code[pc] === 0x174) {
            const ref = I32[fp + code[pc + 2]!]!;
            if (ref === 0) trap(TrapMessage.nullFunctionReference);
            f = store.deref(ref) as FuncInstance;
            argw = code[pc + 3]!;
            pc += 4;
          } else {
            f = indirectCallee(store, inst, code[pc + 2]!, I32[fp + code[pc + 3]!]! >>> 0, code[pc + 1]!);
            argw = code[pc + 4]!;
            pc += 5;
          }
          // The arguments become the first cells of this very frame: the callee replaces the caller.
          const nParams = f.type.params.length;
          if (argw !== 0) I32.copyWithin(fp, fp + argw, fp + argw + 4 * nParams);
          argw = 0;
          if (f.kind === 'wasm' && !f.fast && f.jit === null && !f.noJit && ++f.hotness >= jitThreshold) tierUp(f);
          if (f.kind !== 'wasm' || f.fast) {
            // A host or fast-tier callee is called as usual (neither makes tail calls, so the stack
            // stays bounded); the RETURN after this instruction returns its results.
            callee = f;
            break;
          }
          if (fp + f.frameSize * 4 > stackEnd) trap(TrapMessage.callStackExhausted);
          fn = f;
          code = f.code;
          pc = f.entry;
          for (let w = fp + 4 * f.paramCount, e = fp + 4 * f.localCount; w < e; w++) I32[w] = 0;
          if (f.instance !== inst) {
            inst = f.instance;
            funcs = inst.funcs;
            globals = inst.globals;
            mem = inst.memories[0];
            dv = mem !== undefined ? mem.dv : EMPTY_DV;
            memLen = dv.byteLength;
          }
          if (f.jit !== null) {
            pc = f.jit(S, fp, pc, inst, mem, depth, f);
            dv = mem !== undefined ? mem.dv : EMPTY_DV;
            memLen = dv.byteLength;
          }
          continue;
        }
        case 0x132: // REF_FUNC
          I32[fp + code[pc + 1]!] = funcs[code[pc + 2]!]!.ref;
          pc += 3;
          continue;
        case 0x133: { // SIMD
          SIMD_OPS[code[pc + 1]!]!(
            S,
            (fp + code[pc + 2]!) >> 1,
            (fp + code[pc + 3]!) >> 1,
            (fp + code[pc + 4]!) >> 1,
            (fp + code[pc + 5]!) >> 1,
            inst.module.module.instructions.imms,
            code[pc + 6]!,
          );
          pc += 7;
          continue;
        }
        case 0x134: { // SIMD_MEM
          SIMD_MEM_OPS[code[pc + 1]!]!(
            S,
            (fp + code[pc + 2]!) >> 1,
            (fp + code[pc + 3]!) >> 1,
            (fp + code[pc + 4]!) >> 1,
            mem!.u8,
            inst.module.module.instructions.imms,
            code[pc + 5]!,
          );
          pc += 6;
          continue;
        }
        case 0x136: // BR_I32_EQ
          pc = I32[fp + code[pc + 1]!]! === I32[fp + code[pc + 2]!]! ? code[pc + 3]! : pc + 4;
          continue;
        case 0x137: // BR_I32_NE
          pc = I32[fp + code[pc + 1]!]! !== I32[fp + code[pc + 2]!]! ? code[pc + 3]! : pc + 4;
          continue;
        case 0x138: // BR_I32_LT_S
          pc = I32[fp + code[pc + 1]!]! < I32[fp + code[pc + 2]!]! ? code[pc + 3]! : pc + 4;
          continue;
        case 0x139: // BR_I32_LT_U
          pc = U32[fp + code[pc + 1]!]! < U32[fp + code[pc + 2]!]! ? code[pc + 3]! : pc + 4;
          continue;
        case 0x13a: // BR_I32_GT_S
          pc = I32[fp + code[pc + 1]!]! > I32[fp + code[pc + 2]!]! ? code[pc + 3]! : pc + 4;
          continue;
        case 0x13b: // BR_I32_GT_U
          pc = U32[fp + code[pc + 1]!]! > U32[fp + code[pc + 2]!]! ? code[pc + 3]! : pc + 4;
          continue;
        case 0x13c: // BR_I32_LE_S
          pc = I32[fp + code[pc + 1]!]! <= I32[fp + code[pc + 2]!]! ? code[pc + 3]! : pc + 4;
          continue;
        case 0x13d: // BR_I32_LE_U
          pc = U32[fp + code[pc + 1]!]! <= U32[fp + code[pc + 2]!]! ? code[pc + 3]! : pc + 4;
          continue;
        case 0x13e: // BR_I32_GE_S
          pc = I32[fp + code[pc + 1]!]! >= I32[fp + code[pc + 2]!]! ? code[pc + 3]! : pc + 4;
          continue;
        case 0x13f: // BR_I32_GE_U
          pc = U32[fp + code[pc + 1]!]! >= U32[fp + code[pc + 2]!]! ? code[pc + 3]! : pc + 4;
          continue;
        case 0x141: { // BR_I64_EQZ
          const a = fp + code[pc + 1]!;
          pc = (I32[a]! | I32[a + 1]!) === 0 ? code[pc + 2]! : pc + 3;
          continue;
        }
        case 0x142: { // BR_I64_NEZ
          const a = fp + code[pc + 1]!;
          pc = (I32[a]! | I32[a + 1]!) !== 0 ? code[pc + 2]! : pc + 3;
          continue;
        }
        // ---- loads with a fused address add: [op, dst, a, b, offset] ----
        case 0x158: { // i32.load (a + b)
          const ea = ((I32[fp + code[pc + 2]!]! + I32[fp + code[pc + 3]!]!) >>> 0) + (code[pc + 4]! >>> 0);
          if (ea > memLen - 4) trap(TrapMessage.memoryOutOfBounds);
          I32[fp + code[pc + 1]!] = dv.getInt32(ea, true);
          pc += 5;
          continue;
        }
        case 0x159: { // i64.load (a + b)
          const ea = ((I32[fp + code[pc + 2]!]! + I32[fp + code[pc + 3]!]!) >>> 0) + (code[pc + 4]! >>> 0);
          if (ea > memLen - 8) trap(TrapMessage.memoryOutOfBounds);
          const d = fp + code[pc + 1]!;
          I32[d] = dv.getInt32(ea, true);
          I32[d + 1] = dv.getInt32(ea + 4, true);
          pc += 5;
          continue;
        }
        case 0x15a: { // f32.load (a + b)
          const ea = ((I32[fp + code[pc + 2]!]! + I32[fp + code[pc + 3]!]!) >>> 0) + (code[pc + 4]! >>> 0);
          if (ea > memLen - 4) trap(TrapMessage.memoryOutOfBounds);
          I32[fp + code[pc + 1]!] = dv.getInt32(ea, true);
          pc += 5;
          continue;
        }
        case 0x15b: { // f64.load (a + b)
          const ea = ((I32[fp + code[pc + 2]!]! + I32[fp + code[pc + 3]!]!) >>> 0) + (code[pc + 4]! >>> 0);
          if (ea > memLen - 8) trap(TrapMessage.memoryOutOfBounds);
          F64[(fp + code[pc + 1]!) >> 1] = dv.getFloat64(ea, true);
          pc += 5;
          continue;
        }
        case 0x15c: { // i32.load8_s (a + b)
          const ea = ((I32[fp + code[pc + 2]!]! + I32[fp + code[pc + 3]!]!) >>> 0) + (code[pc + 4]! >>> 0);
          if (ea > memLen - 1) trap(TrapMessage.memoryOutOfBounds);
          I32[fp + code[pc + 1]!] = dv.getInt8(ea);
          pc += 5;
          continue;
        }
        case 0x15d: { // i32.load8_u (a + b)
          const ea = ((I32[fp + code[pc + 2]!]! + I32[fp + code[pc + 3]!]!) >>> 0) + (code[pc + 4]! >>> 0);
          if (ea > memLen - 1) trap(TrapMessage.memoryOutOfBounds);
          I32[fp + code[pc + 1]!] = dv.getUint8(ea);
          pc += 5;
          continue;
        }
        case 0x15e: { // i32.load16_s (a + b)
          const ea = ((I32[fp + code[pc + 2]!]! + I32[fp + code[pc + 3]!]!) >>> 0) + (code[pc + 4]! >>> 0);
          if (ea > memLen - 2) trap(TrapMessage.memoryOutOfBounds);
          I32[fp + code[pc + 1]!] = dv.getInt16(ea, true);
          pc += 5;
          continue;
        }
        case 0x15f: { // i32.load16_u (a + b)
          const ea = ((I32[fp + code[pc + 2]!]! + I32[fp + code[pc + 3]!]!) >>> 0) + (code[pc + 4]! >>> 0);
          if (ea > memLen - 2) trap(TrapMessage.memoryOutOfBounds);
          I32[fp + code[pc + 1]!] = dv.getUint16(ea, true);
          pc += 5;
          continue;
        }
        // ---- binary operations with a fused load as right operand: [op, dst, a, addr, offset] ----
        case 0x143: { // I32_ADD_LOAD
          const ea = U32[fp + code[pc + 3]!]! + (code[pc + 4]! >>> 0);
          if (ea > memLen - 4) trap(TrapMessage.memoryOutOfBounds);
          I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]! + dv.getInt32(ea, true);
          pc += 5;
          continue;
        }
        case 0x144: { // F64_ADD_LOAD
          const ea = U32[fp + code[pc + 3]!]! + (code[pc + 4]! >>> 0);
          if (ea > memLen - 8) trap(TrapMessage.memoryOutOfBounds);
          F64[(fp + code[pc + 1]!) >> 1] = F64[(fp + code[pc + 2]!) >> 1]! + dv.getFloat64(ea, true);
          pc += 5;
          continue;
        }
        case 0x145: { // F64_SUB_LOAD
          const ea = U32[fp + code[pc + 3]!]! + (code[pc + 4]! >>> 0);
          if (ea > memLen - 8) trap(TrapMessage.memoryOutOfBounds);
          F64[(fp + code[pc + 1]!) >> 1] = F64[(fp + code[pc + 2]!) >> 1]! - dv.getFloat64(ea, true);
          pc += 5;
          continue;
        }
        case 0x146: { // F64_MUL_LOAD
          const ea = U32[fp + code[pc + 3]!]! + (code[pc + 4]! >>> 0);
          if (ea > memLen - 8) trap(TrapMessage.memoryOutOfBounds);
          F64[(fp + code[pc + 1]!) >> 1] = F64[(fp + code[pc + 2]!) >> 1]! * dv.getFloat64(ea, true);
          pc += 5;
          continue;
        }
        case 0x147: { // F64_DIV_LOAD
          const ea = U32[fp + code[pc + 3]!]! + (code[pc + 4]! >>> 0);
          if (ea > memLen - 8) trap(TrapMessage.memoryOutOfBounds);
          F64[(fp + code[pc + 1]!) >> 1] = F64[(fp + code[pc + 2]!) >> 1]! / dv.getFloat64(ea, true);
          pc += 5;
          continue;
        }
        case 0x140: { // CONSTS
          const d = fp + code[pc + 1]!;
          const n = code[pc + 2]!;
          pc += 3;
          for (let j = 0; j < n; j++, pc += 2) {
            I32[d + 4 * j] = code[pc]!;
            I32[d + 4 * j + 1] = code[pc + 1]!;
          }
          continue;
        }
        case 0x135: // UNREACHABLE
          trap(TrapMessage.unreachable);

        // ---- i32 ----
        case 0x45: // i32.eqz
          I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!] === 0 ? 1 : 0;
          pc += 3;
          continue;
        case 0x46: // i32.eq
          I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!] === I32[fp + code[pc + 3]!] ? 1 : 0;
          pc += 4;
          continue;
        case 0x47: // i32.ne
          I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!] !== I32[fp + code[pc + 3]!] ? 1 : 0;
          pc += 4;
          continue;
        case 0x48: // i32.lt_s
          I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]! < I32[fp + code[pc + 3]!]! ? 1 : 0;
          pc += 4;
          continue;
        case 0x49: // i32.lt_u
          I32[fp + code[pc + 1]!] = U32[fp + code[pc + 2]!]! < U32[fp + code[pc + 3]!]! ? 1 : 0;
          pc += 4;
          continue;
        case 0x4a: // i32.gt_s
          I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]! > I32[fp + code[pc + 3]!]! ? 1 : 0;
          pc += 4;
          continue;
        case 0x4b: // i32.gt_u
          I32[fp + code[pc + 1]!] = U32[fp + code[pc + 2]!]! > U32[fp + code[pc + 3]!]! ? 1 : 0;
          pc += 4;
          continue;
        case 0x4c: // i32.le_s
          I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]! <= I32[fp + code[pc + 3]!]! ? 1 : 0;
          pc += 4;
          continue;
        case 0x4d: // i32.le_u
          I32[fp + code[pc + 1]!] = U32[fp + code[pc + 2]!]! <= U32[fp + code[pc + 3]!]! ? 1 : 0;
          pc += 4;
          continue;
        case 0x4e: // i32.ge_s
          I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]! >= I32[fp + code[pc + 3]!]! ? 1 : 0;
          pc += 4;
          continue;
        case 0x4f: // i32.ge_u
          I32[fp + code[pc + 1]!] = U32[fp + code[pc + 2]!]! >= U32[fp + code[pc + 3]!]! ? 1 : 0;
          pc += 4;
          continue;
        case 0x67: // i32.clz
          I32[fp + code[pc + 1]!] = Math.clz32(I32[fp + code[pc + 2]!]!);
          pc += 3;
          continue;
        case 0x68: { // i32.ctz
          const x = I32[fp + code[pc + 2]!]!;
          I32[fp + code[pc + 1]!] = x === 0 ? 32 : i64.ctz32(x);
          pc += 3;
          continue;
        }
        case 0x69: // i32.popcnt
          I32[fp + code[pc + 1]!] = i64.popcnt32(I32[fp + code[pc + 2]!]!);
          pc += 3;
          continue;
        case 0x6a: // i32.add
          I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]! + I32[fp + code[pc + 3]!]!;
          pc += 4;
          continue;
        case 0x6b: // i32.sub
          I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]! - I32[fp + code[pc + 3]!]!;
          pc += 4;
          continue;
        case 0x6c: // i32.mul
          I32[fp + code[pc + 1]!] = Math.imul(I32[fp + code[pc + 2]!]!, I32[fp + code[pc + 3]!]!);
          pc += 4;
          continue;
        case 0x6d: { // i32.div_s
          const a = I32[fp + code[pc + 2]!]!;
          const b = I32[fp + code[pc + 3]!]!;
          if (b === 0) trap(TrapMessage.divideByZero);
          if (a === -0x80000000 && b === -1) trap(TrapMessage.integerOverflow);
          I32[fp + code[pc + 1]!] = a / b;
          pc += 4;
          continue;
        }
        case 0x6e: { // i32.div_u
          const a = U32[fp + code[pc + 2]!]!;
          const b = U32[fp + code[pc + 3]!]!;
          if (b === 0) trap(TrapMessage.divideByZero);
          I32[fp + code[pc + 1]!] = Math.floor(a / b);
          pc += 4;
          continue;
        }
        case 0x6f: { // i32.rem_s
          const a = I32[fp + code[pc + 2]!]!;
          const b = I32[fp + code[pc + 3]!]!;
          if (b === 0) trap(TrapMessage.divideByZero);
          I32[fp + code[pc + 1]!] = a % b;
          pc += 4;
          continue;
        }
        case 0x70: { // i32.rem_u
          const a = U32[fp + code[pc + 2]!]!;
          const b = U32[fp + code[pc + 3]!]!;
          if (b === 0) trap(TrapMessage.divideByZero);
          I32[fp + code[pc + 1]!] = a % b;
          pc += 4;
          continue;
        }
        case 0x71: // i32.and
          I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]! & I32[fp + code[pc + 3]!]!;
          pc += 4;
          continue;
        case 0x72: // i32.or
          I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]! | I32[fp + code[pc + 3]!]!;
          pc += 4;
          continue;
        case 0x73: // i32.xor
          I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]! ^ I32[fp + code[pc + 3]!]!;
          pc += 4;
          continue;
        case 0x74: // i32.shl
          I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]! << I32[fp + code[pc + 3]!]!;
          pc += 4;
          continue;
        case 0x75: // i32.shr_s
          I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]! >> I32[fp + code[pc + 3]!]!;
          pc += 4;
          continue;
        case 0x76: // i32.shr_u
          I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]! >>> I32[fp + code[pc + 3]!]!;
          pc += 4;
          continue;
        case 0x77: { // i32.rotl
          const a = I32[fp + code[pc + 2]!]!;
          const s = I32[fp + code[pc + 3]!]!;
          I32[fp + code[pc + 1]!] = (a << s) | (a >>> (32 - (s & 31)));
          pc += 4;
          continue;
        }
        case 0x78: { // i32.rotr
          const a = I32[fp + code[pc + 2]!]!;
          const s = I32[fp + code[pc + 3]!]!;
          I32[fp + code[pc + 1]!] = (a >>> s) | (a << (32 - (s & 31)));
          pc += 4;
          continue;
        }

        // ---- i64 ----
        case 0x50: { // i64.eqz
          const a = fp + code[pc + 2]!;
          I32[fp + code[pc + 1]!] = (I32[a]! | I32[a + 1]!) === 0 ? 1 : 0;
          pc += 3;
          continue;
        }
        case 0x51: { // i64.eq
          const a = fp + code[pc + 2]!;
          const b = fp + code[pc + 3]!;
          I32[fp + code[pc + 1]!] = I32[a] === I32[b] && I32[a + 1] === I32[b + 1] ? 1 : 0;
          pc += 4;
          continue;
        }
        case 0x52: { // i64.ne
          const a = fp + code[pc + 2]!;
          const b = fp + code[pc + 3]!;
          I32[fp + code[pc + 1]!] = I32[a] !== I32[b] || I32[a + 1] !== I32[b + 1] ? 1 : 0;
          pc += 4;
          continue;
        }
        case 0x53: // i64.lt_s
          I32[fp + code[pc + 1]!] = i64.cmpS(I32, fp + code[pc + 2]!, fp + code[pc + 3]!) < 0 ? 1 : 0;
          pc += 4;
          continue;
        case 0x54: // i64.lt_u
          I32[fp + code[pc + 1]!] = i64.cmpU(I32, fp + code[pc + 2]!, fp + code[pc + 3]!) < 0 ? 1 : 0;
          pc += 4;
          continue;
        case 0x55: // i64.gt_s
          I32[fp + code[pc + 1]!] = i64.cmpS(I32, fp + code[pc + 2]!, fp + code[pc + 3]!) > 0 ? 1 : 0;
          pc += 4;
          continue;
        case 0x56: // i64.gt_u
          I32[fp + code[pc + 1]!] = i64.cmpU(I32, fp + code[pc + 2]!, fp + code[pc + 3]!) > 0 ? 1 : 0;
          pc += 4;
          continue;
        case 0x57: // i64.le_s
          I32[fp + code[pc + 1]!] = i64.cmpS(I32, fp + code[pc + 2]!, fp + code[pc + 3]!) <= 0 ? 1 : 0;
          pc += 4;
          continue;
        case 0x58: // i64.le_u
          I32[fp + code[pc + 1]!] = i64.cmpU(I32, fp + code[pc + 2]!, fp + code[pc + 3]!) <= 0 ? 1 : 0;
          pc += 4;
          continue;
        case 0x59: // i64.ge_s
          I32[fp + code[pc + 1]!] = i64.cmpS(I32, fp + code[pc + 2]!, fp + code[pc + 3]!) >= 0 ? 1 : 0;
          pc += 4;
          continue;
        case 0x5a: // i64.ge_u
          I32[fp + code[pc + 1]!] = i64.cmpU(I32, fp + code[pc + 2]!, fp + code[pc + 3]!) >= 0 ? 1 : 0;
          pc += 4;
          continue;
        case 0x79: // i64.clz
          i64.clz(I32, fp + code[pc + 1]!, fp + code[pc + 2]!);
          pc += 3;
          continue;
        case 0x7a: // i64.ctz
          i64.ctz(I32, fp + code[pc + 1]!, fp + code[pc + 2]!);
          pc += 3;
          continue;
        case 0x7b: { // i64.popcnt
          const a = fp + code[pc + 2]!;
          const d = fp + code[pc + 1]!;
          I32[d] = i64.popcnt32(I32[a]!) + i64.popcnt32(I32[a + 1]!);
          I32[d + 1] = 0;
          pc += 3;
          continue;
        }
        case 0x7c: { // i64.add
          const d = fp + code[pc + 1]!;
          const a = fp + code[pc + 2]!;
          const b = fp + code[pc + 3]!;
          const alo = I32[a]!;
          const lo = (alo + I32[b]!) | 0;
          I32[d + 1] = I32[a + 1]! + I32[b + 1]! + ((lo >>> 0) < (alo >>> 0) ? 1 : 0);
          I32[d] = lo;
          pc += 4;
          continue;
        }
        case 0x7d: { // i64.sub
          const d = fp + code[pc + 1]!;
          const a = fp + code[pc + 2]!;
          const b = fp + code[pc + 3]!;
          const alo = I32[a]!;
          const blo = I32[b]!;
          I32[d + 1] = I32[a + 1]! - I32[b + 1]! - ((alo >>> 0) < (blo >>> 0) ? 1 : 0);
          I32[d] = alo - blo;
          pc += 4;
          continue;
        }
        case 0x7e: // i64.mul
          i64.mul(I32, fp + code[pc + 1]!, fp + code[pc + 2]!, fp + code[pc + 3]!);
          pc += 4;
          continue;
        case 0x7f: // i64.div_s
          i64.divS(I32, fp + code[pc + 1]!, fp + code[pc + 2]!, fp + code[pc + 3]!);
          pc += 4;
          continue;
        case 0x80: // i64.div_u
          i64.divU(I32, fp + code[pc + 1]!, fp + code[pc + 2]!, fp + code[pc + 3]!);
          pc += 4;
          continue;
        case 0x81: // i64.rem_s
          i64.remS(I32, fp + code[pc + 1]!, fp + code[pc + 2]!, fp + code[pc + 3]!);
          pc += 4;
          continue;
        case 0x82: // i64.rem_u
          i64.remU(I32, fp + code[pc + 1]!, fp + code[pc + 2]!, fp + code[pc + 3]!);
          pc += 4;
          continue;
        case 0x83: { // i64.and
          const d = fp + code[pc + 1]!;
          const a = fp + code[pc + 2]!;
          const b = fp + code[pc + 3]!;
          I32[d] = I32[a]! & I32[b]!;
          I32[d + 1] = I32[a + 1]! & I32[b + 1]!;
          pc += 4;
          continue;
        }
        case 0x84: { // i64.or
          const d = fp + code[pc + 1]!;
          const a = fp + code[pc + 2]!;
          const b = fp + code[pc + 3]!;
          I32[d] = I32[a]! | I32[b]!;
          I32[d + 1] = I32[a + 1]! | I32[b + 1]!;
          pc += 4;
          continue;
        }
        case 0x85: { // i64.xor
          const d = fp + code[pc + 1]!;
          const a = fp + code[pc + 2]!;
          const b = fp + code[pc + 3]!;
          I32[d] = I32[a]! ^ I32[b]!;
          I32[d + 1] = I32[a + 1]! ^ I32[b + 1]!;
          pc += 4;
          continue;
        }
        case 0x86: // i64.shl
          i64.shl(I32, fp + code[pc + 1]!, fp + code[pc + 2]!, fp + code[pc + 3]!);
          pc += 4;
          continue;
        case 0x87: // i64.shr_s
          i64.shrS(I32, fp + code[pc + 1]!, fp + code[pc + 2]!, fp + code[pc + 3]!);
          pc += 4;
          continue;
        case 0x88: // i64.shr_u
          i64.shrU(I32, fp + code[pc + 1]!, fp + code[pc + 2]!, fp + code[pc + 3]!);
          pc += 4;
          continue;
        case 0x89: // i64.rotl
          i64.rotl(I32, fp + code[pc + 1]!, fp + code[pc + 2]!, fp + code[pc + 3]!);
          pc += 4;
          continue;
        case 0x8a: // i64.rotr
          i64.rotr(I32, fp + code[pc + 1]!, fp + code[pc + 2]!, fp + code[pc + 3]!);
          pc += 4;
          continue;

        // ---- f32 (F32 index = word index) ----
        case 0x5b: // f32.eq
          I32[fp + code[pc + 1]!] = F32[fp + code[pc + 2]!] === F32[fp + code[pc + 3]!] ? 1 : 0;
          pc += 4;
          continue;
        case 0x5c: // f32.ne
          I32[fp + code[pc + 1]!] = F32[fp + code[pc + 2]!] !== F32[fp + code[pc + 3]!] ? 1 : 0;
          pc += 4;
          continue;
        case 0x5d: // f32.lt
          I32[fp + code[pc + 1]!] = F32[fp + code[pc + 2]!]! < F32[fp + code[pc + 3]!]! ? 1 : 0;
          pc += 4;
          continue;
        case 0x5e: // f32.gt
          I32[fp + code[pc + 1]!] = F32[fp + code[pc + 2]!]! > F32[fp + code[pc + 3]!]! ? 1 : 0;
          pc += 4;
          continue;
        case 0x5f: // f32.le
          I32[fp + code[pc + 1]!] = F32[fp + code[pc + 2]!]! <= F32[fp + code[pc + 3]!]! ? 1 : 0;
          pc += 4;
          continue;
        case 0x60: // f32.ge
          I32[fp + code[pc + 1]!] = F32[fp + code[pc + 2]!]! >= F32[fp + code[pc + 3]!]! ? 1 : 0;
          pc += 4;
          continue;
        case 0x8b: // f32.abs
          I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]! & 0x7fffffff;
          pc += 3;
          continue;
        case 0x8c: // f32.neg
          I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]! ^ 0x80000000;
          pc += 3;
          continue;
        case 0x8d: // f32.ceil
          F32[fp + code[pc + 1]!] = Math.ceil(F32[fp + code[pc + 2]!]!);
          pc += 3;
          continue;
        case 0x8e: // f32.floor
          F32[fp + code[pc + 1]!] = Math.floor(F32[fp + code[pc + 2]!]!);
          pc += 3;
          continue;
        case 0x8f: // f32.trunc
          F32[fp + code[pc + 1]!] = Math.trunc(F32[fp + code[pc + 2]!]!);
          pc += 3;
          continue;
        case 0x90: // f32.nearest
          F32[fp + code[pc + 1]!] = nearest(F32[fp + code[pc + 2]!]!);
          pc += 3;
          continue;
        case 0x91: // f32.sqrt
          F32[fp + code[pc + 1]!] = Math.sqrt(F32[fp + code[pc + 2]!]!);
          pc += 3;
          continue;
        case 0x92: // f32.add
          F32[fp + code[pc + 1]!] = F32[fp + code[pc + 2]!]! + F32[fp + code[pc + 3]!]!;
          pc += 4;
          continue;
        case 0x93: // f32.sub
          F32[fp + code[pc + 1]!] = F32[fp + code[pc + 2]!]! - F32[fp + code[pc + 3]!]!;
          pc += 4;
          continue;
        case 0x94: // f32.mul
          F32[fp + code[pc + 1]!] = F32[fp + code[pc + 2]!]! * F32[fp + code[pc + 3]!]!;
          pc += 4;
          continue;
        case 0x95: // f32.div
          F32[fp + code[pc + 1]!] = F32[fp + code[pc + 2]!]! / F32[fp + code[pc + 3]!]!;
          pc += 4;
          continue;
        case 0x96: // f32.min
          F32[fp + code[pc + 1]!] = fmin(F32[fp + code[pc + 2]!]!, F32[fp + code[pc + 3]!]!);
          pc += 4;
          continue;
        case 0x97: // f32.max
          F32[fp + code[pc + 1]!] = fmax(F32[fp + code[pc + 2]!]!, F32[fp + code[pc + 3]!]!);
          pc += 4;
          continue;
        case 0x98: // f32.copysign
          I32[fp + code[pc + 1]!] = (I32[fp + code[pc + 2]!]! & 0x7fffffff) | (I32[fp + code[pc + 3]!]! & 0x80000000);
          pc += 4;
          continue;

        // ---- f64 (F64 index = word index / 2) ----
        case 0x61: // f64.eq
          I32[fp + code[pc + 1]!] = F64[(fp + code[pc + 2]!) >> 1] === F64[(fp + code[pc + 3]!) >> 1] ? 1 : 0;
          pc += 4;
          continue;
        case 0x62: // f64.ne
          I32[fp + code[pc + 1]!] = F64[(fp + code[pc + 2]!) >> 1] !== F64[(fp + code[pc + 3]!) >> 1] ? 1 : 0;
          pc += 4;
          continue;
        case 0x63: // f64.lt
          I32[fp + code[pc + 1]!] = F64[(fp + code[pc + 2]!) >> 1]! < F64[(fp + code[pc + 3]!) >> 1]! ? 1 : 0;
          pc += 4;
          continue;
        case 0x64: // f64.gt
          I32[fp + code[pc + 1]!] = F64[(fp + code[pc + 2]!) >> 1]! > F64[(fp + code[pc + 3]!) >> 1]! ? 1 : 0;
          pc += 4;
          continue;
        case 0x65: // f64.le
          I32[fp + code[pc + 1]!] = F64[(fp + code[pc + 2]!) >> 1]! <= F64[(fp + code[pc + 3]!) >> 1]! ? 1 : 0;
          pc += 4;
          continue;
        case 0x66: // f64.ge
          I32[fp + code[pc + 1]!] = F64[(fp + code[pc + 2]!) >> 1]! >= F64[(fp + code[pc + 3]!) >> 1]! ? 1 : 0;
          pc += 4;
          continue;
        case 0x99: { // f64.abs
          const d = fp + code[pc + 1]!;
          const a = fp + code[pc + 2]!;
          I32[d] = I32[a]!;
          I32[d + 1] = I32[a + 1]! & 0x7fffffff;
          pc += 3;
          continue;
        }
        case 0x9a: { // f64.neg
          const d = fp + code[pc + 1]!;
          const a = fp + code[pc + 2]!;
          I32[d] = I32[a]!;
          I32[d + 1] = I32[a + 1]! ^ 0x80000000;
          pc += 3;
          continue;
        }
        case 0x9b: // f64.ceil
          F64[(fp + code[pc + 1]!) >> 1] = fceil(F64[(fp + code[pc + 2]!) >> 1]!);
          pc += 3;
          continue;
        case 0x9c: // f64.floor
          F64[(fp + code[pc + 1]!) >> 1] = ffloor(F64[(fp + code[pc + 2]!) >> 1]!);
          pc += 3;
          continue;
        case 0x9d: // f64.trunc
          F64[(fp + code[pc + 1]!) >> 1] = ftrunc(F64[(fp + code[pc + 2]!) >> 1]!);
          pc += 3;
          continue;
        case 0x9e: // f64.nearest
          F64[(fp + code[pc + 1]!) >> 1] = nearest(F64[(fp + code[pc + 2]!) >> 1]!);
          pc += 3;
          continue;
        case 0x9f: // f64.sqrt
          F64[(fp + code[pc + 1]!) >> 1] = Math.sqrt(F64[(fp + code[pc + 2]!) >> 1]!);
          pc += 3;
          continue;
        case 0xa0: // f64.add
          F64[(fp + code[pc + 1]!) >> 1] = F64[(fp + code[pc + 2]!) >> 1]! + F64[(fp + code[pc + 3]!) >> 1]!;
          pc += 4;
          continue;
        case 0xa1: // f64.sub
          F64[(fp + code[pc + 1]!) >> 1] = F64[(fp + code[pc + 2]!) >> 1]! - F64[(fp + code[pc + 3]!) >> 1]!;
          pc += 4;
          continue;
        case 0xa2: // f64.mul
          F64[(fp + code[pc + 1]!) >> 1] = F64[(fp + code[pc + 2]!) >> 1]! * F64[(fp + code[pc + 3]!) >> 1]!;
          pc += 4;
          continue;
        case 0xa3: // f64.div
          F64[(fp + code[pc + 1]!) >> 1] = F64[(fp + code[pc + 2]!) >> 1]! / F64[(fp + code[pc + 3]!) >> 1]!;
          pc += 4;
          continue;
        case 0xa4: // f64.min
          F64[(fp + code[pc + 1]!) >> 1] = fmin(F64[(fp + code[pc + 2]!) >> 1]!, F64[(fp + code[pc + 3]!) >> 1]!);
          pc += 4;
          continue;
        case 0xa5: // f64.max
          F64[(fp + code[pc + 1]!) >> 1] = fmax(F64[(fp + code[pc + 2]!) >> 1]!, F64[(fp + code[pc + 3]!) >> 1]!);
          pc += 4;
          continue;
        case 0xa6: { // f64.copysign
          const d = fp + code[pc + 1]!;
          const a = fp + code[pc + 2]!;
          const b = fp + code[pc + 3]!;
          const hi = (I32[a + 1]! & 0x7fffffff) | (I32[b + 1]! & 0x80000000);
          I32[d] = I32[a]!;
          I32[d + 1] = hi;
          pc += 4;
          continue;
        }

        // ---- conversions ----
        case 0xa7: // i32.wrap_i64
        case 0xbc: // i32.reinterpret_f32
        case 0xbe: // f32.reinterpret_i32
          I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]!;
          pc += 3;
          continue;
        case 0xbd: // i64.reinterpret_f64
        case 0xbf: { // f64.reinterpret_i64
          const d = fp + code[pc + 1]!;
          const a = fp + code[pc + 2]!;
          I32[d] = I32[a]!;
          I32[d + 1] = I32[a + 1]!;
          pc += 3;
          continue;
        }
        case 0xa8: // i32.trunc_f32_s
          I32[fp + code[pc + 1]!] = truncI32S(F32[fp + code[pc + 2]!]!);
          pc += 3;
          continue;
        case 0xa9: // i32.trunc_f32_u
          I32[fp + code[pc + 1]!] = truncI32U(F32[fp + code[pc + 2]!]!);
          pc += 3;
          continue;
        case 0xaa: // i32.trunc_f64_s
          I32[fp + code[pc + 1]!] = truncI32S(F64[(fp + code[pc + 2]!) >> 1]!);
          pc += 3;
          continue;
        case 0xab: // i32.trunc_f64_u
          I32[fp + code[pc + 1]!] = truncI32U(F64[(fp + code[pc + 2]!) >> 1]!);
          pc += 3;
          continue;
        case 0xac: { // i64.extend_i32_s
          const d = fp + code[pc + 1]!;
          const v = I32[fp + code[pc + 2]!]!;
          I32[d] = v;
          I32[d + 1] = v >> 31;
          pc += 3;
          continue;
        }
        case 0xad: { // i64.extend_i32_u
          const d = fp + code[pc + 1]!;
          I32[d] = I32[fp + code[pc + 2]!]!;
          I32[d + 1] = 0;
          pc += 3;
          continue;
        }
        case 0xae: // i64.trunc_f32_s
          truncI64S(I32, fp + code[pc + 1]!, F32[fp + code[pc + 2]!]!);
          pc += 3;
          continue;
        case 0xaf: // i64.trunc_f32_u
          truncI64U(I32, fp + code[pc + 1]!, F32[fp + code[pc + 2]!]!);
          pc += 3;
          continue;
        case 0xb0: // i64.trunc_f64_s
          truncI64S(I32, fp + code[pc + 1]!, F64[(fp + code[pc + 2]!) >> 1]!);
          pc += 3;
          continue;
        case 0xb1: // i64.trunc_f64_u
          truncI64U(I32, fp + code[pc + 1]!, F64[(fp + code[pc + 2]!) >> 1]!);
          pc += 3;
          continue;
        case 0xb2: // f32.convert_i32_s
          F32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]!;
          pc += 3;
          continue;
        case 0xb3: // f32.convert_i32_u
          F32[fp + code[pc + 1]!] = U32[fp + code[pc + 2]!]!;
          pc += 3;
          continue;
        case 0xb4: // f32.convert_i64_s
          F32[fp + code[pc + 1]!] = i64ToF32S(I32, fp + code[pc + 2]!);
          pc += 3;
          continue;
        case 0xb5: // f32.convert_i64_u
          F32[fp + code[pc + 1]!] = i64ToF32U(I32, fp + code[pc + 2]!);
          pc += 3;
          continue;
        case 0xb6: // f32.demote_f64
          F32[fp + code[pc + 1]!] = F64[(fp + code[pc + 2]!) >> 1]!;
          pc += 3;
          continue;
        case 0xb7: // f64.convert_i32_s
          F64[(fp + code[pc + 1]!) >> 1] = I32[fp + code[pc + 2]!]!;
          pc += 3;
          continue;
        case 0xb8: // f64.convert_i32_u
          F64[(fp + code[pc + 1]!) >> 1] = U32[fp + code[pc + 2]!]!;
          pc += 3;
          continue;
        case 0xb9: // f64.convert_i64_s
          F64[(fp + code[pc + 1]!) >> 1] = i64ToF64S(I32, fp + code[pc + 2]!);
          pc += 3;
          continue;
        case 0xba: // f64.convert_i64_u
          F64[(fp + code[pc + 1]!) >> 1] = i64ToF64U(I32, fp + code[pc + 2]!);
          pc += 3;
          continue;
        case 0xbb: // f64.promote_f32
          F64[(fp + code[pc + 1]!) >> 1] = F32[fp + code[pc + 2]!]!;
          pc += 3;
          continue;
        case 0xc0: // i32.extend8_s
          I32[fp + code[pc + 1]!] = (I32[fp + code[pc + 2]!]! << 24) >> 24;
          pc += 3;
          continue;
        case 0xc1: // i32.extend16_s
          I32[fp + code[pc + 1]!] = (I32[fp + code[pc + 2]!]! << 16) >> 16;
          pc += 3;
          continue;
        case 0xc2: { // i64.extend8_s
          const d = fp + code[pc + 1]!;
          const v = (I32[fp + code[pc + 2]!]! << 24) >> 24;
          I32[d] = v;
          I32[d + 1] = v >> 31;
          pc += 3;
          continue;
        }
        case 0xc3: { // i64.extend16_s
          const d = fp + code[pc + 1]!;
          const v = (I32[fp + code[pc + 2]!]! << 16) >> 16;
          I32[d] = v;
          I32[d + 1] = v >> 31;
          pc += 3;
          continue;
        }
        case 0xc4: { // i64.extend32_s
          const d = fp + code[pc + 1]!;
          const v = I32[fp + code[pc + 2]!]!;
          I32[d] = v;
          I32[d + 1] = v >> 31;
          pc += 3;
          continue;
        }
        case 0x100: // i32.trunc_sat_f32_s
          I32[fp + code[pc + 1]!] = truncSatI32S(F32[fp + code[pc + 2]!]!);
          pc += 3;
          continue;
        case 0x101: // i32.trunc_sat_f32_u
          I32[fp + code[pc + 1]!] = truncSatI32U(F32[fp + code[pc + 2]!]!);
          pc += 3;
          continue;
        case 0x102: // i32.trunc_sat_f64_s
          I32[fp + code[pc + 1]!] = truncSatI32S(F64[(fp + code[pc + 2]!) >> 1]!);
          pc += 3;
          continue;
        case 0x103: // i32.trunc_sat_f64_u
          I32[fp + code[pc + 1]!] = truncSatI32U(F64[(fp + code[pc + 2]!) >> 1]!);
          pc += 3;
          continue;
        case 0x104: // i64.trunc_sat_f32_s
          truncSatI64S(I32, fp + code[pc + 1]!, F32[fp + code[pc + 2]!]!);
          pc += 3;
          continue;
        case 0x105: // i64.trunc_sat_f32_u
          truncSatI64U(I32, fp + code[pc + 1]!, F32[fp + code[pc + 2]!]!);
          pc += 3;
          continue;
        case 0x106: // i64.trunc_sat_f64_s
          truncSatI64S(I32, fp + code[pc + 1]!, F64[(fp + code[pc + 2]!) >> 1]!);
          pc += 3;
          continue;
        case 0x107: // i64.trunc_sat_f64_u
          truncSatI64U(I32, fp + code[pc + 1]!, F64[(fp + code[pc + 2]!) >> 1]!);
          pc += 3;
          continue;

        // ---- memory: loads [op, dst, addr, offset], stores [op, addr, value, offset] ----
        case 0x28: // i32.load
        case 0x2a: { // f32.load
          const ea = (U32[fp + code[pc + 2]!]! + (code[pc + 3]! >>> 0));
          if (ea > memLen - 4) trap(TrapMessage.memoryOutOfBounds);
          I32[fp + code[pc + 1]!] = dv.getInt32(ea, true);
          pc += 4;
          continue;
        }
        case 0x29: { // i64.load
          const ea = (U32[fp + code[pc + 2]!]! + (code[pc + 3]! >>> 0));
          if (ea > memLen - 8) trap(TrapMessage.memoryOutOfBounds);
          const d = fp + code[pc + 1]!;
          I32[d] = dv.getInt32(ea, true);
          I32[d + 1] = dv.getInt32(ea + 4, true);
          pc += 4;
          continue;
        }
        case 0x2b: { // f64.load: a double moves its bits unchanged (signalling NaNs included) on this path
          const ea = (U32[fp + code[pc + 2]!]! + (code[pc + 3]! >>> 0));
          if (ea > memLen - 8) trap(TrapMessage.memoryOutOfBounds);
          F64[(fp + code[pc + 1]!) >> 1] = dv.getFloat64(ea, true);
          pc += 4;
          continue;
        }
        case 0x2c: { // i32.load8_s
          const ea = (U32[fp + code[pc + 2]!]! + (code[pc + 3]! >>> 0));
          if (ea > memLen - 1) trap(TrapMessage.memoryOutOfBounds);
          I32[fp + code[pc + 1]!] = dv.getInt8(ea);
          pc += 4;
          continue;
        }
        case 0x2d: { // i32.load8_u
          const ea = (U32[fp + code[pc + 2]!]! + (code[pc + 3]! >>> 0));
          if (ea > memLen - 1) trap(TrapMessage.memoryOutOfBounds);
          I32[fp + code[pc + 1]!] = dv.getUint8(ea);
          pc += 4;
          continue;
        }
        case 0x2e: { // i32.load16_s
          const ea = (U32[fp + code[pc + 2]!]! + (code[pc + 3]! >>> 0));
          if (ea > memLen - 2) trap(TrapMessage.memoryOutOfBounds);
          I32[fp + code[pc + 1]!] = dv.getInt16(ea, true);
          pc += 4;
          continue;
        }
        case 0x2f: { // i32.load16_u
          const ea = (U32[fp + code[pc + 2]!]! + (code[pc + 3]! >>> 0));
          if (ea > memLen - 2) trap(TrapMessage.memoryOutOfBounds);
          I32[fp + code[pc + 1]!] = dv.getUint16(ea, true);
          pc += 4;
          continue;
        }
        case 0x30: { // i64.load8_s
          const ea = (U32[fp + code[pc + 2]!]! + (code[pc + 3]! >>> 0));
          if (ea > memLen - 1) trap(TrapMessage.memoryOutOfBounds);
          const d = fp + code[pc + 1]!;
          const v = dv.getInt8(ea);
          I32[d] = v;
          I32[d + 1] = v >> 31;
          pc += 4;
          continue;
        }
        case 0x31: { // i64.load8_u
          const ea = (U32[fp + code[pc + 2]!]! + (code[pc + 3]! >>> 0));
          if (ea > memLen - 1) trap(TrapMessage.memoryOutOfBounds);
          const d = fp + code[pc + 1]!;
          I32[d] = dv.getUint8(ea);
          I32[d + 1] = 0;
          pc += 4;
          continue;
        }
        case 0x32: { // i64.load16_s
          const ea = (U32[fp + code[pc + 2]!]! + (code[pc + 3]! >>> 0));
          if (ea > memLen - 2) trap(TrapMessage.memoryOutOfBounds);
          const d = fp + code[pc + 1]!;
          const v = dv.getInt16(ea, true);
          I32[d] = v;
          I32[d + 1] = v >> 31;
          pc += 4;
          continue;
        }
        case 0x33: { // i64.load16_u
          const ea = (U32[fp + code[pc + 2]!]! + (code[pc + 3]! >>> 0));
          if (ea > memLen - 2) trap(TrapMessage.memoryOutOfBounds);
          const d = fp + code[pc + 1]!;
          I32[d] = dv.getUint16(ea, true);
          I32[d + 1] = 0;
          pc += 4;
          continue;
        }
        case 0x34: { // i64.load32_s
          const ea = (U32[fp + code[pc + 2]!]! + (code[pc + 3]! >>> 0));
          if (ea > memLen - 4) trap(TrapMessage.memoryOutOfBounds);
          const d = fp + code[pc + 1]!;
          const v = dv.getInt32(ea, true);
          I32[d] = v;
          I32[d + 1] = v >> 31;
          pc += 4;
          continue;
        }
        case 0x35: { // i64.load32_u
          const ea = (U32[fp + code[pc + 2]!]! + (code[pc + 3]! >>> 0));
          if (ea > memLen - 4) trap(TrapMessage.memoryOutOfBounds);
          const d = fp + code[pc + 1]!;
          I32[d] = dv.getInt32(ea, true);
          I32[d + 1] = 0;
          pc += 4;
          continue;
        }
        case 0x36: // i32.store
        case 0x38: { // f32.store
          const ea = (U32[fp + code[pc + 1]!]! + (code[pc + 3]! >>> 0));
          if (ea > memLen - 4) trap(TrapMessage.memoryOutOfBounds);
          dv.setInt32(ea, I32[fp + code[pc + 2]!]!, true);
          pc += 4;
          continue;
        }
        case 0x39: { // f64.store
          const ea = (U32[fp + code[pc + 1]!]! + (code[pc + 3]! >>> 0));
          if (ea > memLen - 8) trap(TrapMessage.memoryOutOfBounds);
          dv.setFloat64(ea, F64[(fp + code[pc + 2]!) >> 1]!, true);
          pc += 4;
          continue;
        }
        case 0x37: { // i64.store
          const ea = (U32[fp + code[pc + 1]!]! + (code[pc + 3]! >>> 0));
          if (ea > memLen - 8) trap(TrapMessage.memoryOutOfBounds);
          const s = fp + code[pc + 2]!;
          dv.setInt32(ea, I32[s]!, true);
          dv.setInt32(ea + 4, I32[s + 1]!, true);
          pc += 4;
          continue;
        }
        case 0x3a: // i32.store8
        case 0x3c: { // i64.store8
          const ea = (U32[fp + code[pc + 1]!]! + (code[pc + 3]! >>> 0));
          if (ea > memLen - 1) trap(TrapMessage.memoryOutOfBounds);
          dv.setInt8(ea, I32[fp + code[pc + 2]!]!);
          pc += 4;
          continue;
        }
        case 0x3b: // i32.store16
        case 0x3d: { // i64.store16
          const ea = (U32[fp + code[pc + 1]!]! + (code[pc + 3]! >>> 0));
          if (ea > memLen - 2) trap(TrapMessage.memoryOutOfBounds);
          dv.setInt16(ea, I32[fp + code[pc + 2]!]!, true);
          pc += 4;
          continue;
        }
        case 0x3e: { // i64.store32
          const ea = (U32[fp + code[pc + 1]!]! + (code[pc + 3]! >>> 0));
          if (ea > memLen - 4) trap(TrapMessage.memoryOutOfBounds);
          dv.setInt32(ea, I32[fp + code[pc + 2]!]!, true);
          pc += 4;
          continue;
        }
        case 0x3f: // memory.size
          I32[fp + code[pc + 1]!] = mem!.pages;
          pc += 2;
          continue;
        case 0x40: { // memory.grow
          I32[fp + code[pc + 1]!] = mem!.grow(U32[fp + code[pc + 2]!]!);
          dv = mem!.dv;
          memLen = dv.byteLength;
          pc += 3;
          continue;
        }

        // ---- bulk memory and tables: [op, a, b, c, imm0, imm1] ----
        case 0x108: { // memory.init
          const d = U32[fp + code[pc + 1]!]!;
          const s = U32[fp + code[pc + 2]!]!;
          const n = U32[fp + code[pc + 3]!]!;
          const seg = inst.datas[code[pc + 4]!];
          const segLen = seg ? seg.length : 0;
          if (s + n > segLen || d + n > memLen) trap(TrapMessage.memoryOutOfBounds);
          if (n > 0) mem!.u8.set(seg!.subarray(s, s + n), d);
          pc += 6;
          continue;
        }
        case 0x109: // data.drop
          inst.datas[code[pc + 1]!] = null;
          pc += 2;
          continue;
        case 0x10a: { // memory.copy
          const d = U32[fp + code[pc + 1]!]!;
          const s = U32[fp + code[pc + 2]!]!;
          const n = U32[fp + code[pc + 3]!]!;
          if (s + n > memLen || d + n > memLen) trap(TrapMessage.memoryOutOfBounds);
          mem!.u8.copyWithin(d, s, s + n);
          pc += 6;
          continue;
        }
        case 0x10b: { // memory.fill
          const d = U32[fp + code[pc + 1]!]!;
          const v = I32[fp + code[pc + 2]!]! & 0xff;
          const n = U32[fp + code[pc + 3]!]!;
          if (d + n > memLen) trap(TrapMessage.memoryOutOfBounds);
          mem!.u8.fill(v, d, d + n);
          pc += 6;
          continue;
        }
        case 0x10c: { // table.init
          const d = U32[fp + code[pc + 1]!]!;
          const s = U32[fp + code[pc + 2]!]!;
          const n = U32[fp + code[pc + 3]!]!;
          const seg = inst.elems[code[pc + 4]!];
          const table = inst.tables[code[pc + 5]!]!;
          const segLen = seg ? seg.length : 0;
          if (s + n > segLen || d + n > table.elements.length) trap(TrapMessage.tableOutOfBounds);
          // Every index written into a table is kept strong (Store.collectFuncs); segment
          // indices of an externref segment are never DEMOTED, so the check is type-agnostic.
          for (let j = 0; j < n; j++) {
            const ref = seg![s + j]!;
            table.elements[d + j] = ref;
            store.keepFunc(ref);
          }
          pc += 6;
          continue;
        }
        case 0x10d: // elem.drop
          inst.elems[code[pc + 1]!] = null;
          pc += 2;
          continue;
        case 0x10e: { // table.copy
          const d = U32[fp + code[pc + 1]!]!;
          const s = U32[fp + code[pc + 2]!]!;
          const n = U32[fp + code[pc + 3]!]!;
          const dt = inst.tables[code[pc + 4]!]!.elements;
          const st = inst.tables[code[pc + 5]!]!.elements;
          if (s + n > st.length || d + n > dt.length) trap(TrapMessage.tableOutOfBounds);
          // Within one table the indices stay with the table that kept them; into another they
          // must not depend on the source table staying alive.
          if (dt === st) dt.copyWithin(d, s, s + n);
          else
            for (let j = 0; j < n; j++) {
              const ref = st[s + j]!;
              dt[d + j] = ref;
              store.keepFunc(ref);
            }
          pc += 6;
          continue;
        }
        case 0x25: { // table.get [op, dst, index, table]
          const elems = inst.tables[code[pc + 3]!]!.elements;
          const i = U32[fp + code[pc + 2]!]!;
          if (i >= elems.length) trap(TrapMessage.tableOutOfBounds);
          I32[fp + code[pc + 1]!] = elems[i]!;
          pc += 4;
          continue;
        }
        case 0x26: { // table.set [op, table, index, value]
          const elems = inst.tables[code[pc + 1]!]!.elements;
          const i = U32[fp + code[pc + 2]!]!;
          if (i >= elems.length) trap(TrapMessage.tableOutOfBounds);
          const ref = I32[fp + code[pc + 3]!]!;
          elems[i] = ref;
          store.keepFunc(ref);
          pc += 4;
          continue;
        }
        case 0x10f: { // table.grow [op, dst, init, delta, table]
          const ref = I32[fp + code[pc + 2]!]!;
          const old = inst.tables[code[pc + 4]!]!.grow(U32[fp + code[pc + 3]!]!, ref);
          if (old !== -1) store.keepFunc(ref);
          I32[fp + code[pc + 1]!] = old;
          pc += 5;
          continue;
        }
        case 0x110: // table.size [op, dst, table]
          I32[fp + code[pc + 1]!] = inst.tables[code[pc + 2]!]!.elements.length;
          pc += 3;
          continue;
        case 0x111: { // table.fill [op, table, index, value, count]
          const elems = inst.tables[code[pc + 1]!]!.elements;
          const i = U32[fp + code[pc + 2]!]!;
          const v = I32[fp + code[pc + 3]!]!;
          const n = U32[fp + code[pc + 4]!]!;
          if (i + n > elems.length) trap(TrapMessage.tableOutOfBounds);
          elems.fill(v, i, i + n);
          if (n > 0) store.keepFunc(v);
          pc += 5;
          continue;
        }
        case 0xd1: // ref.is_null
          I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!] === 0 ? 1 : 0;
          pc += 3;
          continue;
        // ---- 3.0: exceptions, typed function references (see exec/exceptions.ts) ----
        case 0x170: // THROW [op, tag, argBase]
          pc += 3;
          throwTag(store, inst, code[pc - 2]!, I32, fp + code[pc - 1]!);
        // falls through (throwTag never returns)
        case 0x171: // THROW_REF [op, src]
          pc += 2;
          throwRef(store, I32[fp + code[pc - 1]!]!);
        // falls through (throwRef never returns)
        case 0x172: // TRY
          pc += 1;
          continue;
        case 0x173: { // CALL_REF [op, type, ref, argBase]
          const ref = I32[fp + code[pc + 2]!]!;
          if (ref === 0) trap(TrapMessage.nullFunctionReference);
          callee = store.deref(ref) as FuncInstance;
          argw = code[pc + 3]!;
          pc += 4;
          break;
        }
        case 0x176: // GC [op, opcode, immIndex, dst, n, in…] (see exec/gc.ts)
          execGc(store, inst, code, pc, fp);
          pc += 5 + code[pc + 4]!;
          continue;
        case 0x175: // REF_AS_NON_NULL [op, src]
          if (I32[fp + code[pc + 1]!] === 0) trap(TrapMessage.nullReference);
          pc += 2;
          continue;
        default:
          throw new Error(`interpreter: bad lowered opcode 0x${code[pc]!.toString(16)} at ${pc}`);
      }

      // ---- the call sequence (reached by `break` from CALL and CALL_INDIRECT) ----
      if (callee.kind === 'wasm') {
        if (!callee.fast && callee.jit === null && !callee.noJit && ++callee.hotness >= jitThreshold) tierUp(callee);
        if (callee.fast) {
          // A direct JavaScript call into the fast tier, above this frame.
          callFast(store, fn, callee, fp, argw, depth);
          if (fn.jit !== null) pc = fn.jit(S, fp, pc, inst, mem, depth, fn);
          dv = mem !== undefined ? mem.dv : EMPTY_DV;
          memLen = dv.byteLength;
          continue;
        }
        const nfp = fp + argw;
        if (depth + 1 >= maxDepth || nfp + callee.frameSize * 4 > stackEnd) throw afterCall(new Trap(TrapMessage.callStackExhausted));
        frames[2 * depth] = pc;
        frames[2 * depth + 1] = fp;
        frameFuncs[depth] = fn;
        depth++;
        fn = callee;
        fp = nfp;
        code = callee.code;
        pc = callee.entry;
        for (let w = fp + 4 * callee.paramCount, e = fp + 4 * callee.localCount; w < e; w++) I32[w] = 0;
        if (callee.instance !== inst) {
          inst = callee.instance;
          funcs = inst.funcs;
          globals = inst.globals;
          mem = inst.memories[0];
          dv = mem !== undefined ? mem.dv : EMPTY_DV;
          memLen = dv.byteLength;
        }
        if (callee.jit !== null) {
          pc = callee.jit(S, fp, pc, inst, mem, depth, callee);
          dv = mem !== undefined ? mem.dv : EMPTY_DV;
          memLen = dv.byteLength;
        }
      } else {
        const savedTop = store.stackTop;
        const savedDepth = store.callDepth;
        store.stackTop = (fp >> 2) + fn.frameSize;
        store.callDepth = depth + 1;
        try {
          callHost(store, callee, fp + argw);
        } catch (e) {
          // Remember what came out of the host, so that `invoke` passes it on unchanged (it only
          // turns the engine's own JS stack overflows into traps).
          store.hostError = e;
          // A trap from inside the host call (a re-entered Wasm function's, or the host's own)
          // continues its backtrace with this frame, at the call.
          if (e instanceof Trap) afterCall(e);
          throw e;
        } finally {
          store.stackTop = savedTop;
          store.callDepth = savedDepth;
        }
        if (fn.jit !== null) pc = fn.jit(S, fp, pc, inst, mem, depth, fn);
        dv = mem !== undefined ? mem.dv : EMPTY_DV;
        memLen = dv.byteLength;
      }
    }
  } catch (e) {
    if (store.bodyCallPc >= 0) {
      // Out of a call compiled code made: the frame stands where the interpreter's own call would.
      pc = store.bodyCallPc;
      argw = store.bodyCallArgw;
      store.bodyCallPc = -1;
    }
    if (e instanceof Trap) recordFrames(store, e, fn, pc, baseDepth, depth);
    else if (e instanceof Stop) {
      // The frames stay where they are (the continuation is attached, see `fuel/stop.ts`).
      e.frames.push({ kind: 'interp', fn, pc, fp, argw, baseDepth, depth });
      throw e;
    } else {
      const h = catchException(store, e, fn, pc, fp, baseDepth, depth);
      if (h !== null) {
        frameFuncs.fill(undefined, h.depth, depth);
        depth = h.depth;
        fn = h.fn;
        fp = h.fp;
        pc = h.pc;
        inst = fn.instance;
        code = fn.code;
        funcs = inst.funcs;
        globals = inst.globals;
        mem = inst.memories[0];
        dv = mem !== undefined ? mem.dv : EMPTY_DV;
        memLen = dv.byteLength;
        continue;
      }
    }
    // The abandoned frames' callers would otherwise stay in the array (and their instances
    // alive) until deeper calls overwrite them.
    frameFuncs.fill(undefined, baseDepth, depth);
    throw e;
  }
  }
  // The entry frame continues in the fast tier, replacing it, outside this call's handler as
  // when the entry is compiled (`tail` is set on the only way here).
  store.callDepth = baseDepth - 1;
  enterLoop(store, fn, tail!, fp);
}

/**
 * Moves hot function `f` up a tier (once): to the fast tier if it compiles `f`, else to the
 * frame-layout compiled tier. Returns whether `f` now has compiled code of either kind.
 */
function tierUp(f: WasmFunction): boolean {
  if (compileFast(f)) return true;
  ensureLowered(f);
  const bodies = bodiesOf(f.code);
  let body = bodies.get(f.entry);
  if (body === undefined) {
    body =
      f.end - f.entry > MAX_COMPILED_WORDS
        ? compileChunks(f.code, f.entry, f.end, f.i32Locals, f.singleUse, f.instance.store.fastTier)
        : compileBody(f.code, f.entry, f.entry, f.end, f.i32Locals, f.singleUse, [], [], f.instance.store.fastTier);
    bodies.set(f.entry, body);
  }
  if (body === null) {
    f.noJit = true;
    return false;
  }
  f.jit = body;
  return true;
}

/** The compiled body of the loop at `pc` of `f` (compiled on first use), or null. */
function loopBody(f: WasmFunction, pc: number): CompiledBody | null {
  const bodies = bodiesOf(f.code);
  let body = bodies.get(pc);
  if (body === undefined) {
    body = compileBody(f.code, f.entry, pc, f.code[pc + 1]!, f.i32Locals, f.singleUse, [], [], f.instance.store.fastTier);
    bodies.set(pc, body);
  }
  return body;
}

function bodiesOf(code: Int32Array): Map<number, CompiledBody | null> {
  let bodies = compiledBodies.get(code);
  if (bodies === undefined) {
    bodies = new Map();
    compiledBodies.set(code, bodies);
  }
  return bodies;
}

/**
 * Compiled bodies by module code and start position (function entry or loop header), shared
 * by all instances of a module.
 */
const compiledBodies = new WeakMap<Int32Array, Map<number, CompiledBody | null>>();

installInterpreter(execute, callHost);
