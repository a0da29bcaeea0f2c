/**
 * `WebAssembly.Instance`: synchronous instantiation, import resolution as the JS API specifies
 * ("read the imports"), and the exports object.
 */
import { asFuncType, ValType, type Import, type TypeDef } from '@rt/binary';
import type { TagInstance } from '../runtime/exception.js';
import { unwrapTag, wrapTag, type Tag } from './exception.js';
import type { ImportObject } from '../instantiate.js';
import type { FuncInstance } from '../runtime/func.js';
import type { GlobalInstance } from '../runtime/global.js';
import type { Extern, ModuleInstance } from '../runtime/instance.js';
import type { MemoryInstance } from '../runtime/memory.js';
import type { TableInstance } from '../runtime/table.js';
import { LinkError } from './errors.js';
import { exportedFunction, importFunction, type ExportedFunction } from './functions.js';
import { importSuspending, suspendingFunctionOf } from './jspi.js';
import { Global, unwrapGlobal, wrapGlobal } from './global.js';
import { unwrapMemory, wrapMemory, type Memory } from './memory.js';
import { compiledModuleOf, type Module } from './module.js';
import { getEngine, isObject, toApiError, webidlInterface } from './shared.js';
import { unwrapTable, wrapTable, type Table } from './table.js';
import { toWasmValue } from './values.js';

/** A value of an instance's `exports` object. */
export type ExportValue = ExportedFunction | Global | Memory | Table | Tag;

/** An instance's `exports`: a frozen object with a `null` prototype, one property per export. */
export type Exports = Readonly<Record<string, ExportValue>>;

/**
 * The import object: module names to objects whose properties are the imports. Functions
 * (JavaScript callables or exported Wasm functions), `WebAssembly.Memory`/`Table`/`Global`
 * objects, and numbers or BigInts for immutable globals; any value for an immutable externref
 * global.
 */
export type Imports = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

const instances = new WeakMap<object, { readonly instance: ModuleInstance; readonly exports: Exports }>();

/**
 * The LinkError for an import that cannot be used: "unknown import" when the import object has
 * no such field, else "incompatible import type" (the spec suite's wordings), then details.
 */
function incompatible(imp: Import, why: string, v: unknown): LinkError {
  if (v === undefined) return new LinkError(`unknown import: "${imp.module}"."${imp.name}" is not in the import object`);
  return new LinkError(`incompatible import type: "${imp.module}"."${imp.name}" ${why}`);
}

/** Resolves one import to a core entity, as the JS API's "read the imports" does. */
function resolveImport(imp: Import, v: unknown, funcIndex: number, types: readonly TypeDef[]): Extern {
  const desc = imp.desc;
  switch (desc.kind) {
    case 'func':
      if (typeof v !== 'function') {
        const suspending = suspendingFunctionOf(v);
        if (suspending !== undefined) return importSuspending(suspending, asFuncType(types[desc.type]));
        throw incompatible(imp, 'must be a function', v);
      }
      return importFunction(v as (...args: never[]) => unknown, asFuncType(types[desc.type]), funcIndex);
    case 'global': {
      const g = unwrapGlobal(v);
      if (g !== undefined) return g;
      const t = desc.type.type;
      if (t === ValType.i64 && typeof v !== 'bigint') throw incompatible(imp, 'must be a BigInt or a WebAssembly.Global', v);
      if ((t === ValType.i32 || t === ValType.f32 || t === ValType.f64) && typeof v !== 'number')
        throw incompatible(imp, 'must be a number or a WebAssembly.Global', v);
      if (t === ValType.v128) throw incompatible(imp, 'must be a WebAssembly.Global (v128)', v);
      if (desc.type.mutable) throw incompatible(imp, 'must be a WebAssembly.Global (mutable global)', v);
      let value;
      try {
        value = toWasmValue(v, t);
      } catch (e) {
        if (e instanceof TypeError) throw incompatible(imp, e.message, v);
        throw e;
      }
      return getEngine().createGlobal(desc.type, value);
    }
    case 'memory': {
      const m = unwrapMemory(v);
      if (m === undefined) throw incompatible(imp, 'must be a WebAssembly.Memory', v);
      return m;
    }
    case 'table': {
      const t = unwrapTable(v);
      if (t === undefined) throw incompatible(imp, 'must be a WebAssembly.Table', v);
      return t;
    }
    case 'tag': {
      const t = unwrapTag(v);
      if (t === undefined) throw incompatible(imp, 'must be a WebAssembly.Tag', v);
      return t;
    }
  }
}

/**
 * The core's import object for entities resolved per import. The core looks each import up by
 * module and name, once, in order; when two imports share a module and name (they may differ in
 * kind or type, and each got its own entity), that property is a getter handing out the
 * entities in import order.
 */
function importObjectFor(imports: readonly Import[], entities: readonly Extern[]): ImportObject {
  const byKey = new Map<string, Extern[]>();
  const key = (imp: Import): string => JSON.stringify([imp.module, imp.name]);
  imports.forEach((imp, j) => {
    const list = byKey.get(key(imp));
    if (list === undefined) byKey.set(key(imp), [entities[j]!]);
    else list.push(entities[j]!);
  });
  const out = Object.create(null) as Record<string, Record<string, Extern>>;
  for (const imp of imports) {
    const inner = (out[imp.module] ??= Object.create(null) as Record<string, Extern>);
    if (Object.prototype.hasOwnProperty.call(inner, imp.name)) continue;
    const list = byKey.get(key(imp))!;
    if (list.length === 1) Object.defineProperty(inner, imp.name, { value: list[0], enumerable: true });
    else {
      let next = 0;
      Object.defineProperty(inner, imp.name, { get: () => list[Math.min(next++, list.length - 1)], enumerable: true });
    }
  }
  return out;
}

/** The exports object of a new instance: frozen, `null` prototype, identity-preserving wrappers. */
function makeExports(inst: ModuleInstance): Exports {
  const out = Object.create(null) as Record<string, ExportValue>;
  for (const [name, e] of inst.exports) {
    let value: ExportValue;
    switch (e.kind) {
      case 'func': {
        const f = e.value as FuncInstance;
        // (The index only names re-exported host functions; a Wasm function knows its own.)
        value = exportedFunction(f, f.kind === 'host' ? inst.funcs.indexOf(f) : undefined);
        break;
      }
      case 'memory':
        value = wrapMemory(e.value as MemoryInstance);
        break;
      case 'table':
        value = wrapTable(e.value as TableInstance);
        break;
      case 'global':
        value = wrapGlobal(e.value as GlobalInstance);
        break;
      case 'tag':
        value = wrapTag(e.value as TagInstance);
        break;
    }
    Object.defineProperty(out, name, { value, enumerable: true, writable: false, configurable: false });
  }
  return Object.freeze(out);
}

/**
 * An instance of a module: its imports resolved, memories and tables allocated and initialised,
 * its start function run. Instantiation is synchronous.
 */
export class Instance {
  /**
   * Instantiates `module` with `importObject`.
   * @throws TypeError - when `module` is not a Module, `importObject` is not an object (and the
   *   module has imports), or one of its module fields is not an object.
   * @throws LinkError - when an import is missing or of the wrong kind or type.
   * @throws RuntimeError - when a segment does not fit or the start function traps.
   */
  constructor(module: Module, importObject?: Imports) {
    const c = compiledModuleOf(module, 'WebAssembly.Instance()');
    const m = c.module;
    if (importObject !== undefined && !isObject(importObject))
      throw new TypeError('WebAssembly.Instance(): the import object must be an object');
    if (m.imports.length > 0 && importObject === undefined)
      throw new TypeError('WebAssembly.Instance(): imports needed, but no import object given');
    const entities: Extern[] = [];
    let funcIndex = 0;
    for (const imp of m.imports) {
      const o = (importObject as Record<string, unknown>)[imp.module];
      if (!isObject(o)) throw new TypeError(`WebAssembly.Instance(): import module "${imp.module}" must be an object`);
      const v = (o as Record<string, unknown>)[imp.name];
      entities.push(resolveImport(imp, v, funcIndex, m.types));
      if (imp.desc.kind === 'func') funcIndex++;
    }
    let inst: ModuleInstance;
    try {
      inst = getEngine().instantiate(c, importObjectFor(m.imports, entities));
    } catch (e) {
      throw toApiError(e);
    }
    instances.set(this, { instance: inst, exports: makeExports(inst) });
  }

  /** The instance's exports: exported functions, and `Memory`, `Table` and `Global` objects. */
  get exports(): Exports {
    const s = isObject(this) ? instances.get(this) : undefined;
    if (s === undefined) throw new TypeError('receiver is not a WebAssembly.Instance');
    return s.exports;
  }
}

webidlInterface(Instance, 'WebAssembly.Instance', 1);
