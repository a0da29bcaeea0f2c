/**
 * What the fast tier does not compile yet of WebAssembly 3.0: tail calls, relaxed SIMD (v128,
 * which it refuses anyway), exception handling (new and legacy), typed function references, GC,
 * and every memory or table instruction on another memory than 0 or on a 64-bit memory or table. Its code generator addresses memory 0 with 32-bit addresses
 * only, so such a function must stay with the interpreter (which the frame-layout tier follows,
 * refusing the interpreter's own 3.0 instructions) until the generator handles them.
 */
import { OPCODE_BY_ID, type Expr, type Module, type Proposal } from '@rt/binary';

interface AddressTypes {
  readonly memory64: Uint8Array;
  readonly table64: Uint8Array;
  /** Whether the module declares types with `sub` or recursion groups (3.0's GC). */
  readonly subtypes: boolean;
}

const cache = new WeakMap<Module, AddressTypes>();

/**
 * Proposals whose instructions the fast tier leaves to the interpreter: tail calls, relaxed SIMD,
 * and part 2's exception handling (the interpreter's unwinder finds handlers in interpreted
 * frames only), legacy exceptions and typed function references (`call_ref`, `br_on_null`, …).
 */
const INTERPRETED_PROPOSALS: ReadonlySet<Proposal> = new Set<Proposal>([
  'tail-call', 'relaxed-simd', 'exceptions', 'legacy-exceptions', 'function-references', 'gc',
]);

function addressTypes(m: Module): AddressTypes {
  let a = cache.get(m);
  if (a === undefined) {
    const memory64: number[] = [];
    const table64: number[] = [];
    for (const imp of m.imports) {
      if (imp.desc.kind === 'memory') memory64.push(imp.desc.type.address === 'i64' ? 1 : 0);
      else if (imp.desc.kind === 'table') table64.push(imp.desc.type.address === 'i64' ? 1 : 0);
    }
    for (const t of m.memories) memory64.push(t.address === 'i64' ? 1 : 0);
    for (const t of m.tables) table64.push(t.address === 'i64' ? 1 : 0);
    a = { memory64: Uint8Array.from(memory64), table64: Uint8Array.from(table64), subtypes: m.types.some((t) => t.sub !== undefined) };
    cache.set(m, a);
  }
  return a;
}

/** Whether `body` uses an instruction or an addressing of 3.0's part 1 the fast tier leaves to the interpreter. */
export function needsInterpreterFor3(m: Module, body: Expr): boolean {
  const { memory64, table64, subtypes } = addressTypes(m);
  // Declared subtypes (GC's `sub`): the fast tier's call_indirect checks type identity only.
  if (subtypes) return true;
  const s = m.instructions;
  const otherMemory = (x: number): boolean => x !== 0 || memory64[0] === 1;
  for (let i = body.start; i < body.end; i++) {
    const info = OPCODE_BY_ID[s.ops[i]!];
    if (info === undefined) continue;
    if (INTERPRETED_PROPOSALS.has(info.proposal)) return true;
    const k = s.immStart[i]!;
    switch (info.imm) {
      case 'memarg':
      case 'memarg_lane':
        if (otherMemory(s.imms[k + 2]!)) return true;
        break;
      case 'memory':
        if (otherMemory(s.imms[k]!)) return true;
        break;
      case 'memory_init':
        if (otherMemory(s.imms[k + 1]!)) return true;
        break;
      case 'memory_copy':
        if (otherMemory(s.imms[k]!) || otherMemory(s.imms[k + 1]!)) return true;
        break;
      case 'table':
        if (table64[s.imms[k]!] === 1) return true;
        break;
      case 'table_copy':
        if (table64[s.imms[k]!] === 1 || table64[s.imms[k + 1]!] === 1) return true;
        break;
      case 'table_init':
      case 'call_indirect':
        if (table64[s.imms[k + 1]!] === 1) return true;
        break;
    }
  }
  return false;
}
