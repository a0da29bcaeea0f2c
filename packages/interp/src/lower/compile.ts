import { ValType, type Module } from '@rt/binary';
import { validate, validateFunction } from '@rt/validate';
import { CodeBuffer } from './code-buffer.js';
import type { CompiledModule, FunctionShape, LoweredFunction } from './compiled-module.js';
import { FunctionLowerer, moduleTypes, UnsupportedError } from './lowerer.js';
import { TrapSiteBuilder } from './trap-sites.js';
import { fuelCosts } from '../fuel/costs.js';

/**
 * Most locals (parameters included) one function may have. Lowering allocates per local, and a
 * body can declare 2^32 of them in a few bytes; the JS API's implementation limit is the same.
 */
export const MAX_LOCALS = 50_000;

/**
 * Validates `module` (every function: an invalid module is rejected here) and returns it ready
 * to instantiate. Lowering waits for each function's first run: a large program calls a small
 * part of its functions, and lowering all of them took longer than decoding and validating
 * together (Yosys, 30 MB: 4.6 s of 7 s). Throws the validator's `ValidationError` for an
 * invalid module.
 */
export function compileModule(module: Module, options: { readonly metered?: boolean } = {}): CompiledModule {
  const loopCheckpoints = options.metered === true ? new Map<number, number>() : undefined;
  const types = moduleTypes(module);
  const importedFuncs = types.funcTypes.length - module.functions.length;
  const functions: FunctionShape[] = new Array(module.functions.length);
  for (let k = 0; k < module.functions.length; k++) {
    const funcIndex = importedFuncs + k;
    const type = types.funcTypes[funcIndex];
    const code = module.codes[k];
    // A body count that disagrees with the function section is the validator's to report.
    if (type === undefined || code === undefined) continue;
    if (type.params.length + code.localCount > MAX_LOCALS) {
      throw new UnsupportedError(`function ${funcIndex} has ${type.params.length + code.localCount} locals; rt supports at most ${MAX_LOCALS}`);
    }
    const i32Locals: number[] = [];
    type.params.forEach((t, i) => {
      if (t === ValType.i32) i32Locals.push(4 * i);
    });
    let i = type.params.length;
    for (const g of code.locals) {
      if (g.type === ValType.i32) for (let j = 0; j < g.count; j++) i32Locals.push(4 * (i + j));
      i += g.count;
    }
    functions[k] = { localCount: type.params.length + code.localCount, i32Locals };
  }
  validate(module);
  const lowered: (LoweredFunction | undefined)[] = new Array(module.functions.length);
  const lower = (defined: number): LoweredFunction => {
    let l = lowered[defined];
    if (l === undefined) l = lowered[defined] = lowerFunction(module, types, importedFuncs, defined, loopCheckpoints);
    return l;
  };
  return { module, functions, lower, loopCheckpoints };
}

/** Lowers defined function `defined` of a validated module (the validator drives the lowerer). */
function lowerFunction(module: Module, types: ReturnType<typeof moduleTypes>, importedFuncs: number, defined: number, loopCheckpoints: Map<number, number> | undefined): LoweredFunction {
  const funcIndex = importedFuncs + defined;
  const type = types.funcTypes[funcIndex]!;
  const body = module.codes[defined]!;
  const localTypes = [...type.params];
  for (const g of body.locals) for (let j = 0; j < g.count; j++) localTypes.push(g.type);
  const instructions = body.code.end - body.code.start;
  // Lowered code is a few words per instruction, a trap site about every third instruction.
  const buf = new CodeBuffer(3 * instructions + 16);
  const sites = new TrapSiteBuilder(instructions >> 2);
  const fuel = loopCheckpoints !== undefined ? { costs: fuelCosts(module.instructions, body.code), loopCheckpoints } : null;
  const lowerer = new FunctionLowerer(module, types, buf, funcIndex, localTypes, body.code, sites, fuel);
  validateFunction(module, funcIndex, lowerer);
  const code = buf.finish();
  const singleUse = new Uint8Array(code.length);
  for (const w of lowerer.singleUse) singleUse[w] = 1;
  return { code, entry: lowerer.entry, end: code.length, frameSize: lowerer.frameSize, singleUse, trapSites: sites.finish(), handlers: lowerer.handlers, loops: Int32Array.from(lowerer.loops) };
}
