/**
 * The message of `rt run` for a Wasm exception that nothing in the guest caught: which tag it
 * was thrown with and its payload, e.g. `uncaught exception: tag 0 (exported as
 * "__cpp_exception") with payload i32 70032`.
 * @packageDocumentation
 */
import { ValType } from '@rt/binary';
import { f32FromBits, f64FromBits, type WasmException } from '@rt/interp';
import type { RunInstance } from '../engine.js';
import { formatValue } from '../values.js';

/** Short names of the payload's number types; references print as `formatValue` shows them. */
const NUMBER_TYPES = new Map<unknown, string>([
  [ValType.i32, 'i32'],
  [ValType.i64, 'i64'],
  [ValType.f32, 'f32'],
  [ValType.f64, 'f64'],
  [ValType.v128, 'v128'],
]);

/**
 * The one-line message for `e`; `instance` names the tag, when instantiation had finished (an
 * exception can also escape the start function).
 */
export function uncaughtMessage(e: WasmException, instance: RunInstance | undefined): string {
  const tag = instance ? instance.tagName(e.tag) : 'a tag';
  const params = e.tag.type.params;
  const values = params.map((type, i) => {
    // The engine keeps floats as bit patterns; formatValue takes them as numbers.
    const raw = e.payload[i];
    const value = type === ValType.f32 ? f32FromBits(raw as number) : type === ValType.f64 ? f64FromBits(raw as bigint) : raw;
    const name = NUMBER_TYPES.get(type);
    return name ? `${name} ${formatValue(value, type)}` : formatValue(value, type);
  });
  return `uncaught exception: ${tag}${values.length ? ` with payload ${values.join(', ')}` : ''}`;
}
