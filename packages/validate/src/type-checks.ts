import { heapTypeIndex, heapTypeOf, isNullable, isRefType, TYPED_REF_BASE, type Module, type ValType } from '@rt/binary';

/**
 * Whether a local of type `t` has a default value (numbers, vectors, nullable references), so
 * that it may be read before it is set. 3.0's non-null references have none.
 */
export function isDefaultable(t: ValType): boolean {
  return !isRefType(t) || isNullable(t);
}

/** Whether every type index value type `t` names exists in `module` (3.0's typed references). */
export function checkValType(module: Module, t: ValType): boolean {
  if (t < TYPED_REF_BASE) return true;
  return heapTypeIndex(heapTypeOf(t)) < module.types.length;
}
