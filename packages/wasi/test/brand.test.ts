/**
 * `instanceof` of the WASI exception classes: by the prototype chain (also before the brand is
 * set, as Babel-lowered constructors check `this instanceof Class` first) and by the registered
 * brand (another copy of the class, e.g. from `@rt/wasi/node`'s bundle).
 */
import { describe, expect, it } from 'vitest';
import { WasiError, WasiExit, WasiTrap } from '../src/index';

describe.each([
  ['WasiError', WasiError, '@rt/wasi.WasiError'],
  ['WasiExit', WasiExit, '@rt/wasi.WasiExit'],
  ['WasiTrap', WasiTrap, '@rt/wasi.WasiTrap'],
] as const)('%s instanceof', (_, cls, brand) => {
  it('holds for an object on the prototype chain before the brand is set', () => {
    expect(Object.create(cls.prototype) instanceof cls).toBe(true);
  });
  it('holds for an object of another copy of the class (the brand)', () => {
    expect(Object.defineProperty(new Error('x'), Symbol.for(brand), { value: true }) instanceof cls).toBe(true);
  });
  it('does not hold for other errors and primitives', () => {
    expect(new Error('x') instanceof cls).toBe(false);
    expect((null as unknown) instanceof cls).toBe(false);
    expect(('s' as unknown) instanceof cls).toBe(false);
  });
});
