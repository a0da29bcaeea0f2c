import { ValType, type Limits, type MemoryType, type Module, type TableType, type TypeDef } from '@rt/binary';
import { funcTypeAt } from './context.js';
import { checkValType, isDefaultable } from './type-checks.js';
import type { TypeRelations } from './subtyping.js';
import { validateConstExpr } from './const-expr.js';
import { funcType, type ModuleContext } from './context.js';
import { ValidationError } from './errors.js';

/** The most pages a 32-bit memory can have (4 GiB). */
const MAX_PAGES = 65536;

/** Byte offset of the first section named `name`, for errors about entries that carry none. */
function sectionOffset(module: Module, name: string): number {
  return module.sections.find((s) => s.name === name)?.offset ?? 0;
}

function checkLimits(l: Limits, range: number, rangeMessage: string, at: number): void {
  if (l.min > range) throw new ValidationError(rangeMessage, at);
  if (l.max !== null) {
    if (l.max > range) throw new ValidationError(rangeMessage, at);
    if (l.min > l.max) throw new ValidationError('size minimum must not be greater than maximum', at);
  }
}

const MEMORY_RANGE_MESSAGE = 'memory size must be at most 65536 pages (4GiB)';
const TABLE_RANGE_MESSAGE = 'table size must be at most 2^32-1';
/** The most pages a 64-bit memory can have (2^64 bytes). */
const MAX_PAGES_64 = 2 ** 48;
const MEMORY64_RANGE_MESSAGE = 'memory size must be at most 2^48 pages';
const TABLE64_RANGE_MESSAGE = 'table size must be at most 2^64-1';

function checkMemoryType(t: MemoryType, at: number): void {
  if (t.address === 'i64') checkLimits(t.limits, MAX_PAGES_64, MEMORY64_RANGE_MESSAGE, at);
  else checkLimits(t.limits, MAX_PAGES, MEMORY_RANGE_MESSAGE, at);
}

function checkTableType(t: TableType, at: number): void {
  // u64 bounds cannot exceed 2^64-1; only min <= max is left to check.
  if (t.address === 'i64') checkLimits(t.limits, Infinity, TABLE64_RANGE_MESSAGE, at);
  else checkLimits(t.limits, 0xffffffff, TABLE_RANGE_MESSAGE, at);
}

/**
 * The checks that come before any function body, in the reference interpreter's order:
 * type indices of imports and functions, table and memory limits, globals, element and data
 * segments.
 */
export function validateDeclarations(ctx: ModuleContext): void {
  const m = ctx.module;
  validateTypes(m, ctx.rel, sectionOffset(m, 'type'));
  const valType = (t: ValType, at: number): void => {
    if (!checkValType(m, t)) throw new ValidationError('unknown type', at);
  };
  const funcTypeIndex = (x: number, at: number): void => {
    if (funcTypeAt(m, x) === undefined) throw new ValidationError(`unknown type ${x}`, at);
  };
  const tagType = (x: number, at: number): void => {
    const t = funcTypeAt(m, x);
    if (t === undefined) throw new ValidationError(`unknown type ${x}`, at);
    if (t.results.length !== 0) throw new ValidationError('non-empty tag result type', at);
  };
  for (const imp of m.imports) {
    const d = imp.desc;
    if (d.kind === 'func') {
      funcTypeIndex(d.type, imp.offset);
    } else if (d.kind === 'table') {
      valType(d.type.element, imp.offset);
      checkTableType(d.type, imp.offset);
    } else if (d.kind === 'memory') {
      checkMemoryType(d.type, imp.offset);
    } else if (d.kind === 'global') {
      valType(d.type.type, imp.offset);
    } else {
      tagType(d.type, imp.offset);
    }
  }
  const functionSection = sectionOffset(m, 'function');
  for (const t of m.functions) funcTypeIndex(t, functionSection);
  const tableSection = sectionOffset(m, 'table');
  for (const t of m.tables) {
    valType(t.element, tableSection);
    checkTableType(t, tableSection);
    // 3.0: a table of non-null references needs an initialiser.
    // Its initialiser sees only the imported globals (the module's own are defined after tables).
    if (t.init !== undefined) validateConstExpr(ctx, t.init, t.element, ctx.importedGlobals);
    else if (!isDefaultable(t.element)) throw new ValidationError('type mismatch', tableSection);
  }
  const memorySection = sectionOffset(m, 'memory');
  for (const mem of m.memories) checkMemoryType(mem, memorySection);
  const tagSection = sectionOffset(m, 'tag');
  for (const t of m.tags) tagType(t.type, tagSection);

  // A global's initialiser may read (3.0) the immutable globals before it, imports included.
  m.globals.forEach((g, k) => {
    valType(g.type.type, g.offset);
    validateConstExpr(ctx, g.init, g.type.type, ctx.importedGlobals + k);
  });
  for (const c of m.codes) for (const l of c.locals) valType(l.type, c.offset);

  for (const e of m.elements) {
    valType(e.type, e.offset);
    if (e.init.kind === 'functions') {
      for (const f of e.init.indices) {
        if (f >= ctx.funcTypeIndex.length) throw new ValidationError(`unknown function ${f}`, e.offset);
      }
    } else {
      for (const x of e.init.exprs) validateConstExpr(ctx, x, e.type);
    }
    if (e.mode === 'active') {
      if (e.table >= ctx.tableTypes.length) throw new ValidationError(`unknown table ${e.table}`, e.offset);
      if (!ctx.rel.matches(e.type, ctx.tableTypes[e.table]!)) throw new ValidationError('type mismatch', e.offset);
      validateConstExpr(ctx, e.tableOffset!, ctx.table64[e.table] === 1 ? ValType.i64 : ValType.i32);
    }
  }

  for (const d of m.datas) {
    if (d.mode === 'active') {
      if (d.memory >= ctx.memoryCount) throw new ValidationError(`unknown memory ${d.memory}`, d.offset);
      validateConstExpr(ctx, d.memoryOffset!, ctx.memory64[d.memory] === 1 ? ValType.i64 : ValType.i32);
    }
  }
}

/** The checks after the function bodies: start function, exports, and (2.0) the single-memory rule. */
export function validateLinkage(ctx: ModuleContext): void {
  const m = ctx.module;
  if (m.start !== null) {
    const at = sectionOffset(m, 'start');
    const t = funcType(ctx, m.start);
    if (t === undefined) throw new ValidationError(`unknown function ${m.start}`, at);
    if (t.params.length !== 0 || t.results.length !== 0) throw new ValidationError('start function', at);
  }

  const names = new Set<string>();
  for (const x of m.exports) {
    const [count, what] =
      x.kind === 'func' ? [ctx.funcTypeIndex.length, 'function']
      : x.kind === 'table' ? [ctx.tableTypes.length, 'table']
      : x.kind === 'memory' ? [ctx.memoryCount, 'memory']
      : x.kind === 'tag' ? [ctx.tagTypes.length, 'tag']
      : [ctx.globalTypes.length, 'global'];
    if (x.index >= count) throw new ValidationError(`unknown ${what} ${x.index}`, x.offset);
    if (names.has(x.name)) throw new ValidationError('duplicate export name', x.offset);
    names.add(x.name);
  }

  if (!ctx.v3 && ctx.memoryCount > 1) throw new ValidationError('multiple memories', sectionOffset(m, 'memory'));
}

/**
 * The type section's rules (3.0): every type index a definition names exists (a recursion group
 * may name its own members and earlier types), a declared supertype comes earlier, is not final,
 * and the definition matches it ("sub type").
 */
function validateTypes(m: Module, rel: TypeRelations, at: number): void {
  const types = m.types;
  for (let x = 0; x < types.length; x++) {
    const t = types[x]!;
    const limit = t.sub === undefined ? x + 1 : t.sub.recStart + t.sub.recSize;
    const check = (v: ValType): void => {
      if (v >= 0x10000 && !checkValType(m, v)) throw new ValidationError('unknown type', at);
      const idx = v >= 0x10000 ? ((v - 0x10000) >>> 1) - 0x100 : -1;
      if (idx >= limit) throw new ValidationError(`unknown type ${idx}`, at);
    };
    forEachValType(t, check);
    const sup = t.sub?.supertypes ?? [];
    if (sup.length > 1) throw new ValidationError('multiple supertypes', at);
    for (const s of sup) {
      if (s >= x) throw new ValidationError(`unknown type ${s}`, at);
      const st = types[s]!;
      if (st.sub === undefined || st.sub.final) throw new ValidationError('sub type', at);
      if (!defMatches(rel, t, st)) throw new ValidationError('sub type', at);
    }
  }
}

function forEachValType(t: TypeDef, f: (v: ValType) => void): void {
  if (t.kind === 'func') {
    t.params.forEach(f);
    t.results.forEach(f);
  } else if (t.kind === 'struct') for (const fl of t.fields) f(fl.type);
  else f(t.element.type);
}

/** Whether definition `a` may declare `b` as its supertype (structural subtyping). */
function defMatches(rel: TypeRelations, a: TypeDef, b: TypeDef): boolean {
  if (a.kind === 'func' && b.kind === 'func') {
    return rel.matchLists(b.params, a.params) && rel.matchLists(a.results, b.results);
  }
  if (a.kind === 'struct' && b.kind === 'struct') {
    if (a.fields.length < b.fields.length) return false;
    return b.fields.every((f, k) => fieldMatches(rel, a.fields[k]!, f));
  }
  if (a.kind === 'array' && b.kind === 'array') return fieldMatches(rel, a.element, b.element);
  return false;
}

function fieldMatches(rel: TypeRelations, a: { type: ValType; mutable: boolean }, b: { type: ValType; mutable: boolean }): boolean {
  if (a.mutable !== b.mutable) return false;
  return b.mutable ? rel.equal(a.type, b.type) : rel.matches(a.type, b.type);
}
