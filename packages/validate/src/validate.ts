import type { Module, SpecVersion } from '@rt/binary';
import { buildContext, type ModuleContext } from './context.js';
import { ValidationError } from './errors.js';
import { FunctionValidator } from './function-validator.js';
import type { FunctionVisitor } from './function-visitor.js';
import { validateDeclarations, validateLinkage } from './module-rules.js';

/** Options of {@link validate}. */
export interface ValidateOptions {
  /**
   * Called once per defined function (index in the function index space) before its body is
   * validated; the visitor it returns, if any, sees every instruction of that body. It is only
   * called once all declarations (type indices, limits, globals, segments) have been validated.
   */
  visitor?: (funcIndex: number) => FunctionVisitor | undefined;
  /**
   * The rules to apply (default `'3.0'`): `'2.0'` rejects what 3.0 allows in modules that decode
   * either way, namely several memories and constant expressions reading module-defined globals
   * or using `i32/i64.add/sub/mul`.
   */
  version?: SpecVersion;
}

/**
 * Validates a decoded module against the WebAssembly validation rules (3.0's by default; see
 * {@link ValidateOptions.version}).
 *
 * @throws {@link ValidationError} at the first rule the module breaks.
 *
 * @example
 * ```ts
 * import { decode } from '@rt/binary';
 * import { validate } from '@rt/validate';
 * validate(decode(bytes)); // throws ValidationError: type mismatch in function 3 "foo" at byte 0x1a2
 * ```
 */
export function validate(module: Module, options?: ValidateOptions): void {
  const ctx = buildContext(module, options?.version !== '2.0');
  validateDeclarations(ctx);
  const fv = new FunctionValidator(ctx);
  const visitorFor = options?.visitor;
  const n = module.codes.length;
  for (let k = 0; k < n; k++) {
    const funcIndex = ctx.importedFuncs + k;
    fv.validate(funcIndex, visitorFor?.(funcIndex));
  }
  validateLinkage(ctx);
}

/**
 * Like {@link validate}, but returns the {@link ValidationError} instead of throwing it, or
 * `null` for a valid module. Other exceptions (bugs, or a visitor's own errors) still throw.
 */
export function validateResult(module: Module, options?: ValidateOptions): ValidationError | null {
  try {
    validate(module, options);
    return null;
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
}

/** Per module: its index spaces, and a validator (with its grown stacks) to reuse when idle. */
interface Cached {
  readonly ctx: ModuleContext;
  validator: FunctionValidator | null;
}

const cache = new WeakMap<Module, Cached>();

/**
 * Validates the body of one defined function (index in the function index space, imports
 * first) with an optional visitor, without the module-level checks. Useful to lower functions
 * lazily, one at a time, after {@link validate} accepted the module: the module's index spaces
 * and the validator's stacks are kept per module (weakly) and reused from call to call.
 *
 * @throws {@link ValidationError} when the body is invalid, or `RangeError` when `funcIndex`
 * does not name a defined function.
 */
export function validateFunction(module: Module, funcIndex: number, visitor?: FunctionVisitor): void {
  let cached = cache.get(module);
  if (cached === undefined) {
    cached = { ctx: buildContext(module), validator: null };
    cache.set(module, cached);
  }
  const ctx = cached.ctx;
  const k = funcIndex - ctx.importedFuncs;
  if (!Number.isInteger(k) || k < 0 || k >= module.codes.length) {
    throw new RangeError(`function ${funcIndex} is not defined by the module`);
  }
  const typeIndex = ctx.funcTypeIndex[funcIndex]!;
  if (typeIndex >= module.types.length) {
    throw new ValidationError(`unknown type ${typeIndex}`, module.codes[k]!.offset, funcIndex, module.names?.functions.get(funcIndex));
  }
  // Take the cached validator for the duration of the call, so that a visitor that validates
  // another function of the same module from inside a hook gets a fresh one instead of ours.
  const fv = cached.validator ?? new FunctionValidator(ctx);
  cached.validator = null;
  try {
    fv.validate(funcIndex, visitor);
  } finally {
    cached.validator = fv;
  }
}
