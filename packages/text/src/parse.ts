import { WatSyntaxError } from './errors.js';
import { AtomKind, readSexprs, type List, type Node } from './lex/sexpr.js';
import { idName } from './encode/cursor.js';
import { ModuleEncoder, headOf } from './encode/module.js';

/** Annotations the encoder reads; all others are ignored, as the annotations proposal says. */
export const KEPT_ANNOTATIONS = (name: string): boolean => name === 'custom' || name === 'name' || name === 'metadata.code.branch_hint';

/**
 * Encodes the fields of a `(module …)` list (`start` is the index of the first field, after the
 * keyword and the optional name).
 */
export function encodeModuleList(source: string, list: List, start: number, options: ParseOptions = {}): Uint8Array {
  const id = list.items[1];
  const module = start === 2 && id !== undefined && !id.list ? idName(source, id) : null;
  return new ModuleEncoder(source, list.items.slice(start), list.end, [], options.names === true ? { module } : null, list).encode();
}

/** Options of {@link parseWat}. */
export interface ParseOptions {
  /**
   * Write a `name` section with the identifiers of the module, its functions and their locals
   * (`$f`), for debuggers, backtraces and {@link printWat}. Default `false`.
   */
  readonly names?: boolean;
}

/**
 * Parses one module in the WebAssembly text format and returns its binary encoding. The source
 * is either `(module $name? field*)` or just the fields. Throws {@link WatSyntaxError} with line
 * and column on malformed text.
 */
export function parseWat(source: string, options: ParseOptions = {}): Uint8Array {
  const nodes = readSexprs(source, KEPT_ANNOTATIONS);
  const first = nodes[0];
  if (first !== undefined && first.list && headOf(first) === 'module') {
    const rest = nodes.filter((n) => n !== first);
    if (rest.length > 0) throw new WatSyntaxError(source, rest[0]!.offset, 'unexpected token');
    return encodeModuleList(source, first, moduleFieldsStart(first), options);
  }
  return new ModuleEncoder(source, nodes, source.length, [], options.names === true ? { module: null } : null).encode();
}

/** Index of the first field of a `(module …)` list: after `module` and an optional `$name`. */
export function moduleFieldsStart(list: List): number {
  const n: Node | undefined = list.items[1];
  return n !== undefined && !n.list && n.kind === AtomKind.Id ? 2 : 1;
}
