/**
 * Constant expressions (global initialisers, segment offsets, element expressions) printed as
 * text-format instructions: `i32.const 1024`, `global.get 0`, `ref.func 3`.
 * @packageDocumentation
 */
import { OPCODE_BY_ID, valTypeName, type Expr, type Module } from '@rt/binary';

const view = new DataView(new ArrayBuffer(8));

function float32(bits: number): string {
  view.setUint32(0, bits, true);
  return formatFloat(view.getFloat32(0, true));
}

function float64(lo: number, hi: number): string {
  view.setUint32(0, lo, true);
  view.setUint32(4, hi, true);
  return formatFloat(view.getFloat64(0, true));
}

/** Floats as the text format writes them (`nan`, `inf`, `-0`). */
export function formatFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Object.is(x, -0)) return '-0';
  return String(x);
}

/** One instruction of a constant expression, with its immediate. */
function instruction(module: Module, i: number): string {
  const s = module.instructions;
  const op = s.ops[i]!;
  const info = OPCODE_BY_ID[op];
  const name = info?.name ?? `<op 0x${op.toString(16)}>`;
  const at = s.immStart[i]!;
  const w0 = s.imms[at] ?? 0;
  const w1 = s.imms[at + 1] ?? 0;
  switch (info?.imm) {
    case 'i32': return `${name} ${w0 | 0}`;
    case 'i64': return `${name} ${BigInt.asIntN(64, (BigInt(w1) << 32n) | BigInt(w0))}`;
    case 'f32': return `${name} ${float32(w0)}`;
    case 'f64': return `${name} ${float64(w0, w1)}`;
    case 'heaptype': return `${name} ${valTypeName(w0) === 'funcref' ? 'func' : valTypeName(w0) === 'externref' ? 'extern' : valTypeName(w0)}`;
    case 'global': case 'func': return `${name} ${w0}`;
    default: return name;
  }
}

/** The instructions of `expr` without its final `end`, separated by spaces. */
export function formatConstExpr(module: Module, expr: Expr): string {
  const parts: string[] = [];
  for (let i = expr.start; i < expr.end - 1; i++) parts.push(instruction(module, i));
  return parts.join(' ');
}

/** The value of a lone `i32.const` expression (segment offsets), or `null`. */
export function constI32(module: Module, expr: Expr): number | null {
  const s = module.instructions;
  if (expr.end - expr.start !== 2 || OPCODE_BY_ID[s.ops[expr.start]!]?.name !== 'i32.const') return null;
  return s.imms[s.immStart[expr.start]!]! | 0;
}
