import type { OpcodeInfo } from '@rt/binary';
import { AtomKind, type Atom, type List } from '../lex/sexpr.js';
import { parseFloatLiteral, parseIntLiteral, parseNat } from '../lex/numbers.js';
import { Cursor, idName } from './cursor.js';
import { naturalAlignment, opcodeBytes, OPCODES_BY_NAME } from './opcodes.js';
import { heapType, refType, valType, type Enc, type TypeResolver } from './types.js';
import { ByteWriter } from './writer.js';

/** What instruction encoding needs from the module being encoded. */
export interface BodyContext {
  readonly source: string;
  readonly typeRef: TypeResolver;
  index(cur: Cursor, space: 'type' | 'func' | 'table' | 'memory' | 'global' | 'tag' | 'elem' | 'data'): number;
  field(cur: Cursor, type: number): number;
  typeUse(cur: Cursor, allowNames?: boolean): { index: number; params: readonly Enc[]; results: readonly Enc[]; paramIds: readonly (Atom | null)[] };
  implicitType(params: readonly Enc[], results: readonly Enc[]): number;
  noteDataIndex(): void;
  /** Receives the names of a function body's parameters and locals. */
  noteLocalNames(names: ReadonlyMap<string, number>): void;
}

const enum Frame { Block, If, Else, Try, TryCatch, TryCatchAll, TryTable }

interface Label {
  readonly name: string | null;
  kind: Frame;
  /** Where the `else` byte was written, so an empty else branch can be dropped at `end`. */
  elseAt?: number;
}

const V128_SHAPES: Readonly<Record<string, readonly [count: number, kind: 'i' | 'f', bits: number]>> = {
  i8x16: [16, 'i', 8], i16x8: [8, 'i', 16], i32x4: [4, 'i', 32], i64x2: [2, 'i', 64], f32x4: [4, 'f', 32], f64x2: [2, 'f', 64],
};

const STRUCTURED = new Set(['block', 'loop', 'if', 'try_table', 'try']);

class BodyEncoder {
  readonly w = new ByteWriter();
  readonly labels: Label[] = [];
  readonly locals = new Map<string, number>();
  localCount = 0;

  constructor(readonly ctx: BodyContext, readonly source: string, readonly inFunction: boolean) {}

  /** Encodes every item of `cur` as instructions (flat and folded, mixed). */
  seq(cur: Cursor): void {
    const base = this.labels.length;
    while (!cur.done()) {
      const n = cur.peek()!;
      if (n.list) {
        cur.i++;
        if (n.annotation !== null) continue;
        this.folded(n);
        continue;
      }
      if (n.kind !== AtomKind.Keyword) cur.failHere('unexpected token');
      cur.i++;
      this.plain(cur, n);
    }
    if (this.labels.length > base) cur.fail(cur.endOffset, 'unexpected token');
  }

  private op(name: string, at: number, cur: Cursor): OpcodeInfo {
    const rows = OPCODES_BY_NAME.get(name);
    if (rows === undefined) return cur.fail(at, 'unexpected token');
    // `select` is read by its typed row, which writes the untyped form when no types follow.
    return rows[rows.length - 1]!;
  }

  private emit(o: OpcodeInfo, w: ByteWriter = this.w): void {
    if (o.prefix === 0) w.byte(o.code);
    else w.bytes(opcodeBytes(o));
  }

  /** A plain instruction whose keyword `k` was consumed from `cur`. */
  private plain(cur: Cursor, k: Atom): void {
    const name = k.text;
    switch (name) {
      case 'block': case 'loop': case 'if': case 'try':
        this.blockStart(cur, name);
        return;
      case 'try_table':
        this.tryTableStart(cur);
        return;
      case 'else': {
        const top = this.labels[this.labels.length - 1];
        if (top === undefined || top.kind !== Frame.If) cur.fail(k.offset, 'unexpected token');
        this.checkEndLabel(cur, top!);
        top!.kind = Frame.Else;
        top!.elseAt = this.w.length;
        this.w.byte(0x05);
        return;
      }
      case 'end': {
        const top = this.labels.pop();
        if (top === undefined) return cur.fail(k.offset, 'unexpected token');
        this.checkEndLabel(cur, top);
        // An empty `else` means nothing; encoders leave it out.
        if (top.elseAt !== undefined && top.elseAt === this.w.length - 1) this.w.length--;
        this.w.byte(0x0b);
        return;
      }
      case 'catch': case 'catch_all': {
        const top = this.labels[this.labels.length - 1];
        if (top === undefined || (top.kind !== Frame.Try && top.kind !== Frame.TryCatch)) cur.fail(k.offset, 'unexpected token');
        if (name === 'catch') {
          this.w.byte(0x07).u32(this.ctx.index(cur, 'tag'));
        } else this.w.byte(0x19);
        top!.kind = name === 'catch' ? Frame.TryCatch : Frame.TryCatchAll;
        return;
      }
      case 'delegate': {
        const top = this.labels[this.labels.length - 1];
        if (top === undefined || top.kind !== Frame.Try) return cur.fail(k.offset, 'unexpected token');
        this.labels.pop();
        this.w.byte(0x18).u32(this.label(cur));
        return;
      }
    }
    const o = this.op(name, k.offset, cur);
    this.immediates(cur, o, this.w, k);
  }

  private checkEndLabel(cur: Cursor, top: Label): void {
    const id = cur.id();
    if (id !== null && idName(this.source, id) !== top.name) cur.fail(id.offset, 'mismatching label');
  }

  private pushLabel(cur: Cursor, kind: Frame): void {
    const id = cur.id();
    this.labels.push({ name: id === null ? null : idName(this.source, id), kind });
  }

  private blockType(cur: Cursor): void {
    const hasType = cur.peekList('type') !== null;
    const use = this.ctx.typeUse(cur, false);
    if (hasType) {
      this.w.s32(use.index);
      return;
    }
    // Without `(type x)` the block type is empty, a single result, or an implicit type's index.
    if (use.params.length === 0 && use.results.length === 0) this.w.byte(0x40);
    else if (use.params.length === 0 && use.results.length === 1) this.w.bytes(use.results[0]!);
    else this.w.s32(use.index);
  }

  private blockStart(cur: Cursor, name: 'block' | 'loop' | 'if' | 'try'): void {
    this.w.byte(name === 'block' ? 0x02 : name === 'loop' ? 0x03 : name === 'if' ? 0x04 : 0x06);
    this.pushLabel(cur, name === 'if' ? Frame.If : name === 'try' ? Frame.Try : Frame.Block);
    this.blockTypeNoImplicitFirst(cur);
  }

  /** Block types create implicit types only when they need an index. */
  private blockTypeNoImplicitFirst(cur: Cursor): void {
    const save = cur.i;
    // Fast path: no type use at all.
    const head = cur.peekListHead();
    if (head !== 'type' && head !== 'param' && head !== 'result') {
      this.w.byte(0x40);
      return;
    }
    // A single `(result t)` without params needs no type.
    if (head === 'result') {
      const r = cur.peekList('result')!;
      const next = cur.items[save + 1];
      const nextHead = next !== undefined && next.list ? headAtom(next) : null;
      if (r.items.length === 2 && nextHead !== 'result' && nextHead !== 'param') {
        cur.i++;
        const rc = cur.enter(r);
        this.w.bytes(valType(rc, this.ctx.typeRef));
        rc.end();
        return;
      }
      if (r.items.length === 1 && nextHead !== 'result' && nextHead !== 'param') {
        cur.i++;
        this.w.byte(0x40);
        return;
      }
    }
    this.blockType(cur);
  }

  private tryTableStart(cur: Cursor): void {
    this.w.byte(0x1f);
    const id = cur.id();
    this.blockTypeNoImplicitFirst(cur);
    this.catchClauses(cur);
    this.labels.push({ name: id === null ? null : idName(this.source, id), kind: Frame.TryTable });
  }

  private catchClauses(cur: Cursor): void {
    const clauses = new ByteWriter();
    let n = 0;
    for (;;) {
      const head = cur.peekListHead();
      if (head !== 'catch' && head !== 'catch_ref' && head !== 'catch_all' && head !== 'catch_all_ref') break;
      const l = cur.peek() as List;
      cur.i++;
      const cc = cur.enter(l);
      n++;
      if (head === 'catch' || head === 'catch_ref') {
        clauses.byte(head === 'catch' ? 0 : 1).u32(this.ctx.index(cc, 'tag'));
      } else clauses.byte(head === 'catch_all' ? 2 : 3);
      clauses.u32(this.label(cc));
      cc.end();
    }
    this.w.u32(n).bytes(clauses.view());
  }

  private label(cur: Cursor): number {
    const n = cur.peek();
    if (n === undefined || n.list) return cur.failHere('unexpected token');
    if (n.kind === AtomKind.Id) {
      cur.i++;
      const name = idName(this.source, n);
      for (let i = this.labels.length - 1; i >= 0; i--) {
        if (this.labels[i]!.name === name) return this.labels.length - 1 - i;
      }
      return cur.fail(n.offset, `unknown label ${n.text}`);
    }
    if (n.kind !== AtomKind.Number) return cur.failHere('unexpected token');
    return cur.u32();
  }

  private local(cur: Cursor): number {
    const n = cur.peek();
    if (n !== undefined && !n.list && n.kind === AtomKind.Id) {
      cur.i++;
      const v = this.locals.get(idName(this.source, n));
      if (v === undefined) return cur.fail(n.offset, `unknown local ${n.text}`);
      return v;
    }
    return cur.u32();
  }

  /** A folded instruction `(op …)`. */
  private folded(l: List): void {
    const cur = new Cursor(this.source, l.items, 0, l.end);
    const k = cur.peek();
    if (k === undefined || k.list || k.kind !== AtomKind.Keyword) return cur.failHere('unexpected token');
    cur.i++;
    const name = k.text;
    if (STRUCTURED.has(name)) {
      if (name === 'if') {
        this.foldedIf(cur);
        return;
      }
      if (name === 'try') {
        this.foldedTry(cur);
        return;
      }
      if (name === 'try_table') this.tryTableStart(cur);
      else this.blockStart(cur, name as 'block' | 'loop');
      const depth = this.labels.length;
      this.seqInBlock(cur);
      if (this.labels.length !== depth) cur.fail(l.end, 'unexpected token');
      this.labels.pop();
      this.w.byte(0x0b);
      return;
    }
    if (name === 'else' || name === 'end' || name === 'then' || name === 'catch' || name === 'catch_all' || name === 'delegate') {
      cur.fail(k.offset, 'unexpected token');
    }
    const o = this.op(name, k.offset, cur);
    const imm = new ByteWriter();
    this.immediates(cur, o, imm, k);
    while (!cur.done()) {
      const n = cur.peek()!;
      if (!n.list) return cur.failHere('unexpected token');
      cur.i++;
      if (n.annotation !== null) continue;
      this.folded(n);
    }
    this.w.bytes(imm.view());
  }

  /** Instructions of a folded block's body, which may mix flat and folded forms. */
  private seqInBlock(cur: Cursor): void {
    this.seq(cur);
  }

  private foldedIf(cur: Cursor): void {
    const id = cur.id();
    const bt = new BodyEncoder(this.ctx, this.source, this.inFunction);
    bt.blockTypeNoImplicitFirst(cur);
    // The condition: folded instructions before `(then …)`.
    while (!cur.done() && cur.peekList('then') === null) {
      const n = cur.peek()!;
      if (!n.list) return cur.failHere('unexpected token');
      cur.i++;
      if (n.annotation !== null) continue;
      if (headAtom(n) === 'else') cur.fail(n.offset, 'unexpected token');
      this.folded(n);
    }
    const then = cur.peekList('then');
    if (then === null) return cur.failHere('unexpected token');
    cur.i++;
    this.w.byte(0x04).bytes(bt.w.view());
    this.labels.push({ name: id === null ? null : idName(this.source, id), kind: Frame.If });
    this.seq(cur.enter(then));
    const els = cur.peekList('else');
    if (els !== null) {
      cur.i++;
      const at = this.w.length;
      this.w.byte(0x05);
      this.seq(cur.enter(els));
      if (this.w.length === at + 1) this.w.length--;
    }
    cur.end();
    this.labels.pop();
    this.w.byte(0x0b);
  }

  private foldedTry(cur: Cursor): void {
    this.w.byte(0x06);
    this.pushLabel(cur, Frame.Try);
    this.blockTypeNoImplicitFirst(cur);
    const body = cur.peekList('do');
    if (body === null) return cur.failHere('unexpected token');
    cur.i++;
    this.seq(cur.enter(body));
    let handlers = 0;
    for (;;) {
      const c = cur.peekList('catch');
      if (c !== null) {
        handlers++;
        cur.i++;
        const cc = cur.enter(c);
        this.w.byte(0x07).u32(this.ctx.index(cc, 'tag'));
        this.seq(cc);
        continue;
      }
      const ca = cur.peekList('catch_all');
      if (ca !== null) {
        handlers++;
        cur.i++;
        this.w.byte(0x19);
        this.seq(cur.enter(ca));
        // `catch_all` is the last handler.
        break;
      }
      break;
    }
    const d = handlers === 0 ? cur.peekList('delegate') : null;
    if (d !== null) {
      cur.i++;
      this.labels.pop();
      const dc = cur.enter(d);
      this.w.byte(0x18).u32(this.label(dc));
      dc.end();
      cur.end();
      return;
    }
    cur.end();
    this.labels.pop();
    this.w.byte(0x0b);
  }

  private optionalIndex(cur: Cursor, space: 'table' | 'memory'): number {
    return cur.peekIndex() ? this.ctx.index(cur, space) : 0;
  }

  private memarg(cur: Cursor, o: OpcodeInfo, w: ByteWriter, memory: number): void {
    let offset = 0n;
    const align = naturalAlignment(o.name);
    let k = cur.peekKeyword();
    if (k !== null && k.startsWith('offset=')) {
      cur.i++;
      const v = parseIntLiteral(k.slice(7), 64);
      if (typeof v !== 'bigint' || k.charCodeAt(7) === 0x2d || k.charCodeAt(7) === 0x2b) cur.fail(cur.items[cur.i - 1]!.offset, 'unknown operator');
      offset = v as bigint;
      k = cur.peekKeyword();
    }
    let exp = 31 - Math.clz32(align);
    if (k !== null && k.startsWith('align=')) {
      cur.i++;
      const v = parseIntLiteral(k.slice(6), 64);
      if (typeof v !== 'bigint' || k.charCodeAt(6) === 0x2d || k.charCodeAt(6) === 0x2b) cur.fail(cur.items[cur.i - 1]!.offset, 'unknown operator');
      const a = v as bigint;
      if (a === 0n || (a & (a - 1n)) !== 0n) cur.fail(cur.items[cur.i - 1]!.offset, 'alignment must be a power of two');
      exp = a.toString(2).length - 1;
    }
    if (memory === 0) w.u32(exp);
    else w.u32(exp | 0x40).u32(memory);
    w.u64(offset);
  }

  private immediates(cur: Cursor, o: OpcodeInfo, w: ByteWriter, k: Atom): void {
    switch (o.imm) {
      case 'none':
        this.emit(o, w);
        return;
      case 'label':
        this.emit(o, w);
        w.u32(this.label(cur));
        return;
      case 'br_table': {
        this.emit(o, w);
        const targets: number[] = [];
        while (cur.peekIndex()) targets.push(this.label(cur));
        if (targets.length === 0) cur.failHere('unexpected token');
        w.u32(targets.length - 1);
        for (const t of targets) w.u32(t);
        return;
      }
      case 'func': case 'global': case 'data': case 'elem': case 'tag': case 'type': {
        const space = o.imm;
        this.emit(o, w);
        if (space === 'data') this.ctx.noteDataIndex();
        w.u32(this.ctx.index(cur, space));
        return;
      }
      case 'local':
        this.emit(o, w);
        w.u32(this.local(cur));
        return;
      case 'table':
        this.emit(o, w);
        w.u32(this.optionalIndex(cur, 'table'));
        return;
      case 'memory':
        this.emit(o, w);
        w.u32(this.optionalIndex(cur, 'memory'));
        return;
      case 'call_indirect': {
        this.emit(o, w);
        const table = this.optionalIndex(cur, 'table');
        const use = this.ctx.typeUse(cur, false);
        w.u32(use.index).u32(table);
        return;
      }
      case 'memarg': {
        this.emit(o, w);
        const mem = this.optionalIndex(cur, 'memory');
        this.memarg(cur, o, w, mem);
        return;
      }
      case 'memarg_lane': {
        this.emit(o, w);
        let mem = 0;
        const n = cur.peek();
        const after = cur.items[cur.i + 1];
        if (n !== undefined && !n.list && (n.kind === AtomKind.Id || (n.kind === AtomKind.Number && after !== undefined && !after.list &&
          (after.kind === AtomKind.Number || (after.kind === AtomKind.Keyword && (after.text.startsWith('offset=') || after.text.startsWith('align='))))))) {
          mem = this.ctx.index(cur, 'memory');
        }
        this.memarg(cur, o, w, mem);
        w.u32(this.laneIndex(cur));
        return;
      }
      case 'lane':
        // Lane indices are bytes; the reference encoder writes them as LEB128, which is the same below 128.
        this.emit(o, w);
        w.u32(this.laneIndex(cur));
        return;
      case 'shuffle': {
        this.emit(o, w);
        // Sixteen literals, each an i8 (any literal is read, then range-checked).
        const start = cur.i;
        while (isLiteral(cur.peek())) cur.i++;
        if (cur.i - start !== 16) cur.failHere('invalid lane length');
        for (let k = start; k < cur.i; k++) {
          const a = cur.items[k] as Atom;
          const v = parseIntLiteral(a.text, 32);
          if (typeof v !== 'bigint' || a.text.startsWith('-') || v > 255n) cur.fail(a.offset, 'i8 constant out of range');
          w.u32(Number(v));
        }
        return;
      }
      case 'i32': case 'i64': {
        this.emit(o, w);
        const a = cur.peek();
        if (a === undefined || a.list || a.kind !== AtomKind.Number) return cur.failHere('unexpected token');
        cur.i++;
        const bits = o.imm === 'i32' ? 32 : 64;
        const v = parseIntLiteral(a.text, bits);
        if (v === 'syntax') cur.fail(a.offset, 'unexpected token');
        if (v === 'range') cur.fail(a.offset, 'constant out of range');
        const big = v as bigint;
        w.s64(big >= 1n << BigInt(bits - 1) ? big - (1n << BigInt(bits)) : big);
        return;
      }
      case 'f32': case 'f64': {
        this.emit(o, w);
        const a = cur.peek();
        if (a === undefined || a.list || (a.kind !== AtomKind.Number && a.kind !== AtomKind.Keyword)) return cur.failHere('unexpected token');
        cur.i++;
        const bits = o.imm === 'f32' ? 32 : 64;
        const v = parseFloatLiteral(a.text, bits);
        if (v === 'syntax') cur.fail(a.offset, 'unexpected token');
        if (v === 'range') cur.fail(a.offset, 'constant out of range');
        w.fixed(v as bigint, bits / 8);
        return;
      }
      case 'v128': {
        this.emit(o, w);
        w.bytes(v128Const(cur));
        return;
      }
      case 'select_types': {
        // `select` without result types is the one-byte form; with them, `0x1c`.
        const types: Enc[] = [];
        let any = false;
        for (let r = cur.peekList('result'); r !== null; r = cur.peekList('result')) {
          any = true;
          cur.i++;
          const rc = cur.enter(r);
          while (!rc.done()) types.push(valType(rc, this.ctx.typeRef));
        }
        if (!any) {
          w.byte(0x1b);
          return;
        }
        this.emit(o, w);
        w.u32(types.length);
        for (const t of types) w.bytes(t);
        return;
      }
      case 'heaptype':
        this.emit(o, w);
        w.bytes(heapType(cur, this.ctx.typeRef));
        return;
      case 'memory_init': {
        this.emit(o, w);
        this.ctx.noteDataIndex();
        let mem = 0;
        if (cur.peekIndex() && isIndex(cur.items[cur.i + 1])) mem = this.ctx.index(cur, 'memory');
        w.u32(this.ctx.index(cur, 'data')).u32(mem);
        return;
      }
      case 'memory_copy': {
        this.emit(o, w);
        let a = 0;
        let b = 0;
        if (cur.peekIndex()) {
          a = this.ctx.index(cur, 'memory');
          b = this.ctx.index(cur, 'memory');
        }
        w.u32(a).u32(b);
        return;
      }
      case 'table_init': {
        this.emit(o, w);
        let table = 0;
        if (cur.peekIndex() && isIndex(cur.items[cur.i + 1])) table = this.ctx.index(cur, 'table');
        w.u32(this.ctx.index(cur, 'elem')).u32(table);
        return;
      }
      case 'table_copy': {
        this.emit(o, w);
        let a = 0;
        let b = 0;
        if (cur.peekIndex()) {
          a = this.ctx.index(cur, 'table');
          b = this.ctx.index(cur, 'table');
        }
        w.u32(a).u32(b);
        return;
      }
      case 'type_field': {
        this.emit(o, w);
        const t = this.ctx.index(cur, 'type');
        w.u32(t).u32(this.ctx.field(cur, t));
        return;
      }
      case 'type_pair':
        this.emit(o, w);
        w.u32(this.ctx.index(cur, 'type')).u32(this.ctx.index(cur, 'type'));
        return;
      case 'type_count':
        this.emit(o, w);
        w.u32(this.ctx.index(cur, 'type')).u32(cur.u32());
        return;
      case 'type_data':
        this.emit(o, w);
        this.ctx.noteDataIndex();
        w.u32(this.ctx.index(cur, 'type')).u32(this.ctx.index(cur, 'data'));
        return;
      case 'type_elem':
        this.emit(o, w);
        w.u32(this.ctx.index(cur, 'type')).u32(this.ctx.index(cur, 'elem'));
        return;
      case 'ref': case 'ref_null': {
        const out = { nullable: false, heap: [] as Enc };
        refType(cur, this.ctx.typeRef, out);
        const rows = OPCODES_BY_NAME.get(o.name)!;
        const row = rows.find((r) => r.imm === (out.nullable ? 'ref_null' : 'ref'))!;
        this.emit(row, w);
        w.bytes(out.heap);
        return;
      }
      case 'br_on_cast': {
        this.emit(o, w);
        const label = this.label(cur);
        const a = { nullable: false, heap: [] as Enc };
        const b = { nullable: false, heap: [] as Enc };
        refType(cur, this.ctx.typeRef, a);
        refType(cur, this.ctx.typeRef, b);
        w.byte((a.nullable ? 1 : 0) | (b.nullable ? 2 : 0)).u32(label).bytes(a.heap).bytes(b.heap);
        return;
      }
      case 'blocktype': case 'try_table':
        cur.fail(k.offset, 'unexpected token');
    }
  }

  /** A lane index: an unsigned integer literal below 256. */
  private laneIndex(cur: Cursor): number {
    const a = cur.number();
    const n = parseNat(a.text);
    if (n === null || n.signed) return cur.fail(a.offset, 'unexpected token');
    if (n.value > 255n) return cur.fail(a.offset, 'i8 constant out of range');
    return Number(n.value);
  }
}

/** Whether a node is a number literal (or `inf`/`nan`), as lane lists read them. */
function isLiteral(n: import('../lex/sexpr.js').Node | undefined): boolean {
  if (n === undefined || n.list) return false;
  if (n.kind === AtomKind.Number) return true;
  return n.kind === AtomKind.Keyword && (n.text === 'inf' || n.text === 'nan' || n.text.startsWith('nan:'));
}

function isIndex(n: import('../lex/sexpr.js').Node | undefined): boolean {
  return n !== undefined && !n.list && (n.kind === AtomKind.Number || n.kind === AtomKind.Id);
}

function headAtom(l: List): string | null {
  const h = l.items[0];
  return h !== undefined && !h.list && h.kind === AtomKind.Keyword ? h.text : null;
}

/** Reads `shape lane*` of a `v128.const` (or a `v128` script value), returning its 16 bytes. */
export function v128Const(cur: Cursor): number[] {
  const shapeAtom = cur.keyword();
  const shape = V128_SHAPES[shapeAtom.text];
  if (shape === undefined) return cur.fail(shapeAtom.offset, 'unexpected token');
  const [count, kind, bits] = shape;
  const w = new ByteWriter();
  let given = 0;
  while (isLiteral(cur.items[cur.i + given])) {
    // A token that is no literal at all is a lexical error, reported before the count.
    const a = cur.items[cur.i + given] as Atom;
    if (a.kind === AtomKind.Number && parseNat(a.text) === null && typeof parseFloatLiteral(a.text, 64) !== 'bigint') {
      cur.fail(a.offset, 'unexpected token');
    }
    given++;
  }
  const after = cur.items[cur.i + given];
  if (after !== undefined && !after.list && after.kind === AtomKind.Reserved) cur.fail(after.offset, 'unexpected token');
  if (given !== count) return cur.fail(cur.items[cur.i + Math.min(given, count)]?.offset ?? cur.endOffset, 'wrong number of lane literals');
  for (let i = 0; i < count; i++) {
    const a = cur.peek() as Atom;
    cur.i++;
    if (kind === 'f') {
      const v = parseFloatLiteral(a.text, bits as 32 | 64);
      if (v === 'syntax') cur.fail(a.offset, 'unexpected token');
      if (v === 'range') cur.fail(a.offset, 'constant out of range');
      w.fixed(v as bigint, bits / 8);
    } else {
      const v = laneInt(a.text, bits);
      if (v === null) cur.fail(a.offset, 'constant out of range');
      w.fixed(v!, bits / 8);
    }
  }
  return Array.from(w.view());
}

/** An integer lane of `bits` bits: unsigned or signed range, as two's complement. */
export function laneInt(text: string, bits: number): bigint | null {
  if (bits >= 32) {
    const v = parseIntLiteral(text, bits as 32 | 64);
    return typeof v === 'bigint' ? v : null;
  }
  const v = parseIntLiteral(text, 32);
  if (typeof v !== 'bigint') return null;
  const limit = 1n << BigInt(bits);
  const neg = text.startsWith('-');
  if (neg) {
    const mag = v === 0n ? 0n : (1n << 32n) - v;
    if (mag > limit >> 1n) return null;
    return mag === 0n ? 0n : limit - mag;
  }
  if (text.startsWith('+') ? v >= limit >> 1n : v >= limit) return null;
  return v;
}

/** Encodes a function body (locals and instructions) after its type use. */
export function encodeBody(ctx: BodyContext, cur: Cursor, use: { params: readonly Enc[]; paramIds: readonly (Atom | null)[] }): ByteWriter {
  const enc = new BodyEncoder(ctx, ctx.source, true);
  for (let i = 0; i < use.params.length; i++) {
    const id = use.paramIds[i];
    if (id !== null && id !== undefined) {
      const name = idName(ctx.source, id);
      if (enc.locals.has(name)) cur.fail(id.offset, `duplicate local ${id.text}`);
      enc.locals.set(name, i);
    }
  }
  enc.localCount = use.params.length;
  const locals: Enc[] = [];
  for (let l = cur.peekList('local'); l !== null; l = cur.peekList('local')) {
    cur.i++;
    const lc = cur.enter(l);
    const id = lc.id();
    if (id !== null) {
      const name = idName(ctx.source, id);
      if (enc.locals.has(name)) lc.fail(id.offset, `duplicate local ${id.text}`);
      enc.locals.set(name, enc.localCount);
      locals.push(valType(lc, ctx.typeRef));
      enc.localCount++;
      lc.end();
    } else {
      while (!lc.done()) {
        locals.push(valType(lc, ctx.typeRef));
        enc.localCount++;
      }
    }
  }
  const out = new ByteWriter();
  // Runs of one type share an entry.
  const groups: [number, Enc][] = [];
  for (const t of locals) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last[1].join() === t.join()) last[0]++;
    else groups.push([1, t]);
  }
  out.u32(groups.length);
  for (const [n, t] of groups) out.u32(n).bytes(t);
  enc.seq(cur);
  out.bytes(enc.w.view()).byte(0x0b);
  ctx.noteLocalNames(enc.locals);
  return out;
}

/** Encodes a constant expression (all items of `cur`), with its final `end`. */
export function encodeConstExpr(ctx: BodyContext, cur: Cursor): ByteWriter {
  const enc = new BodyEncoder(ctx, ctx.source, false);
  enc.seq(cur);
  return enc.w.byte(0x0b);
}
