/**
 * `WebAssembly.Module`: a decoded, validated and compiled module.
 */
import { decode, DecodeError, type ExternKind } from '@rt/binary';
import { validate, ValidationError } from '@rt/validate';
import { compileModule } from '../lower/compile.js';
import type { CompiledModule } from '../lower/compiled-module.js';
import { UnsupportedError } from '../lower/lowerer.js';
import { CompileError } from './errors.js';
import { JS_API_LIMITS } from './limits.js';
import { bufferSourceBytes, bufferSourceLength, isObject, webidlInterface } from './shared.js';

/** What kind of entity an import or export is, as the JS API names it. */
export type ImportExportKind = 'function' | 'table' | 'memory' | 'global' | 'tag';

/** One entry of `WebAssembly.Module.imports(module)`. */
export interface ModuleImportDescriptor {
  /** The import's module name. */
  readonly module: string;
  /** The import's field name. */
  readonly name: string;
  /** The kind of entity expected. */
  readonly kind: ImportExportKind;
}

/** One entry of `WebAssembly.Module.exports(module)`. */
export interface ModuleExportDescriptor {
  /** The export's name. */
  readonly name: string;
  /** The kind of entity exported. */
  readonly kind: ImportExportKind;
}

/** The bytes of a module: an `ArrayBuffer`, or a view of one (typed array, `DataView`). */
export type BufferSource = ArrayBuffer | ArrayBufferView;

const compiled = new WeakMap<object, CompiledModule>();

/** The JS API name of an extern kind. */
function kindName(kind: ExternKind): ImportExportKind {
  return kind === 'func' ? 'function' : kind;
}

/** A decoder or validator error as the JS API's {@link CompileError}: its message and byte offset. */
function compileErrorOf(e: DecodeError | ValidationError): CompileError {
  return new CompileError(`${e.message} (at byte 0x${e.offset.toString(16)})`, { cause: e });
}

/**
 * Copies the bytes of a BufferSource given as a module: a `TypeError` for anything else, and a
 * {@link CompileError} beyond the JS API's module size limit, before anything is copied.
 */
export function moduleBytes(source: unknown): Uint8Array {
  const size = bufferSourceLength(source);
  const max = JS_API_LIMITS.moduleSize!;
  if (size > max) throw new CompileError(`module too large: ${size} bytes, the limit is ${max}`);
  return bufferSourceBytes(source);
}

/**
 * Decodes, validates and lowers `bytes` (already copied), within the JS API's implementation
 * limits. Decoding and validation errors become {@link CompileError}s whose message is the
 * decoder's or validator's, followed by the byte offset.
 */
export function compileBytes(bytes: Uint8Array): CompiledModule {
  try {
    return compileModule(decode(bytes, { limits: JS_API_LIMITS }));
  } catch (e) {
    if (e instanceof DecodeError || e instanceof ValidationError) throw compileErrorOf(e);
    if (e instanceof UnsupportedError) throw new CompileError(e.message, { cause: e });
    throw e;
  }
}

/** `WebAssembly.validate`: whether `source` is a valid module within the JS API's limits. */
export function validateBytes(source: unknown): boolean {
  let bytes: Uint8Array;
  try {
    bytes = moduleBytes(source);
  } catch (e) {
    if (e instanceof CompileError) return false;
    throw e;
  }
  try {
    validate(decode(bytes, { limits: JS_API_LIMITS }));
    return true;
  } catch (e) {
    if (e instanceof DecodeError || e instanceof ValidationError) return false;
    throw e;
  }
}

/** The compiled module behind a `WebAssembly.Module`, or a `TypeError`. */
export function compiledModuleOf(value: unknown, what: string): CompiledModule {
  const c = isObject(value) ? compiled.get(value) : undefined;
  if (c === undefined) throw new TypeError(`${what}: argument must be a WebAssembly.Module`);
  return c;
}

/** Makes a `WebAssembly.Module` over an already compiled module (for `compile`, without copying twice). */
export function moduleFromCompiled(c: CompiledModule): Module {
  const m = Object.create(Module.prototype) as Module;
  compiled.set(m, c);
  return m;
}

/**
 * A compiled WebAssembly module: stateless, instantiable any number of times with
 * `new WebAssembly.Instance(module, imports)`.
 */
export class Module {
  /**
   * Compiles `bytes` synchronously (they are copied first).
   * @throws TypeError - when `bytes` is not a BufferSource.
   * @throws CompileError - when the bytes do not decode or validate.
   */
  constructor(bytes: BufferSource) {
    compiled.set(this, compileBytes(moduleBytes(bytes)));
  }

  /** The module's imports, in order, with the kind each expects. */
  static imports(module: Module): ModuleImportDescriptor[] {
    const m = compiledModuleOf(module, 'WebAssembly.Module.imports()').module;
    return m.imports.map((i) => ({ module: i.module, name: i.name, kind: kindName(i.desc.kind) }));
  }

  /** The module's exports, in order, with their kinds. */
  static exports(module: Module): ModuleExportDescriptor[] {
    const m = compiledModuleOf(module, 'WebAssembly.Module.exports()').module;
    return m.exports.map((e) => ({ name: e.name, kind: kindName(e.kind) }));
  }

  /** Copies of the contents of the module's custom sections named `sectionName`, in order. */
  static customSections(module: Module, sectionName: string): ArrayBuffer[] {
    const m = compiledModuleOf(module, 'WebAssembly.Module.customSections()').module;
    if (arguments.length < 2) throw new TypeError('WebAssembly.Module.customSections(): the section name is required');
    const name = String(sectionName);
    return m.customs.filter((c) => c.name === name).map((c) => c.data.slice().buffer);
  }
}

webidlInterface(Module, 'WebAssembly.Module', 1);
