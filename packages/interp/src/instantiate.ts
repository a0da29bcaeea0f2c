/**
 * Instantiation as WebAssembly 2.0 defines it (with 3.0's multiple memories and 64-bit tables and memories): import matching, allocation of functions,
 * tables, memories and globals, exports, then element and data segment initialisation in
 * order (each active segment is bounds-checked before it writes anything, so a trap leaves the
 * earlier segments applied), dropping of active and declarative segments, and the start function.
 */
import { asFuncType, heapTypeIndex, heapTypeOf, isNullable, isRefType, type Import, type Limits, type Module, type TypeDef, type ValType } from '@rt/binary';
import { canonicalKeys, TypeRelations } from '@rt/validate';
import { evalConst } from './exec/const-expr.js';
import { compileModule } from './lower/compile.js';
import type { CompiledModule } from './lower/compiled-module.js';
import { HostFunction, WasmFunction, type FuncInstance } from './runtime/func.js';
import { GlobalInstance } from './runtime/global.js';
import { ModuleInstance, type Extern } from './runtime/instance.js';
import { MemoryInstance } from './runtime/memory.js';
import { UNITS_PER_PAGE, type Store } from './runtime/store.js';
import { TableInstance } from './runtime/table.js';
import { LinkError, Trap, TrapMessage } from './runtime/trap.js';
import { isFuncRefType, NULL_REF } from './runtime/values.js';
import { TagInstance } from './runtime/exception.js';
import { funcSupertypes, runtimeTypes } from './exec/gc.js';

/** Imports by module name, then field name. */
export type ImportObject = Readonly<Record<string, Readonly<Record<string, Extern | undefined>> | undefined>>;

function limitsMatch(actualMin: number, actualMax: number | null, wanted: Limits): boolean {
  if (actualMin < wanted.min) return false;
  if (wanted.max === null) return true;
  return actualMax !== null && actualMax <= wanted.max;
}

/** Checks that `value` can be imported as `desc`; throws a {@link LinkError} otherwise. */
function checkImport(store: Store, compiled: CompiledModule, imp: Import, value: Extern): void {
  const desc = imp.desc;
  const ok = (() => {
    switch (desc.kind) {
      case 'func':
        return (
          (value instanceof WasmFunction || value instanceof HostFunction) &&
          // 3.0: a function of a declared subtype of the import's type matches too.
          store.isFuncSubtype(value.typeId, store.typeId(canonicalKeysOf(compiled.module)[desc.type]!))
        );
      case 'table':
        return (
          value instanceof TableInstance &&
          value.type.element === desc.type.element &&
          // A type built by hand before 3.0 may lack `address`: it is a 32-bit table.
          (value.type.address ?? 'i32') === desc.type.address &&
          limitsMatch(value.elements.length, value.type.limits.max, desc.type.limits)
        );
      case 'memory':
        return (
          value instanceof MemoryInstance &&
          // A type built by hand before 3.0 may lack `address`: it is a 32-bit table.
          (value.type.address ?? 'i32') === desc.type.address &&
          limitsMatch(value.pages, value.type.limits.max, desc.type.limits)
        );
      case 'tag':
        return value instanceof TagInstance && value.typeKey === canonicalKeysOf(compiled.module)[desc.type]!;
      case 'global':
        return (
          value instanceof GlobalInstance &&
          value.type.mutable === desc.type.mutable &&
          // An immutable global may be of a subtype (3.0: `(ref func)` for `(ref null func)`).
          refTypeMatches(value.type.type, value.typeDefs, desc.type.type, compiled.module) &&
          // A mutable one must be of the same type.
          (!desc.type.mutable || refTypeMatches(desc.type.type, compiled.module.types, value.type.type, undefined, value.typeDefs))
        );
    }
  })();
  if (!ok) throw new LinkError(`incompatible import type: ${importName(imp)} is not a matching ${desc.kind}`);
}

/** A segment offset from its value cell: u32, or for 64-bit tables and memories the u64 as a number. */
function offset64(cell: Int32Array, wide: boolean): number {
  return wide ? (cell[1]! >>> 0) * 4294967296 + (cell[0]! >>> 0) : cell[0]! >>> 0;
}

function isTable64(inst: ModuleInstance, table: number): boolean {
  return inst.tables[table]!.type.address === 'i64';
}

/** `"module"."name"`, as import names appear in link errors. */
function importName(imp: Import): string {
  return `${JSON.stringify(imp.module)}.${JSON.stringify(imp.name)}`;
}

/** `imports[module][name]`, own properties only: `toString` is not an import every object provides. */
function lookupImport(imports: ImportObject, imp: Import): Extern | undefined {
  const fields = Object.hasOwn(imports, imp.module) ? imports[imp.module] : undefined;
  return fields !== undefined && Object.hasOwn(fields, imp.name) ? fields[imp.name] : undefined;
}

/** Each compiled module's version lowered with fuel checkpoints. */
const metered = new WeakMap<CompiledModule, CompiledModule>();

function meteredVersion(compiled: CompiledModule): CompiledModule {
  let version = metered.get(compiled);
  if (version === undefined) {
    version = compileModule(compiled.module, { metered: true });
    metered.set(compiled, version);
  }
  return version;
}

/**
 * Instantiates `compiled` in `store`. Throws {@link LinkError} when imports do not match, and
 * {@link Trap} when segment initialisation or the start function traps (the instance then exists
 * in part: what was written to shared tables and memories stays). `runStart` runs the start
 * function (it is given as a callback so that this module does not depend on the API layer).
 */
export function instantiate(
  store: Store,
  compiled: CompiledModule,
  imports: ImportObject,
  runStart: (f: FuncInstance) => void,
): ModuleInstance {
  // Code runs with the checkpoints its store needs: a metered store lowers again what was
  // compiled without them (once per module).
  if (store.meter !== null && compiled.loopCheckpoints === undefined) compiled = meteredVersion(compiled);
  const m = compiled.module;
  const typeIds = Int32Array.from(canonicalKeysOf(m), (k) => store.typeId(k));
  const inst = new ModuleInstance(compiled, typeIds, store);
  if (m.types.some((t) => t.kind !== 'func' || t.sub !== undefined)) {
    inst.rtts = runtimeTypes(m, typeIds);
    m.types.forEach((t, x) => {
      if (t.kind === 'func' && t.sub !== undefined) store.noteFuncSupertypes(typeIds[x]!, funcSupertypes(m, typeIds, x));
    });
  }

  for (const imp of m.imports) {
    const value = lookupImport(imports, imp);
    if (value === undefined) throw new LinkError(`unknown import: ${importName(imp)}`);
    checkImport(store, compiled, imp, value);
    switch (imp.desc.kind) {
      case 'func':
        inst.funcs.push(value as FuncInstance);
        break;
      case 'table':
        // Registered again in case it was made without the engine (`new TableInstance`):
        // collection must see every table that can hold a reference.
        store.registerHolder(value as TableInstance, m.types);
        inst.tables.push(value as TableInstance);
        break;
      case 'memory':
        inst.memories.push(value as MemoryInstance);
        break;
      case 'global':
        store.registerHolder(value as GlobalInstance, m.types);
        inst.globals.push(value as GlobalInstance);
        break;
      case 'tag':
        inst.tags.push(value as TagInstance);
        break;
    }
  }
  for (const t of m.tags) inst.tags.push(new TagInstance(asFuncType(m.types[t.type]), canonicalKeysOf(m)[t.type]!));
  const importedFuncs = inst.funcs.length;
  for (let j = 0; j < m.functions.length; j++) {
    const t = asFuncType(m.types[m.functions[j]!]);
    const ref = store.allocRef();
    const f = new WasmFunction(t, typeIds[m.functions[j]!]!, ref, inst, importedFuncs + j, compiled.functions[j]!);
    store.setRef(ref, f);
    inst.funcs.push(f);
  }
  for (const t of m.tables) {
    const table = new TableInstance(t, store.limits.maxTableElements);
    store.registerHolder(table, m.types);
    inst.tables.push(table);
  }
  const tablesWithInit = m.tables.filter((t) => t.init !== undefined).length > 0;
  for (const t of m.memories) {
    const memory = new MemoryInstance(t, store.limits.maxMemoryPages);
    store.noteAllocation(memory.pages * UNITS_PER_PAGE);
    inst.memories.push(memory);
  }
  for (const g of m.globals) {
    const gi = new GlobalInstance(g.type);
    if (isRefType(g.type.type)) gi.typeDefs = m.types;
    store.registerHolder(gi, m.types);
    evalConst(m, inst, g.init, gi.i32);
    if (isFuncRefType(g.type.type, m.types)) store.keepFunc(gi.i32[0]!);
    inst.globals.push(gi);
  }
  if (tablesWithInit) {
    // 3.0's table initialisers (they may read the globals, so they come after them).
    const cell = new Int32Array(4);
    const imported = inst.tables.length - m.tables.length;
    m.tables.forEach((t, j) => {
      if (t.init === undefined) return;
      evalConst(m, inst, t.init, cell);
      if (cell[0] !== NULL_REF) {
        inst.tables[imported + j]!.elements.fill(cell[0]!);
        store.keepFunc(cell[0]!);
      }
    });
  }
  for (const e of m.exports) {
    let value: Extern;
    switch (e.kind) {
      case 'func':
        value = inst.funcs[e.index]!;
        break;
      case 'table':
        value = inst.tables[e.index]!;
        break;
      case 'memory':
        value = inst.memories[e.index]!;
        break;
      case 'global':
        value = inst.globals[e.index]!;
        break;
      case 'tag':
        value = inst.tags[e.index]!;
        break;
    }
    inst.exports.set(e.name, { name: e.name, kind: e.kind, value });
  }

  const scratch = new Int32Array(4);
  for (const seg of m.elements) {
    if (seg.init.kind === 'functions') inst.elems.push(seg.init.indices.map((x) => inst.funcs[x]!.ref));
    else
      inst.elems.push(
        seg.init.exprs.map((x) => {
          evalConst(m, inst, x, scratch);
          // An externref read from an imported global: segments are not scanned by collection.
          if (!isFuncRefType(seg.type, m.types)) store.pinRef(scratch[0]!);
          return scratch[0]!;
        }),
      );
  }
  // The functions the segments name stay alive with the instance: `table.init` may copy them
  // into a table later (most are the instance's own; `global.get` of an imported global can
  // name any function, which the global may have let go since).
  const segmentFuncs = new Set<FuncInstance>();
  m.elements.forEach((seg, j) => {
    if (!isFuncRefType(seg.type, m.types)) return;
    for (const ref of inst.elems[j]!) if (ref !== NULL_REF) segmentFuncs.add(store.deref(ref) as FuncInstance);
  });
  store.holdWhileAlive(inst, [...segmentFuncs]);
  for (const seg of m.datas) inst.datas.push(seg.bytes);

  for (let j = 0; j < m.elements.length; j++) {
    const seg = m.elements[j]!;
    if (seg.mode === 'active') {
      evalConst(m, inst, seg.tableOffset!, scratch);
      // A table64 offset is an i64 (its high word only non-zero beyond any table's size).
      const offset = offset64(scratch, isTable64(inst, seg.table));
      const elems = inst.elems[j]!;
      const table = inst.tables[seg.table]!;
      if (offset + elems.length > table.elements.length) throw new Trap(TrapMessage.tableOutOfBounds);
      for (let x = 0; x < elems.length; x++) {
        table.elements[offset + x] = elems[x]!;
        store.keepFunc(elems[x]!);
      }
    }
    if (seg.mode !== 'passive') inst.elems[j] = null;
  }
  for (let j = 0; j < m.datas.length; j++) {
    const seg = m.datas[j]!;
    if (seg.mode !== 'active') continue;
    evalConst(m, inst, seg.memoryOffset!, scratch);
    const mem = inst.memories[seg.memory]!;
    const offset = offset64(scratch, mem.type.address === 'i64');
    if (offset + seg.bytes.length > mem.byteLength) throw new Trap(TrapMessage.memoryOutOfBounds);
    mem.u8.set(seg.bytes, offset);
    inst.datas[j] = null;
  }
  if (m.start !== null) runStart(inst.funcs[m.start]!);
  return inst;
}

/**
 * Whether value type `a` (its type indices those of type section `aTypes`) matches `b` (of
 * module `bModule`, or of type section `bTypes`): equal numeric types, or a reference subtype
 * (3.0). Defined types of two modules match when their canonical keys are equal.
 */
function refTypeMatches(a: ValType, aTypes: readonly TypeDef[] | undefined, b: ValType, bModule?: Module, bTypes?: readonly TypeDef[]): boolean {
  if (a === b && heapTypeIndex(heapTypeOf(a)) < 0) return true;
  if (!isRefType(a) || !isRefType(b)) return a === b;
  if (isNullable(a) && !isNullable(b)) return false;
  const bDefs = bModule?.types ?? bTypes;
  const xa = heapTypeIndex(heapTypeOf(a));
  const xb = heapTypeIndex(heapTypeOf(b));
  if (xa >= 0 && xb >= 0) {
    if (aTypes === undefined || bDefs === undefined) return false;
    return canonicalKeys(aTypes)[xa] === (bModule !== undefined ? canonicalKeysOf(bModule) : canonicalKeys(bDefs))[xb];
  }
  // One side abstract: the relations of the side that names a type index decide.
  const defs = xa >= 0 ? aTypes : bDefs;
  if ((xa >= 0 || xb >= 0) && defs === undefined) return false;
  return new TypeRelations({ types: defs ?? [] } as unknown as Module).heapMatches(heapTypeOf(a), heapTypeOf(b));
}

const keysCache = new WeakMap<Module, readonly string[]>();

/** The canonical keys of a module's types (see `Store.typeId`), computed once per module. */
function canonicalKeysOf(m: Module): readonly string[] {
  let keys = keysCache.get(m);
  if (keys === undefined) keysCache.set(m, (keys = canonicalKeys(m.types)));
  return keys;
}
