/**
 * Running one script: every command through every stage that applies to it.
 *
 * | command                      | decode              | validate           | engine                 |
 * | ---------------------------- | ------------------- | ------------------ | ---------------------- |
 * | module                       | decodes             | validates          | instantiates           |
 * | assert_malformed (binary)    | rejected, message   | -                  | -                      |
 * | assert_malformed (quote)     | rejected by @rt/text| -                  | -                      |
 * | assert_invalid               | decodes             | rejected, message  | -                      |
 *
 * The compile stage (the JS API's `new Module` and `validate`, see `stages/compile.ts`) checks
 * every `module` (validate is true), `assert_invalid` and binary `assert_malformed` (a
 * CompileError with the message, and validate false).
 * | assert_unlinkable            | decodes             | validates          | link error, message    |
 * | assert_uninstantiable / trap | decodes             | validates          | trap, message          |
 * | register, invoke, get, assert_return, assert_trap, assert_exhaustion | - | - | as the command says |
 * | module definition (3.0)      | decodes             | validates          | -                      |
 * | module instance (3.0)        | -                   | -                  | instantiates the definition |
 * | assert_exception (3.0)       | -                   | -                  | an uncaught exception |
 */
import type { Command, ScriptModule } from './reader/commands.js';
import type { EngineAdapter } from './engines/adapter.js';
import { messageMatches } from './match.js';
import { fail, PASS, skip, Tally, type Check, type Stage } from './report.js';
import type { CompileStage } from './stages/compile.js';
import type { DecodeStage } from './stages/decode.js';
import { EngineSession } from './stages/engine.js';
import { describe } from './stages/load.js';
import type { ValidateStage } from './stages/validate.js';
import { checkMalformedText, encodeModule } from './text.js';

/** The stages of a run: each is the loaded stage, or the reason it is skipped. */
export interface Stages {
  readonly decode: DecodeStage | string;
  readonly validate: ValidateStage | string;
  readonly engine: EngineAdapter | string;
  /** The JS API's `new Module` and `validate` on the bytes (absent: the runner's own tests). */
  readonly compile?: CompileStage | string;
}

/** A short description of a command for failure reports. */
function describeCommand(c: Command): string {
  switch (c.kind) {
    case 'module':
      return `module${c.definition ? ' definition' : ''}${c.module.name ? ' ' + c.module.name : ''}`;
    case 'instance':
      return `module instance${c.name ? ' ' + c.name : ''}${c.definition ? ' ' + c.definition : ''}`;
    case 'assert_exception':
      return `assert_exception (${c.action.kind} "${c.action.field}")`;
    case 'register':
      return `register "${c.as}"${c.module ? ' ' + c.module : ''}`;
    case 'action':
    case 'assert_return':
    case 'assert_trap':
    case 'assert_exhaustion': {
      const a = c.action;
      const head = c.kind === 'action' ? '' : `${c.kind} `;
      return `${head}(${a.kind}${a.module ? ' ' + a.module : ''} "${a.field}")`;
    }
    case 'unsupported':
      return c.keyword;
    default:
      return `${c.kind} "${c.message}"`;
  }
}

/**
 * Runs one script's commands through the stages.
 *
 * @param onCommand - called with each command's line before it runs (the watchdog's heartbeat).
 */
export async function runScript(name: string, commands: readonly Command[], stages: Stages, onCommand?: (line: number) => void): Promise<Tally> {
  const tally = new Tally();
  const { decode, validate, engine } = stages;
  const compile = stages.compile;
  // Without a session every engine check gets `engineUnavailable`: skipped when there is no
  // engine, failed when the engine could not even set up the spectest host module.
  let session: EngineSession<unknown> | undefined;
  let engineUnavailable: Check = skip(typeof engine === 'string' ? engine : '');
  if (typeof engine !== 'string') {
    try {
      session = await EngineSession.start(engine);
    } catch (e) {
      engineUnavailable = fail('the spectest host module instantiates', describe(e));
    }
  }

  // 3.0's `module definition`s: by name, and the latest one (what an unnamed `module instance` means).
  const definitions = new Map<string, Uint8Array | undefined>();
  let latestDefinition: { readonly bytes: Uint8Array | undefined } | undefined;
  const definitionBytes = (name: string | undefined): { ok: true; bytes: Uint8Array | undefined } | { ok: false; why: string } => {
    if (name === undefined) return latestDefinition ? { ok: true, bytes: latestDefinition.bytes } : { ok: false, why: 'no module definition yet' };
    return definitions.has(name) ? { ok: true, bytes: definitions.get(name) } : { ok: false, why: `unknown module definition ${name}` };
  };

  for (const c of commands) {
    onCommand?.(c.line);
    const before = tally.mark();
    const what = describeCommand(c);
    const record = (stage: Stage, check: Check): void => tally.record(name, c.line, what, c.kind, stage, check);

    /** Encodes, decodes and validates a module that must be valid; returns its bytes if it has any. */
    const wellFormed = async (m: ScriptModule): Promise<Uint8Array | undefined> => {
      const enc = encodeModule(m);
      if (!enc.ok) {
        record('decode', skip(enc.reason, enc.detail));
        record('validate', skip(enc.reason));
        return undefined;
      }
      if (typeof decode === 'string') {
        record('decode', skip(decode));
        record('validate', skip(typeof validate === 'string' ? validate : 'needs the decode stage'));
        return enc.bytes;
      }
      const d = decode.decode(enc.bytes);
      if (!d.ok) {
        record('decode', fail('module decodes', `${d.kind === 'rejected' ? `DecodeError at ${d.offset}` : 'crashed'}: ${d.message}`));
        record('validate', skip('does not decode'));
        return enc.bytes;
      }
      record('decode', PASS);
      if (typeof validate === 'string') {
        record('validate', skip(validate));
        return enc.bytes;
      }
      const v = validate.validate(d.module);
      record('validate', v.ok ? PASS : fail('module validates', `${v.kind}: ${v.message}`));
      return enc.bytes;
    };

    /** The binary of an assertion's module: its own, or that of the definition it instantiates. */
    const assertedModule = async (m: ScriptModule): Promise<Uint8Array | undefined | { why: string }> => {
      if (m.source.kind !== 'instance') return wellFormed(m);
      const d = definitionBytes(m.source.definition);
      return d.ok ? d.bytes : { why: d.why };
    };

    switch (c.kind) {
      case 'module': {
        const bytes = await wellFormed(c.module);
        if (compile !== undefined) record('compile', typeof compile === 'string' ? skip(compile) : bytes === undefined ? skip('@rt/text cannot encode') : compile.accepts(bytes));
        if (c.definition) {
          latestDefinition = { bytes };
          if (c.module.name !== undefined) definitions.set(c.module.name, bytes);
          break;
        }
        if (!session) record('engine', engineUnavailable);
        else if (bytes === undefined) {
          session.moduleUnavailable(c.module.name, c.line);
          record('engine', skip('@rt/text cannot encode'));
        } else record('engine', await session.module(bytes, c.module.name, c.line));
        break;
      }
      case 'assert_malformed': {
        if (c.module.source.kind !== 'binary') {
          // Malformed text: @rt/text must reject it (the JS API only ever sees binaries).
          record('decode', checkMalformedText(c.module, c.message));
          break;
        }
        const enc = encodeModule(c.module);
        if (compile !== undefined) record('compile', typeof compile === 'string' ? skip(compile) : !enc.ok ? skip(enc.reason) : compile.rejects(enc.bytes, c.message));
        if (!enc.ok) record('decode', skip(enc.reason, enc.detail));
        else if (typeof decode === 'string') record('decode', skip(decode));
        else {
          const d = decode.decode(enc.bytes);
          const expected = `DecodeError: ${c.message}`;
          if (d.ok) record('decode', fail(expected, 'decoded'));
          else if (d.kind === 'crashed') record('decode', fail(expected, `crashed: ${d.message}`));
          else if (!messageMatches(c.message, d.message)) record('decode', fail(expected, `DecodeError at ${d.offset}: ${d.message}`));
          // `.offset` is part of DecodeError's contract: a byte offset within the module (or its end).
          else if (!Number.isInteger(d.offset) || d.offset < 0 || d.offset > enc.bytes.length) {
            record('decode', fail(`${expected}, offset in 0..${enc.bytes.length}`, `DecodeError at ${d.offset}: ${d.message}`));
          } else record('decode', PASS);
        }
        break;
      }
      case 'assert_invalid': {
        const enc = encodeModule(c.module);
        if (compile !== undefined) record('compile', typeof compile === 'string' ? skip(compile) : !enc.ok ? skip(enc.reason) : compile.rejects(enc.bytes, c.message));
        if (!enc.ok) {
          record('decode', skip(enc.reason, enc.detail));
          record('validate', skip(enc.reason));
          break;
        }
        if (typeof decode === 'string') {
          record('decode', skip(decode));
          record('validate', skip(typeof validate === 'string' ? validate : 'needs the decode stage'));
          break;
        }
        const d = decode.decode(enc.bytes);
        if (!d.ok) {
          record('decode', fail('invalid module decodes', `${d.kind}: ${d.message}`));
          record('validate', skip('does not decode'));
          break;
        }
        record('decode', PASS);
        if (typeof validate === 'string') {
          record('validate', skip(validate));
          break;
        }
        const v = validate.validate(d.module);
        const expected = `ValidationError: ${c.message}`;
        if (v.ok) record('validate', fail(expected, 'validated'));
        else if (v.kind === 'crashed') record('validate', fail(expected, `crashed: ${v.message}`));
        else record('validate', messageMatches(c.message, v.message) ? PASS : fail(expected, `ValidationError: ${v.message}`));
        break;
      }
      case 'instance': {
        const d = definitionBytes(c.definition);
        if (!session) record('engine', engineUnavailable);
        else if (!d.ok) {
          session.moduleUnavailable(c.name, c.line);
          record('engine', fail('module instantiates', d.why));
        } else if (d.bytes === undefined) {
          session.moduleUnavailable(c.name, c.line);
          record('engine', skip('@rt/text cannot encode'));
        } else record('engine', await session.module(d.bytes, c.name, c.line));
        break;
      }
      case 'assert_unlinkable':
      case 'assert_uninstantiable': {
        const bytes = await assertedModule(c.module);
        if (!session) record('engine', engineUnavailable);
        else if (bytes === undefined) record('engine', skip('@rt/text cannot encode'));
        else if (!(bytes instanceof Uint8Array)) record('engine', fail(c.kind, bytes.why));
        else {
          const kinds = c.kind === 'assert_unlinkable' ? (['link'] as const) : (['trap', 'exhaustion'] as const);
          record('engine', await session.moduleFails(bytes, kinds, c.message));
        }
        break;
      }
      case 'register':
        record('engine', session ? session.register(c.as, c.module) : engineUnavailable);
        break;
      case 'action':
        record('engine', session ? await session.action(c.action) : engineUnavailable);
        break;
      case 'assert_return':
        record('engine', session ? await session.assertReturn(c.action, c.expected) : engineUnavailable);
        break;
      case 'assert_trap':
        record('engine', session ? await session.assertFails(c.action, 'trap', c.message) : engineUnavailable);
        break;
      case 'assert_exhaustion':
        record('engine', session ? await session.assertFails(c.action, 'exhaustion', c.message) : engineUnavailable);
        break;
      case 'assert_exception':
        // The script names no message: any uncaught Wasm exception passes.
        record('engine', session ? await session.assertFails(c.action, 'exception', '') : engineUnavailable);
        break;
      case 'unsupported':
        record('engine', skip(`unsupported command "${c.keyword}"`));
        break;
    }
    tally.commandDone(before);
  }
  return tally;
}
