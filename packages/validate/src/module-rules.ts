import { ValType, type Limits, type MemoryType, type Module, type TableType } from '@rt/binary';
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
  for (const imp of m.imports) {
    const d = imp.desc;
    if (d.kind === 'func') {
      if (d.type >= m.types.length) throw new ValidationError(`unknown type ${d.type}`, imp.offset);
    } else if (d.kind === 'table') {
      checkTableType(d.type, imp.offset);
    } else if (d.kind === 'memory') {
      checkMemoryType(d.type, imp.offset);
    }
  }
  const functionSection = sectionOffset(m, 'function');
  for (const t of m.functions) {
    if (t >= m.types.length) throw new ValidationError(`unknown type ${t}`, functionSection);
  }
  const tableSection = sectionOffset(m, 'table');
  for (const t of m.tables) checkTableType(t, tableSection);
  const memorySection = sectionOffset(m, 'memory');
  for (const mem of m.memories) checkMemoryType(mem, memorySection);

  // A global's initialiser may read (3.0) the immutable globals before it, imports included.
  m.globals.forEach((g, k) => validateConstExpr(ctx, g.init, g.type.type, ctx.importedGlobals + k));

  for (const e of m.elements) {
    if (e.init.kind === 'functions') {
      for (const f of e.init.indices) {
        if (f >= ctx.funcTypeIndex.length) throw new ValidationError(`unknown function ${f}`, e.offset);
      }
    } else {
      for (const x of e.init.exprs) validateConstExpr(ctx, x, e.type);
    }
    if (e.mode === 'active') {
      if (e.table >= ctx.tableTypes.length) throw new ValidationError(`unknown table ${e.table}`, e.offset);
      if (ctx.tableTypes[e.table] !== e.type) throw new ValidationError('type mismatch', e.offset);
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
      : [ctx.globalTypes.length, 'global'];
    if (x.index >= count) throw new ValidationError(`unknown ${what} ${x.index}`, x.offset);
    if (names.has(x.name)) throw new ValidationError('duplicate export name', x.offset);
    names.add(x.name);
  }

  if (!ctx.v3 && ctx.memoryCount > 1) throw new ValidationError('multiple memories', sectionOffset(m, 'memory'));
}
