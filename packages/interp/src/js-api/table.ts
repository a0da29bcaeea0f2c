/**
 * `WebAssembly.Table`: a table of references as the JS API shows it.
 */
import type { TableInstance } from '../runtime/table.js';
import { addressTypeOf, addressValue, enforceAddress, type AddressType, type AddressValue } from './address.js';
import { engineOfObject, getEngine, isObject, ownCore, webidlInterface } from './shared.js';
import { defaultValue, refTypeFromName, toJsValue, toWasmValue, type TableKindName } from './values.js';

/** The descriptor of `new WebAssembly.Table(descriptor, value)`. */
export interface TableDescriptor {
  /** The reference type of the elements: `'funcref'` (alias `'anyfunc'`) or `'externref'`. */
  readonly element: TableKindName;
  /** `'i64'` for a 64-bit table (table64), whose indices and sizes are BigInts; default `'i32'`. */
  readonly address?: AddressType;
  /** Initial number of elements (at most 10 000 000). */
  readonly initial?: AddressValue;
  /** Maximum number of elements; growth beyond it fails. */
  readonly maximum?: AddressValue;
}

const MAX_TABLE = 10_000_000;

const instances = new WeakMap<object, TableInstance>();
const wrappers = new WeakMap<TableInstance, Table>();

function attach(wrapper: Table, table: TableInstance): void {
  ownCore(table);
  instances.set(wrapper, table);
  wrappers.set(table, wrapper);
}

function tableOf(self: unknown): TableInstance {
  const t = isObject(self) ? instances.get(self) : undefined;
  if (t === undefined) throw new TypeError('receiver is not a WebAssembly.Table');
  return t;
}

/**
 * The reference index stored for `value` (ToWebAssemblyValue of the element type); `undefined`
 * (an omitted argument, for WebIDL) is DefaultValue.
 */
function toRef(table: TableInstance, value: unknown): number {
  const t = table.type.element;
  return engineOfObject(table).toRef(t, toWasmValue(value === undefined ? defaultValue(t) : value, t));
}

/**
 * A table of references: functions exported by instances (or `null`) for a funcref table, any
 * JavaScript values for an externref table. Emscripten's function pointers are indices into
 * such a table (`table.get(ptr)` is the function).
 */
export class Table {
  /**
   * Creates a table of `descriptor.initial` elements, all `value` (by default `null` for
   * funcref, `undefined` for externref).
   * @throws TypeError - for a bad descriptor, or a `value` that is not of the element type.
   * @throws RangeError - when `initial` exceeds 10 000 000 or `maximum < initial`.
   */
  constructor(descriptor: TableDescriptor, value?: unknown) {
    if (!isObject(descriptor)) throw new TypeError('WebAssembly.Table(): the descriptor must be an object');
    const d = descriptor as TableDescriptor;
    // Members are read and converted in WebIDL's order (lexicographic).
    const address = addressTypeOf(d.address, 'WebAssembly.Table()');
    const element = refTypeFromName(d.element, 'WebAssembly.Table(): "element"');
    const rawInitial = d.initial;
    if (rawInitial === undefined) throw new TypeError('WebAssembly.Table(): the descriptor needs "initial"');
    const initial = enforceAddress(rawInitial, address, 'initial');
    const rawMax = d.maximum;
    const maximum = rawMax === undefined ? null : enforceAddress(rawMax, address, 'maximum');
    if (initial > MAX_TABLE) throw new RangeError('WebAssembly.Table(): initial exceeds 10000000 elements');
    if (maximum !== null && maximum < initial) throw new RangeError('WebAssembly.Table(): maximum is below initial');
    const engine = getEngine();
    const init = engine.toRef(element, toWasmValue(value === undefined ? defaultValue(element) : value, element));
    // Filled here: `Engine.createTable`'s `init` parameter defaults to null, so the externref
    // `undefined` cannot be passed through it.
    const table = engine.createTable({ element, limits: { min: initial, max: maximum }, address });
    table.elements.fill(init);
    attach(this, table);
  }

  /** The current number of elements (a BigInt for a 64-bit table). */
  get length(): AddressValue {
    const t = tableOf(this);
    return addressValue(t.elements.length, t.type.address);
  }

  /**
   * The element at `index`.
   * @throws RangeError - when `index` is out of bounds.
   */
  get(index: AddressValue): unknown {
    const table = tableOf(this);
    const i = enforceAddress(index, table.type.address, 'index');
    if (i >= table.elements.length) throw new RangeError(`WebAssembly.Table.get(): index ${i} out of bounds`);
    return toJsValue(engineOfObject(table).fromRef(table.elements[i]!), table.type.element);
  }

  /**
   * Sets the element at `index` to `value` (omitted: `null` for funcref, `undefined` for externref).
   * @throws RangeError - when `index` is out of bounds.
   * @throws TypeError - when `value` is not of the element type.
   */
  set(index: AddressValue, value?: unknown): void {
    const table = tableOf(this);
    const i = enforceAddress(index, table.type.address, 'index');
    if (i >= table.elements.length) throw new RangeError(`WebAssembly.Table.set(): index ${i} out of bounds`);
    table.elements[i] = toRef(table, value);
  }

  /**
   * Grows the table by `delta` elements set to `value` (omitted: the default value) and returns
   * the previous length.
   * @throws RangeError - when the maximum (or the engine's limit) would be exceeded.
   */
  grow(delta: bigint, value?: unknown): bigint;
  grow(delta: number, value?: unknown): number;
  grow(delta: AddressValue, value?: unknown): AddressValue {
    const table = tableOf(this);
    const d = enforceAddress(delta, table.type.address, 'delta');
    const ref = toRef(table, value);
    const old = table.grow(d, ref);
    if (old === -1) throw new RangeError('WebAssembly.Table.grow(): maximum table size exceeded');
    return addressValue(old, table.type.address);
  }
}

webidlInterface(Table, 'WebAssembly.Table', 1, { set: 1, grow: 1 });

/** The JS API object of a table instance (always the same object for the same instance). */
export function wrapTable(table: TableInstance): Table {
  let w = wrappers.get(table);
  if (w === undefined) {
    w = Object.create(Table.prototype) as Table;
    attach(w, table);
  }
  return w;
}

/** The table instance behind `value`, or `undefined` if it is not a `WebAssembly.Table`. */
export function unwrapTable(value: unknown): TableInstance | undefined {
  return isObject(value) ? instances.get(value) : undefined;
}
