import { WatSyntaxError } from '../errors.js';
import { AtomKind, type List, type Node } from '../lex/sexpr.js';
import { concat, decodeUtf8, stringBytes } from '../lex/strings.js';

/** Where a custom section goes: before or after a section (by name), `first` or `last`. */
export interface CustomPlacement {
  readonly where: 'before' | 'after';
  /** A section id, or -1 for `first`, 14 for `last`. */
  readonly section: number;
}

/** A custom section written as `(@custom "name" placement? "bytes"*)`. */
export interface CustomSection {
  readonly name: Uint8Array;
  readonly placement: CustomPlacement;
  readonly data: Uint8Array;
}

export const SECTION_IDS: Readonly<Record<string, number>> = {
  first: -1, type: 1, import: 2, func: 3, table: 4, memory: 5, global: 6, export: 7, start: 8, elem: 9,
  code: 10, data: 11, datacount: 12, tag: 13, last: 14,
};

/** Heads of the lists an `(@name "…")` may name, right after the keyword and an optional `$id`. */
const NAMEABLE = new Set(['module', 'func', 'tag', 'global', 'table', 'memory', 'type', 'elem', 'data', 'param', 'local', 'field', 'block', 'loop', 'if', 'try_table', 'try']);

const BRANCH_HINT = 'metadata.code.branch_hint';

function head(l: List): string | null {
  const h = l.items[0];
  return h !== undefined && !h.list && h.kind === AtomKind.Keyword ? h.text : null;
}

/**
 * Checks the annotations the encoder knows (`@custom`, `@name`, `@metadata.code.branch_hint`)
 * are where they may be, reads the custom sections, and returns the module's fields with every
 * annotation taken out (the names and hints themselves are not encoded).
 *
 * @param fields the module's fields; `moduleList` is the `(module …)` list when there is one.
 */
export function takeAnnotations(source: string, fields: readonly Node[], moduleList: List | null): { fields: Node[]; customs: CustomSection[] } {
  const customs: CustomSection[] = [];
  const fail = (at: number, why: string): never => {
    throw new WatSyntaxError(source, at, why);
  };
  // `(module $id? (@name "…"))`: the name may come first, once.
  let moduleNames = 0;
  const out: Node[] = [];
  fields.forEach((f, i) => {
    if (f.list && f.annotation !== null) {
      if (f.annotation === 'custom') customs.push(custom(source, f, fail));
      else if (f.annotation === 'name') {
        if (moduleList === null || i !== moduleNames) fail(f.offset, 'misplaced @name annotation');
        if (++moduleNames > 1) fail(f.offset, '@name annotation: multiple module');
      } else if (f.annotation === BRANCH_HINT) fail(f.offset, `@${BRANCH_HINT} annotation: not in a function`);
      return;
    }
    out.push(f.list ? strip(f, fail) : f);
  });
  return { fields: out, customs };
}

/** A list without its annotations, checking where each one is. */
function strip(l: List, fail: (at: number, why: string) => never): List {
  if (!l.items.some((n) => n.list)) return l;
  const items: Node[] = [];
  let hint = false;
  l.items.forEach((n, i) => {
    if (!n.list) {
      items.push(n);
      hint = false;
      return;
    }
    if (n.annotation === null) {
      items.push(strip(n, fail));
      hint = false;
      return;
    }
    if (n.annotation === 'custom') fail(n.offset, 'misplaced @custom annotation');
    if (n.annotation === 'name') {
      const afterId = i === 2 && !l.items[1]!.list && l.items[1]!.kind === AtomKind.Id;
      if (!NAMEABLE.has(head(l) ?? '') || (i !== 1 && !afterId)) fail(n.offset, 'misplaced @name annotation');
    }
    if (n.annotation === BRANCH_HINT) {
      if (hint) fail(n.offset, `@${BRANCH_HINT} annotation: duplicate annotation`);
      hint = true;
    }
  });
  return items.length === l.items.length ? l : { ...l, items };
}

function custom(source: string, a: List, fail: (at: number, why: string) => never): CustomSection {
  const items = a.items;
  const nameAtom = items[0];
  if (nameAtom === undefined || nameAtom.list || nameAtom.kind !== AtomKind.String) {
    return fail(nameAtom?.offset ?? a.offset, '@custom annotation: missing section name');
  }
  const name = stringBytes(nameAtom.text);
  if (typeof name === 'string') return fail(nameAtom.offset, `@custom annotation: ${name}`);
  if (decodeUtf8(name) === null) fail(nameAtom.offset, '@custom annotation: malformed UTF-8 encoding');
  let placement: CustomPlacement = { where: 'after', section: SECTION_IDS['last']! };
  const parts: Uint8Array[] = [];
  for (let i = 1; i < items.length; i++) {
    const n = items[i]!;
    if (n.list) {
      if (i !== 1 || n.annotation !== null) fail(n.offset, '@custom annotation: unexpected token');
      const [w, s, extra] = n.items;
      if (w === undefined || w.list || (w.text !== 'before' && w.text !== 'after')) return fail(n.offset, '@custom annotation: malformed placement');
      if (s === undefined || s.list || SECTION_IDS[s.text] === undefined || extra !== undefined) {
        return fail(s?.offset ?? n.end, '@custom annotation: malformed section kind');
      }
      placement = { where: w.text, section: SECTION_IDS[s.text]! };
      continue;
    }
    if (n.kind !== AtomKind.String) fail(n.offset, '@custom annotation: unexpected token');
    const b = stringBytes(n.text);
    if (typeof b === 'string') fail(n.offset, `@custom annotation: ${b}`);
    parts.push(b as Uint8Array);
  }
  return { name, placement, data: concat(parts) };
}
