/**
 * The engine stage: one script's state (named instances, registrations, the spectest host
 * instance) and the checks of the engine commands, through an {@link EngineAdapter}.
 */
import type { Action } from '../reader/commands.js';
import type { EngineAdapter, RunFailure } from '../engines/adapter.js';
import { matchResult, messageMatches } from '../match.js';
import { fail, PASS, type Check } from '../report.js';
import { formatExpected, formatValue, type Expected, type Value } from '../values.js';
import { describe } from './load.js';

function describeFailure(f: { kind: string; message: string }): string {
  return `${f.kind}: ${f.message}`;
}

/** One script's run through an engine. Create one per script. */
export class EngineSession<I> {
  /**
   * Instances by `$name`; `undefined` records that the named module failed to instantiate. Handles
   * are boxed: the adapter's handle type is opaque and could itself be `undefined`.
   */
  private readonly named = new Map<string, { readonly instance: I } | undefined>();
  private readonly registry = new Map<string, I>();
  private current: { readonly instance: I } | undefined;
  /** Why `current` is missing, for failure reports. */
  private missing = 'no module instantiated yet';

  private constructor(private readonly adapter: EngineAdapter<I>) {}

  static async start<I>(adapter: EngineAdapter<I>): Promise<EngineSession<I>> {
    const s = new EngineSession(adapter);
    s.registry.set('spectest', await adapter.createSpectest());
    return s;
  }

  /** The instance an action or registration names (the adapter's handle may be any value). */
  private instance(name: string | undefined): { ok: true; instance: I } | { ok: false; why: string } {
    if (name === undefined) return this.current === undefined ? { ok: false, why: this.missing } : { ok: true, instance: this.current.instance };
    if (!this.named.has(name)) return { ok: false, why: `unknown module ${name}` };
    const box = this.named.get(name);
    return box === undefined ? { ok: false, why: `module ${name} failed to instantiate` } : { ok: true, instance: box.instance };
  }

  /** `(module ...)`: it must instantiate. */
  async module(bytes: Uint8Array, name: string | undefined, line: number): Promise<Check> {
    let check: Check;
    let instance: { readonly instance: I } | undefined;
    try {
      const r = await this.adapter.instantiate(bytes, this.registry);
      if (r.ok) {
        instance = { instance: r.instance };
        check = PASS;
      } else {
        check = fail('module instantiates', describeFailure(r));
      }
    } catch (e) {
      check = fail('module instantiates', `adapter threw ${describe(e)}`);
    }
    this.current = instance;
    this.missing = `the module at line ${line} failed to instantiate`;
    if (name !== undefined) this.named.set(name, instance);
    return check;
  }

  /** A module the script could not provide (wabt cannot encode it): later commands must not use a stale one. */
  moduleUnavailable(name: string | undefined, line: number): void {
    this.current = undefined;
    this.missing = `the module at line ${line} was skipped`;
    if (name !== undefined) this.named.set(name, undefined);
  }

  /** `(register "as" $name?)`. */
  register(as: string, name: string | undefined): Check {
    const inst = this.instance(name);
    if (!inst.ok) return fail(`register "${as}"`, inst.why);
    this.registry.set(as, inst.instance);
    return PASS;
  }

  /** `assert_unlinkable`, `assert_uninstantiable` (and `assert_trap` on a module). */
  async moduleFails(bytes: Uint8Array, kinds: readonly ('link' | 'trap' | 'exhaustion')[], message: string): Promise<Check> {
    const expected = `${kinds.join(' or ')}: ${message}`;
    try {
      const r = await this.adapter.instantiate(bytes, this.registry);
      if (r.ok) return fail(expected, 'module instantiated');
      if (!(kinds as readonly string[]).includes(r.kind)) return fail(expected, describeFailure(r));
      return this.messageCheck(expected, r, message);
    } catch (e) {
      return fail(expected, `adapter threw ${describe(e)}`);
    }
  }

  private messageCheck(expected: string, r: { kind: string; message: string }, want: string): Check {
    if (!this.adapter.specMessages || messageMatches(want, r.message)) return PASS;
    return fail(expected, describeFailure(r));
  }

  private async run(action: Action): Promise<{ ok: true; values: readonly Value[] } | RunFailure> {
    const inst = this.instance(action.module);
    if (!inst.ok) return { ok: false, kind: 'error', message: inst.why };
    try {
      if (action.kind === 'invoke') return await this.adapter.invoke(inst.instance, action.field, action.args);
      const r = await this.adapter.getGlobal(inst.instance, action.field);
      return r.ok ? { ok: true, values: [r.value] } : r;
    } catch (e) {
      return { ok: false, kind: 'error', message: `adapter threw ${describe(e)}` };
    }
  }

  /** A bare `(invoke ...)` or `(get ...)`: it must complete. */
  async action(action: Action): Promise<Check> {
    const r = await this.run(action);
    return r.ok ? PASS : fail('completes', describeFailure(r));
  }

  /** `assert_return`: results compared bit for bit, NaN patterns and lanes as the spec says. */
  async assertReturn(action: Action, expected: readonly Expected[]): Promise<Check> {
    const r = await this.run(action);
    const want = `[${expected.map(formatExpected).join(', ')}]`;
    if (!r.ok) return fail(want, describeFailure(r));
    const got = `[${r.values.map(formatValue).join(', ')}]`;
    if (r.values.length !== expected.length) return fail(want, got);
    for (let i = 0; i < expected.length; i++) {
      if (!matchResult(expected[i]!, r.values[i]!, this.adapter.exactBits)) return fail(want, got);
    }
    return PASS;
  }

  /** `assert_trap` / `assert_exhaustion` on an action. */
  async assertFails(action: Action, kind: 'trap' | 'exhaustion' | 'exception', message: string): Promise<Check> {
    const r = await this.run(action);
    const expected = `${kind}: ${message}`;
    if (r.ok) return fail(expected, `returned [${r.values.map(formatValue).join(', ')}]`);
    if (r.kind !== kind) return fail(expected, describeFailure(r));
    return this.messageCheck(expected, r, message);
  }
}
