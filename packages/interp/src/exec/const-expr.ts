/**
 * Evaluation of constant expressions (global initialisers, segment offsets, element
 * expressions): constants, `ref.null`, `ref.func`, `global.get`, and 3.0's extended constants
 * `i32/i64.add/sub/mul`. The validator has checked the types, so the stack of values needs no
 * checks. This runs at instantiation only: i64 arithmetic uses BigInt for its simplicity.
 */
import { Op, type Expr, type Module } from '@rt/binary';
import type { ModuleInstance } from '../runtime/instance.js';
import { evalGcConst } from './gc.js';

/** The 64 bits of words `w[0]` (low) and `w[1]` (high) as a bigint. */
function toBig(w: Int32Array): bigint {
  return (BigInt(w[1]!) << 32n) | BigInt(w[0]! >>> 0);
}

/** Evaluates `expr` into `out` (value-cell words: i32/f32/ref in word 0, 64-bit in 0–1, v128 in 0–3). */
export function evalConst(module: Module, inst: ModuleInstance, expr: Expr, out: Int32Array): void {
  const ins = module.instructions;
  // One 4-word cell per stacked value; nearly every expression is a single instruction.
  const stack: Int32Array[] = [];
  const push = (): Int32Array => {
    const cell = new Int32Array(4);
    stack.push(cell);
    return cell;
  };
  for (let i = expr.start; i < expr.end; i++) {
    const op = ins.ops[i]!;
    const k = ins.immStart[i]!;
    switch (op) {
      case Op.i32_const:
      case Op.f32_const:
        push()[0] = ins.imms[k]!;
        break;
      case Op.i64_const:
      case Op.f64_const: {
        const c = push();
        c[0] = ins.imms[k]!;
        c[1] = ins.imms[k + 1]!;
        break;
      }
      case Op.v128_const: {
        const c = push();
        for (let j = 0; j < 4; j++) c[j] = ins.imms[k + j]!;
        break;
      }
      case Op.ref_null:
        push()[0] = 0;
        break;
      case Op.ref_func:
        push()[0] = inst.funcs[ins.imms[k]!]!.ref;
        break;
      case Op.global_get:
        push().set(inst.globals[ins.imms[k]!]!.i32);
        break;
      case Op.i32_add:
      case Op.i32_sub:
      case Op.i32_mul: {
        const b = stack.pop()![0]!;
        const a = stack[stack.length - 1]!;
        a[0] = op === Op.i32_add ? a[0]! + b : op === Op.i32_sub ? a[0]! - b : Math.imul(a[0]!, b);
        break;
      }
      case Op.i64_add:
      case Op.i64_sub:
      case Op.i64_mul: {
        const b = toBig(stack.pop()!);
        const a = stack[stack.length - 1]!;
        const x = toBig(a);
        const r = BigInt.asUintN(64, op === Op.i64_add ? x + b : op === Op.i64_sub ? x - b : x * b);
        a[0] = Number(r & 0xffffffffn) | 0;
        a[1] = Number(r >> 32n) | 0;
        break;
      }
      case Op.end:
        out.set(stack[0] ?? new Int32Array(4));
        return;
      default:
        if (evalGcConst(inst, op, k, stack)) break;
        throw new Error(`constant expression: unexpected opcode 0x${op.toString(16)}`);
    }
  }
}
