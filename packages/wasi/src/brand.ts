/**
 * `instanceof` for the WASI layer's exception classes, which the core and `@rt/wasi/node` bundles
 * each carry a copy of.
 * @packageDocumentation
 */

/**
 * Whether `value` is an instance of `cls`: by the prototype chain, or by `brand`, a registered
 * symbol that every copy of the class sets. The prototype chain matters while an instance is
 * being constructed (before the brand is set): class constructors lowered by Babel, as React
 * Native ships code, begin with `this instanceof Class`.
 */
export function isBranded(cls: { readonly prototype: object }, value: unknown, brand: symbol): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return Object.prototype.isPrototypeOf.call(cls.prototype, value) || (value as Record<symbol, unknown>)[brand] === true;
}
