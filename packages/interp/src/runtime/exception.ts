/**
 * Tags and exceptions (WebAssembly 3.0's exception handling) as runtime objects.
 *
 * A {@link TagInstance} is what `tag` definitions and imports resolve to; two modules share a tag
 * only by importing the same instance. A {@link WasmException} is one thrown exception: its tag
 * and its payload as {@link Value}s (never reference indices, which are only meaningful while Wasm
 * code runs). It is thrown as a JavaScript exception, so it passes through host frames unchanged.
 */
import { ValType, type FuncType } from '@rt/binary';
import { canonicalKeys } from '@rt/validate';
import type { Value } from './values.js';

/** A tag: an exception's identity, with the types of its payload (the type's parameters). */
export class TagInstance {
  /**
   * @param type - The tag's function type (parameters: the payload; no results).
   * @param typeKey - Its canonical type key (`canonicalKeys` of `@rt/validate`), for import
   *   matching in any engine (the default: the type standing alone).
   */
  constructor(
    readonly type: FuncType,
    readonly typeKey: string = canonicalKeys([type])[0]!,
  ) {}
}

/**
 * The tag that JavaScript exceptions carry inside Wasm (the JS API's `WebAssembly.JSTag`): one
 * externref, the thrown value. Shared by every engine.
 */
export const JS_TAG: TagInstance = new TagInstance({ kind: 'func', params: [ValType.externref], results: [] });

/** A thrown Wasm exception. */
export class WasmException {
  /**
   * @param tag - The tag it was thrown with.
   * @param payload - The tag's parameter values, in order.
   * @param jsValue - For a JavaScript exception caught in Wasm (tag {@link JS_TAG}): `true`, so that
   *   rethrowing it to JavaScript throws the original value (`payload[0]`) again.
   */
  constructor(
    readonly tag: TagInstance,
    readonly payload: readonly Value[],
    readonly jsValue = false,
  ) {}

  /** What JavaScript code sees when this exception leaves Wasm: itself, or the original JS value. */
  get thrown(): unknown {
    return this.jsValue ? this.payload[0] : this;
  }
}
