import type { ExternKind } from '@rt/binary';
import type { CompiledModule } from '../lower/compiled-module.js';
import type { FuncInstance } from './func.js';
import type { GlobalInstance } from './global.js';
import type { MemoryInstance } from './memory.js';
import type { Store } from './store.js';
import type { TableInstance } from './table.js';
import type { TagInstance } from './exception.js';
import type { RuntimeType } from './gc.js';

/** Anything that can be imported or exported. */
export type Extern = FuncInstance | TableInstance | MemoryInstance | GlobalInstance | TagInstance;

/** An export of an instance, with the kind of entity it is. */
export interface ExportEntry {
  /** The export's name. */
  readonly name: string;
  /** Kind of entity. */
  readonly kind: ExternKind;
  /** The entity itself (shared by reference). */
  readonly value: Extern;
}

/**
 * An instantiated module: its index spaces (imports first) resolved to runtime objects shared
 * by reference, its segments' runtime state and its exports.
 */
export class ModuleInstance {
  /** The compiled module it was instantiated from. */
  readonly module: CompiledModule;
  /** Canonical store type id of each entry of the module's type section. */
  readonly typeIds: Int32Array;
  /** The function index space. */
  readonly funcs: FuncInstance[] = [];
  /** The table index space. */
  readonly tables: TableInstance[] = [];
  /** The memory index space. */
  readonly memories: MemoryInstance[] = [];
  /** The global index space. */
  readonly globals: GlobalInstance[] = [];
  /** The tag index space (3.0's exception handling). */
  readonly tags: TagInstance[] = [];
  /** The runtime type of each struct and array type of the module (3.0's GC), by type index. */
  rtts: readonly (RuntimeType | undefined)[] = [];
  /**
   * Element segments as reference indices; `null` once dropped (`elem.drop`, or after an
   * active/declarative segment was applied at instantiation).
   */
  readonly elems: (number[] | null)[] = [];
  /** Data segments' bytes; `null` once dropped. */
  readonly datas: (Uint8Array | null)[] = [];
  /** Exports by name, in module order. */
  readonly exports: Map<string, ExportEntry> = new Map();

  /**
   * The store the instance lives in (compiled code reaches it through the instance).
   * @internal
   */
  readonly store: Store;

  /** @internal Created by instantiation. */
  constructor(module: CompiledModule, typeIds: Int32Array, store: Store) {
    this.module = module;
    this.typeIds = typeIds;
    this.store = store;
  }
}
