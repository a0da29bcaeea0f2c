/**
 * The slower halves of WebAssembly 3.0's new instructions, out of the dispatch loop: a
 * `call_indirect`-style lookup for `return_call_indirect`, and `memory.copy` between two
 * different memories. The fast paths (memory 0, direct calls) never come here.
 */
import type { FuncInstance } from '../runtime/func.js';
import type { ModuleInstance } from '../runtime/instance.js';
import { DEMOTED, type Store } from '../runtime/store.js';
import { Trap, TrapMessage } from '../runtime/trap.js';

/**
 * The function at `index` of table `tableIndex`, checked against type `typeIndex` of the
 * instance's module, with `call_indirect`'s traps (undefined element, uninitialized element,
 * indirect call type mismatch).
 */
export function indirectCallee(store: Store, inst: ModuleInstance, tableIndex: number, index: number, typeIndex: number): FuncInstance {
  const elems = inst.tables[tableIndex]!.elements;
  if (index >= elems.length) throw new Trap(TrapMessage.undefinedElement);
  const ref = elems[index]!;
  if (ref === 0) throw new Trap(`${TrapMessage.uninitializedElement} ${index}`);
  let f = store.refs[ref] as FuncInstance;
  // A slot demoted by the last collection (Store.collectFuncs) is promoted on use.
  if ((f as unknown) === DEMOTED) f = store.promote(ref);
  if (!store.isFuncSubtype(f.typeId, inst.typeIds[typeIndex]!)) throw new Trap(TrapMessage.indirectCallTypeMismatch);
  return f;
}

/** `memory.copy` from memory `srcMemory` to another memory `dstMemory` (32-bit addresses). */
export function copyBetweenMemories(inst: ModuleInstance, d: number, s: number, n: number, dstMemory: number, srcMemory: number): void {
  const dst = inst.memories[dstMemory]!;
  const src = inst.memories[srcMemory]!;
  if (s + n > src.byteLength || d + n > dst.byteLength) throw new Trap(TrapMessage.memoryOutOfBounds);
  dst.u8.set(src.u8.subarray(s, s + n), d);
}
