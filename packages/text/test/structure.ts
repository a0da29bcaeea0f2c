import { BLOCK_TYPE_EMPTY, BLOCK_TYPE_VALUE, decode, HeapType, refType, ValType, type Expr, type Module } from '@rt/binary';

/**
 * A module's meaning as a comparable string: everything the decoder reads except byte offsets,
 * custom sections and the data count section, with the choices encoders may make normalised
 * (element segments' encoding, `ref.func x` items against function indices, the typed `select`
 * without types against the untyped one). `null` when the decoder rejects the bytes.
 */
export function structure(bytes: Uint8Array): string | null {
  let m: Module;
  try {
    m = decode(bytes);
  } catch {
    return null;
  }
  const s = m.instructions;
  // A block type naming a type without parameters and with at most one result means the short form.
  const shortForm = (index: number): number | null => {
    const t = m.types[index];
    if (t === undefined || t.kind !== 'func' || t.params.length !== 0 || t.results.length > 1) return null;
    return t.results.length === 0 ? BLOCK_TYPE_EMPTY : (BLOCK_TYPE_VALUE | t.results[0]!) >>> 0;
  };
  const expr = (e: Expr | null): unknown[] | null => {
    if (e === null) return null;
    const out: unknown[] = [];
    for (let i = e.start; i < e.end; i++) {
      const op = s.ops[i]!;
      const from = s.immStart[i]!;
      const to = i + 1 < s.length ? s.immStart[i + 1]! : s.imms.length;
      const imms = Array.from(s.imms.subarray(from, to));
      if (op === 0x1c && imms.length === 1 && imms[0] === 0) out.push([0x1b]);
      else if ((op === 2 || op === 3 || op === 4) && imms[0]! < 0x80000000 && shortForm(imms[0]!) !== null) {
        out.push([op, shortForm(imms[0]!)]);
      }
      else out.push([op, ...imms]);
    }
    return out;
  };
  const view = {
    types: m.types,
    imports: m.imports.map(({ module, name, desc }) => ({ module, name, desc })),
    functions: m.functions,
    tables: m.tables,
    memories: m.memories,
    globals: m.globals.map((g) => ({ type: g.type, init: expr(g.init) })),
    exports: m.exports.map(({ name, kind, index }) => ({ name, kind, index })),
    start: m.start,
    elements: m.elements.map((e) => ({
      mode: e.mode,
      table: e.table,
      offset: expr(e.tableOffset),
      // Function indices are 3.0's `(ref func)`; as `ref.func` expressions the same segment is
      // `funcref` (2.0's meaning of both), so the two encodings compare equal.
      type: e.init.kind === 'functions' && e.type === refType(HeapType.func, false) ? ValType.funcref : e.type,
      init: e.init.kind === 'functions'
        ? e.init.indices.map((f) => [[0xd2, f], [0x0b]])
        : e.init.exprs.map((x) => expr(x)),
    })),
    datas: m.datas.map((d) => ({ mode: d.mode, memory: d.memory, offset: expr(d.memoryOffset), bytes: Array.from(d.bytes) })),
    // Locals as runs of one type: how a body groups them (or declares zero of a type) is the encoder's choice.
    codes: m.codes.map((c) => {
      const runs: [number, number][] = [];
      for (const g of c.locals) {
        if (g.count === 0) continue;
        const last = runs[runs.length - 1];
        if (last !== undefined && last[1] === g.type) last[0] += g.count;
        else runs.push([g.count, g.type]);
      }
      return { locals: runs, code: expr(c.code) };
    }),
  };
  return JSON.stringify(view);
}
