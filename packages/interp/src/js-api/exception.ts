/**
 * The JS API of exception handling: `WebAssembly.Tag`, `WebAssembly.Exception` and
 * `WebAssembly.JSTag`.
 *
 * A Wasm exception that leaves Wasm becomes an `Exception` object (always the same object for the
 * same exception, so rethrowing it into Wasm and out again keeps its identity), and an `Exception`
 * thrown by an imported function becomes that exception inside Wasm. A JavaScript exception of any
 * other kind is caught in Wasm by `catch_all` or by a `catch` of `JSTag` (as its externref
 * payload), and leaves Wasm as the same JavaScript value.
 */
import type { FuncType } from '@rt/binary';
import { JS_TAG, TagInstance, WasmException } from '../runtime/exception.js';
import type { Value } from '../runtime/values.js';
import { enforceU32, isObject, webidlInterface } from './shared.js';
import { toJsValue, toWasmValue, valueTypeFromName, type ValueTypeName } from './values.js';

/** The descriptor of `new WebAssembly.Tag(descriptor)`. */
export interface TagDescriptor {
  /** The payload's value types. */
  readonly parameters: readonly ValueTypeName[];
}

/** Options of `new WebAssembly.Exception(tag, payload, options)`. */
export interface ExceptionOptions {
  /** Whether the exception gets a `stack` property (a JavaScript stack trace). */
  readonly traceStack?: boolean;
}

const tagOfWrapper = new WeakMap<object, TagInstance>();
const wrapperOfTag = new WeakMap<TagInstance, Tag>();
const exceptionOfWrapper = new WeakMap<object, WasmException>();
const wrapperOfException = new WeakMap<WasmException, Exception>();

function tagOf(self: unknown, what: string): TagInstance {
  const t = isObject(self) ? tagOfWrapper.get(self) : undefined;
  if (t === undefined) throw new TypeError(`${what} is not a WebAssembly.Tag`);
  return t;
}

function exceptionOf(self: unknown): WasmException {
  const e = isObject(self) ? exceptionOfWrapper.get(self) : undefined;
  if (e === undefined) throw new TypeError('receiver is not a WebAssembly.Exception');
  return e;
}

/** A tag: the identity of a kind of exception, with its payload types. */
export class Tag {
  /**
   * Creates a tag with payload types `descriptor.parameters`.
   * @throws TypeError - for a descriptor without a valid `parameters` list.
   */
  constructor(descriptor: TagDescriptor) {
    if (!isObject(descriptor)) throw new TypeError('WebAssembly.Tag(): the descriptor must be an object');
    const ps: unknown = (descriptor as { parameters?: unknown }).parameters;
    if (!isObject(ps) || typeof (ps as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function')
      throw new TypeError('WebAssembly.Tag(): "parameters" must be a sequence of value types');
    const params = [...(ps as Iterable<unknown>)].map((p) => valueTypeFromName(p, 'WebAssembly.Tag(): a parameter'));
    const type: FuncType = { kind: 'func', params, results: [] };
    attachTag(this, new TagInstance(type));
  }
}

webidlInterface(Tag, 'WebAssembly.Tag', 1);

function attachTag(wrapper: Tag, tag: TagInstance): void {
  tagOfWrapper.set(wrapper, tag);
  wrapperOfTag.set(tag, wrapper);
}

/** The `Tag` object of a tag instance (always the same object). */
export function wrapTag(tag: TagInstance): Tag {
  let w = wrapperOfTag.get(tag);
  if (w === undefined) {
    w = Object.create(Tag.prototype) as Tag;
    attachTag(w, tag);
  }
  return w;
}

/** The tag instance behind a `Tag` object, or `undefined` for anything else. */
export function unwrapTag(v: unknown): TagInstance | undefined {
  return isObject(v) ? tagOfWrapper.get(v) : undefined;
}

/** An exception: a tag and a payload, thrown by Wasm or created by JavaScript. */
export class Exception {
  /** A JavaScript stack trace, when created with `traceStack: true`. */
  declare readonly stack?: string;

  /**
   * Creates an exception of `tag` with `payload` (converted to the tag's parameter types).
   * @throws TypeError - for a non-Tag, a payload that is not a sequence of the right length, or a value of the wrong kind.
   */
  constructor(tag: Tag, payload: Iterable<unknown>, options?: ExceptionOptions) {
    const t = tagOf(tag, 'WebAssembly.Exception(): the tag');
    // JavaScript values thrown into Wasm carry JSTag; the spec forbids making such an exception.
    if (t === JS_TAG) throw new TypeError('WebAssembly.Exception(): the tag cannot be WebAssembly.JSTag');
    if (!isObject(payload) || typeof (payload as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function')
      throw new TypeError('WebAssembly.Exception(): the payload must be a sequence');
    const values = [...payload];
    const params = t.type.params;
    if (values.length !== params.length)
      throw new TypeError(`WebAssembly.Exception(): the tag takes ${params.length} values, the payload has ${values.length}`);
    const converted: Value[] = values.map((v, j) => toWasmValue(v, params[j]!));
    attachException(this, new WasmException(t, converted));
    if (isObject(options) && Boolean((options as ExceptionOptions).traceStack)) {
      Object.defineProperty(this, 'stack', { value: new Error().stack ?? '', writable: true, configurable: true });
    }
  }

  /** Whether the exception has tag `tag`. */
  is(tag: Tag): boolean {
    const e = exceptionOf(this);
    return e.tag === tagOf(tag, 'WebAssembly.Exception.is(): the argument');
  }

  /**
   * Payload value `index` of an exception of tag `tag`.
   * @throws TypeError - when the exception does not have tag `tag`, or for an index that is no
   *   `[EnforceRange] unsigned long` (missing, NaN, negative, 2^32 or more).
   * @throws RangeError - for an index past the payload.
   */
  getArg(tag: Tag, index: number): unknown {
    const e = exceptionOf(this);
    if (e.tag !== tagOf(tag, 'WebAssembly.Exception.getArg(): the tag')) throw new TypeError('WebAssembly.Exception.getArg(): the exception does not have this tag');
    const i = enforceU32(index, 'WebAssembly.Exception.getArg(): the index');
    if (i >= e.payload.length) throw new RangeError('WebAssembly.Exception.getArg(): index out of range');
    return toJsValue(e.payload[i], e.tag.type.params[i]!);
  }
}

webidlInterface(Exception, 'WebAssembly.Exception', 2);

function attachException(wrapper: Exception, e: WasmException): void {
  exceptionOfWrapper.set(wrapper, e);
  wrapperOfException.set(e, wrapper);
}

/**
 * What JavaScript sees of a Wasm exception that leaves Wasm: its `Exception` object (always the
 * same one), or, for a JavaScript exception that passed through Wasm, the original value.
 */
export function exceptionToJs(e: WasmException): unknown {
  if (e.jsValue) return e.payload[0];
  // Wasm code that throws with JSTag throws its externref as a JavaScript exception.
  if (e.tag === JS_TAG) return toJsValue(e.payload[0], JS_TAG.type.params[0]!);
  let w = wrapperOfException.get(e);
  if (w === undefined) {
    w = Object.create(Exception.prototype) as Exception;
    attachException(w, e);
  }
  return w;
}

/** What a value thrown by JavaScript into Wasm is there: an `Exception`'s exception, else the value itself. */
export function exceptionFromJs(v: unknown): unknown {
  return (isObject(v) ? exceptionOfWrapper.get(v) : undefined) ?? v;
}

/** `WebAssembly.JSTag`: the tag of JavaScript exceptions inside Wasm (one externref). */
export const JSTag: Tag = wrapTag(JS_TAG);
