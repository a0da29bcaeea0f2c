/**
 * `@rt/validate`: the WebAssembly 2.0 validation algorithm over a module decoded by
 * `@rt/binary`, with a visitor through which an engine lowers each function while its types
 * are tracked, once.
 *
 * @packageDocumentation
 */
export { validate, validateResult, validateFunction, type ValidateOptions } from './validate.js';
export { ValidationError } from './errors.js';
export { TypeRelations, canonicalKeys } from './subtyping.js';
export { isDefaultable } from './type-checks.js';
export {
  UNKNOWN_TYPE,
  FrameKind,
  type FunctionVisitor,
  type ValidationState,
} from './function-visitor.js';
