import { funcTypeAt, type FuncType, type Module, type ValType } from '@rt/binary';
import { TypeRelations } from './subtyping.js';

/**
 * The index spaces of a module (imports first, then definitions), flattened once per module
 * so that function validation looks entities up by number without walking imports again.
 * This is the spec's validation context C, minus what is per-function (locals, labels).
 */
export interface ModuleContext {
  /** The module. */
  readonly module: Module;
  /** Number of imported functions (their indices come first). */
  readonly importedFuncs: number;
  /** Type index of every function; may be out of range, which {@link funcType} reports. */
  readonly funcTypeIndex: Uint32Array;
  /** Element type of every table (value types are numbers beyond a byte once typed references come). */
  readonly tableTypes: Uint32Array;
  /** Number of memories. */
  readonly memoryCount: number;
  /** 1 for memories with 64-bit addresses (3.0's memory64), by memory index. */
  readonly memory64: Uint8Array;
  /** 1 for tables with 64-bit indices (3.0's table64), by table index. */
  readonly table64: Uint8Array;
  /** Whether 3.0's rules apply (see `ValidateOptions.version`). */
  readonly v3: boolean;
  /** Value type of every global. */
  readonly globalTypes: Uint32Array;
  /** 1 for mutable globals. */
  readonly globalMutable: Uint8Array;
  /**
   * Number of imported globals: the only ones constant expressions may read in 2.0 (3.0 allows
   * every immutable global defined before the expression's own).
   */
  readonly importedGlobals: number;
  /**
   * 1 for functions that are "declared" (the spec's C.refs): named by an element segment, an
   * export, or a global initialiser, so `ref.func` may take their reference in code.
   */
  readonly declaredFuncs: Uint8Array;
  /** Type index of every tag (3.0's exception handling), imports first. */
  readonly tagTypes: Uint32Array;
  /** Type equivalence and subtyping in this module (3.0). */
  readonly rel: TypeRelations;
}

/** Builds the context; throws nothing: out-of-range indices are reported where they are used. */
export function buildContext(module: Module, v3 = true): ModuleContext {
  const funcs: number[] = [];
  const tables: number[] = [];
  const table64: number[] = [];
  const memory64: number[] = [];
  const globalTypes: number[] = [];
  const globalMutable: number[] = [];
  const tags: number[] = [];
  for (const imp of module.imports) {
    const d = imp.desc;
    if (d.kind === 'func') funcs.push(d.type);
    else if (d.kind === 'tag') tags.push(d.type);
    else if (d.kind === 'table') {
      tables.push(d.type.element);
      table64.push(d.type.address === 'i64' ? 1 : 0);
    } else if (d.kind === 'memory') memory64.push(d.type.address === 'i64' ? 1 : 0);
    else {
      globalTypes.push(d.type.type);
      globalMutable.push(d.type.mutable ? 1 : 0);
    }
  }
  const importedFuncs = funcs.length;
  const importedGlobals = globalTypes.length;
  for (const t of module.functions) funcs.push(t);
  for (const t of module.tables) {
    tables.push(t.element);
    table64.push(t.address === 'i64' ? 1 : 0);
  }
  for (const m of module.memories) memory64.push(m.address === 'i64' ? 1 : 0);
  for (const t of module.tags) tags.push(t.type);
  for (const g of module.globals) {
    globalTypes.push(g.type.type);
    globalMutable.push(g.type.mutable ? 1 : 0);
  }

  const declaredFuncs = new Uint8Array(funcs.length);
  const declare = (f: number): void => {
    if (f < declaredFuncs.length) declaredFuncs[f] = 1;
  };
  const s = module.instructions;
  const REF_FUNC = 0xd2;
  const scan = (start: number, end: number): void => {
    for (let i = start; i < end; i++) if (s.ops[i] === REF_FUNC) declare(s.imms[s.immStart[i]!]!);
  };
  for (const e of module.elements) {
    if (e.init.kind === 'functions') for (const f of e.init.indices) declare(f);
    else for (const x of e.init.exprs) scan(x.start, x.end);
  }
  for (const x of module.exports) if (x.kind === 'func') declare(x.index);
  for (const g of module.globals) scan(g.init.start, g.init.end);
  for (const t of module.tables) if (t.init !== undefined) scan(t.init.start, t.init.end);

  return {
    module,
    importedFuncs,
    funcTypeIndex: Uint32Array.from(funcs),
    tableTypes: Uint32Array.from(tables),
    memoryCount: memory64.length,
    memory64: Uint8Array.from(memory64),
    table64: Uint8Array.from(table64),
    v3,
    globalTypes: Uint32Array.from(globalTypes),
    globalMutable: Uint8Array.from(globalMutable),
    importedGlobals,
    declaredFuncs,
    tagTypes: Uint32Array.from(tags),
    rel: new TypeRelations(module),
  };
}

/** The type of function `f`, or `undefined` when `f` or its type index is out of range (or not a function type). */
export function funcType(c: ModuleContext, f: number): FuncType | undefined {
  if (f >= c.funcTypeIndex.length) return undefined;
  return funcTypeAt(c.module, c.funcTypeIndex[f]!);
}

export { funcTypeAt };

/** The types of a function's parameters then declared locals, for {@link ValidationState.localTypes}. */
export function localTypesOf(params: readonly ValType[], locals: readonly { count: number; type: ValType }[], out: ValType[]): ValType[] {
  out.length = 0;
  for (const p of params) out.push(p);
  for (const g of locals) for (let k = 0; k < g.count; k++) out.push(g.type);
  return out;
}
