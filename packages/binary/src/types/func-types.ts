import type { FuncType, Module, TypeDef } from './module.js';

/** Type `x` of `module` if it exists and is a function type, else `undefined`. */
export function funcTypeAt(module: Module, x: number): FuncType | undefined {
  const t = module.types[x];
  return t?.kind === 'func' ? t : undefined;
}

/**
 * `t` as a function type. For places where validation guarantees one (a function's or tag's
 * type): throws `TypeError` on a struct or array type, which only an unvalidated module has there.
 */
export function asFuncType(t: TypeDef | undefined): FuncType {
  if (t?.kind !== 'func') throw new TypeError(`expected a function type, found ${t === undefined ? 'none' : `a ${t.kind} type`}`);
  return t;
}
