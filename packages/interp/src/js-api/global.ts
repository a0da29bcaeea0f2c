/**
 * `WebAssembly.Global`: a global variable as the JS API shows it.
 */
import { ValType } from '@rt/binary';
import type { GlobalInstance } from '../runtime/global.js';
import { engineOfObject, getEngine, isObject, ownCore, webidlInterface } from './shared.js';
import { defaultValue, toJsValue, toWasmValue, valueTypeFromName, type ValueTypeName } from './values.js';

/** The descriptor of `new WebAssembly.Global(descriptor, value)`. */
export interface GlobalDescriptor {
  /** The value type. `'v128'` globals cannot be created or read from JavaScript. */
  readonly value: ValueTypeName;
  /** Whether the global may be set (default `false`). */
  readonly mutable?: boolean;
}

const instances = new WeakMap<object, GlobalInstance>();
const wrappers = new WeakMap<GlobalInstance, Global>();

function attach(wrapper: Global, g: GlobalInstance): void {
  ownCore(g);
  instances.set(wrapper, g);
  wrappers.set(g, wrapper);
}

function globalOf(self: unknown): GlobalInstance {
  const g = isObject(self) ? instances.get(self) : undefined;
  if (g === undefined) throw new TypeError('receiver is not a WebAssembly.Global');
  return g;
}

/**
 * A global variable. i64 values are BigInts; f32 values are rounded to single precision;
 * references are as for tables.
 */
export class Global {
  /**
   * Creates a global of type `descriptor.value` with initial value `value` (converted with
   * ToWebAssemblyValue; omitted: 0, `0n`, `null` for funcref, `undefined` for externref).
   * @throws TypeError - for a bad descriptor, a v128 global, or a value of the wrong kind (a
   *   Number for an i64 global, a non-function for a funcref global).
   */
  constructor(descriptor: GlobalDescriptor, value?: unknown) {
    if (!isObject(descriptor)) throw new TypeError('WebAssembly.Global(): the descriptor must be an object');
    const d = descriptor as GlobalDescriptor;
    const mutable = Boolean(d.mutable);
    const type = valueTypeFromName(d.value, 'WebAssembly.Global(): "value"');
    if (type === ValType.v128) throw new TypeError('WebAssembly.Global(): v128 globals cannot be created from JavaScript');
    const v = toWasmValue(value === undefined ? defaultValue(type) : value, type);
    attach(this, getEngine().createGlobal({ type, mutable }, v));
  }

  /**
   * The global's value.
   * @throws TypeError - on reading or writing a v128 global, and on writing an immutable one.
   */
  get value(): unknown {
    const g = globalOf(this);
    return toJsValue(engineOfObject(g).getGlobal(g), g.type.type);
  }

  set value(v: unknown) {
    const g = globalOf(this);
    if (!g.type.mutable) throw new TypeError('WebAssembly.Global: cannot set the value of an immutable global');
    engineOfObject(g).setGlobal(g, toWasmValue(v, g.type.type));
  }

  /** The global's value (so that a global converts to its value in arithmetic). */
  valueOf(): unknown {
    return this.value;
  }
}

webidlInterface(Global, 'WebAssembly.Global', 1);

/** The JS API object of a global instance (always the same object for the same instance). */
export function wrapGlobal(g: GlobalInstance): Global {
  let w = wrappers.get(g);
  if (w === undefined) {
    w = Object.create(Global.prototype) as Global;
    attach(w, g);
  }
  return w;
}

/** The global instance behind `value`, or `undefined` if it is not a `WebAssembly.Global`. */
export function unwrapGlobal(value: unknown): GlobalInstance | undefined {
  return isObject(value) ? instances.get(value) : undefined;
}
