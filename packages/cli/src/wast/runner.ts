/**
 * Runs one parsed `.wast` script on the rt engine (`@rt/interp`'s {@link Engine}): module
 * definitions and instances, registrations, actions and every assertion. One engine (one store)
 * per script, with the spectest host module registered as `spectest`.
 * @packageDocumentation
 */
import type { FuncType } from '@rt/binary';
import { decode, DecodeError } from '@rt/binary';
import { Engine, GlobalInstance, LinkError, Trap, UnsupportedError, type Extern, type ModuleInstance, type Value } from '@rt/interp';
import { parseWat, WatSyntaxError, type WastAction, type WastCommand, type WastInstance, type WastModule } from '@rt/text';
import { validateResult, ValidationError } from '@rt/validate';
import { HostRefs, matches, show, toEngine } from './values.js';

/** The outcome of one script. */
export interface ScriptResult {
  passed: number;
  failed: number;
  skipped: number;
  /** `line: what failed`, in order. */
  readonly failures: string[];
}

/** The spectest host module the suite imports from (its print functions do nothing). */
const SPECTEST_WAT = `(module
  (func (export "print")) (func (export "print_i32") (param i32)) (func (export "print_i64") (param i64))
  (func (export "print_f32") (param f32)) (func (export "print_f64") (param f64))
  (func (export "print_i32_f32") (param i32 f32)) (func (export "print_f64_f64") (param f64 f64))
  (global (export "global_i32") i32 (i32.const 666)) (global (export "global_i64") i64 (i64.const 666))
  (global (export "global_f32") f32 (f32.const 666.6)) (global (export "global_f64") f64 (f64.const 666.6))
  (table (export "table") 10 20 funcref) (memory (export "memory") 1 2))`;

/** Why a command could not be checked: the engine or decoder does not support what it uses yet. */
class Skip extends Error {}

/** A check that did not hold. */
class Failure extends Error {}

function messageOf(e: unknown): string {
  if (e instanceof WatSyntaxError) return e.reason;
  return e instanceof Error ? e.message : String(e);
}

/** Whether the engine's error is a construct it does not run yet (rather than a wrong answer). */
function unsupported(e: unknown): boolean {
  return e instanceof UnsupportedError;
}

export class ScriptRunner {
  private readonly engine = new Engine();
  private readonly refs = new HostRefs();
  private readonly registry = new Map<string, ModuleInstance>();
  private readonly instances = new Map<string, ModuleInstance>();
  private readonly definitions = new Map<string, Uint8Array>();
  private current: ModuleInstance | null = null;
  private lastDefinition: Uint8Array | null = null;
  readonly result: ScriptResult = { passed: 0, failed: 0, skipped: 0, failures: [] };

  constructor() {
    this.registry.set('spectest', this.engine.instantiate(this.engine.compile(parseWat(SPECTEST_WAT))));
  }

  /** Runs the commands in order. */
  run(commands: readonly WastCommand[]): ScriptResult {
    for (const c of commands) {
      try {
        this.command(c);
        this.result.passed++;
      } catch (e) {
        if (e instanceof Skip) this.result.skipped++;
        else {
          this.result.failed++;
          this.result.failures.push(`${c.line}: ${c.type}: ${messageOf(e)}`);
        }
      }
    }
    return this.result;
  }

  private imports(): Record<string, Record<string, Extern>> {
    const out: Record<string, Record<string, Extern>> = Object.create(null) as Record<string, Record<string, Extern>>;
    for (const [name, inst] of this.registry) {
      const fields: Record<string, Extern> = Object.create(null) as Record<string, Extern>;
      for (const [field, entry] of inst.exports) fields[field] = entry.value;
      out[name] = fields;
    }
    return out;
  }

  /** Encodes a script module; a syntax error in a module meant to be well-formed is a failure. */
  private bytes(m: WastModule): Uint8Array {
    try {
      return m.encode();
    } catch (e) {
      throw new Failure(`module does not parse: ${messageOf(e)}`);
    }
  }

  /** Compiles and instantiates; the engine's errors are passed on as they are. */
  private instantiate(bytes: Uint8Array): ModuleInstance {
    return this.engine.instantiate(this.engine.compile(bytes), this.imports());
  }

  /** Instantiates a module expected to work; what the engine or decoder cannot do yet is a skip. */
  private instantiateOk(bytes: Uint8Array): ModuleInstance {
    try {
      return this.instantiate(bytes);
    } catch (e) {
      if (unsupported(e)) throw new Skip(messageOf(e));
      throw new Failure(`module does not instantiate: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    }
  }

  private definition(ref: WastInstance): Uint8Array {
    const d = ref.module === null ? this.lastDefinition : this.definitions.get(ref.module);
    if (d === null || d === undefined) throw new Failure(`no module definition ${ref.module ?? ''}`);
    return d;
  }

  private moduleBytes(m: WastModule | WastInstance): Uint8Array {
    return m.kind === 'instance' ? this.definition(m) : this.bytes(m);
  }

  private target(name: string | null): ModuleInstance {
    const inst = name === null ? this.current : this.instances.get(name);
    if (inst === null || inst === undefined) throw new Failure(`no module instance ${name ?? ''}`);
    return inst;
  }

  /** Runs an action; returns the values and their types. */
  private act(a: WastAction): { values: Value[]; types: readonly number[] } {
    const inst = this.target(a.module);
    const entry = inst.exports.get(a.field);
    if (entry === undefined) throw new Failure(`no export "${a.field}"`);
    if (a.type === 'get') {
      if (!(entry.value instanceof GlobalInstance)) throw new Failure(`export "${a.field}" is not a global`);
      return { values: [this.engine.getGlobal(entry.value)], types: [entry.value.type.type] };
    }
    if (entry.kind !== 'func') throw new Failure(`export "${a.field}" is not a function`);
    const f = entry.value as { type: FuncType };
    const args = a.args.map((v) => toEngine(v, this.refs));
    try {
      return { values: this.engine.invoke(entry.value as Parameters<Engine['invoke']>[0], args), types: f.type.results };
    } catch (e) {
      if (unsupported(e)) throw new Skip(messageOf(e));
      throw e;
    }
  }

  /** Expects `run` to fail with an error of the given kind whose message starts with `text`. */
  private expectError(run: () => unknown, kind: (e: unknown) => boolean, what: string, text: string): void {
    try {
      run();
    } catch (e) {
      if (e instanceof Skip || e instanceof Failure) throw e;
      if (unsupported(e)) throw new Skip(messageOf(e));
      if (!kind(e)) throw new Failure(`expected ${what} "${text}", got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      const message = messageOf(e);
      if (!message.startsWith(text)) throw new Failure(`expected ${what} "${text}", got "${message}"`);
      return;
    }
    throw new Failure(`expected ${what} "${text}", but it succeeded`);
  }

  /**
   * A text-format `assert_malformed`. `@rt/text` reads the 3.0 text format, where two things of
   * the 2.0 suite differ: limits and memory offsets of 2^32 and more are well-formed (64-bit),
   * which is skipped with that reason; and 2.0's "malformed lane index" is 3.0's
   * "i8 constant out of range" or "unexpected token".
   */
  private malformedText(m: WastModule, text: string): void {
    try {
      m.encode();
    } catch (e) {
      if (!(e instanceof WatSyntaxError)) throw new Failure(`expected malformed text "${text}", got ${messageOf(e)}`);
      if (e.reason.startsWith(text)) return;
      if (text === 'malformed lane index' && /^(?:i8 constant out of range|unexpected token)/.test(e.reason)) return;
      throw new Failure(`expected malformed text "${text}", got "${e.reason}"`);
    }
    if ('i32 constant out of range'.startsWith(text)) throw new Skip('well-formed in the 3.0 text format (64-bit limits and offsets)');
    throw new Failure(`expected malformed text "${text}", but it parsed`);
  }

  private command(c: WastCommand): void {
    switch (c.type) {
      case 'module': {
        const bytes = this.bytes(c.module);
        if (c.definition) {
          if (c.name !== null) this.definitions.set(c.name, bytes);
          this.lastDefinition = bytes;
          // A definition must at least compile.
          try {
            this.engine.compile(bytes);
          } catch (e) {
            if (unsupported(e)) throw new Skip(messageOf(e));
            throw new Failure(`module does not compile: ${messageOf(e)}`);
          }
          return;
        }
        this.current = null;
        const inst = this.instantiateOk(bytes);
        this.current = inst;
        if (c.name !== null) this.instances.set(c.name, inst);
        return;
      }
      case 'module_instance': {
        const inst = this.instantiateOk(this.definition({ kind: 'instance', instance: c.instance, module: c.module }));
        this.current = inst;
        if (c.instance !== null) this.instances.set(c.instance, inst);
        return;
      }
      case 'register':
        this.registry.set(c.as, this.target(c.name));
        return;
      case 'action':
        this.act(c.action);
        return;
      case 'assert_return': {
        const { values, types } = this.act(c.action);
        if (values.length !== c.expected.length) throw new Failure(`expected ${c.expected.length} results, got ${values.length}`);
        c.expected.forEach((e, i) => {
          if (!matches(e, values[i]!, types[i]!, this.refs)) {
            throw new Failure(`result ${i}: got ${show(values[i]!, types[i]!)}`);
          }
        });
        return;
      }
      case 'assert_trap': {
        const action = c.action;
        if (action !== null) this.expectError(() => this.act(action), (e) => e instanceof Trap, 'trap', c.text);
        else {
          const bytes = this.moduleBytes(c.module!);
          this.expectError(() => this.instantiate(bytes), (e) => e instanceof Trap, 'trap', c.text);
        }
        return;
      }
      case 'assert_exhaustion':
        this.expectError(() => this.act(c.action), (e) => e instanceof Trap, 'exhaustion', c.text);
        return;
      case 'assert_invalid': {
        const bytes = this.moduleBytes(c.module);
        this.expectError(() => {
          const error = validateResult(decode(bytes));
          if (error !== null) throw error;
        }, (e) => e instanceof ValidationError, 'invalid', c.text);
        return;
      }
      case 'assert_malformed': {
        if (c.module.kind === 'quote') {
          const m = c.module;
          this.malformedText(m, c.text);
          return;
        }
        const bytes = this.moduleBytes(c.module);
        this.expectError(() => this.engine.compile(bytes), (e) => e instanceof DecodeError, 'malformed', c.text);
        return;
      }
      case 'assert_unlinkable': {
        const bytes = this.moduleBytes(c.module);
        this.expectError(() => this.instantiate(bytes), (e) => e instanceof LinkError, 'link error', c.text);
        return;
      }
      case 'assert_uninstantiable': {
        const bytes = this.moduleBytes(c.module);
        this.expectError(() => this.instantiate(bytes), (e) => e instanceof Trap, 'trap', c.text);
        return;
      }
      case 'assert_exception': case 'assert_suspension':
        throw new Skip(`${c.type} needs exceptions or stack switching, which the engine does not run yet`);
      case 'assert_malformed_custom':
        if (c.module.kind === 'quote') {
          this.malformedText(c.module, c.text);
          return;
        }
        throw new Skip('custom sections of binaries are not checked');
      case 'assert_invalid_custom':
        throw new Skip('custom sections of binaries are not checked');
    }
  }
}
