/**
 * What `rt inspect` shows, as plain data: the `--json` output is exactly this object, and the
 * text output is rendered from it, so both always agree.
 * @packageDocumentation
 */
import { funcTypeAt, valTypeName, type FieldType, type FuncType, type Limits, type Module, type TypeDef, type ValType } from '@rt/binary';
import { formatConstExpr } from './const-expr.js';

/** A section and where it is. */
export interface SectionReport {
  id: number;
  /** `type`, `import`, … or the custom section's name. */
  name: string;
  /** Whether this is a custom section (id 0). */
  custom: boolean;
  /** Offset of the id byte. */
  offset: number;
  /** Offset of the contents. */
  contentOffset: number;
  /** Size of the contents. */
  size: number;
  /** One past the last byte. */
  end: number;
  /** Number of entries for vector sections, `null` for custom, start and datacount sections. */
  count: number | null;
}

/** Limits with `max` `null` when unbounded. */
export interface LimitsReport {
  min: number;
  max: number | null;
}

/** A type definition: a function signature, or 3.0's struct and array types. */
export interface TypeReport {
  index: number;
  /** What it defines (`struct` and `array` are 3.0's GC). */
  kind: 'func' | 'struct' | 'array';
  /** A function type's parameters (empty for struct and array types). */
  params: string[];
  /** A function type's results (empty for struct and array types). */
  results: string[];
  /** A struct's fields or an array's element, e.g. `mut i32`, `i8`, `(ref null 3)`. */
  fields: string[];
  /** Declared supertype indices (GC's `sub`). */
  supertypes: number[];
  /** Whether no type may declare this one as a supertype (`sub final`, or no `sub`). */
  final: boolean;
  /** Its recursion group: the first type's index and the number of types (1: alone). */
  rec: { start: number; size: number };
}

/** A tag defined by the module (3.0's exception handling). */
export interface TagReport {
  index: number;
  /** Its function type's index. */
  type: number;
  /** The payload, as a signature: `(i32) -> nil`. */
  signature: string;
}

/** An import, with its index in its kind's index space. */
export interface ImportReport {
  module: string;
  name: string;
  kind: 'func' | 'table' | 'memory' | 'global' | 'tag';
  /** Index in the kind's index space (imports come first). */
  index: number;
  /** Function imports: the type index. */
  type?: number;
  /** Function imports: the name from the name section. */
  funcName?: string | null;
  /** Table imports: the element type. */
  element?: string;
  /** Table and memory imports: the limits. */
  limits?: LimitsReport;
  /** Table and memory imports: the address type (`i64` for 3.0's table64 and memory64). */
  address?: 'i32' | 'i64';
  /** Global imports: value type and mutability. */
  valueType?: string;
  mutable?: boolean;
  offset: number;
}

/** A function defined by the module. */
export interface FunctionReport {
  /** Index in the function index space. */
  index: number;
  type: number;
  signature: string;
  name: string | null;
  /** Offset of the body (its size field) in the code section. */
  bodyOffset: number;
  /** Body size in bytes, its size field excluded (as wasm-objdump counts). */
  bodySize: number;
  /** Declared locals (parameters excluded). */
  locals: number;
}

/** A table defined by the module. */
export interface TableReport {
  index: number;
  element: string;
  limits: LimitsReport;
  /** The index type: `i64` for 3.0's table64. */
  address: 'i32' | 'i64';
}

/** A memory defined by the module. */
export interface MemoryReport {
  index: number;
  limits: LimitsReport;
  shared: boolean;
  address: 'i32' | 'i64';
}

/** A global defined by the module. */
export interface GlobalReport {
  index: number;
  valueType: string;
  mutable: boolean;
  /** The initialiser in text format, e.g. `i32.const 1024`. */
  init: string;
}

/** An export and what it names. */
export interface ExportReport {
  name: string;
  kind: 'func' | 'table' | 'memory' | 'global' | 'tag';
  index: number;
  /** For functions: the name from the name section. */
  funcName: string | null;
}

/** An element segment. */
export interface ElementReport {
  index: number;
  mode: 'active' | 'passive' | 'declarative';
  table: number | null;
  /** The offset expression of active segments. */
  offset: string | null;
  type: string;
  /** Function indices, or constant expressions as text. */
  items: Array<{ func: number; name: string | null } | { expr: string }>;
}

/** A data segment. */
export interface DataReport {
  index: number;
  mode: 'active' | 'passive';
  memory: number | null;
  offset: string | null;
  size: number;
  /** Up to the first 32 bytes, as printable ASCII with other bytes as `.`. */
  preview: string;
}

/** A custom section. */
export interface CustomReport {
  name: string;
  offset: number;
  size: number;
}

/** Everything `rt inspect` reports about a module. */
export interface InspectReport {
  file: string;
  /** Size of the binary in bytes. */
  size: number;
  sections: SectionReport[];
  types: TypeReport[];
  imports: ImportReport[];
  functions: FunctionReport[];
  tables: TableReport[];
  memories: MemoryReport[];
  tags: TagReport[];
  globals: GlobalReport[];
  exports: ExportReport[];
  start: { index: number; name: string | null } | null;
  elements: ElementReport[];
  datas: DataReport[];
  customs: CustomReport[];
  /** The module name from the name section. */
  moduleName: string | null;
}

const types = (ts: readonly ValType[]): string[] => ts.map(valTypeName);
const limits = (l: Limits): LimitsReport => ({ min: l.min, max: l.max });
const field = (f: FieldType): string => `${f.mutable ? 'mut ' : ''}${valTypeName(f.type)}`;

function typeReport(t: TypeDef, index: number): TypeReport {
  return {
    index,
    kind: t.kind,
    params: types(t.kind === 'func' ? t.params : []),
    results: types(t.kind === 'func' ? t.results : []),
    fields: t.kind === 'struct' ? t.fields.map(field) : t.kind === 'array' ? [field(t.element)] : [],
    supertypes: [...(t.sub?.supertypes ?? [])],
    final: t.sub?.final ?? true,
    rec: { start: t.sub?.recStart ?? index, size: t.sub?.recSize ?? 1 },
  };
}

/** `(i32, i32) -> i64`, as wasm-objdump writes signatures. */
export function signature(t: FuncType | undefined): string {
  return t === undefined ? '<unknown type>' : signatureText(types(t.params), types(t.results));
}

/** {@link signature} from type names. */
export function signatureText(params: readonly string[], results: readonly string[]): string {
  const r = results.length === 0 ? 'nil' : results.length === 1 ? results[0]! : `(${results.join(', ')})`;
  return `(${params.join(', ')}) -> ${r}`;
}

function sectionCount(m: Module, name: string): number | null {
  switch (name) {
    case 'type': return m.types.length;
    case 'import': return m.imports.length;
    case 'function': return m.functions.length;
    case 'table': return m.tables.length;
    case 'memory': return m.memories.length;
    case 'global': return m.globals.length;
    case 'export': return m.exports.length;
    case 'element': return m.elements.length;
    case 'code': return m.codes.length;
    case 'data': return m.datas.length;
    case 'tag': return m.tags.length;
    default: return null;
  }
}

/** Length of the LEB128 number at `offset` (a body's size field). */
function lebLength(bytes: Uint8Array, offset: number): number {
  let n = 1;
  while (n < 5 && ((bytes[offset + n - 1] ?? 0) & 0x80) !== 0) n++;
  return n;
}

function preview(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes.subarray(0, 32)) s += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
  return s;
}

/** Builds the report of a decoded module. */
export function buildReport(file: string, bytes: Uint8Array, m: Module): InspectReport {
  const fname = (i: number): string | null => m.names?.functions.get(i) ?? null;
  const counters = { func: 0, table: 0, memory: 0, global: 0, tag: 0 };
  const imports: ImportReport[] = m.imports.map((imp) => {
    const d = imp.desc;
    const r: ImportReport = { module: imp.module, name: imp.name, kind: d.kind, index: counters[d.kind]++, offset: imp.offset };
    if (d.kind === 'func') Object.assign(r, { type: d.type, funcName: fname(r.index) });
    else if (d.kind === 'tag') Object.assign(r, { type: d.type });
    else if (d.kind === 'table') Object.assign(r, { element: valTypeName(d.type.element), limits: limits(d.type.limits), address: d.type.address });
    else if (d.kind === 'memory') Object.assign(r, { limits: limits(d.type.limits), address: d.type.address });
    else Object.assign(r, { valueType: valTypeName(d.type.type), mutable: d.type.mutable });
    return r;
  });
  return {
    file,
    size: bytes.length,
    sections: m.sections.map((s) => ({
      id: s.id, name: s.name, custom: s.id === 0, offset: s.offset, contentOffset: s.contentOffset,
      size: s.size, end: s.contentOffset + s.size, count: s.id === 0 ? null : sectionCount(m, s.name),
    })),
    types: m.types.map(typeReport),
    imports,
    functions: m.functions.map((type, k) => {
      const index = counters.func + k;
      const body = m.codes[k];
      return {
        index, type, signature: signature(funcTypeAt(m, type)), name: fname(index),
        bodyOffset: body?.offset ?? 0, bodySize: body ? body.end - body.offset - lebLength(bytes, body.offset) : 0, locals: body?.localCount ?? 0,
      };
    }),
    tables: m.tables.map((t, k) => ({ index: counters.table + k, element: valTypeName(t.element), limits: limits(t.limits), address: t.address })),
    memories: m.memories.map((mem, k) => ({ index: counters.memory + k, limits: limits(mem.limits), shared: mem.shared, address: mem.address })),
    tags: m.tags.map((t, k) => ({ index: counters.tag + k, type: t.type, signature: signature(funcTypeAt(m, t.type)) })),
    globals: m.globals.map((g, k) => ({
      index: counters.global + k, valueType: valTypeName(g.type.type), mutable: g.type.mutable, init: formatConstExpr(m, g.init),
    })),
    exports: m.exports.map((e) => ({ name: e.name, kind: e.kind, index: e.index, funcName: e.kind === 'func' ? fname(e.index) : null })),
    start: m.start === null ? null : { index: m.start, name: fname(m.start) },
    elements: m.elements.map((e, index) => ({
      index, mode: e.mode, table: e.mode === 'active' ? e.table : null,
      // Function indices are `(ref func)` in 3.0; shown as `funcref`, as wasm-objdump does.
      offset: e.tableOffset ? formatConstExpr(m, e.tableOffset) : null, type: e.init.kind === 'functions' ? 'funcref' : valTypeName(e.type),
      items: e.init.kind === 'functions'
        ? e.init.indices.map((func) => ({ func, name: fname(func) }))
        : e.init.exprs.map((x) => ({ expr: formatConstExpr(m, x) })),
    })),
    datas: m.datas.map((d, index) => ({
      index, mode: d.mode, memory: d.mode === 'active' ? d.memory : null,
      offset: d.memoryOffset ? formatConstExpr(m, d.memoryOffset) : null, size: d.bytes.length, preview: preview(d.bytes),
    })),
    customs: m.customs.map((c) => ({ name: c.name, offset: c.offset, size: m.sections.find((s) => s.offset === c.offset)?.size ?? c.data.length })),
    moduleName: m.names?.module ?? null,
  };
}
