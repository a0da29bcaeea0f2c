import {
  HeapType, heapTypeIndex, heapTypeOf, indexHeapType, isNullable, isRefType, refType, TYPED_REF_BASE, type Module, type TypeDef, type ValType,
} from '@rt/binary';

/** The value type the polymorphic stack invents in unreachable code: it matches every type (bottom). */
const BOTTOM = 0;

/**
 * The type relations of one module (3.0): type equivalence by the spec's iso-recursive
 * canonicalisation (two defined types are equal when their recursion groups are structurally
 * equal, references inside a group counted relative to it) and subtyping (declared supertypes,
 * and the abstract heap type hierarchies `any ⊇ eq ⊇ {i31, struct, array} ⊇ none`,
 * `func ⊇ nofunc`, `extern ⊇ noextern`, `exn ⊇ noexn`).
 */
export class TypeRelations {
  /**
   * A string that is the same for two types exactly when they are equivalent, in any module of
   * the process: references outside the type's recursion group name those types' keys by number.
   */
  readonly keys: readonly string[];
  /** Per type index, a number equal for equivalent types of this module. */
  private readonly canon: Int32Array;

  constructor(private readonly module: Module) {
    const keys = canonicalKeys(module.types);
    this.keys = keys;
    const ids = new Map<string, number>();
    this.canon = Int32Array.from(keys, (k) => {
      let id = ids.get(k);
      if (id === undefined) ids.set(k, (id = ids.size));
      return id;
    });
  }

  /** The definition of type index `x` (which the caller has checked exists). */
  def(x: number): TypeDef {
    return this.module.types[x]!;
  }

  /** Whether type indices `x` and `y` denote equivalent types. */
  sameIndex(x: number, y: number): boolean {
    return x === y || (x < this.canon.length && y < this.canon.length && this.canon[x] === this.canon[y]);
  }

  /** Whether value types `a` and `b` are equal (up to type equivalence). */
  equal(a: ValType, b: ValType): boolean {
    if (a === b) return true;
    if (a < TYPED_REF_BASE || b < TYPED_REF_BASE || isNullable(a) !== isNullable(b)) return false;
    const x = heapTypeIndex(heapTypeOf(a));
    const y = heapTypeIndex(heapTypeOf(b));
    return x >= 0 && y >= 0 && this.sameIndex(x, y);
  }

  /** Whether the lists are equal element by element (up to type equivalence). */
  equalLists(a: readonly ValType[], b: readonly ValType[]): boolean {
    if (a === b) return true;
    if (a.length !== b.length) return false;
    for (let k = 0; k < a.length; k++) if (!this.equal(a[k]!, b[k]!)) return false;
    return true;
  }

  /** Whether value type `a` matches (is a subtype of) `b`; the unreachable code's bottom matches all. */
  matches(a: ValType, b: ValType): boolean {
    if (a === b || a === BOTTOM) return true;
    if (!isRefType(a) || !isRefType(b)) return false;
    if (isNullable(a) && !isNullable(b)) return false;
    return this.heapMatches(heapTypeOf(a), heapTypeOf(b));
  }

  /** Whether every `a[k]` matches `b[k]`. */
  matchLists(a: readonly ValType[], b: readonly ValType[]): boolean {
    if (a === b) return true;
    if (a.length !== b.length) return false;
    for (let k = 0; k < a.length; k++) if (!this.matches(a[k]!, b[k]!)) return false;
    return true;
  }

  /** Whether heap type `a` is a subtype of heap type `b`. */
  heapMatches(a: HeapType, b: HeapType): boolean {
    if (a === b) return true;
    const x = heapTypeIndex(a);
    const y = heapTypeIndex(b);
    if (x >= 0) {
      if (x >= this.canon.length) return false;
      if (y >= 0) {
        if (this.sameIndex(x, y)) return true;
        const sup = this.def(x).sub?.supertypes;
        if (sup !== undefined) for (const s of sup) if (s < x && this.heapMatches(indexHeapType(s), b)) return true;
        return false;
      }
      switch (this.def(x).kind) {
        case 'func': return b === HeapType.func;
        case 'struct': return b === HeapType.struct || b === HeapType.eq || b === HeapType.any;
        case 'array': return b === HeapType.array || b === HeapType.eq || b === HeapType.any;
      }
    }
    switch (a) {
      case HeapType.none:
        return b === HeapType.any || b === HeapType.eq || b === HeapType.i31 || b === HeapType.struct || b === HeapType.array
          || (y >= 0 && y < this.canon.length && this.def(y).kind !== 'func');
      case HeapType.nofunc:
        return b === HeapType.func || (y >= 0 && y < this.canon.length && this.def(y).kind === 'func');
      case HeapType.noextern: return b === HeapType.extern;
      case HeapType.noexn: return b === HeapType.exn;
      case HeapType.eq: return b === HeapType.any;
      case HeapType.i31:
      case HeapType.struct:
      case HeapType.array:
        return b === HeapType.eq || b === HeapType.any;
    }
    return false;
  }

  /** The top of heap type `h`'s hierarchy: `any`, `func`, `extern` or `exn`. */
  top(h: HeapType): HeapType {
    const x = heapTypeIndex(h);
    if (x >= 0) return x < this.canon.length && this.def(x).kind === 'func' ? HeapType.func : HeapType.any;
    switch (h) {
      case HeapType.func: case HeapType.nofunc: return HeapType.func;
      case HeapType.extern: case HeapType.noextern: return HeapType.extern;
      case HeapType.exn: case HeapType.noexn: return HeapType.exn;
      default: return HeapType.any;
    }
  }

  /** The bottom of heap type `h`'s hierarchy: `none`, `nofunc`, `noextern` or `noexn`. */
  bottom(h: HeapType): HeapType {
    switch (this.top(h)) {
      case HeapType.func: return HeapType.nofunc;
      case HeapType.extern: return HeapType.noextern;
      case HeapType.exn: return HeapType.noexn;
      default: return HeapType.none;
    }
  }
}

/**
 * Every canonical key seen, numbered: a key names a type outside its recursion group by that
 * number, not by spelling the other type's key out, so keys stay short however deep types nest
 * (spelled out, a chain of types each naming the one before twice doubles in length per type).
 * Equal keys get equal numbers in every module of the process.
 */
const KEY_NUMBERS = new Map<string, number>();

function keyNumber(key: string): number {
  let n = KEY_NUMBERS.get(key);
  if (n === undefined) KEY_NUMBERS.set(key, (n = KEY_NUMBERS.size));
  return n;
}

/**
 * The canonical key of every type of `types` (see {@link TypeRelations.keys}). A type index
 * outside the range (an invalid module) gets a key of its own, so the computation never fails.
 */
export function canonicalKeys(types: readonly TypeDef[]): string[] {
  const keys: string[] = new Array<string>(types.length);
  const numbers: number[] = new Array<number>(types.length);
  let x = 0;
  while (x < types.length) {
    const start = types[x]!.sub?.recStart ?? x;
    const size = types[x]!.sub?.recSize ?? 1;
    const end = Math.min(start + size, types.length);
    const ref = (t: ValType): string => {
      if (t < TYPED_REF_BASE) return String(t);
      const y = heapTypeIndex(heapTypeOf(t));
      if (y < 0) return String(t);
      const n = isNullable(t) ? 'n' : '';
      if (y >= start && y < end) return `${n}r${y - start}`;
      if (y < start) return `${n}#${numbers[y]!}`;
      return `${n}?${y}`;
    };
    const members = [];
    for (let k = start; k < end; k++) members.push(memberKey(types[k]!, ref, start));
    const group = members.join(';');
    for (let k = start; k < end; k++) {
      keys[k] = `${k - start}@{${group}}`;
      numbers[k] = keyNumber(keys[k]!);
    }
    x = end > x ? end : x + 1;
  }
  return keys;
}

function memberKey(t: TypeDef, ref: (t: ValType) => string, start: number): string {
  const sub = t.sub;
  const head = `${sub === undefined || sub.final ? 'f' : 'o'}<${(sub?.supertypes ?? []).map((s) => ref(refType(indexHeapType(s), false))).join(',')}>`;
  void start;
  switch (t.kind) {
    case 'func': return `${head}F(${t.params.map(ref).join(',')})(${t.results.map(ref).join(',')})`;
    case 'struct': return `${head}S(${t.fields.map((f) => (f.mutable ? 'm' : '') + ref(f.type)).join(',')})`;
    case 'array': return `${head}A(${(t.element.mutable ? 'm' : '') + ref(t.element.type)})`;
  }
}
