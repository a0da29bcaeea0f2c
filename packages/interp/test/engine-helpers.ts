/** Test helpers for the low-level API: instantiate a binary and call its exports, catch a trap's message. */
import { Engine, Trap, type FuncInstance, type ModuleInstance } from '../src/index.js';

/** Instantiates `bytes` in `engine`; `call` invokes an export by name with raw values. */
export function instantiateBytes(
  bytes: Uint8Array,
  engine = new Engine(),
  imports = {},
): { engine: Engine; inst: ModuleInstance; call: (name: string, ...args: unknown[]) => unknown[] } {
  const inst = engine.instantiate(engine.compile(bytes), imports);
  const call = (name: string, ...args: unknown[]) => engine.invoke(inst.exports.get(name)!.value as FuncInstance, args);
  return { engine, inst, call };
}

/** The message of the trap `f` raises; fails the test if it returns or throws something else. */
export function trapOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof Trap) return e.message;
    throw e;
  }
  throw new Error('did not trap');
}
