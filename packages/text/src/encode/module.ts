import { utf8Encoder } from '@rt/binary';
import { WatSyntaxError } from '../errors.js';
import { AtomKind, type Atom, type List, type Node } from '../lex/sexpr.js';
import { Cursor, idName } from './cursor.js';
import { takeAnnotations, type CustomSection } from './annotations.js';
import { encodeBody, encodeConstExpr, type BodyContext } from './instructions.js';
import { fieldType, globalType, peekRefType, refType, valType, type Enc } from './types.js';
import { ByteWriter } from './writer.js';

/** The index spaces of a module, plus locals' and labels' names used in messages. */
export type Space = 'type' | 'func' | 'table' | 'memory' | 'global' | 'tag' | 'elem' | 'data';

const SPACE_WORD: Readonly<Record<Space, string>> = {
  type: 'type', func: 'function', table: 'table', memory: 'memory', global: 'global', tag: 'tag',
  elem: 'elem segment', data: 'data segment',
};
const DUP_WORD: Readonly<Record<Space, string>> = {
  type: 'type', func: 'func', table: 'table', memory: 'memory', global: 'global', tag: 'tag',
  elem: 'elem', data: 'data',
};

/** What the encoder knows of each type definition. */
export interface TypeInfo {
  readonly kind: 'func' | 'struct' | 'array';
  /** Parameters and results of a function type. */
  params: Enc[];
  results: Enc[];
  /** A function type alone in its recursion group, final, without supertypes: implicit uses may reuse it. */
  plain: boolean;
}

class IndexSpace {
  readonly ids = new Map<string, number>();
  count = 0;
}

/** The result of a type use: the type index and the names of the parameters it declared. */
export interface TypeUse {
  readonly index: number;
  readonly params: readonly Enc[];
  readonly results: readonly Enc[];
  readonly paramIds: readonly (Atom | null)[];
}

const SECTION_ORDER = [1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11];
const IMPORT_KIND: Readonly<Record<string, number>> = { func: 0, table: 1, memory: 2, global: 3, tag: 4 };

/**
 * Encodes one module: the items of `(module …)` after its optional name (or the fields of a
 * file without the `(module …)` wrapper).
 */
export class ModuleEncoder implements BodyContext {
  readonly spaces: Record<Space, IndexSpace> = {
    type: new IndexSpace(), func: new IndexSpace(), table: new IndexSpace(), memory: new IndexSpace(),
    global: new IndexSpace(), tag: new IndexSpace(), elem: new IndexSpace(), data: new IndexSpace(),
  };
  readonly types: TypeInfo[] = [];
  /** Field names of struct types, by type index. */
  readonly fieldIds = new Map<number, Map<string, number>>();
  /** Type index of every function (imports first). */
  readonly funcTypes: number[] = [];
  /** Whether each memory / table has a 64-bit address type. */
  readonly memory64: boolean[] = [];
  readonly table64: boolean[] = [];
  private readonly typeGroups: ByteWriter[] = [];
  private readonly sections = new Map<number, { count: number; w: ByteWriter }>();
  private readonly implicitTypes = new Map<string, number>();
  private start: number | null = null;
  private dataSegments = 0;
  private usesDataCount = false;

  constructor(
    readonly source: string,
    readonly fields: readonly Node[],
    readonly endOffset: number,
    /**
     * Implicit function types to create first, in this order (encoded type entries). Where
     * implicit types go is the encoder's choice; tests use this to compare with another encoder's order.
     */
    private readonly implicitOrder: readonly Uint8Array[] = [],
    /** Writes a `name` section with the module's, functions' and locals' identifiers when set. */
    private readonly names: { readonly module: string | null } | null = null,
    /** The `(module …)` list the fields come from, if any (for `@name` placement). */
    private readonly moduleList: List | null = null,
  ) {}

  private customs: CustomSection[] = [];

  private readonly localNames = new Map<number, ReadonlyMap<string, number>>();
  private currentFunc = -1;

  noteLocalNames(names: ReadonlyMap<string, number>): void {
    if (names.size > 0) this.localNames.set(this.currentFunc, names);
  }

  fail(offset: number, reason: string): never {
    throw new WatSyntaxError(this.source, offset, reason);
  }

  /** How many recursion groups the module defines explicitly (known after {@link encode}). */
  explicitGroups = 0;

  /** Encodes the module. */
  encode(): Uint8Array {
    const { fields, customs } = takeAnnotations(this.source, this.fields, this.moduleList);
    this.customs = customs;
    const lists: List[] = [];
    for (const f of fields) {
      if (!f.list) this.fail(f.offset, 'unexpected token');
      lists.push(f);
    }
    this.scan(lists);
    for (const f of lists) {
      const head = headOf(f);
      if (head === 'type') this.typeGroup([f], false);
      else if (head === 'rec') {
        const cur = new Cursor(this.source, f.items, 1, f.end);
        const members: List[] = [];
        while (!cur.done()) {
          const t = cur.peekList('type');
          if (t === null) cur.failHere('unexpected token');
          members.push(t!);
          cur.i++;
        }
        this.typeGroup(members, true);
      }
    }
    for (const entry of this.implicitOrder) {
      const t = decodeFuncTypeEntry(entry);
      if (t !== null) this.implicitType(t.params, t.results);
    }
    for (const f of lists) this.moduleField(f);
    return this.assemble();
  }

  // ---- phase 1: index spaces --------------------------------------------------------------

  private define(space: Space, id: Atom | null, at: number): number {
    const s = this.spaces[space];
    const index = s.count++;
    if (id !== null) {
      const name = idName(this.source, id);
      if (s.ids.has(name)) this.fail(id.offset, `duplicate ${DUP_WORD[space]} ${id.text}`);
      s.ids.set(name, index);
    }
    void at;
    return index;
  }

  private scan(fields: readonly List[]): void {
    let firstDefinition: string | null = null;
    const importCheck = (at: number): void => {
      if (firstDefinition !== null) this.fail(at, `import after ${firstDefinition}`);
    };
    for (const f of fields) {
      const head = headOf(f);
      const cur = new Cursor(this.source, f.items, 1, f.end);
      switch (head) {
        case 'type':
          this.scanType(f);
          break;
        case 'rec':
          for (const t of f.items.slice(1)) {
            if (t.list && headOf(t) === 'type') this.scanType(t);
          }
          break;
        case 'func': case 'table': case 'memory': case 'global': case 'tag': {
          const id = cur.id();
          while (cur.peekList('export') !== null) cur.i++;
          const imported = cur.peekList('import') !== null;
          if (imported) importCheck(f.offset);
          else if (firstDefinition === null) firstDefinition = head === 'func' ? 'function' : head;
          this.define(head, id, f.offset);
          if (head === 'table' && !imported && hasInlineSegment(cur, 'elem')) this.define('elem', null, f.offset);
          if (head === 'memory' && !imported && hasInlineSegment(cur, 'data')) this.define('data', null, f.offset);
          break;
        }
        case 'import': {
          importCheck(f.offset);
          const desc = f.items[3];
          if (desc === undefined || !desc.list) cur.fail(desc?.offset ?? f.end, 'unexpected token');
          const kind = headOf(desc as List);
          if (kind === null || IMPORT_KIND[kind] === undefined) cur.fail(desc!.offset, 'unexpected token');
          const dc = new Cursor(this.source, (desc as List).items, 1, (desc as List).end);
          this.define(kind as Space, dc.id(), desc!.offset);
          break;
        }
        case 'elem': case 'data':
          this.define(head, cur.id(), f.offset);
          break;
        case 'export': case 'start':
          break;
        default:
          cur.fail(f.items[0]?.offset ?? f.end, 'unexpected token');
      }
    }
  }

  private scanType(f: List): void {
    const cur = new Cursor(this.source, f.items, 1, f.end);
    const index = this.define('type', cur.id(), f.offset);
    // Field names of a struct type: `(type $t (sub … (struct (field $x …))))`.
    let def = cur.peekList();
    while (def !== null && headOf(def) === 'sub') {
      const last = def.items[def.items.length - 1];
      def = last !== undefined && last.list ? last : null;
    }
    if (def !== null && headOf(def) === 'struct') {
      const names = new Map<string, number>();
      let n = 0;
      for (const fld of def.items.slice(1)) {
        if (!fld.list || headOf(fld) !== 'field') continue;
        const fc = new Cursor(this.source, fld.items, 1, fld.end);
        const id = fc.id();
        if (id !== null) {
          const name = idName(this.source, id);
          if (names.has(name)) this.fail(id.offset, `duplicate field ${id.text}`);
          names.set(name, n++);
        } else {
          n += fld.items.length - 1;
        }
      }
      this.fieldIds.set(index, names);
    }
  }

  // ---- resolution -------------------------------------------------------------------------

  /** Resolves an index reference (identifier or number) in `space`. */
  resolve(space: Space, ref: Atom): number {
    if (ref.kind === AtomKind.Id) {
      const v = this.spaces[space].ids.get(idName(this.source, ref));
      if (v === undefined) this.fail(ref.offset, `unknown ${SPACE_WORD[space]} ${ref.text}`);
      return v!;
    }
    const c = new Cursor(this.source, [ref], 0, ref.offset);
    return c.u32();
  }

  /** Consumes an index of `space` from `cur`. */
  index(cur: Cursor, space: Space): number {
    const n = cur.peek();
    if (n === undefined || n.list || (n.kind !== AtomKind.Id && n.kind !== AtomKind.Number)) {
      return cur.failHere('unexpected token');
    }
    cur.i++;
    return this.resolve(space, n);
  }

  readonly typeRef = (_cur: Cursor, ref: Atom): number => this.resolve('type', ref);

  /** Consumes a field name or number of struct type `type`. */
  field(cur: Cursor, type: number): number {
    const n = cur.peek();
    if (n !== undefined && !n.list && n.kind === AtomKind.Id) {
      cur.i++;
      const v = this.fieldIds.get(type)?.get(idName(this.source, n));
      if (v === undefined) cur.fail(n.offset, `unknown field ${n.text}`);
      return v!;
    }
    return cur.u32();
  }

  /**
   * Reads a type use: `(type x)?` then `(param …)*` and `(result …)*`. Without `(type x)`, the
   * first plain function type of that signature is used, or a new one is appended.
   */
  typeUse(cur: Cursor, allowNames = true): TypeUse {
    let explicit: number | null = null;
    const typeList = cur.peekList('type');
    if (typeList !== null) {
      cur.i++;
      const tc = cur.enter(typeList);
      explicit = this.index(tc, 'type');
      tc.end();
    }
    const params: Enc[] = [];
    const paramIds: (Atom | null)[] = [];
    const results: Enc[] = [];
    let any = false;
    for (let p = cur.peekList('param'); p !== null; p = cur.peekList('param')) {
      any = true;
      cur.i++;
      const pc = cur.enter(p);
      const id = pc.id();
      if (id !== null) {
        if (!allowNames) pc.fail(id.offset, 'unexpected token');
        params.push(valType(pc, this.typeRef));
        paramIds.push(id);
        pc.end();
      } else {
        while (!pc.done()) {
          params.push(valType(pc, this.typeRef));
          paramIds.push(null);
        }
      }
    }
    for (let r = cur.peekList('result'); r !== null; r = cur.peekList('result')) {
      any = true;
      cur.i++;
      const rc = cur.enter(r);
      while (!rc.done()) results.push(valType(rc, this.typeRef));
    }
    // Parameters come before results; a type use is over at its first other item.
    if (cur.peekList('param') !== null || cur.peekList('type') !== null) cur.failHere('unexpected token');
    if (explicit !== null) {
      const t = this.types[explicit];
      if (any && t === undefined) this.fail(typeList!.offset, 'unknown type');
      if (any && t !== undefined && t.kind === 'func' && (key(t.params, t.results) !== key(params, results))) {
        this.fail(typeList!.offset, 'inline function type');
      }
      if (!any && t !== undefined && t.kind === 'func') {
        return { index: explicit, params: t.params, results: t.results, paramIds: t.params.map(() => null) };
      }
      return { index: explicit, params, results, paramIds };
    }
    return { index: this.implicitType(params, results), params, results, paramIds };
  }

  /** The index of the plain function type `params -> results`, appended when missing. */
  implicitType(params: readonly Enc[], results: readonly Enc[]): number {
    const k = key(params, results);
    const found = this.implicitTypes.get(k);
    if (found !== undefined) return found;
    const index = this.spaces.type.count++;
    const w = new ByteWriter();
    w.byte(0x60).u32(params.length);
    for (const p of params) w.bytes(p);
    w.u32(results.length);
    for (const r of results) w.bytes(r);
    this.typeGroups.push(w);
    this.types[index] = { kind: 'func', params: [...params], results: [...results], plain: true };
    this.implicitTypes.set(k, index);
    return index;
  }

  // ---- types ------------------------------------------------------------------------------

  private typeGroup(members: readonly List[], rec: boolean): void {
    const w = new ByteWriter();
    // A recursion group of one type is encoded as that type alone (the same type).
    if (rec && members.length !== 1) w.byte(0x4e).u32(members.length);
    for (const m of members) {
      const cur = new Cursor(this.source, m.items, 1, m.end);
      cur.id();
      const index = this.explicitTypes++;
      const def = cur.peekList();
      if (def === null) cur.failHere('unexpected token');
      cur.i++;
      const info = this.subType(cur, def!, w, !rec || members.length === 1);
      this.types[index] = info;
      cur.end();
      if (info.plain && !this.implicitTypes.has(key(info.params, info.results))) {
        this.implicitTypes.set(key(info.params, info.results), index);
      }
    }
    this.typeGroups.push(w);
    this.explicitGroups++;
  }

  private explicitTypes = 0;

  private subType(cur: Cursor, def: List, w: ByteWriter, alone: boolean): TypeInfo {
    const head = headOf(def);
    const dc = cur.enter(def);
    if (head === 'sub') {
      const final = dc.eat('final');
      const supers: number[] = [];
      while (dc.peekIndex()) supers.push(this.index(dc, 'type'));
      const inner = dc.peekList();
      if (inner === null) dc.failHere('unexpected token');
      dc.i++;
      const body = new ByteWriter();
      const info = this.compType(dc.enter(inner!), headOf(inner!), body, inner!.offset);
      dc.end();
      if (final && supers.length === 0) {
        w.bytes(body.view());
        info.plain = alone && info.kind === 'func';
        return info;
      }
      w.byte(final ? 0x4f : 0x50).u32(supers.length);
      for (const s of supers) w.u32(s);
      w.bytes(body.view());
      info.plain = false;
      return info;
    }
    const info = this.compType(dc, head, w, def.offset);
    info.plain = alone && info.kind === 'func';
    return info;
  }

  private compType(cur: Cursor, head: string | null, w: ByteWriter, at: number): TypeInfo {
    if (head === 'func') {
      const params: Enc[] = [];
      const results: Enc[] = [];
      for (let p = cur.peekList('param'); p !== null; p = cur.peekList('param')) {
        cur.i++;
        const pc = cur.enter(p);
        if (pc.id() !== null) {
          params.push(valType(pc, this.typeRef));
          pc.end();
        } else while (!pc.done()) params.push(valType(pc, this.typeRef));
      }
      for (let r = cur.peekList('result'); r !== null; r = cur.peekList('result')) {
        cur.i++;
        const rc = cur.enter(r);
        while (!rc.done()) results.push(valType(rc, this.typeRef));
      }
      cur.end();
      w.byte(0x60).u32(params.length);
      for (const p of params) w.bytes(p);
      w.u32(results.length);
      for (const r of results) w.bytes(r);
      return { kind: 'func', params, results, plain: false };
    }
    if (head === 'struct') {
      const fields: Enc[] = [];
      for (let f = cur.peekList('field'); f !== null; f = cur.peekList('field')) {
        cur.i++;
        const fc = cur.enter(f);
        if (fc.id() !== null) {
          fields.push(fieldType(fc, this.typeRef));
          fc.end();
        } else while (!fc.done()) fields.push(fieldType(fc, this.typeRef));
      }
      cur.end();
      w.byte(0x5f).u32(fields.length);
      for (const f of fields) w.bytes(f);
      return { kind: 'struct', params: [], results: [], plain: false };
    }
    if (head === 'array') {
      const f = fieldType(cur, this.typeRef);
      cur.end();
      w.byte(0x5e).bytes(f);
      return { kind: 'array', params: [], results: [], plain: false };
    }
    return this.fail(at, 'unexpected token');
  }

  // ---- phase 2: fields --------------------------------------------------------------------

  private section(id: number): { count: number; w: ByteWriter } {
    let s = this.sections.get(id);
    if (s === undefined) {
      s = { count: 0, w: new ByteWriter() };
      this.sections.set(id, s);
    }
    return s;
  }

  private exportInline(cur: Cursor, kind: number, index: number): void {
    for (let e = cur.peekList('export'); e !== null; e = cur.peekList('export')) {
      cur.i++;
      const ec = cur.enter(e);
      const name = ec.name();
      ec.end();
      const s = this.section(7);
      s.count++;
      s.w.name(name).byte(kind).u32(index);
    }
  }

  /** An inline `(import "m" "n")`, if present: writes the import header and returns true. */
  private importInline(cur: Cursor): ByteWriter | null {
    const imp = cur.peekList('import');
    if (imp === null) return null;
    cur.i++;
    const ic = cur.enter(imp);
    const mod = ic.name();
    const name = ic.name();
    ic.end();
    const s = this.section(2);
    s.count++;
    s.w.name(mod).name(name);
    return s.w;
  }

  private counters: Record<Space, number> = { type: 0, func: 0, table: 0, memory: 0, global: 0, tag: 0, elem: 0, data: 0 };

  private moduleField(f: List): void {
    const head = headOf(f)!;
    const cur = new Cursor(this.source, f.items, 1, f.end);
    switch (head) {
      case 'type': case 'rec':
        return;
      case 'func': return this.func(cur);
      case 'table': return this.table(cur);
      case 'memory': return this.memory(cur);
      case 'global': return this.global(cur);
      case 'tag': return this.tag(cur);
      case 'import': return this.importField(cur);
      case 'export': {
        const name = cur.name();
        const d = cur.peekList();
        if (d === null) return cur.failHere('unexpected token');
        cur.i++;
        const kind = headOf(d);
        if (kind === null || IMPORT_KIND[kind] === undefined) return cur.fail(d.offset, 'unexpected token');
        const dc = cur.enter(d);
        const index = this.index(dc, kind as Space);
        dc.end();
        cur.end();
        const s = this.section(7);
        s.count++;
        s.w.name(name).byte(IMPORT_KIND[kind]!).u32(index);
        return;
      }
      case 'start': {
        if (this.start !== null) this.fail(f.offset, 'multiple start sections');
        this.start = this.index(cur, 'func');
        cur.end();
        return;
      }
      case 'elem': return this.elem(cur);
      case 'data': return this.data(cur);
    }
  }

  /**
   * The start of a function, table, memory, global or tag: its optional name, inline exports
   * and inline import. Returns its index and, when imported, the import entry's writer.
   */
  private definitionHead(cur: Cursor, kind: 'func' | 'table' | 'memory' | 'global' | 'tag'): { index: number; iw: ByteWriter | null } {
    cur.id();
    const index = this.counters[kind]++;
    this.exportInline(cur, IMPORT_KIND[kind]!, index);
    return { index, iw: this.importInline(cur) };
  }

  private func(cur: Cursor): void {
    const { index, iw } = this.definitionHead(cur, 'func');
    const use = this.typeUse(cur, iw === null);
    this.funcTypes[index] = use.index;
    if (iw !== null) {
      cur.end();
      iw.byte(0).u32(use.index);
      return;
    }
    const fs = this.section(3);
    fs.count++;
    fs.w.u32(use.index);
    const code = this.section(10);
    code.count++;
    this.currentFunc = index;
    const body = encodeBody(this, cur, use);
    code.w.sized(body);
  }

  private limits(cur: Cursor, is64: boolean, flags0: number): ByteWriter {
    const w = new ByteWriter();
    const min = cur.u64();
    const max = cur.peekNumber() ? cur.u64() : null;
    let flags = flags0 | (is64 ? 4 : 0) | (max !== null ? 1 : 0);
    if (cur.eat('shared')) flags |= 2;
    w.byte(flags).u64(min);
    if (max !== null) w.u64(max);
    return w;
  }

  private addressType(cur: Cursor): boolean {
    if (cur.eat('i64')) return true;
    cur.eat('i32');
    return false;
  }

  private table(cur: Cursor): void {
    const { index, iw } = this.definitionHead(cur, 'table');
    const is64 = this.addressType(cur);
    this.table64[index] = is64;
    if (iw !== null) {
      const lim = this.limits(cur, is64, 0);
      const rt = refType(cur, this.typeRef);
      cur.end();
      iw.byte(1).bytes(rt).bytes(lim.view());
      return;
    }
    const s = this.section(4);
    s.count++;
    if (peekRefType(cur)) {
      // `(table t (elem …))`: limits from the element count, and an active segment at 0.
      const rt = refType(cur, this.typeRef);
      const e = cur.peekList('elem');
      if (e === null) return cur.failHere('unexpected token');
      cur.i++;
      const ec = cur.enter(e);
      const items: ByteWriter[] = [];
      let funcs = true;
      if (ec.peekList() !== null) {
        funcs = false;
        while (!ec.done()) items.push(this.elemItem(ec));
      } else {
        while (!ec.done()) items.push(new ByteWriter().u32(this.index(ec, 'func')));
      }
      cur.end();
      const n = BigInt(items.length);
      s.w.bytes(rt).byte(is64 ? 5 : 1).u64(n).u64(n);
      const seg = this.section(9);
      seg.count++;
      this.counters.elem++;
      const offset = new ByteWriter().byte(is64 ? 0x42 : 0x41).byte(0).byte(0x0b);
      this.writeElem(seg.w, 'active', index, offset, rt, funcs, items);
      return;
    }
    const lim = this.limits(cur, is64, 0);
    const rt = refType(cur, this.typeRef);
    if (!cur.done()) {
      const init = encodeConstExpr(this, cur);
      cur.end();
      // `ref.null` of the table's own type is the default: the plain encoding means the same.
      const b = init.view();
      const heap = rt[0] === 0x63 || rt[0] === 0x64 ? rt.slice(1) : rt;
      const nullOfType = b[0] === 0xd0 && b[b.length - 1] === 0x0b && heap.join() === Array.from(b.subarray(1, b.length - 1)).join();
      if (!nullOfType) {
        s.w.byte(0x40).byte(0).bytes(rt).bytes(lim.view()).bytes(b);
        return;
      }
    }
    s.w.bytes(rt).bytes(lim.view());
  }

  private memory(cur: Cursor): void {
    const { index, iw } = this.definitionHead(cur, 'memory');
    const is64 = this.addressType(cur);
    this.memory64[index] = is64;
    if (iw !== null) {
      const lim = this.limits(cur, is64, 0);
      cur.end();
      iw.byte(2).bytes(lim.view());
      return;
    }
    const s = this.section(5);
    s.count++;
    const d = cur.peekList('data');
    if (d !== null) {
      cur.i++;
      const dc = cur.enter(d);
      const chunks: Uint8Array[] = [];
      let len = 0;
      while (!dc.done()) {
        const b = dc.bytes();
        chunks.push(b);
        len += b.length;
      }
      cur.end();
      const pages = BigInt(Math.ceil(len / 65536));
      s.w.byte(is64 ? 5 : 1).u64(pages).u64(pages);
      const seg = this.section(11);
      seg.count++;
      this.counters.data++;
      this.dataSegments++;
      seg.w.byte(index === 0 ? 0 : 2);
      if (index !== 0) seg.w.u32(index);
      seg.w.byte(is64 ? 0x42 : 0x41).byte(0).byte(0x0b).u32(len);
      for (const c of chunks) seg.w.bytes(c);
      return;
    }
    const lim = this.limits(cur, is64, 0);
    cur.end();
    s.w.bytes(lim.view());
  }

  private global(cur: Cursor): void {
    const { iw } = this.definitionHead(cur, 'global');
    const gt = globalType(cur, this.typeRef);
    if (iw !== null) {
      cur.end();
      iw.byte(3).bytes(gt);
      return;
    }
    const init = encodeConstExpr(this, cur);
    cur.end();
    const s = this.section(6);
    s.count++;
    s.w.bytes(gt).bytes(init.view());
  }

  private tag(cur: Cursor): void {
    const { iw } = this.definitionHead(cur, 'tag');
    const use = this.typeUse(cur, false);
    cur.end();
    if (iw !== null) {
      iw.byte(4).byte(0).u32(use.index);
      return;
    }
    const s = this.section(13);
    s.count++;
    s.w.byte(0).u32(use.index);
  }

  private importField(cur: Cursor): void {
    const mod = cur.name();
    const name = cur.name();
    const d = cur.peekList();
    if (d === null) return cur.failHere('unexpected token');
    cur.i++;
    cur.end();
    const kind = headOf(d)!;
    const dc = cur.enter(d);
    dc.id();
    const s = this.section(2);
    const w = new ByteWriter();
    w.name(mod).name(name);
    switch (kind) {
      case 'func': {
        const use = this.typeUse(dc, false);
        this.funcTypes[this.counters.func++] = use.index;
        w.byte(0).u32(use.index);
        break;
      }
      case 'tag': {
        const use = this.typeUse(dc, false);
        this.counters.tag++;
        w.byte(4).byte(0).u32(use.index);
        break;
      }
      case 'table': {
        const is64 = this.addressType(dc);
        this.table64[this.counters.table++] = is64;
        const lim = this.limits(dc, is64, 0);
        w.byte(1).bytes(refType(dc, this.typeRef)).bytes(lim.view());
        break;
      }
      case 'memory': {
        const is64 = this.addressType(dc);
        this.memory64[this.counters.memory++] = is64;
        w.byte(2).bytes(this.limits(dc, is64, 0).view());
        break;
      }
      case 'global':
        this.counters.global++;
        w.byte(3).bytes(globalType(dc, this.typeRef));
        break;
    }
    dc.end();
    s.count++;
    s.w.bytes(w.view());
  }

  private elemItem(cur: Cursor): ByteWriter {
    const item = cur.peekList('item');
    if (item !== null) {
      cur.i++;
      return encodeConstExpr(this, cur.enter(item));
    }
    const one = cur.peekList();
    if (one === null) return cur.failHere('unexpected token');
    cur.i++;
    return encodeConstExpr(this, new Cursor(this.source, [one], 0, one.end));
  }

  private offsetExpr(cur: Cursor): ByteWriter {
    const off = cur.peekList('offset');
    if (off !== null) {
      cur.i++;
      return encodeConstExpr(this, cur.enter(off));
    }
    const one = cur.peekList();
    if (one === null) return cur.failHere('unexpected token');
    cur.i++;
    return encodeConstExpr(this, new Cursor(this.source, [one], 0, one.end));
  }

  private elem(cur: Cursor): void {
    cur.id();
    this.counters.elem++;
    let mode: 'active' | 'passive' | 'declarative' = 'passive';
    let table = 0;
    let offset: ByteWriter | null = null;
    if (cur.eat('declare')) mode = 'declarative';
    else {
      const t = cur.peekList('table');
      if (t !== null) {
        cur.i++;
        const tc = cur.enter(t);
        table = this.index(tc, 'table');
        tc.end();
        mode = 'active';
        offset = this.offsetExpr(cur);
      } else if (cur.peekList() !== null && !peekRefType(cur)) {
        mode = 'active';
        offset = this.offsetExpr(cur);
      }
    }
    let rt: Enc;
    let funcs: boolean;
    const items: ByteWriter[] = [];
    if (cur.eat('func')) {
      rt = [0x64, 0x70];
      funcs = true;
      while (!cur.done()) items.push(new ByteWriter().u32(this.index(cur, 'func')));
    } else if (peekRefType(cur)) {
      rt = refType(cur, this.typeRef);
      funcs = false;
      while (!cur.done()) items.push(this.elemItem(cur));
    } else if (mode === 'active' && table === 0 && cur.peekIndex()) {
      rt = [0x64, 0x70];
      funcs = true;
      while (!cur.done()) items.push(new ByteWriter().u32(this.index(cur, 'func')));
    } else {
      if (mode !== 'active' || !cur.done()) cur.failHere('unexpected token');
      rt = [0x64, 0x70];
      funcs = true;
    }
    cur.end();
    const s = this.section(9);
    s.count++;
    this.writeElem(s.w, mode, table, offset, rt, funcs, items);
  }

  /** Writes an element segment in the encoding the reference interpreter picks. */
  private writeElem(
    w: ByteWriter, mode: 'active' | 'passive' | 'declarative', table: number, offset: ByteWriter | null,
    rt: Enc, funcs: boolean, items: readonly ByteWriter[],
  ): void {
    items = items.slice();
    // The compact encodings (function indices) are for `(ref func)` segments of `ref.func` items only.
    const funcKind = rt.length === 2 && rt[0] === 0x64 && rt[1] === 0x70;
    const refFuncs = funcs || items.every((it) => isRefFunc(it.view()));
    if (refFuncs && funcKind) {
      if (!funcs) items = items.map((it) => new ByteWriter().bytes(it.view().subarray(1, it.length - 1)));
      if (mode === 'passive') w.byte(1).byte(0);
      else if (mode === 'declarative') w.byte(3).byte(0);
      else if (table === 0) w.byte(0).bytes(offset!.view());
      else w.byte(2).u32(table).bytes(offset!.view()).byte(0);
      w.u32(items.length);
      for (const it of items) w.bytes(it.view());
      return;
    }
    // Expressions: function indices become `ref.func x`.
    const exprs = funcs ? items.map((it) => new ByteWriter().byte(0xd2).bytes(it.view()).byte(0x0b)) : items;
    if (mode === 'passive') w.byte(5).bytes(rt);
    else if (mode === 'declarative') w.byte(7).bytes(rt);
    else if (table === 0 && rt.length === 1 && rt[0] === 0x70) w.byte(4).bytes(offset!.view());
    else w.byte(6).u32(table).bytes(offset!.view()).bytes(rt);
    w.u32(exprs.length);
    for (const e of exprs) w.bytes(e.view());
  }

  private data(cur: Cursor): void {
    cur.id();
    this.counters.data++;
    this.dataSegments++;
    const s = this.section(11);
    s.count++;
    let memory = 0;
    let active = false;
    const m = cur.peekList('memory');
    if (m !== null) {
      cur.i++;
      const mc = cur.enter(m);
      memory = this.index(mc, 'memory');
      mc.end();
      active = true;
    } else if (cur.peekList() !== null) active = true;
    if (active) {
      const offset = this.offsetExpr(cur);
      if (memory === 0) s.w.byte(0);
      else s.w.byte(2).u32(memory);
      s.w.bytes(offset.view());
    } else s.w.byte(1);
    const chunks: Uint8Array[] = [];
    let len = 0;
    while (!cur.done()) {
      const b = cur.bytes();
      chunks.push(b);
      len += b.length;
    }
    s.w.u32(len);
    for (const c of chunks) s.w.bytes(c);
  }

  /** Records that a body uses `memory.init` or `data.drop` (they need the data count section). */
  noteDataIndex(): void {
    this.usesDataCount = true;
  }

  // ---- output -----------------------------------------------------------------------------

  private assemble(): Uint8Array {
    const out = new ByteWriter();
    out.bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    this.customsAt(out, 'before', -1);
    this.customsAt(out, 'after', -1);
    this.customsAt(out, 'before', 1);
    if (this.typeGroups.length > 0) {
      const w = new ByteWriter().u32(this.typeGroups.length);
      for (const g of this.typeGroups) w.bytes(g.view());
      out.byte(1).sized(w);
    }
    this.customsAt(out, 'after', 1);
    if (this.start !== null) this.section(8).w.u32(this.start);
    if (this.usesDataCount) {
      this.section(12).w.u32(this.dataSegments);
    }
    for (const id of SECTION_ORDER) {
      if (id === 1) continue;
      this.customsAt(out, 'before', id);
      const s = this.sections.get(id);
      if (s !== undefined && (id === 8 || id === 12)) out.byte(id).sized(s.w);
      else if (s !== undefined && !(id === 3 && s.count === 0)) out.byte(id).sized(new ByteWriter().u32(s.count).bytes(s.w.view()));
      this.customsAt(out, 'after', id);
    }
    this.customsAt(out, 'before', 14);
    this.customsAt(out, 'after', 14);
    if (this.names !== null) this.nameSection(out, this.names.module);
    return out.finish();
  }

  /** Writes the `@custom` sections placed `where` section `id` (-1 first, 14 last), in source order. */
  private customsAt(out: ByteWriter, where: 'before' | 'after', id: number): void {
    for (const c of this.customs) {
      if (c.placement.where === where && c.placement.section === id) out.byte(0).sized(new ByteWriter().name(c.name).bytes(c.data));
    }
  }

  /** The `name` custom section: module name, function names, local names (subsections 0, 1, 2). */
  private nameSection(out: ByteWriter, module: string | null): void {
    const utf8 = utf8Encoder();
    const w = new ByteWriter().name(utf8.encode('name'));
    if (module !== null) w.byte(0).sized(new ByteWriter().name(utf8.encode(module)));
    const byIndex = (m: ReadonlyMap<string, number>): [number, string][] =>
      [...m].map(([n, i]): [number, string] => [i, n]).sort((a, b) => a[0] - b[0]);
    const funcs = byIndex(this.spaces.func.ids);
    if (funcs.length > 0) {
      const f = new ByteWriter().u32(funcs.length);
      for (const [i, n] of funcs) f.u32(i).name(utf8.encode(n));
      w.byte(1).sized(f);
    }
    const locals = [...this.localNames].sort((a, b) => a[0] - b[0]);
    if (locals.length > 0) {
      const l = new ByteWriter().u32(locals.length);
      for (const [fi, names] of locals) {
        const entries = byIndex(names);
        l.u32(fi).u32(entries.length);
        for (const [i, n] of entries) l.u32(i).name(utf8.encode(n));
      }
      w.byte(2).sized(l);
    }
    out.byte(0).sized(w);
  }
}

/** Splits an encoded function type entry (`0x60 vec(t) vec(t)`) into its value types, or `null`. */
function decodeFuncTypeEntry(b: Uint8Array): { params: Enc[]; results: Enc[] } | null {
  let i = 1;
  if (b[0] !== 0x60) return null;
  const vec = (): Enc[] => {
    const n = b[i++]!;
    const out: Enc[] = [];
    for (let k = 0; k < n; k++) {
      const start = i;
      const c = b[i++]!;
      if (c === 0x63 || c === 0x64) {
        while ((b[i]! & 0x80) !== 0) i++;
        i++;
      }
      out.push(Array.from(b.subarray(start, i)));
    }
    return out;
  };
  const params = vec();
  const results = vec();
  return i === b.length ? { params, results } : null;
}

/** Whether a constant expression is exactly `ref.func x`. */
function isRefFunc(b: Uint8Array): boolean {
  if (b.length < 3 || b[0] !== 0xd2 || b[b.length - 1] !== 0x0b) return false;
  let i = 1;
  while (i < b.length - 1 && (b[i]! & 0x80) !== 0) i++;
  return i === b.length - 2;
}

function key(params: readonly Enc[], results: readonly Enc[]): string {
  return params.map((p) => p.join(',')).join(' ') + '->' + results.map((r) => r.join(',')).join(' ');
}

/** The head keyword of a list, or `null`. */
export function headOf(l: List): string | null {
  const h = l.items[0];
  return h !== undefined && !h.list && h.kind === AtomKind.Keyword ? h.text : null;
}

function hasInlineSegment(cur: Cursor, head: string): boolean {
  for (let i = cur.i; i < cur.items.length; i++) {
    const n = cur.items[i]!;
    if (n.list && headOf(n) === head) return true;
  }
  return false;
}
