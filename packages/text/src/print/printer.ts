import {
  utf8Encoder, BLOCK_TYPE_EMPTY, BLOCK_TYPE_VALUE, decode, heapTypeName, heapTypeOf, OPCODE_BY_ID, valTypeName, type Expr, type Limits, type Module, type ValType,
} from '@rt/binary';
import { floatText } from './floats.js';

/** How {@link printWat} lays out code. */
export interface PrintOptions {
  /**
   * `false` (default): instructions one per line, blocks closed by `end`. `true`: blocks,
   * loops and ifs in folded form, `(block … )`, `(if (then …) (else …))`.
   */
  readonly folded?: boolean;
  /** Spaces per nesting level (default 2). */
  readonly indent?: number;
}

/**
 * Prints a binary module as WebAssembly text, with function and local names from the name
 * section where present. Throws the decoder's `DecodeError` when the binary is malformed (the
 * decoder reads WebAssembly 2.0 today; 3.0 binaries print once it reads them).
 */
export function printWat(bytes: Uint8Array, options: PrintOptions = {}): string {
  return new Printer(decode(bytes), options).module();
}

const ID_CHARS = /^[0-9A-Za-z!#$%&'*+\-./:<=>?@\\^_`|~]+$/;

function id(name: string): string {
  return ID_CHARS.test(name) ? `$${name}` : `$${quote(utf8Encoder().encode(name))}`;
}

function quote(b: Uint8Array): string {
  let s = '"';
  for (const c of b) {
    if (c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c) s += String.fromCharCode(c);
    else s += '\\' + c.toString(16).padStart(2, '0');
  }
  return s + '"';
}

/**
 * A bound of limits as an exact integer. A 64-bit table's or memory's bounds above 2^53 are
 * already rounded in the decoded form; 2^64 itself stands for u64's maximum, which rounds to it.
 */
function bound(x: number): string {
  return x >= 2 ** 64 ? String(2n ** 64n - 1n) : String(BigInt(x));
}

function limits(l: Limits): string {
  return l.max === null ? bound(l.min) : `${bound(l.min)} ${bound(l.max)}`;
}

class Printer {
  private readonly out: string[] = [];
  private readonly step: string;
  private readonly funcNames = new Map<number, string>();

  constructor(private readonly m: Module, private readonly options: PrintOptions) {
    this.step = ' '.repeat(options.indent ?? 2);
    const seen = new Set<string>();
    for (const [i, n] of m.names?.functions ?? []) {
      if (seen.has(n)) continue;
      seen.add(n);
      this.funcNames.set(i, id(n) + " ");
    }
  }

  private line(depth: number, text: string): void {
    this.out.push(this.step.repeat(depth) + text);
  }

  module(): string {
    const m = this.m;
    const name = m.names?.module;
    this.out.push(name ? `(module ${id(name)}` : '(module');
    m.types.forEach((t, i) => {
      // 3.0: a recursion group opens at its first member and closes after its last.
      const sub = t.sub;
      const open = sub !== undefined && sub.recSize !== 1 && sub.recStart === i;
      if (open) this.line(1, '(rec');
      const inGroup = sub !== undefined && sub.recSize !== 1;
      this.line(inGroup ? 2 : 1, `(type (;${i};) ${this.subType(t)})`);
      if (inGroup && i === sub.recStart + sub.recSize - 1) this.line(1, ')');
    });
    let funcs = 0;
    let tables = 0;
    let memories = 0;
    let globals = 0;
    let tags = 0;
    for (const imp of m.imports) {
      const head = `(import ${quote(utf8(imp.module))} ${quote(utf8(imp.name))}`;
      switch (imp.desc.kind) {
        case 'func':
          this.line(1, `${head} (func ${this.funcNames.get(funcs) ?? ''}(;${funcs};) (type ${imp.desc.type})))`);
          funcs++;
          break;
        case 'table':
          this.line(1, `${head} (table (;${tables++};) ${this.tableType(imp.desc.type)}))`);
          break;
        case 'memory':
          this.line(1, `${head} (memory (;${memories++};) ${this.memType(imp.desc.type)}))`);
          break;
        case 'global':
          this.line(1, `${head} (global (;${globals++};) ${this.globalType(imp.desc.type.type, imp.desc.type.mutable)}))`);
          break;
        case 'tag':
          this.line(1, `${head} (tag (;${tags++};) (type ${imp.desc.type})))`);
          break;
      }
    }
    m.tables.forEach((t) => {
      if (t.init === undefined) {
        this.line(1, `(table (;${tables++};) ${this.tableType(t)})`);
        return;
      }
      this.line(1, `(table (;${tables++};) ${this.tableType(t)}`);
      this.code(t.init, 2, false);
      this.line(1, ')');
    });
    m.tags.forEach((t) => this.line(1, `(tag (;${tags++};) (type ${t.type}))`));
    m.memories.forEach((t) => this.line(1, `(memory (;${memories++};) ${this.memType(t)})`));
    m.globals.forEach((g) => {
      this.line(1, `(global (;${globals++};) ${this.globalType(g.type.type, g.type.mutable)}`);
      this.code(g.init, 2, false);
      this.line(1, ')');
    });
    for (const e of m.exports) this.line(1, `(export ${quote(utf8(e.name))} (${e.kind} ${e.index}))`);
    if (m.start !== null) this.line(1, `(start ${m.start})`);
    m.elements.forEach((e, i) => this.element(e, i));
    m.codes.forEach((body, i) => this.func(funcs + i, m.functions[i]!, body));
    m.datas.forEach((d, i) => {
      const head = d.mode === 'passive' ? `(data (;${i};)` : `(data (;${i};) (memory ${d.memory}) (offset`;
      if (d.mode === 'passive') {
        this.line(1, `${head} ${quote(d.bytes)})`);
        return;
      }
      this.line(1, head);
      this.code(d.memoryOffset!, 2, false);
      this.line(1, `) ${quote(d.bytes)})`);
    });
    this.out.push(')');
    return this.out.join('\n') + '\n';
  }

  private tableType(t: { limits: Limits; address: 'i32' | 'i64'; element: number }): string {
    return `${t.address === 'i64' ? 'i64 ' : ''}${limits(t.limits)} ${valTypeName(t.element)}`;
  }

  private memType(t: { limits: Limits; address: 'i32' | 'i64'; shared: boolean }): string {
    return `${t.address === 'i64' ? 'i64 ' : ''}${limits(t.limits)}${t.shared ? ' shared' : ''}`;
  }

  private globalType(t: ValType, mutable: boolean): string {
    return mutable ? `(mut ${valTypeName(t)})` : valTypeName(t);
  }

  private params(ts: readonly ValType[]): string {
    return ts.length === 0 ? '' : ` (param ${ts.map(valTypeName).join(' ')})`;
  }

  private results(ts: readonly ValType[]): string {
    return ts.length === 0 ? '' : ` (result ${ts.map(valTypeName).join(' ')})`;
  }

  private element(e: Module['elements'][number], i: number): void {
    const items = e.init.kind === 'functions' ? null : e.init.exprs;
    let head = `(elem (;${i};)`;
    if (e.mode === 'declarative') head += ' declare';
    // Function indices: `func` (3.0's `(ref func)`; 2.0's funcref).
    const type = e.init.kind === 'functions' ? 'func' : valTypeName(e.type);
    if (e.mode === 'active') {
      this.line(1, `${head} (table ${e.table}) (offset`);
      this.code(e.tableOffset!, 2, false);
      head = `${this.step})`;
    }
    if (items === null) {
      const fs = e.init.kind === 'functions' ? e.init.indices.join(' ') : '';
      this.line(e.mode === 'active' ? 0 : 1, `${head} ${type}${fs ? ' ' + fs : ''})`);
      return;
    }
    this.line(e.mode === 'active' ? 0 : 1, `${head} ${type}`);
    for (const x of items) {
      this.line(2, '(item');
      this.code(x, 3, false);
      this.line(2, ')');
    }
    this.line(1, ')');
  }

  /** A type definition's text: `(func …)`, or 3.0's `(struct …)` and `(array …)` (fields only; `sub`/`rec` are not printed yet). */
  private typeDef(t: Module['types'][number]): string {
    const field = (f: { type: number; mutable: boolean }): string => (f.mutable ? `(mut ${valTypeName(f.type)})` : valTypeName(f.type));
    switch (t.kind) {
      case 'func': return `(func${this.params(t.params)}${this.results(t.results)})`;
      case 'struct': return `(struct${t.fields.map((f) => ` (field ${field(f)})`).join('')})`;
      case 'array': return `(array ${field(t.element)})`;
    }
  }

  /** A type definition with 3.0's `sub`, `final` and supertypes when it has them. */
  private subType(t: Module['types'][number]): string {
    const sub = t.sub;
    if (sub === undefined || (sub.final && sub.supertypes.length === 0)) return this.typeDef(t);
    return `(sub${sub.final ? ' final' : ''}${sub.supertypes.map((x) => ` ${x}`).join('')} ${this.typeDef(t)})`;
  }

  private func(index: number, type: number, body: Module['codes'][number]): void {
    // An unknown type index is the validator's to report; print the use as it is.
    const def = this.m.types[type];
    const t = def?.kind === 'func' ? def : { params: [], results: [] };
    const name = this.funcNames.get(index) ?? '';
    const localNames = this.m.names?.locals.get(index);
    const seen = new Set<string>();
    const local = (i: number): string => {
      const n = localNames?.get(i);
      if (n === undefined || seen.has(n)) return '';
      seen.add(n);
      return id(n) + ' ';
    };
    let head = `(func ${name}(;${index};) (type ${type})`;
    t.params.forEach((p, i) => {
      head += ` (param ${local(i)}${valTypeName(p)})`;
    });
    head += this.results(t.results);
    this.line(1, head);
    let n = t.params.length;
    for (const g of body.locals) {
      for (let k = 0; k < g.count; k++) this.line(2, `(local ${local(n++)}${valTypeName(g.type)})`);
    }
    this.code(body.code, 2, true);
    this.line(1, ')');
  }

  /** Prints an expression's instructions; the final `end` is left out. */
  private code(e: Expr, depth: number, _isFunc: boolean): void {
    const s = this.m.instructions;
    const folded = this.options.folded === true;
    let d = depth;
    const closers: string[] = [];
    for (let i = e.start; i < e.end - 1; i++) {
      const op = s.ops[i]!;
      const info = OPCODE_BY_ID[op]!;
      const imm = s.immStart[i]!;
      const w = (k: number): number => s.imms[imm + k]!;
      switch (op) {
        case 0x02: case 0x03: case 0x04: {
          const bt = this.blockType(w(0));
          if (folded) {
            this.line(d, `(${info.name}${bt}`);
            if (op === 0x04) {
              this.line(d + 1, '(then');
              closers.push('))');
              d += 2;
            } else {
              closers.push(')');
              d++;
            }
          } else {
            this.line(d, `${info.name}${bt}`);
            closers.push('end');
            d++;
          }
          continue;
        }
        case 0x1f: { // try_table: its clauses follow the block type
          const n = w(1);
          let clauses = '';
          for (let k = 0; k < n; k++) {
            const kind = w(2 + 3 * k);
            const clause = ['catch', 'catch_ref', 'catch_all', 'catch_all_ref'][kind]!;
            clauses += kind < 2 ? ` (${clause} ${w(3 + 3 * k)} ${w(4 + 3 * k)})` : ` (${clause} ${w(4 + 3 * k)})`;
          }
          const head = `try_table${this.blockType(w(0))}${clauses}`;
          this.line(d, folded ? `(${head}` : head);
          closers.push(folded ? ')' : 'end');
          d++;
          continue;
        }
        case 0x06: // legacy try: always flat (its folded form needs `(do …)`), also among folded code
          this.line(d, `try${this.blockType(w(0))}`);
          closers.push('end');
          d++;
          continue;
        case 0x07:
          this.line(d - 1, `catch ${w(0)}`);
          continue;
        case 0x19:
          this.line(d - 1, 'catch_all');
          continue;
        case 0x18:
          closers.pop();
          d--;
          this.line(d, `delegate ${w(0)}`);
          continue;
        case 0x05:
          if (folded) {
            this.line(d - 1, ')');
            this.line(d - 1, '(else');
          } else this.line(d - 1, 'else');
          continue;
        case 0x0b: {
          const c = closers.pop()!;
          d -= c === '))' ? 2 : 1;
          if (c === '))') {
            this.line(d + 1, ')');
            this.line(d, ')');
          } else this.line(d, c);
          continue;
        }
      }
      const text = this.instr(info.name, info.imm, w, imm, i);
      this.line(d, folded ? `(${text})` : text);
    }
  }

  private blockType(word: number): string {
    if (word === BLOCK_TYPE_EMPTY) return '';
    if (word >= BLOCK_TYPE_VALUE) return ` (result ${valTypeName(word & 0x7fffffff)})`;
    return ` (type ${word})`;
  }

  private instr(name: string, kind: string, w: (k: number) => number, imm: number, i: number): string {
    const s = this.m.instructions;
    switch (kind) {
      case 'none':
        return name;
      case 'label': case 'func': case 'local': case 'global': case 'data': case 'elem': case 'tag': case 'type':
        return `${name} ${w(0)}`;
      case 'table':
        return `${name} ${w(0)}`;
      case 'memory':
        return w(0) === 0 ? name : `${name} ${w(0)}`;
      case 'br_table': {
        const n = w(0);
        const labels: number[] = [];
        for (let k = 1; k <= n + 1; k++) labels.push(w(k));
        return `${name} ${labels.join(' ')}`;
      }
      case 'call_indirect':
        return `${name} ${w(1)} (type ${w(0)})`;
      case 'memarg': case 'memarg_lane': {
        // Words: alignment exponent, offset (low 32 bits), memory, [lane,] offset's high 32 bits.
        let t = name;
        if (w(2) !== 0) t += ` ${w(2)}`;
        const offset = (BigInt(w(kind === 'memarg' ? 3 : 4)) << 32n) | BigInt(w(1));
        if (offset !== 0n) t += ` offset=${offset}`;
        t += ` align=${1n << BigInt(w(0))}`;
        if (kind === 'memarg_lane') t += ` ${w(3)}`;
        return t;
      }
      case 'lane':
        return `${name} ${w(0)}`;
      case 'shuffle': {
        const lanes: number[] = [];
        for (let k = 0; k < 16; k++) lanes.push(w(k));
        return `${name} ${lanes.join(' ')}`;
      }
      case 'i32':
        return `${name} ${w(0) | 0}`;
      case 'i64':
        return `${name} ${BigInt.asIntN(64, (BigInt(w(1)) << 32n) | BigInt(w(0)))}`;
      case 'f32':
        return `${name} ${floatText(BigInt(w(0)), 32)}`;
      case 'f64':
        return `${name} ${floatText((BigInt(w(1)) << 32n) | BigInt(w(0)), 64)}`;
      case 'v128': {
        const words = [w(0), w(1), w(2), w(3)].map((x) => `0x${x.toString(16).padStart(8, '0')}`);
        return `${name} i32x4 ${words.join(' ')}`;
      }
      case 'select_types': {
        const n = w(0);
        const ts: string[] = [];
        for (let k = 1; k <= n; k++) ts.push(valTypeName(w(k)));
        return `${name} (result${ts.map((t) => ' ' + t).join('')})`;
      }
      case 'heaptype':
        return `${name} ${heapTypeName(heapTypeOf(w(0)))}`;
      case 'type_field': case 'type_pair': case 'type_count': case 'type_data': case 'type_elem':
        return `${name} ${w(0)} ${w(1)}`;
      case 'ref': case 'ref_null':
        // The target type (stored as the reference type, with its nullability).
        return `${name} ${valTypeName(w(0))}`;
      case 'br_on_cast':
        return `${name} ${w(1)} ${valTypeName(w(2))} ${valTypeName(w(3))}`;
      case 'memory_init':
        return `${name} ${w(1)} ${w(0)}`;
      case 'memory_copy': case 'table_copy':
        return `${name} ${w(0)} ${w(1)}`;
      case 'table_init':
        return `${name} ${w(1)} ${w(0)}`;
      default:
        void s;
        void imm;
        void i;
        return name;
    }
  }
}

function utf8(s: string): Uint8Array {
  return utf8Encoder().encode(s);
}
