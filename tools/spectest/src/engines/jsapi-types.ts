/**
 * Just enough of the binary format to learn the types of a module's exported functions and
 * globals, for the JS-API adapter.
 *
 * Node 20's `WebAssembly` has no type reflection, yet the adapter must know an export's
 * signature to pass floats and vectors as exact bits (see `jsapi-wrap.ts`). The modules read here
 * were already accepted by `new WebAssembly.Module`, so this reader does not validate anything.
 */
import type { ValType } from '../values.js';

export interface FuncType {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
  /**
   * Set when a parameter or result is a 3.0 reference type (`(ref null? ht)`, `exnref`, `anyref`, …)
   * shown here as `funcref` or `externref`: a wrapper module cannot repeat such a type exactly,
   * so the export is called directly.
   */
  readonly typed?: boolean;
}

export interface GlobalType {
  readonly type: ValType;
  readonly mutable: boolean;
  /** As {@link FuncType.typed}: the global is read directly. */
  readonly typed?: boolean;
}

export interface ExportTypes {
  readonly funcs: ReadonlyMap<string, FuncType>;
  readonly globals: ReadonlyMap<string, GlobalType>;
}

const VALTYPES: Record<number, ValType> = {
  0x7f: 'i32',
  0x7e: 'i64',
  0x7d: 'f32',
  0x7c: 'f64',
  0x7b: 'v128',
  0x70: 'funcref',
  0x6f: 'externref',
};

export const VALTYPE_CODES: Record<ValType, number> = {
  i32: 0x7f,
  i64: 0x7e,
  f32: 0x7d,
  f64: 0x7c,
  v128: 0x7b,
  funcref: 0x70,
  externref: 0x6f,
};

// `ignoreBOM`: an export may be named "\u{feff}" (names.wast).
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

class Cursor {
  pos: number;
  constructor(
    private readonly b: Uint8Array,
    pos = 0,
  ) {
    this.pos = pos;
  }
  byte(): number {
    const v = this.b[this.pos++];
    if (v === undefined) throw new Error('unexpected end');
    return v;
  }
  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
    }
  }
  skipLeb(): void {
    while (this.byte() & 0x80);
  }
  name(): string {
    const n = this.u32();
    const s = utf8.decode(this.b.subarray(this.pos, this.pos + n));
    this.pos += n;
    return s;
  }
  /** Kinds of the types read so far (`func`, `struct`, `array`), to classify typed references. */
  kinds: string[] = [];
  /** Set when {@link valtype} read a 3.0 reference type. */
  sawTyped = false;
  valtype(): ValType {
    const code = this.byte();
    const t = VALTYPES[code];
    if (t !== undefined) return t;
    if (code >= 0x69 && code <= 0x74) {
      this.sawTyped = true;
      return code === 0x73 ? 'funcref' : 'externref';
    }
    if (code === 0x63 || code === 0x64) {
      this.sawTyped = true;
      return this.heapIsFunc() ? 'funcref' : 'externref';
    }
    throw new Error(`unknown value type 0x${code.toString(16)}`);
  }
  /** Reads a heap type: whether it is in the function hierarchy. */
  heapIsFunc(): boolean {
    const first = this.b[this.pos]!;
    if ((first & 0xc0) === 0x40) {
      this.pos++;
      return first === 0x70 || first === 0x73;
    }
    const x = this.u32();
    // A type of the recursion group being read counts as a function type (GC types are not run).
    return (this.kinds[x] ?? 'func') === 'func';
  }
  /** Reads a struct or array field's storage type and mutability. */
  field(): void {
    const code = this.b[this.pos];
    if (code === 0x78 || code === 0x77) this.pos++;
    else this.valtype();
    this.byte();
  }
  /** Reads one subtype: `sub`/`sub final` with supertypes, then a composite type. */
  subType(types: FuncType[], inGroup = false): void {
    let form = this.byte();
    // A type with `sub` or in a recursion group is not the flat type a wrapper would import.
    let nonFlat = inGroup;
    if (form === 0x50 || form === 0x4f) {
      for (let n = this.u32(); n > 0; n--) this.u32();
      form = this.byte();
      nonFlat = true;
    }
    if (form === 0x60) {
      this.sawTyped = nonFlat;
      const params = Array.from({ length: this.u32() }, () => this.valtype());
      const results = Array.from({ length: this.u32() }, () => this.valtype());
      types.push(this.sawTyped ? { params, results, typed: true } : { params, results });
      this.kinds.push('func');
    } else if (form === 0x5f) {
      for (let n = this.u32(); n > 0; n--) this.field();
      types.push({ params: [], results: [] });
      this.kinds.push('struct');
    } else {
      this.field();
      types.push({ params: [], results: [] });
      this.kinds.push('array');
    }
  }
  limits(): void {
    const flags = this.byte();
    this.u32();
    if (flags & 1) this.u32();
  }
  /** Skips a constant expression (2.0's constant instructions, and 3.0's extended constants). */
  skipConstExpr(): void {
    for (;;) {
      const op = this.byte();
      switch (op) {
        case 0x0b: return;
        case 0x41: case 0x42: case 0x23: case 0xd2: this.skipLeb(); break;
        case 0x43: this.pos += 4; break;
        case 0x44: this.pos += 8; break;
        case 0xd0: this.heapIsFunc(); break;
        case 0xfd: this.skipLeb(); this.pos += 16; break;
        case 0x6a: case 0x6b: case 0x6c: case 0x7c: case 0x7d: case 0x7e: break; // i32/i64.add/sub/mul
        default: throw new Error(`unexpected opcode 0x${op.toString(16)} in a constant expression`);
      }
    }
  }
}

export function readExportTypes(bytes: Uint8Array): ExportTypes {
  const c = new Cursor(bytes, 8);
  const types: FuncType[] = [];
  const funcTypes: number[] = []; // type index per function index
  const globalTypes: GlobalType[] = [];
  const funcs = new Map<string, FuncType>();
  const globals = new Map<string, GlobalType>();
  while (c.pos < bytes.length) {
    const id = c.byte();
    const size = c.u32();
    const end = c.pos + size;
    switch (id) {
      case 1: {
        for (let n = c.u32(); n > 0; n--) {
          if (bytes[c.pos] === 0x4e) {
            c.pos++;
            const size = c.u32();
            // Members may name each other: classify them as functions until read.
            for (let k = 0; k < size; k++) c.subType(types, size > 1);
          } else c.subType(types);
        }
        break;
      }
      case 2: {
        for (let n = c.u32(); n > 0; n--) {
          c.name();
          c.name();
          const kind = c.byte();
          if (kind === 0) funcTypes.push(c.u32());
          else if (kind === 1) {
            c.valtype();
            c.limits();
          } else if (kind === 2) c.limits();
          else if (kind === 4) {
            c.byte();
            c.u32();
          } else {
            c.sawTyped = false;
            const type = c.valtype();
            globalTypes.push({ type, mutable: c.byte() === 1, typed: c.sawTyped });
          }
        }
        break;
      }
      case 3:
        for (let n = c.u32(); n > 0; n--) funcTypes.push(c.u32());
        break;
      case 6:
        for (let n = c.u32(); n > 0; n--) {
          c.sawTyped = false;
          const type = c.valtype();
          globalTypes.push({ type, mutable: c.byte() === 1, typed: c.sawTyped });
          // Skipped to the section's end when the initialiser is not a 2.0 one.
          try {
            c.skipConstExpr();
          } catch {
            c.pos = end;
            break;
          }
        }
        break;
      case 7:
        for (let n = c.u32(); n > 0; n--) {
          const name = c.name();
          const kind = c.byte();
          const index = c.u32();
          if (kind === 0) {
            const t = types[funcTypes[index] ?? -1];
            if (t) funcs.set(name, t);
          } else if (kind === 3) {
            const g = globalTypes[index];
            if (g) globals.set(name, g);
          }
        }
        break;
    }
    c.pos = end;
  }
  return { funcs, globals };
}
