/**
 * The official SIMD scripts (`simd_*.wast` of the WebAssembly 2.0 core suite) run against our SIMD
 * operations alone, before the interpreter core exists: a minimal straight-line evaluator executes
 * the exported test functions whose bodies only use locals, constants, `drop` and SIMD
 * instructions, and checks every `assert_return` / `assert_trap` on them bit for bit (NaN
 * patterns as the script says). Functions with other instructions (control flow, scalar
 * arithmetic, …) are left to the full spec run of the interpreter; the counts are printed.
 *
 * The script reader and value matcher are the spec runner's own (`tools/spectest`), so constants
 * are parsed exactly (correctly rounded float literals, NaN payloads), not re-implemented here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asFuncType, decode, OPCODE_BY_ID, PREFIX_FD_BASE, type Module } from '@rt/binary';
import wabtInit from 'wabt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchResult } from '../../../tools/spectest/src/match.js';
import { parseScript, type Action } from '../../../tools/spectest/src/reader/commands.js';
import { formatExpected, formatValue, type Value } from '../../../tools/spectest/src/values.js';
import { createStackViews, type StackViews } from '../src/runtime/stack-views.js';
import { Trap } from '../src/runtime/trap.js';
import { SIMD_MEM_OPS, SIMD_OPS } from '../src/simd/index.js';

const SUITE = join(import.meta.dirname, '../../../../shared/testsuite/wasm-2.0');
const FILES = existsSync(SUITE) ? readdirSync(SUITE).filter((f) => /^simd_.*\.wast$/.test(f)).sort() : [];

type Wabt = Awaited<ReturnType<typeof wabtInit>>;
let wabt: Wabt;
beforeAll(async () => {
  wabt = await wabtInit();
});

/** Thrown for a function this evaluator does not handle: the assertion is counted as skipped. */
class Unsupported extends Error {}

/** A module ready to evaluate: decoded, with its memory initialised from active data segments. */
interface Loaded {
  readonly module: Module;
  readonly memory: Uint8Array;
}

function load(bytes: Uint8Array): Loaded | null {
  const module = decode(bytes);
  if (module.imports.length > 0 || module.globals.length > 0) return null;
  const pages = module.memories[0]?.limits.min ?? 0;
  const memory = new Uint8Array(pages * 65536);
  const s = module.instructions;
  for (const d of module.datas) {
    if (d.mode !== 'active') continue;
    const at = d.memoryOffset!.start;
    if (OPCODE_BY_ID[s.ops[at]!]!.name !== 'i32.const') return null;
    const offset = s.imms[s.immStart[at]!]!;
    if (offset + d.bytes.length > memory.length) return null;
    memory.set(d.bytes, offset);
  }
  return { module, memory };
}

const stack: StackViews = createStackViews(4096);

/** Writes an argument into the two slots at `slot`. */
function put(slot: number, v: Value): void {
  const u = stack.u32;
  u[2 * slot] = 0;
  u[2 * slot + 1] = 0;
  switch (v.type) {
    case 'i32':
    case 'f32':
      u[2 * slot] = v.bits;
      break;
    case 'i64':
    case 'f64':
      u[2 * slot] = Number(BigInt.asUintN(32, v.bits));
      u[2 * slot + 1] = Number(BigInt.asUintN(32, v.bits >> 32n));
      break;
    case 'v128':
      stack.u8.set(v.bytes, 8 * slot);
      break;
    default:
      throw new Unsupported('reference argument');
  }
}

const VALTYPE_NAME: Record<number, string> = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128' };

/** Reads the value of type `t` at `slot`. */
function get(slot: number, t: string): Value {
  const u = stack.u32;
  const w64 = (): bigint => (BigInt(u[2 * slot + 1]!) << 32n) | BigInt(u[2 * slot]!);
  switch (t) {
    case 'i32': return { type: 'i32', bits: u[2 * slot]! };
    case 'f32': return { type: 'f32', bits: u[2 * slot]! };
    case 'i64': return { type: 'i64', bits: w64() };
    case 'f64': return { type: 'f64', bits: w64() };
    case 'v128': return { type: 'v128', bytes: stack.u8.slice(8 * slot, 8 * slot + 16) };
    default: throw new Unsupported(`result type ${t}`);
  }
}

/**
 * Runs exported function `field` on `args`. Every local and operand takes two slots (room for a
 * v128), locals first; SIMD operations get `dst = a` as in the interpreter's in-place use.
 */
function invoke(m: Loaded, field: string, args: readonly Value[]): Value[] {
  const { module } = m;
  const exp = module.exports.find((e) => e.name === field && e.kind === 'func');
  if (!exp) throw new Unsupported(`no function export ${field}`);
  const type = asFuncType(module.types[module.functions[exp.index]!]);
  const body = module.codes[exp.index]!;
  const nLocals = type.params.length + body.localCount;
  stack.u32.fill(0, 0, 4 * nLocals + 4);
  args.forEach((v, i) => put(2 * i, v));
  const s = module.instructions;
  let sp = 2 * nLocals;
  for (let i = body.code.start; i < body.code.end; i++) {
    const op = s.ops[i]!;
    const k = s.immStart[i]!;
    const info = OPCODE_BY_ID[op]!;
    if (op >= PREFIX_FD_BASE) {
      const code = op - PREFIX_FD_BASE;
      const [lhs, rhs] = info.signature!.split('->');
      const nIn = lhs!.trim() ? lhs!.trim().split(/\s+/).length : 0;
      const hasResult = rhs!.trim() !== '';
      const base = sp - 2 * nIn;
      const pure = SIMD_OPS[code];
      if (pure) pure(stack, base, base, base + 2, base + 4, s.imms, k);
      else SIMD_MEM_OPS[code]!(stack, base, base, base + 2, m.memory, s.imms, k);
      sp = base + (hasResult ? 2 : 0);
      continue;
    }
    switch (info.name) {
      case 'local.get': {
        const l = s.imms[k]!;
        stack.u32.copyWithin(2 * sp, 4 * l, 4 * l + 4);
        sp += 2;
        break;
      }
      case 'local.set':
      case 'local.tee': {
        const l = s.imms[k]!;
        stack.u32.copyWithin(4 * l, 2 * (sp - 2), 2 * sp);
        if (info.name === 'local.set') sp -= 2;
        break;
      }
      case 'i32.const':
      case 'f32.const':
        stack.u32[2 * sp] = s.imms[k]!;
        stack.u32[2 * sp + 1] = 0;
        sp += 2;
        break;
      case 'i64.const':
      case 'f64.const':
        stack.u32[2 * sp] = s.imms[k]!;
        stack.u32[2 * sp + 1] = s.imms[k + 1]!;
        sp += 2;
        break;
      case 'drop':
        sp -= 2;
        break;
      case 'nop':
        break;
      case 'end':
        if (i !== body.code.end - 1) throw new Unsupported('block');
        break;
      default:
        throw new Unsupported(info.name);
    }
  }
  const n = type.results.length;
  return type.results.map((t, j) => get(sp - 2 * (n - j), VALTYPE_NAME[t as unknown as number] ?? String(t)));
}

interface Counts {
  passed: number;
  skipped: number;
}
const totals: Record<string, Counts> = {};
const reasons = new Map<string, number>();

afterAll(() => {
  const all = Object.values(totals).reduce((x, c) => ({ passed: x.passed + c.passed, skipped: x.skipped + c.skipped }), { passed: 0, skipped: 0 });
  const why = [...reasons].sort((x, y) => y[1] - x[1]).map(([k, n]) => `${k.replace(/\s+/g, ' ').slice(0, 60)} ×${n}`);
  console.log(
    `simd_*.wast on SIMD_OPS alone: ${all.passed} assertions passed, ${all.skipped} left to the full interpreter run` +
      (why.length > 0 ? ` (functions using: ${why.join(', ')})` : ''),
  );
});

describe.skipIf(FILES.length === 0)('official SIMD scripts', () => {
  for (const file of FILES) {
    it(file, () => {
      const commands = parseScript(new Uint8Array(readFileSync(join(SUITE, file))));
      const counts: Counts = { passed: 0, skipped: 0 };
      totals[file] = counts;
      const named = new Map<string, Loaded | null>();
      let current: Loaded | null = null;
      const target = (a: Action): Loaded | null => (a.module === undefined ? current : (named.get(a.module) ?? null));
      const failures: string[] = [];
      for (const c of commands) {
        if (c.kind === 'module') {
          current = null;
          if (c.module.source.kind !== 'quote' && c.module.source.kind !== 'instance') {
            try {
              const bytes =
                c.module.source.kind === 'binary'
                  ? c.module.source.bytes
                  : (() => {
                      // A compact copy: wabt reads a view's whole underlying buffer.
                      const p = wabt.parseWat(file, new Uint8Array(c.module.source.bytes), { simd: true });
                      try {
                        return new Uint8Array(p.toBinary({}).buffer);
                      } finally {
                        p.destroy();
                      }
                    })();
              current = load(bytes);
            } catch (e) {
              const why = `module not loaded: ${String(e)}`;
              reasons.set(why, (reasons.get(why) ?? 0) + 1);
              current = null;
            }
          }
          if (c.module.name !== undefined) named.set(c.module.name, current);
          continue;
        }
        if (c.kind !== 'assert_return' && c.kind !== 'assert_trap') continue;
        const a = c.action;
        const m = target(a);
        if (a.kind !== 'invoke' || m === null) {
          counts.skipped++;
          continue;
        }
        try {
          const results = invoke(m, a.field, a.args);
          if (c.kind === 'assert_trap') {
            failures.push(`${file}:${c.line}: expected trap "${c.message}", got ${results.map(formatValue).join(', ')}`);
            continue;
          }
          const ok = results.length === c.expected.length && c.expected.every((e, j) => matchResult(e, results[j]!));
          if (ok) counts.passed++;
          else failures.push(`${file}:${c.line}: ${a.field}: expected ${c.expected.map(formatExpected).join(', ')}, got ${results.map(formatValue).join(', ')}`);
        } catch (e) {
          if (e instanceof Unsupported) {
            counts.skipped++;
            reasons.set(e.message, (reasons.get(e.message) ?? 0) + 1);
          }
          else if (c.kind === 'assert_trap' && e instanceof Trap && e.message === c.message) counts.passed++;
          else failures.push(`${file}:${c.line}: ${a.field}: threw ${String(e)}`);
        }
      }
      expect(failures.slice(0, 20)).toEqual([]);
    });
  }
});
