import type { ByteReader } from '../reader/byte-reader.js';
import type { DataSegment, ElementInit, ElementSegment, Expr } from '../types/module.js';
import { HeapType, refType, ValType } from '../types/value-types.js';
import { readRefType } from './value-types.js';

/** Reads a constant expression (the caller supplies how, so instructions land in the module stream). */
export type ReadExpr = () => Expr;

/**
 * Reads one element segment in any of its eight encodings. Bit 0 of the flags: passive or
 * declarative (else active); bit 1: an explicit table index (active) or declarative (else
 * passive); bit 2: elements are expressions rather than function indices.
 */
export function readElementSegment(r: ByteReader, readExpr: ReadExpr, v3 = true): ElementSegment {
  const offset = r.pos;
  const flags = r.u32();
  if (flags > 7) r.fail('malformed elements segment kind', offset);
  const passiveOrDeclarative = (flags & 1) !== 0;
  const explicit = (flags & 2) !== 0;
  const usesExprs = (flags & 4) !== 0;
  const mode = passiveOrDeclarative ? (explicit ? 'declarative' : 'passive') : 'active';
  const table = !passiveOrDeclarative && explicit ? r.u32() : 0;
  const tableOffset = mode === 'active' ? readExpr() : null;
  let type: ValType = ValType.funcref;
  // Flags 0 and 4 imply funcref; the others spell out an element kind (indices) or a reference type.
  if (flags !== 0 && flags !== 4) {
    if (usesExprs) {
      type = readRefType(r, v3);
    } else {
      const at = r.pos;
      if (r.u8() !== 0) r.fail('malformed element kind', at);
    }
  }
  // In 3.0 function indices are non-null function references.
  if (v3 && !usesExprs) type = refType(HeapType.func, false);
  const n = r.count();
  let init: ElementInit;
  if (usesExprs) {
    const exprs: Expr[] = [];
    for (let i = 0; i < n; i++) exprs.push(readExpr());
    init = { kind: 'expressions', exprs };
  } else {
    const indices: number[] = [];
    for (let i = 0; i < n; i++) indices.push(r.u32());
    init = { kind: 'functions', indices };
  }
  return { mode, table, tableOffset, type, init, flags, offset };
}

/** Reads one data segment: flags 0 (active, memory 0), 1 (passive), 2 (active, explicit memory). */
export function readDataSegment(r: ByteReader, readExpr: ReadExpr): DataSegment {
  const offset = r.pos;
  const flags = r.u32();
  if (flags > 2) r.fail('malformed data segment kind', offset);
  const memory = flags === 2 ? r.u32() : 0;
  const memoryOffset = flags === 1 ? null : readExpr();
  const length = r.u32();
  const bytes = r.bytesCopy(length);
  return { mode: flags === 1 ? 'passive' : 'active', memory, memoryOffset, bytes, offset };
}
