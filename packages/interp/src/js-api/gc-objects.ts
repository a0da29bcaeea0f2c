/**
 * What JavaScript sees of a WasmGC struct or array: an opaque object (the GC JS API's exported
 * objects). It has no properties and a null prototype, reads of any property give `undefined`,
 * and every change — setting, defining or deleting a property, changing the prototype,
 * preventing extensions, sealing, freezing — throws a `TypeError`, in sloppy mode too. It is a
 * `Proxy` over an empty non-extensible object, one per GC object (the same each time it crosses),
 * and it turns back into its GC object when it enters Wasm again.
 */
import { ArrayObject, StructObject } from '../runtime/gc.js';

type GcObject = StructObject | ArrayObject;

const wrapperOf = new WeakMap<GcObject, object>();
const objectOf = new WeakMap<object, GcObject>();

function refuse(what: string): never {
  throw new TypeError(`a WebAssembly struct or array is immutable from JavaScript: cannot ${what}`);
}

const handler: ProxyHandler<object> = {
  set: () => refuse('set a property'),
  defineProperty: () => refuse('define a property'),
  deleteProperty: () => refuse('delete a property'),
  setPrototypeOf: () => refuse('set its prototype'),
  // Answering false makes Object.preventExtensions, Object.seal and Object.freeze throw.
  preventExtensions: () => false,
};

/** Whether `v` is a struct or array of the engine. */
export function isGcObject(v: unknown): v is GcObject {
  return v instanceof StructObject || v instanceof ArrayObject;
}

/** The JavaScript object of GC object `o` (always the same one). */
export function gcObjectToJs(o: GcObject): object {
  let w = wrapperOf.get(o);
  if (w === undefined) {
    w = new Proxy(Object.preventExtensions(Object.create(null) as object), handler);
    wrapperOf.set(o, w);
    objectOf.set(w, o);
  }
  return w;
}

/** The GC object behind `v` when `v` is one's JavaScript object, else `v` itself. */
export function gcObjectFromJs(v: unknown): unknown {
  return (typeof v === 'object' && v !== null && objectOf.get(v)) || v;
}
