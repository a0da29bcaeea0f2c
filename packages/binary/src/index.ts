/**
 * `@rt/binary`: decodes the WebAssembly 3.0 (and, on request, 2.0) binary format into a typed {@link Module}.
 *
 * @packageDocumentation
 */
export { decode } from './decode/module.js';
export type { DecodeOptions, ImplementationLimits, SpecVersion } from './decode/limits.js';
export { DecodeError } from './errors.js';
export { utf8Decoder, utf8Encoder, decodeUtf8, encodeUtf8, type Utf8Decoder, type Utf8Encoder, type Utf8DecoderOptions } from './utf8.js';
export * from './types/module.js';
export * from './types/value-types.js';
export * from './opcodes/index.js';
export * from './types/func-types.js';
