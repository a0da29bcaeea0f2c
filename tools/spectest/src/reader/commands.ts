/**
 * The commands of a `.wast` script (spec repository, `interpreter/README.md`, "Scripts"):
 *
 * ```
 * cmd:    <module> | (register <string> <name>?) | <action> | <assertion>
 * module: (module <name>? <field>*) | (module <name>? binary <string>*) | (module <name>? quote <string>*)
 *   | (module definition <name>? binary <string>*)       ;; 3.0: decoded and validated, not instantiated
 *   | (module instance <name>? <name>?)                  ;; 3.0: instantiates a definition
 * action: (invoke <name>? <string> <const>*) | (get <name>? <string>)
 * assertion: (assert_return <action> <result>*) | (assert_trap <action> <failure>)
 *   | (assert_exhaustion <action> <failure>) | (assert_malformed <module> <failure>)
 *   | (assert_invalid <module> <failure>) | (assert_unlinkable <module> <failure>)
 *   | (assert_trap <module> <failure>) | (assert_uninstantiable <module> <failure>)
 * ```
 *
 * Every command carries the line where it starts so that failures can be reported as
 * `script:line`.
 */
import { SExprReader, type SList, type SNode } from './sexpr.js';
import { ScriptSyntaxError } from './tokenizer.js';
import {
  ConstantError,
  F32,
  F64,
  isLaneShape,
  LANES,
  packLanes,
  parseFloatBits,
  parseIntBits,
  parseLaneBits,
  type Expected,
  type LanePattern,
  type Value,
} from '../values.js';

/** Where a script module's binary comes from. */
export type ModuleSource =
  /** A text module: `bytes` is the whole `(module ...)` form, to be encoded by wabt. */
  | { readonly kind: 'text'; readonly bytes: Uint8Array }
  /** `(module binary "...")`: the concatenated strings are the binary. */
  | { readonly kind: 'binary'; readonly bytes: Uint8Array }
  /** `(module quote "...")`: the concatenated strings are module text (tests of a text parser). */
  | { readonly kind: 'quote'; readonly bytes: Uint8Array }
  /**
   * 3.0's `(module instance $def?)` inside an assertion: an instance of an earlier
   * `module definition` (the named one, else the latest).
   */
  | { readonly kind: 'instance'; readonly definition: string | undefined };

export interface ScriptModule {
  /** The `$name` given in the script, if any. */
  readonly name: string | undefined;
  readonly source: ModuleSource;
  readonly line: number;
}

export type Action =
  | {
      readonly kind: 'invoke';
      readonly module: string | undefined;
      readonly field: string;
      readonly args: readonly Value[];
      readonly line: number;
    }
  | { readonly kind: 'get'; readonly module: string | undefined; readonly field: string; readonly line: number };

export type Command =
  /** A module; with `definition` (3.0's `module definition`) it is only decoded and validated. */
  | { readonly kind: 'module'; readonly line: number; readonly module: ScriptModule; readonly definition?: true }
  /** 3.0's `(module instance $name? $definition?)`: instantiates a definition (by default the latest). */
  | { readonly kind: 'instance'; readonly line: number; readonly name: string | undefined; readonly definition: string | undefined }
  | { readonly kind: 'register'; readonly line: number; readonly as: string; readonly module: string | undefined }
  | { readonly kind: 'action'; readonly line: number; readonly action: Action }
  | { readonly kind: 'assert_return'; readonly line: number; readonly action: Action; readonly expected: readonly Expected[] }
  | { readonly kind: 'assert_trap'; readonly line: number; readonly action: Action; readonly message: string }
  | { readonly kind: 'assert_exhaustion'; readonly line: number; readonly action: Action; readonly message: string }
  /** 3.0's `(assert_exception <action>)`: the action throws a WebAssembly exception. */
  | { readonly kind: 'assert_exception'; readonly line: number; readonly action: Action }
  | { readonly kind: 'assert_malformed'; readonly line: number; readonly module: ScriptModule; readonly message: string }
  | { readonly kind: 'assert_invalid'; readonly line: number; readonly module: ScriptModule; readonly message: string }
  | { readonly kind: 'assert_unlinkable'; readonly line: number; readonly module: ScriptModule; readonly message: string }
  /** `(assert_uninstantiable ...)`, and `(assert_trap <module> ...)` which means the same. */
  | { readonly kind: 'assert_uninstantiable'; readonly line: number; readonly module: ScriptModule; readonly message: string }
  /** A command this runner does not know (e.g. 3.0's `module definition`): reported as skipped. */
  | { readonly kind: 'unsupported'; readonly line: number; readonly keyword: string };

export type CommandKind = Command['kind'];

// `ignoreBOM`: names.wast exports a function named "\u{feff}", which a default decoder would strip.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

function fail(message: string, line: number): never {
  throw new ScriptSyntaxError(message, line);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function atomText(n: SNode | undefined): string | undefined {
  return n?.kind === 'atom' ? n.text : undefined;
}

function isName(n: SNode | undefined): n is { kind: 'atom'; text: string; line: number } {
  return n?.kind === 'atom' && n.text.startsWith('$');
}

function stringOf(n: SNode | undefined, line: number, what: string): string {
  if (n?.kind !== 'string') fail(`expected ${what} string`, line);
  return utf8.decode(n.bytes);
}

/** A `(module ...)` form already read as a tree (inside an assertion). */
function moduleFromList(list: SList, src: Uint8Array): ScriptModule {
  const items = list.items;
  let i = 1;
  let name: string | undefined;
  if (atomText(items[i]) === 'instance') {
    const definition = isName(items[i + 1]) ? (items[i + 1] as { text: string }).text : undefined;
    return { name: undefined, line: list.line, source: { kind: 'instance', definition } };
  }
  // `(module definition ...)` in an assertion means the same as a plain module there.
  if (atomText(items[i]) === 'definition') i++;
  if (isName(items[i])) name = (items[i++] as { text: string }).text;
  const mode = atomText(items[i]);
  if (mode === 'binary' || mode === 'quote') {
    const parts: Uint8Array[] = [];
    for (const item of items.slice(i + 1)) {
      if (item.kind !== 'string') fail(`module ${mode} expects strings`, item.line);
      parts.push(item.bytes);
    }
    return { name, line: list.line, source: { kind: mode, bytes: concat(parts) } };
  }
  return { name, line: list.line, source: { kind: 'text', bytes: src.subarray(list.start, list.end) } };
}

/** Parses a constant argument: `(i32.const 1)`, `(v128.const i8x16 ...)`, `(ref.null func)`... */
export function parseConst(node: SNode): Value {
  if (node.kind !== 'list') fail('expected a constant', node.line);
  const op = atomText(node.items[0]);
  const arg = (i: number): string => atomText(node.items[i]) ?? fail(`${op}: expected a literal`, node.line);
  try {
    switch (op) {
      case 'i32.const': return { type: 'i32', bits: Number(parseIntBits(arg(1), 32)) };
      case 'i64.const': return { type: 'i64', bits: parseIntBits(arg(1), 64) };
      case 'f32.const': return { type: 'f32', bits: Number(parseFloatBits(arg(1), F32)) };
      case 'f64.const': return { type: 'f64', bits: parseFloatBits(arg(1), F64) };
      case 'v128.const': {
        const shape = arg(1);
        if (!isLaneShape(shape)) fail(`unknown v128 shape "${shape}"`, node.line);
        const lanes = node.items.slice(2).map((_, i) => parseLaneBits(shape, arg(i + 2)));
        return { type: 'v128', bytes: packLanes(shape, lanes) };
      }
      case 'ref.null': {
        const t = arg(1);
        if (t === 'func' || t === 'funcref') return { type: 'funcref', ref: null };
        if (t === 'extern' || t === 'externref') return { type: 'externref', ref: null };
        // 3.0's other heap types: a null of the function hierarchy or, for any other, an
        // externref null (the runner matches nulls of any reference type with each other).
        if (t === 'nofunc') return { type: 'funcref', ref: null };
        return { type: 'externref', ref: null };
      }
      case 'ref.extern': return { type: 'externref', ref: Number(parseIntBits(arg(1), 32)) };
      // 3.0: a host value in an `anyref` (the runner's host values are the numbers themselves).
      case 'ref.host': return { type: 'externref', ref: Number(parseIntBits(arg(1), 32)) };
      default: return fail(`unknown constant "${op}"`, node.line);
    }
  } catch (e) {
    if (e instanceof ConstantError) fail(e.message, node.line);
    throw e;
  }
}

function nanPattern(text: string | undefined): 'canonical' | 'arithmetic' | undefined {
  return text === 'nan:canonical' ? 'canonical' : text === 'nan:arithmetic' ? 'arithmetic' : undefined;
}

/** Parses an expected result of `assert_return`: a constant, a NaN pattern, lanes, `(ref.func)`. */
export function parseExpected(node: SNode): Expected {
  if (node.kind !== 'list') fail('expected a result', node.line);
  const op = atomText(node.items[0]);
  // 3.0 (relaxed SIMD): any one of the alternatives.
  if (op === 'either') return { kind: 'either', alternatives: node.items.slice(1).map(parseExpected) };
  if (op === 'ref.func' && node.items.length === 1) return { kind: 'anyref', type: 'funcref' };
  // 3.0: `(ref.null)` without a heap type is a null reference of any type.
  if (op === 'ref.null' && node.items.length === 1) return { kind: 'null' };
  if (op === 'ref.extern' && node.items.length === 1) return { kind: 'anyref', type: 'externref' };
  // 3.0's GC: a non-null reference of that abstract type.
  if ((op === 'ref.array' || op === 'ref.struct' || op === 'ref.eq' || op === 'ref.i31' || op === 'ref.any') && node.items.length === 1) {
    return { kind: 'gcref', heap: op.slice(4) as 'array' | 'struct' | 'eq' | 'i31' | 'any' };
  }
  if (op === 'f32.const' || op === 'f64.const') {
    const nan = nanPattern(atomText(node.items[1]));
    if (nan) return { kind: 'nan', type: op === 'f32.const' ? 'f32' : 'f64', nan };
  }
  if (op === 'v128.const') {
    const shape = atomText(node.items[1]);
    if (shape === undefined || !isLaneShape(shape)) fail(`unknown v128 shape "${shape}"`, node.line);
    const texts = node.items.slice(2).map((n) => atomText(n) ?? fail('v128.const: expected a literal', node.line));
    if (texts.length !== LANES[shape].count) fail(`${shape} needs ${LANES[shape].count} lanes`, node.line);
    if (texts.some((t) => nanPattern(t) !== undefined)) {
      const lanes: LanePattern[] = texts.map((t) => {
        const nan = nanPattern(t);
        if (nan) return { nan };
        try {
          return { bits: parseLaneBits(shape, t) };
        } catch (e) {
          if (e instanceof ConstantError) fail(e.message, node.line);
          throw e;
        }
      });
      return { kind: 'lanes', shape, lanes };
    }
  }
  return { kind: 'exact', value: parseConst(node) };
}

function parseAction(node: SNode | undefined, line: number): Action {
  if (node?.kind !== 'list') fail('expected an action', line);
  const kind = atomText(node.items[0]);
  if (kind !== 'invoke' && kind !== 'get') fail(`expected invoke or get, got ${kind}`, node.line);
  let i = 1;
  let module: string | undefined;
  if (isName(node.items[i])) module = (node.items[i++] as { text: string }).text;
  const field = stringOf(node.items[i++], node.line, 'export name');
  if (kind === 'get') return { kind, module, field, line: node.line };
  return { kind, module, field, args: node.items.slice(i).map(parseConst), line: node.line };
}

function parseModuleArg(node: SNode | undefined, line: number, src: Uint8Array): ScriptModule {
  if (node?.kind !== 'list' || atomText(node.items[0]) !== 'module') fail('expected a module', line);
  return moduleFromList(node, src);
}

/** Reads one top-level command; the reader is positioned just after its `(`. */
function readCommand(r: SExprReader, open: { line: number; start: number }): Command {
  const src = r.src;
  const head = r.next();
  const line = open.line;
  if (head?.kind !== 'atom') fail('expected a command keyword', line);
  if (head.text === 'module') {
    // Top-level text modules are the bulk of the suite: skip their bodies instead of building trees.
    let name: string | undefined;
    let definition = false;
    let t = r.peek();
    if (t?.kind === 'atom' && t.text === 'instance') {
      r.next();
      const list = r.readListBody({ kind: 'lparen', start: open.start, end: open.start + 1, line });
      const names = list.items.map((item) => (isName(item) ? item.text : fail('module instance expects names', item.line)));
      if (names.length > 2) fail('module instance takes at most two names', line);
      return { kind: 'instance', line, name: names[0], definition: names[1] };
    }
    if (t?.kind === 'atom' && t.text === 'definition') {
      definition = true;
      r.next();
      t = r.peek();
    }
    if (t?.kind === 'atom' && t.text.startsWith('$')) {
      name = t.text;
      r.next();
      t = r.peek();
    }
    const def = definition ? ({ definition: true } as const) : {};
    if (t?.kind === 'atom' && (t.text === 'binary' || t.text === 'quote')) {
      r.next();
      const list = r.readListBody({ kind: 'lparen', start: open.start, end: open.start + 1, line });
      const parts = list.items.map((item) => (item.kind === 'string' ? item.bytes : fail(`module ${t.text} expects strings`, item.line)));
      return { kind: 'module', line, module: { name, line, source: { kind: t.text, bytes: concat(parts) } }, ...def };
    }
    const end = r.skipList(line);
    return { kind: 'module', line, module: { name, line, source: { kind: 'text', bytes: src.subarray(open.start, end) } }, ...def };
  }
  const list = r.readListBody({ kind: 'lparen', start: open.start, end: open.start + 1, line });
  const items = list.items;
  const message = (i: number): string => stringOf(items[i], line, 'failure message');
  switch (head.text) {
    case 'register': {
      const as = stringOf(items[0], line, 'registration name');
      return { kind: 'register', line, as, module: isName(items[1]) ? items[1].text : undefined };
    }
    case 'invoke':
    case 'get':
      return {
        kind: 'action',
        line,
        action: parseAction({ kind: 'list', items: [{ kind: 'atom', text: head.text, line }, ...items], line, start: list.start, end: list.end }, line),
      };
    case 'assert_return':
      return { kind: 'assert_return', line, action: parseAction(items[0], line), expected: items.slice(1).map(parseExpected) };
    case 'assert_trap': {
      const first = items[0];
      if (first?.kind === 'list' && atomText(first.items[0]) === 'module') {
        return { kind: 'assert_uninstantiable', line, module: moduleFromList(first, src), message: message(1) };
      }
      return { kind: 'assert_trap', line, action: parseAction(first, line), message: message(1) };
    }
    case 'assert_exhaustion':
      return { kind: 'assert_exhaustion', line, action: parseAction(items[0], line), message: message(1) };
    case 'assert_exception':
      return { kind: 'assert_exception', line, action: parseAction(items[0], line) };
    case 'assert_malformed':
    case 'assert_invalid':
    case 'assert_unlinkable':
    case 'assert_uninstantiable':
      return { kind: head.text, line, module: parseModuleArg(items[0], line, src), message: message(1) };
    default:
      return { kind: 'unsupported', line, keyword: head.text };
  }
}

/** Module fields: a script that starts with one of these is a single inline module. */
const MODULE_FIELDS = new Set(['type', 'import', 'func', 'table', 'memory', 'global', 'export', 'start', 'elem', 'data']);

/** Parses a whole script into its commands. Throws {@link ScriptSyntaxError} on a syntax error. */
export function parseScript(src: Uint8Array | string): Command[] {
  const bytes = typeof src === 'string' ? new TextEncoder().encode(src) : src;
  const r = new SExprReader(bytes);
  // The reference interpreter accepts a script made only of module fields as one implicit module
  // (inline-module.wast relies on it).
  if (r.next()?.kind === 'lparen') {
    const head = r.next();
    if (head?.kind === 'atom' && MODULE_FIELDS.has(head.text)) {
      const enc = new TextEncoder();
      const text = concat([enc.encode('(module\n'), bytes, enc.encode('\n)')]);
      return [{ kind: 'module', line: head.line, module: { name: undefined, line: head.line, source: { kind: 'text', bytes: text } } }];
    }
  }
  return parseCommands(new SExprReader(bytes));
}

function parseCommands(r: SExprReader): Command[] {
  const commands: Command[] = [];
  for (let t = r.next(); t !== undefined; t = r.next()) {
    if (t.kind !== 'lparen') fail('expected "(" to start a command', t.line);
    commands.push(readCommand(r, t));
  }
  return commands;
}
