import { ByteReader } from '../reader/byte-reader.js';
import type {
  CustomSection, DataSegment, ElementSegment, Export, ExternKind, FunctionBody, Global, Import,
  ImportDesc, LocalGroup, MemoryType, Module, NameSection, SectionInfo, SubTypeInfo, TableType, TagType, TypeDef,
} from '../types/module.js';
import type { ValType } from '../types/value-types.js';
import { decodeExpr, type ExprFacts } from './instructions.js';
import type { DecodeOptions, ImplementationLimits } from './limits.js';
import { decodeNameSection } from './names.js';
import { readDataSegment, readElementSegment } from './segments.js';
import { StreamBuilder } from './stream-builder.js';
import { readFieldType, readGlobalType, readLimits, readMemoryType, readRefType, readTableType, readValType } from './value-types.js';

/** Section ids in the order the binary format requires them (data count sits before code, tags after memories). */
const SECTION_ORDER = [1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11] as const;
const SECTION_NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount', 'tag'];
const EXTERN_KINDS: readonly ExternKind[] = ['func', 'table', 'memory', 'global', 'tag'];

/**
 * Decodes a WebAssembly binary module (3.0 by default, see {@link DecodeOptions}). Accepts every
 * well-formed module, valid or not; throws {@link DecodeError} with the byte offset and the spec
 * suite's wording otherwise. The input is never modified or retained: everything returned is a copy.
 *
 * With `options.limits`, a module beyond an implementation limit fails too, as soon as the
 * count that exceeds it is read.
 */
export function decode(bytes: Uint8Array, options?: DecodeOptions): Module {
  return new ModuleDecoder(bytes, options?.version !== '2.0', options?.limits ?? NO_LIMITS).decode();
}

const NO_LIMITS: ImplementationLimits = {};

class ModuleDecoder {
  private readonly r: ByteReader;
  private readonly stream: StreamBuilder;
  private readonly facts: ExprFacts = { dataIndexOffset: -1 };
  private readonly controlStack: number[] = [];

  private types: TypeDef[] = [];
  private imports: Import[] = [];
  private functions: number[] = [];
  private tables: TableType[] = [];
  private memories: MemoryType[] = [];
  private tags: TagType[] = [];
  private globals: Global[] = [];
  private exports: Export[] = [];
  private start: number | null = null;
  private elements: ElementSegment[] = [];
  private dataCount: number | null = null;
  private codes: FunctionBody[] = [];
  private datas: DataSegment[] = [];
  private customs: CustomSection[] = [];
  private names: NameSection | null = null;
  private sections: SectionInfo[] = [];
  /** Tables and memories so far, imported ones included (for their limits). */
  private tableCount = 0;
  private memoryCount = 0;

  constructor(
    bytes: Uint8Array,
    /** Whether 3.0's encodings are accepted (see {@link DecodeOptions}). */
    private readonly v3: boolean,
    private readonly limits: ImplementationLimits,
  ) {
    this.r = new ByteReader(bytes);
    // Roughly one instruction per two bytes of code is typical of compiled modules.
    this.stream = new StreamBuilder(bytes.length >> 1);
  }

  decode(): Module {
    const r = this.r;
    this.header();
    this.limit(r.bytes.length, this.limits.moduleSize, 'module too large (bytes)', 0);
    let next = 0; // index into SECTION_ORDER of the next section allowed
    while (!r.atEnd()) {
      const offset = r.pos;
      const id = r.u8();
      if (id > (this.v3 ? 13 : 12)) r.fail('malformed section id', offset);
      const sizeAt = r.pos;
      const size = r.u32();
      const contentOffset = r.pos;
      if (size > r.end - contentOffset) r.fail('length out of bounds', sizeAt);
      const end = contentOffset + size;
      if (id === 0) {
        this.custom(offset, end);
      } else {
        const order = SECTION_ORDER.indexOf(id as (typeof SECTION_ORDER)[number]);
        // A repeated or out-of-order section is content the grammar has no place for.
        if (order < next) r.fail('unexpected content after last section', offset);
        next = order + 1;
        this.section(id);
      }
      if (r.pos !== end) r.fail('section size mismatch', r.pos);
      const name = id === 0 ? this.customs[this.customs.length - 1]!.name : SECTION_NAMES[id]!;
      this.sections.push({ id, name, offset, contentOffset, size });
    }
    if (this.functions.length !== this.codes.length) {
      r.fail('function and code section have inconsistent lengths', this.sectionOffset(10) ?? this.sectionOffset(3)!);
    }
    if (this.dataCount !== null && this.dataCount !== this.datas.length) {
      r.fail('data count and data section have inconsistent lengths', this.sectionOffset(11) ?? this.sectionOffset(12)!);
    }
    // Data indices in code can only be checked in one pass if their count comes first. Without
    // data segments there is nothing to index, which the validator reports as unknown.
    if (this.facts.dataIndexOffset >= 0 && this.dataCount === null && this.datas.length > 0) {
      r.fail('data count section required', this.facts.dataIndexOffset);
    }
    return {
      types: this.types,
      imports: this.imports,
      functions: this.functions,
      tables: this.tables,
      memories: this.memories,
      tags: this.tags,
      globals: this.globals,
      exports: this.exports,
      start: this.start,
      elements: this.elements,
      dataCount: this.dataCount,
      codes: this.codes,
      datas: this.datas,
      customs: this.customs,
      names: this.names,
      sections: this.sections,
      instructions: this.stream.finish(),
    };
  }

  /** Fails when `n` exceeds `max` (an implementation limit; `undefined`: none). */
  private limit(n: number, max: number | undefined, what: string, at: number): void {
    if (max !== undefined && n > max) this.r.fail(`${what}: ${n}, the limit is ${max}`, at);
  }

  /** Reads a section's count and checks it against a limit. */
  private count(max: number | undefined, what: string, already = 0): number {
    const at = this.r.pos;
    const n = this.r.count();
    this.limit(already + n, max, what, at);
    return n;
  }

  /** Offset of the section with this id, if the module has one. */
  private sectionOffset(id: number): number | undefined {
    return this.sections.find((s) => s.id === id)?.offset;
  }

  private header(): void {
    const r = this.r;
    const b = r.bytes;
    if (b.length < 4) r.fail('unexpected end', b.length);
    if (b[0] !== 0x00 || b[1] !== 0x61 || b[2] !== 0x73 || b[3] !== 0x6d) r.fail('magic header not detected', 0);
    if (b.length < 8) r.fail('unexpected end', b.length);
    if (b[4] !== 1 || b[5] !== 0 || b[6] !== 0 || b[7] !== 0) r.fail('unknown binary version', 4);
    r.pos = 8;
  }

  private readExpr = () => this.expr();

  private expr() {
    return decodeExpr(this.r, this.stream, this.facts, this.controlStack, this.v3);
  }

  private section(id: number): void {
    const r = this.r;
    switch (id) {
      case 1:
        this.typeSection();
        break;
      case 2:
        for (let n = this.count(this.limits.imports, 'too many imports'), i = 0; i < n; i++) {
          const at = r.pos;
          const imp = this.import();
          this.imports.push(imp);
          if (imp.desc.kind === 'table') this.limit(++this.tableCount, this.limits.tables, 'too many tables', at);
          if (imp.desc.kind === 'memory') this.limit(++this.memoryCount, this.limits.memories, 'too many memories', at);
        }
        break;
      case 3:
        for (let n = this.count(this.limits.functions, 'too many functions'), i = 0; i < n; i++) this.functions.push(r.u32());
        break;
      case 4:
        for (let n = this.count(this.limits.tables, 'too many tables', this.tableCount), i = 0; i < n; i++) this.tables.push(this.table());
        break;
      case 13:
        for (let n = r.count(), i = 0; i < n; i++) this.tags.push({ type: this.tagType() });
        break;
      case 5:
        for (let n = this.count(this.limits.memories, 'too many memories', this.memoryCount), i = 0; i < n; i++) this.memories.push(readMemoryType(r, this.v3));
        break;
      case 6:
        for (let n = this.count(this.limits.globals, 'too many globals'), i = 0; i < n; i++) {
          const offset = r.pos;
          const type = readGlobalType(r, this.v3);
          this.globals.push({ type, init: this.expr(), offset });
        }
        break;
      case 7:
        for (let n = this.count(this.limits.exports, 'too many exports'), i = 0; i < n; i++) this.exports.push(this.export());
        break;
      case 8:
        this.start = r.u32();
        break;
      case 9:
        for (let n = this.count(this.limits.elementSegments, 'too many element segments'), i = 0; i < n; i++) this.elements.push(readElementSegment(r, this.readExpr, this.v3));
        break;
      case 10:
        this.code();
        break;
      case 11:
        for (let n = this.count(this.limits.dataSegments, 'too many data segments'), i = 0; i < n; i++) this.datas.push(readDataSegment(r, this.readExpr));
        break;
      case 12:
        this.dataCount = r.u32();
        break;
    }
  }

  /**
   * The type section: in 3.0 each entry is a recursion group (`0x4e`) of subtypes, a subtype
   * (`0x50`, `0x4f` final) or a bare composite type; groups are flattened into {@link types}.
   */
  private typeSection(): void {
    const r = this.r;
    const n = this.count(this.limits.types, 'too many types');
    for (let i = 0; i < n; i++) {
      const at = r.pos;
      if (this.v3 && r.bytes[at] === 0x4e) {
        r.pos++;
        const size = r.count();
        const recStart = this.types.length;
        this.limit(recStart + size, this.limits.types, 'too many types', at);
        for (let k = 0; k < size; k++) this.types.push(this.subType(recStart, size));
      } else {
        this.types.push(this.subType(this.types.length, 1));
      }
    }
  }

  /** One subtype of a recursion group starting at type `recStart` with `recSize` members. */
  private subType(recStart: number, recSize: number): TypeDef {
    const r = this.r;
    const code = r.bytes[r.pos];
    let final = true;
    let supertypes: number[] = [];
    if (this.v3 && (code === 0x50 || code === 0x4f)) {
      r.pos++;
      final = code === 0x4f;
      supertypes = [];
      for (let n = r.count(), i = 0; i < n; i++) supertypes.push(r.u32());
    }
    const sub: SubTypeInfo | undefined =
      final && supertypes.length === 0 && recSize === 1 ? undefined : { final, supertypes, recStart, recSize };
    return this.compositeType(sub);
  }

  private compositeType(sub: SubTypeInfo | undefined): TypeDef {
    const r = this.r;
    const at = r.pos;
    const form = r.u8();
    if (this.v3 && form === 0x5f) {
      const fields = [];
      for (let n = r.count(), i = 0; i < n; i++) fields.push(readFieldType(r));
      return sub === undefined ? { kind: 'struct', fields } : { kind: 'struct', fields, sub };
    }
    if (this.v3 && form === 0x5e) {
      const element = readFieldType(r);
      return sub === undefined ? { kind: 'array', element } : { kind: 'array', element, sub };
    }
    if (form !== 0x60) r.fail(form & 0x80 ? 'integer representation too long' : 'malformed function type', at);
    const params: ValType[] = [];
    for (let n = this.count(this.limits.params, 'too many parameters'), i = 0; i < n; i++) params.push(readValType(r, this.v3));
    const results: ValType[] = [];
    for (let n = this.count(this.limits.results, 'too many results'), i = 0; i < n; i++) results.push(readValType(r, this.v3));
    return sub === undefined ? { kind: 'func', params, results } : { kind: 'func', params, results, sub };
  }

  /** A tag type: the attribute byte (0, an exception), then a type index. */
  private tagType(): number {
    const r = this.r;
    const at = r.pos;
    if (r.u8() !== 0) r.fail('malformed tag attribute', at);
    return r.u32();
  }

  /** A defined table: a table type, or in 3.0 `0x40 0x00`, a table type and an initialiser. */
  private table(): TableType {
    const r = this.r;
    if (!this.v3 || r.bytes[r.pos] !== 0x40) return readTableType(r, this.v3);
    const at = r.pos + 1;
    r.pos += 2;
    if (r.bytes[at] !== 0x00) r.fail('malformed table', at);
    const element = readRefType(r);
    const { limits, address } = readLimits(r, true);
    return { element, limits, address, init: this.expr() };
  }

  private import(): Import {
    const r = this.r;
    const offset = r.pos;
    const module = r.name();
    const name = r.name();
    const kindAt = r.pos;
    const kind = r.u8();
    let desc: ImportDesc;
    switch (kind) {
      case 0: desc = { kind: 'func', type: r.u32() }; break;
      case 1: desc = { kind: 'table', type: readTableType(r, this.v3) }; break;
      case 2: desc = { kind: 'memory', type: readMemoryType(r, this.v3) }; break;
      case 3: desc = { kind: 'global', type: readGlobalType(r, this.v3) }; break;
      case 4: desc = this.v3 ? { kind: 'tag', type: this.tagType() } : r.fail('malformed import kind', kindAt); break;
      default: desc = r.fail('malformed import kind', kindAt);
    }
    return { module, name, desc, offset };
  }

  private export(): Export {
    const r = this.r;
    const offset = r.pos;
    const name = r.name();
    const kindAt = r.pos;
    const kind = EXTERN_KINDS[r.u8()];
    if (kind === undefined || (kind === 'tag' && !this.v3)) r.fail('malformed export kind', kindAt);
    return { name, kind, index: r.u32(), offset };
  }

  private code(): void {
    const r = this.r;
    const n = r.count();
    for (let i = 0; i < n; i++) {
      const offset = r.pos;
      const sizeAt = r.pos;
      const size = r.u32();
      this.limit(size, this.limits.bodySize, 'function body too large (bytes)', sizeAt);
      if (size > r.end - r.pos) r.fail('length out of bounds', sizeAt);
      const end = r.pos + size;
      const localsAt = r.pos;
      const locals: LocalGroup[] = [];
      let localCount = 0;
      // The locals limit counts parameters too (an unknown type index counts none: the
      // validator rejects it).
      const params = this.limits.locals === undefined ? 0 : paramCount(this.types[this.functions[i] ?? -1]);
      for (let g = r.count(), j = 0; j < g; j++) {
        const countAt = r.pos;
        const count = r.u32();
        localCount += count;
        if (localCount > 0xffffffff) r.fail('too many locals', localsAt);
        this.limit(params + localCount, this.limits.locals, 'too many locals', countAt);
        locals.push({ count, type: readValType(r, this.v3) });
      }
      const code = this.expr();
      if (r.pos !== end) r.fail('section size mismatch', r.pos);
      this.codes.push({ locals, localCount, code, offset, end });
    }
  }

  private custom(offset: number, end: number): void {
    const r = this.r;
    const name = r.name();
    if (r.pos > end) r.fail('unexpected end of section or function', end);
    const data = r.bytes.slice(r.pos, end);
    r.pos = end;
    this.customs.push({ name, data, offset });
    if (name === 'name' && this.names === null) this.names = decodeNameSection(data);
  }
}

/** How many parameters a function of type `t` has (0 for a missing or non-function type). */
function paramCount(t: TypeDef | undefined): number {
  return t?.kind === 'func' ? t.params.length : 0;
}
