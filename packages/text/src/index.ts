/**
 * `@rt/text`: the WebAssembly text format, all of WebAssembly 3.0. {@link parseWat} turns a
 * module's text into its binary, {@link parseWast} reads a `.wast` script into commands, and
 * {@link printWat} turns a binary back into text.
 *
 * @packageDocumentation
 */
export { parseWat, type ParseOptions } from './parse.js';
export { WatSyntaxError } from './errors.js';
export { parseWast } from './wast.js';
export { printWat, type PrintOptions } from './print/printer.js';
export type { FloatPattern, WastAction, WastCommand, WastExpected, WastInstance, WastModule, WastValue } from './wast.js';
