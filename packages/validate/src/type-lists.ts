import type { ValType } from '@rt/binary';

/**
 * Shared result-type lists, so that block types of the `[] -> [t]` forms resolve to a list
 * without allocating and the visitor sees stable arrays. They are deliberately not frozen:
 * frozen arrays have another elements kind than the module's type arrays, which would make
 * every type-list read in the validator polymorphic. Nobody may modify them.
 */

/** The empty type list. */
export const EMPTY_TYPES: readonly ValType[] = [];

const SINGLES: (readonly ValType[])[] = [];
const TYPED_SINGLES = new Map<ValType, readonly ValType[]>();

/** The one-element list `[t]`, the same array every time. */
export function singleType(t: ValType): readonly ValType[] {
  if (t >= 0x100) {
    let s = TYPED_SINGLES.get(t);
    if (s === undefined) TYPED_SINGLES.set(t, (s = [t]));
    return s;
  }
  let s = SINGLES[t];
  if (s === undefined) SINGLES[t] = s = [t];
  return s;
}

/** Whether two type lists are equal element by element. */
export function typesEqual(a: readonly ValType[], b: readonly ValType[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}
