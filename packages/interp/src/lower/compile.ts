import { ValType, type Module } from '@rt/binary';
import { validate } from '@rt/validate';
import { CodeBuffer } from './code-buffer.js';
import type { CompiledModule, LoweredFunction } from './compiled-module.js';
import { FunctionLowerer, moduleTypes, UnsupportedError } from './lowerer.js';
import { TrapSiteBuilder } from './trap-sites.js';
import { fuelCosts } from '../fuel/costs.js';
import type { HandlerRecord } from './handlers.js';

/**
 * Most locals (parameters included) one function may have. Lowering allocates per local, and a
 * body can declare 2^32 of them in a few bytes; the JS API's implementation limit is the same.
 */
export const MAX_LOCALS = 50_000;

/**
 * Validates `module` and lowers every function body during that single pass (the validator
 * calls the lowerer around each instruction). Throws the validator's `ValidationError` for an
 * invalid module.
 */
export function compileModule(module: Module, options: { readonly metered?: boolean } = {}): CompiledModule {
  const loopCheckpoints = options.metered === true ? new Map<number, number>() : undefined;
  const buf = new CodeBuffer();
  const sites = new TrapSiteBuilder();
  const types = moduleTypes(module);
  const importedFuncs = types.funcTypes.length - module.functions.length;
  const lowerers: (FunctionLowerer | undefined)[] = new Array(module.functions.length);
  const i32Locals: number[][] = new Array(module.functions.length);
  validate(module, {
    visitor: (funcIndex) => {
      const defined = funcIndex - importedFuncs;
      const type = types.funcTypes[funcIndex]!;
      const declared = module.codes[defined]!.localCount;
      if (type.params.length + declared > MAX_LOCALS) {
        throw new UnsupportedError(`function ${funcIndex} has ${type.params.length + declared} locals; rt supports at most ${MAX_LOCALS}`);
      }
      const localTypes = [...type.params];
      for (const g of module.codes[defined]!.locals) for (let j = 0; j < g.count; j++) localTypes.push(g.type);
      i32Locals[defined] = localTypes.flatMap((t, i) => (t === ValType.i32 ? [4 * i] : []));
      const body = module.codes[defined]!.code;
      const fuel = loopCheckpoints !== undefined ? { costs: fuelCosts(module.instructions, body), loopCheckpoints } : null;
      const lowerer = new FunctionLowerer(module, types, buf, funcIndex, localTypes, body, sites, fuel);
      lowerers[defined] = lowerer;
      return lowerer;
    },
  });
  const code = buf.finish();
  const functions: LoweredFunction[] = lowerers.map((l, j) => ({
    entry: l!.entry,
    end: j + 1 < lowerers.length ? lowerers[j + 1]!.entry : code.length,
    i32Locals: i32Locals[j]!,
    localCount: l!.localCount,
    frameSize: l!.frameSize,
  }));
  const singleUse = new Uint8Array(code.length);
  for (const l of lowerers) for (const w of l!.singleUse) singleUse[w] = 1;
  const handlers = new Map<number, readonly HandlerRecord[]>();
  for (const l of lowerers) if (l!.handlers.length > 0) handlers.set(l!.entry, l!.handlers);
  return { module, code, functions, singleUse, trapSites: sites.finish(), handlers, loopCheckpoints };
}
