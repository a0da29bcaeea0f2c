import { utf8Decoder } from '@rt/binary';
import { WatSyntaxError } from './errors.js';
import { Cursor, idName } from './encode/cursor.js';
import { laneInt } from './encode/instructions.js';
import { headOf } from './encode/module.js';
import { readSexprs, type Atom, type List } from './lex/sexpr.js';
import { concat, decodeUtf8 } from './lex/strings.js';
import { parseFloatLiteral, parseIntLiteral } from './lex/numbers.js';
import { KEPT_ANNOTATIONS, encodeModuleList, parseWat } from './parse.js';

/** A module of a script: text (encoded on demand), binary strings, or quoted text. */
export interface WastModule {
  /** How the script wrote it: `(module …)` fields, `(module binary …)`, `(module quote …)`. */
  readonly kind: 'text' | 'binary' | 'quote';
  /** The module's binary encoding. Text and quoted modules are parsed now, and may throw {@link WatSyntaxError}. */
  encode(): Uint8Array;
  /** The module's text: `(module …)` as written for `text`, the quoted strings joined with spaces for `quote`. */
  readonly text: string | null;
}

/** A number or vector value, as exact bits. */
export type WastValue =
  | { readonly type: 'i32' | 'i64' | 'f32' | 'f64'; readonly bits: bigint }
  | { readonly type: 'v128'; readonly bytes: Uint8Array }
  /** `(ref.null ht)`: the heap type as written (`func`, `extern`, `any`, `$t`, …); `null` for a result `(ref.null)` matching any null. */
  | { readonly type: 'ref.null'; readonly heap: string | null }
  /** `(ref.extern n)` / `(ref.host n)`: a host reference numbered `n`. */
  | { readonly type: 'ref.extern' | 'ref.host'; readonly value: number };

/** One lane (or scalar) pattern of an expected float: exact bits or a NaN class. */
export type FloatPattern = bigint | 'nan:canonical' | 'nan:arithmetic';

/** An expected result of `assert_return`. */
export type WastExpected =
  | WastValue
  | { readonly type: 'f32' | 'f64'; readonly nan: 'nan:canonical' | 'nan:arithmetic' }
  /** A vector by lanes of its shape, each exact or a NaN class. */
  | { readonly type: 'v128'; readonly shape: string; readonly lanes: readonly FloatPattern[] }
  /** A non-null reference of a kind (`ref.func`, `ref.any`, `ref.struct`, …), or `ref.extern n`. */
  | { readonly type: 'ref'; readonly kind: string; readonly value: number | null }
  /** Any of several results. */
  | { readonly type: 'either'; readonly options: readonly WastExpected[] };

/** An action: a call or a global read on a named or the latest module instance. */
export type WastAction =
  | { readonly type: 'invoke'; readonly module: string | null; readonly field: string; readonly args: readonly WastValue[] }
  | { readonly type: 'get'; readonly module: string | null; readonly field: string };

/** One command of a script, with the 1-based line it starts on. */
export type WastCommand = { readonly line: number } & (
  | { readonly type: 'module'; readonly name: string | null; readonly definition: boolean; readonly module: WastModule }
  | { readonly type: 'module_instance'; readonly instance: string | null; readonly module: string | null }
  | { readonly type: 'register'; readonly as: string; readonly name: string | null }
  | { readonly type: 'action'; readonly action: WastAction }
  | { readonly type: 'assert_return'; readonly action: WastAction; readonly expected: readonly WastExpected[] }
  | {
      readonly type: 'assert_trap';
      /** What traps: an action, or a module (or definition) to instantiate. */
      readonly action: WastAction | null;
      readonly module: WastModule | WastInstance | null;
      readonly text: string;
    }
  | { readonly type: 'assert_exhaustion' | 'assert_suspension'; readonly action: WastAction; readonly text: string }
  | { readonly type: 'assert_exception'; readonly action: WastAction }
  | {
      readonly type: 'assert_malformed' | 'assert_invalid' | 'assert_unlinkable' | 'assert_uninstantiable' |
        'assert_malformed_custom' | 'assert_invalid_custom';
      readonly module: WastModule | WastInstance;
      readonly text: string;
    }
);

/** `(module instance $i? $m?)` inside an assertion: instantiate a module definition. */
export interface WastInstance {
  readonly kind: 'instance';
  /** The new instance's name. */
  readonly instance: string | null;
  /** The definition's name; `null` for the latest one. */
  readonly module: string | null;
}

/**
 * Reads a `.wast` script into its commands. Modules are kept unencoded until
 * {@link WastModule.encode} is called, so one bad module fails one command, not the script.
 */
export function parseWast(source: string): WastCommand[] {
  const nodes = readSexprs(source, KEPT_ANNOTATIONS);
  const out: WastCommand[] = [];
  let line = 1;
  let lineAt = 0;
  const lineOf = (offset: number): number => {
    for (; lineAt < offset; lineAt++) if (source.charCodeAt(lineAt) === 10) line++;
    return line;
  };
  const firstHead = nodes.find((n) => n.list && n.annotation === null);
  // (A script of module fields keeps its annotations: they belong to the module.)
  if (firstHead !== undefined && firstHead.list && MODULE_FIELDS.has(headOf(firstHead) ?? '')) {
    // A script that is just module fields is one module.
    const fields = nodes;
    const module: WastModule = {
      kind: 'text', text: source,
      encode: () => encodeModuleList(source, { list: true, items: [firstHead, ...fields], offset: 0, end: source.length, annotation: null }, 1),
    };
    return [{ line: lineOf(firstHead.offset), type: 'module', name: null, definition: false, module }];
  }
  for (const n of nodes) {
    if (!n.list) throw new WatSyntaxError(source, n.offset, 'unexpected token');
    if (n.annotation !== null) continue;
    out.push({ line: lineOf(n.offset), ...command(source, n) } as WastCommand);
  }
  return out;
}

const MODULE_FIELDS = new Set(['type', 'rec', 'import', 'func', 'table', 'memory', 'global', 'tag', 'export', 'start', 'elem', 'data']);

type Body<T> = T extends unknown ? Omit<T, 'line'> : never;

function command(source: string, l: List): Body<WastCommand> {
  const head = headOf(l);
  const cur = new Cursor(source, l.items, 1, l.end);
  switch (head) {
    case 'module': {
      if (cur.eat('instance')) {
        const inst = cur.id();
        const mod = cur.id();
        cur.end();
        return { type: 'module_instance', instance: inst && idName(source, inst), module: mod && idName(source, mod) };
      }
      const definition = cur.eat('definition');
      const id = cur.id();
      return { type: 'module', name: id && idName(source, id), definition, module: moduleOf(source, l, cur) };
    }
    case 'register': {
      const as = utf8Decoder({ ignoreBOM: true }).decode(cur.name());
      const id = cur.id();
      cur.end();
      return { type: 'register', as, name: id && idName(source, id) };
    }
    case 'invoke': case 'get':
      return { type: 'action', action: action(source, l) };
    case 'assert_return': {
      const a = actionAt(cur);
      const expected: WastExpected[] = [];
      while (!cur.done()) expected.push(expectedValue(cur));
      return { type: 'assert_return', action: a, expected };
    }
    case 'assert_trap': {
      const first = cur.peekListHead();
      if (first === 'module') {
        const m = cur.peek() as List;
        cur.i++;
        return { type: 'assert_trap', action: null, module: nestedModule(source, m), text: message(cur) };
      }
      return { type: 'assert_trap', action: actionAt(cur), module: null, text: message(cur) };
    }
    case 'assert_exhaustion': case 'assert_suspension':
      return { type: head, action: actionAt(cur), text: message(cur) };
    case 'assert_exception': {
      const a = actionAt(cur);
      cur.end();
      return { type: 'assert_exception', action: a };
    }
    case 'assert_malformed': case 'assert_invalid': case 'assert_unlinkable': case 'assert_uninstantiable':
    case 'assert_malformed_custom': case 'assert_invalid_custom': {
      const m = cur.peekList('module');
      if (m === null) return cur.failHere('unexpected token');
      cur.i++;
      return { type: head, module: nestedModule(source, m), text: message(cur) };
    }
    default:
      return cur.fail(l.offset + 1, 'unknown operator');
  }
}

function nestedModule(source: string, m: List): WastModule | WastInstance {
  const cur = new Cursor(source, m.items, 1, m.end);
  if (cur.eat('instance')) {
    const inst = cur.id();
    const mod = cur.id();
    cur.end();
    return { kind: 'instance', instance: inst && idName(source, inst), module: mod && idName(source, mod) };
  }
  cur.eat('definition');
  cur.id();
  return moduleOf(source, m, cur);
}

function moduleOf(source: string, l: List, cur: Cursor): WastModule {
  if (cur.eat('binary')) {
    const parts: Uint8Array[] = [];
    while (!cur.done()) parts.push(cur.bytes());
    const bytes = concat(parts);
    return { kind: 'binary', text: null, encode: () => bytes.slice() };
  }
  if (cur.eat('quote')) {
    const parts: Uint8Array[] = [];
    while (!cur.done()) {
      parts.push(cur.bytes());
      parts.push(SPACE);
    }
    const bytes = concat(parts);
    const text = utf8Decoder({ ignoreBOM: true }).decode(bytes);
    const at = l.offset;
    return {
      kind: 'quote',
      text,
      encode: () => {
        // The quoted bytes are the module's source, which must be UTF-8.
        if (decodeUtf8(bytes) === null) throw new WatSyntaxError(source, at, 'malformed UTF-8 encoding');
        return parseWat(text);
      },
    };
  }
  const start = cur.i;
  return { kind: 'text', text: source.slice(l.offset, l.end + 1), encode: () => encodeModuleList(source, l, start) };
}

const SPACE = Uint8Array.of(0x20);

function message(cur: Cursor): string {
  const text = utf8Decoder({ ignoreBOM: true }).decode(cur.bytes());
  cur.end();
  return text;
}

function actionAt(cur: Cursor): WastAction {
  const l = cur.peekList();
  if (l === null) return cur.failHere('unexpected token');
  cur.i++;
  return action(cur.source, l);
}

function action(source: string, l: List): WastAction {
  const head = headOf(l);
  const cur = new Cursor(source, l.items, 1, l.end);
  const id = cur.id();
  const module = id && idName(source, id);
  const field = utf8Decoder({ ignoreBOM: true }).decode(cur.name());
  if (head === 'get') {
    cur.end();
    return { type: 'get', module, field };
  }
  if (head !== 'invoke') return cur.fail(l.offset, 'unexpected token');
  const args: WastValue[] = [];
  while (!cur.done()) {
    const v = expectedValue(cur);
    if (!('bits' in v) && !('bytes' in v) && v.type !== 'ref.null' && v.type !== 'ref.extern' && v.type !== 'ref.host') {
      cur.fail(cur.items[cur.i - 1]!.offset, 'unexpected token');
    }
    args.push(v as WastValue);
  }
  return { type: 'invoke', module, field, args };
}

const V128_SHAPE: Readonly<Record<string, readonly [number, 'i' | 'f', number]>> = {
  i8x16: [16, 'i', 8], i16x8: [8, 'i', 16], i32x4: [4, 'i', 32], i64x2: [2, 'i', 64], f32x4: [4, 'f', 32], f64x2: [2, 'f', 64],
};

function expectedValue(cur: Cursor): WastExpected {
  const l = cur.peekList();
  if (l === null) return cur.failHere('unexpected token');
  cur.i++;
  const head = headOf(l);
  const c = new Cursor(cur.source, l.items, 1, l.end);
  let result: WastExpected;
  switch (head) {
    case 'i32.const': case 'i64.const': {
      const a = c.number();
      const v = parseIntLiteral(a.text, head === 'i32.const' ? 32 : 64);
      if (typeof v !== 'bigint') c.fail(a.offset, 'constant out of range');
      result = { type: head === 'i32.const' ? 'i32' : 'i64', bits: v as bigint };
      break;
    }
    case 'f32.const': case 'f64.const': {
      const a = atom(c);
      const type = head === 'f32.const' ? 'f32' : 'f64';
      if (a.text === 'nan:canonical' || a.text === 'nan:arithmetic') {
        result = { type, nan: a.text };
        break;
      }
      const v = parseFloatLiteral(a.text, type === 'f32' ? 32 : 64);
      if (typeof v !== 'bigint') c.fail(a.offset, 'constant out of range');
      result = { type, bits: v as bigint };
      break;
    }
    case 'v128.const': {
      const shapeAtom = c.keyword();
      const shape = V128_SHAPE[shapeAtom.text];
      if (shape === undefined) c.fail(shapeAtom.offset, 'unexpected token');
      const [count, kind, bits] = shape!;
      const lanes: FloatPattern[] = [];
      let nan = false;
      for (let i = 0; i < count; i++) {
        const a = atom(c);
        if (kind === 'f' && (a.text === 'nan:canonical' || a.text === 'nan:arithmetic')) {
          lanes.push(a.text);
          nan = true;
          continue;
        }
        const v = kind === 'f' ? parseFloatLiteral(a.text, bits as 32 | 64) : laneInt(a.text, bits);
        if (typeof v !== 'bigint') c.fail(a.offset, 'constant out of range');
        lanes.push(v as bigint);
      }
      if (nan) {
        result = { type: 'v128', shape: shapeAtom.text, lanes };
      } else {
        const bytes = new Uint8Array(16);
        const per = 16 / count;
        lanes.forEach((lane, i) => {
          let v = lane as bigint;
          for (let b = 0; b < per; b++) {
            bytes[i * per + b] = Number(v & 0xffn);
            v >>= 8n;
          }
        });
        result = { type: 'v128', bytes };
      }
      break;
    }
    case 'ref.null': {
      result = { type: 'ref.null', heap: c.done() ? null : atom(c).text };
      break;
    }
    case 'ref.extern': case 'ref.host': {
      if (c.done()) {
        result = { type: 'ref', kind: head, value: null };
        break;
      }
      result = { type: head, value: c.u32() };
      break;
    }
    case 'either': {
      const options: WastExpected[] = [];
      while (!c.done()) options.push(expectedValue(c));
      result = { type: 'either', options };
      break;
    }
    default:
      if (head !== null && head.startsWith('ref.')) {
        result = { type: 'ref', kind: head, value: null };
        break;
      }
      return c.fail(l.offset, 'unexpected token');
  }
  c.end();
  return result;
}


function atom(c: Cursor): Atom {
  const a = c.next();
  if (a.list) return c.fail(a.offset, 'unexpected token');
  return a;
}
