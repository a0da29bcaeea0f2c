import type { TableType } from '@rt/binary';
import { NULL_REF } from './values.js';

/**
 * A table instance. Elements are reference indices into the store's reference table
 * ({@link Store.refs}); {@link NULL_REF} is the null reference.
 */
export class TableInstance {
  /** The elements (reference indices). Its length is the table's current size. */
  elements: number[];
  /** The effective maximum size: the type's maximum, capped by the engine limit. */
  readonly maxSize: number;
  /** The table's type as declared. */
  readonly type: TableType;

  /**
   * Allocates a table of `type.limits.min` elements, all `init`.
   * @param limitElements - The engine's cap; a larger initial size throws a `RangeError`.
   */
  constructor(type: TableType, limitElements: number, init: number = NULL_REF) {
    this.type = type;
    this.maxSize = Math.min(type.limits.max ?? 0xffffffff, limitElements);
    if (type.limits.min > this.maxSize) throw new RangeError('table size exceeds the engine limit');
    this.elements = new Array<number>(type.limits.min).fill(init);
  }

  /** Current number of elements. */
  get size(): number {
    return this.elements.length;
  }

  /**
   * Grows by `delta` elements set to `init`. Returns the previous size, or -1 (table unchanged)
   * when the maximum would be exceeded.
   */
  grow(delta: number, init: number): number {
    const old = this.elements.length;
    if (delta < 0 || old + delta > this.maxSize) return -1;
    for (let i = 0; i < delta; i++) this.elements.push(init);
    return old;
  }
}
