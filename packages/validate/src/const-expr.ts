import { HeapType, indexHeapType, isNullable, PackedType, refType, ValType, type Expr } from '@rt/binary';
import { checkValType } from './type-checks.js';
import type { ModuleContext } from './context.js';
import { ValidationError } from './errors.js';

const OP_END = 0x0b;
const OP_GLOBAL_GET = 0x23;
const OP_I32_CONST = 0x41;
const OP_I64_CONST = 0x42;
const OP_F32_CONST = 0x43;
const OP_F64_CONST = 0x44;
const OP_REF_NULL = 0xd0;
const OP_REF_FUNC = 0xd2;
const OP_V128_CONST = 0x20c;
// 3.0's extended constant expressions.
const OP_I32_ADD = 0x6a;
const OP_I32_SUB = 0x6b;
const OP_I32_MUL = 0x6c;
const OP_I64_ADD = 0x7c;
const OP_I64_SUB = 0x7d;
const OP_I64_MUL = 0x7e;

/**
 * Validates a constant expression (global initialiser, segment offset, element expression)
 * that must produce exactly one value of type `expected`.
 *
 * In WebAssembly 2.0 only `t.const`, `ref.null`, `ref.func` and `global.get` of an *imported*
 * immutable global are constant; the context of constant expressions holds the imported
 * globals only, so reading a module-defined global is "unknown global", like the reference
 * interpreter says. 3.0 adds `i32/i64.add/sub/mul` (extended constants) and lets `global.get`
 * read any immutable global below `visibleGlobals` (a global initialiser sees the globals
 * before it; segments see them all).
 */
export function validateConstExpr(ctx: ModuleContext, expr: Expr, expected: ValType, visibleGlobals = ctx.globalTypes.length): void {
  const s = ctx.module.instructions;
  const readable = ctx.v3 ? visibleGlobals : ctx.importedGlobals;
  const stack: ValType[] = [];
  for (let i = expr.start; i < expr.end; i++) {
    const op = s.ops[i]!;
    const x = s.imms[s.immStart[i]!]!;
    const at = s.offsets[i]!;
    let t: ValType;
    switch (op) {
      case OP_END:
        if (i !== expr.end - 1) throw new ValidationError('constant expression required', at);
        continue;
      case OP_I32_CONST: t = ValType.i32; break;
      case OP_I64_CONST: t = ValType.i64; break;
      case OP_F32_CONST: t = ValType.f32; break;
      case OP_F64_CONST: t = ValType.f64; break;
      case OP_V128_CONST: t = ValType.v128; break;
      case OP_REF_NULL:
        if (!checkValType(ctx.module, x)) throw new ValidationError('unknown type', at);
        t = x;
        break;
      case OP_REF_FUNC:
        if (x >= ctx.funcTypeIndex.length) throw new ValidationError(`unknown function ${x}`, at);
        t = ctx.v3 ? refType(indexHeapType(ctx.funcTypeIndex[x]!), false) : ValType.funcref;
        break;
      case OP_GLOBAL_GET:
        if (x >= readable) throw new ValidationError(`unknown global ${x}`, at);
        if (ctx.globalMutable[x] === 1) throw new ValidationError('constant expression required', at);
        t = ctx.globalTypes[x]!;
        break;
      case OP_I32_ADD:
      case OP_I32_SUB:
      case OP_I32_MUL:
      case OP_I64_ADD:
      case OP_I64_SUB:
      case OP_I64_MUL: {
        if (!ctx.v3) throw new ValidationError('constant expression required', at);
        t = op <= OP_I32_MUL ? ValType.i32 : ValType.i64;
        // Two operands of the instruction's type become one.
        if (stack.pop() !== t || stack.pop() !== t) throw new ValidationError('type mismatch', at);
        break;
      }
      default: {
        if (!ctx.v3) throw new ValidationError('constant expression required', at);
        const r = gcConstant(ctx, op, s.imms, s.immStart[i]!, stack, at);
        if (r === undefined) throw new ValidationError('constant expression required', at);
        t = r;
      }
    }
    stack.push(t);
  }
  if (stack.length !== 1 || !ctx.rel.matches(stack[0]!, expected)) {
    throw new ValidationError('type mismatch', s.offsets[expr.end - 1] ?? 0);
  }
}

/**
 * 3.0's GC constant instructions (`struct.new`, `struct.new_default`, `array.new`,
 * `array.new_default`, `array.new_fixed`, `ref.i31`, `any.convert_extern`, `extern.convert_any`):
 * pops their operands off `stack` (checking their types) and returns the result type, or
 * `undefined` for an instruction that is not constant.
 */
function gcConstant(ctx: ModuleContext, op: number, imms: Uint32Array, a: number, stack: ValType[], at: number): ValType | undefined {
  const pop = (t: ValType): void => {
    const v = stack.pop();
    if (v === undefined || !ctx.rel.matches(v, t)) throw new ValidationError('type mismatch', at);
  };
  const def = (x: number, kind: 'struct' | 'array') => {
    const t = ctx.module.types[x];
    if (t === undefined) throw new ValidationError(`unknown type ${x}`, at);
    if (t.kind !== kind) throw new ValidationError('type mismatch', at);
    return t;
  };
  const unpack = (t: ValType): ValType => (t === PackedType.i8 || t === PackedType.i16 ? ValType.i32 : t);
  const x = imms[a]!;
  switch (op) {
    case 0x400: { // struct.new
      const t = def(x, 'struct') as { fields: readonly { type: ValType }[] };
      for (let k = t.fields.length - 1; k >= 0; k--) pop(unpack(t.fields[k]!.type));
      return refType(indexHeapType(x), false);
    }
    case 0x401: // struct.new_default
      def(x, 'struct');
      return refType(indexHeapType(x), false);
    case 0x406: { // array.new
      const t = def(x, 'array') as { element: { type: ValType } };
      pop(ValType.i32);
      pop(unpack(t.element.type));
      return refType(indexHeapType(x), false);
    }
    case 0x407: // array.new_default
      def(x, 'array');
      pop(ValType.i32);
      return refType(indexHeapType(x), false);
    case 0x408: { // array.new_fixed
      const t = def(x, 'array') as { element: { type: ValType } };
      for (let k = 0; k < imms[a + 1]!; k++) pop(unpack(t.element.type));
      return refType(indexHeapType(x), false);
    }
    case 0x41c: // ref.i31
      pop(ValType.i32);
      return refType(HeapType.i31, false);
    case 0x41a: { // any.convert_extern
      const v = stack[stack.length - 1];
      pop(ValType.externref);
      return refType(HeapType.any, v === undefined || isNullable(v));
    }
    case 0x41b: { // extern.convert_any
      const v = stack[stack.length - 1];
      pop(ValType.anyref);
      return refType(HeapType.extern, v === undefined || isNullable(v));
    }
  }
  return undefined;
}
