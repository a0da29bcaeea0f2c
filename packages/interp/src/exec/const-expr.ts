/**
 * Evaluation of constant expressions (global initialisers, segment offsets, element
 * expressions). In WebAssembly 2.0 they are a single constant, `ref.null`, `ref.func` or
 * `global.get`, followed by `end`; the validator has checked that.
 */
import { Op, type Expr, type Module } from '@rt/binary';
import type { ModuleInstance } from '../runtime/instance.js';

/** Evaluates `expr` into `out` (value-cell words: i32/f32/ref in word 0, 64-bit in 0–1, v128 in 0–3). */
export function evalConst(module: Module, inst: ModuleInstance, expr: Expr, out: Int32Array): void {
  const ins = module.instructions;
  out.fill(0);
  for (let i = expr.start; i < expr.end; i++) {
    const op = ins.ops[i]!;
    const k = ins.immStart[i]!;
    switch (op) {
      case Op.i32_const:
      case Op.f32_const:
        out[0] = ins.imms[k]!;
        break;
      case Op.i64_const:
      case Op.f64_const:
        out[0] = ins.imms[k]!;
        out[1] = ins.imms[k + 1]!;
        break;
      case Op.v128_const:
        for (let j = 0; j < 4; j++) out[j] = ins.imms[k + j]!;
        break;
      case Op.ref_null:
        out[0] = 0;
        break;
      case Op.ref_func:
        out[0] = inst.funcs[ins.imms[k]!]!.ref;
        break;
      case Op.global_get:
        out.set(inst.globals[ins.imms[k]!]!.i32);
        break;
      case Op.end:
        return;
      default:
        throw new Error(`constant expression: unexpected opcode 0x${op.toString(16)}`);
    }
  }
}
