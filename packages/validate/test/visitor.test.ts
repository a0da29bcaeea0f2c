import { OPCODE_BY_ID, ValType, type Module } from '@rt/binary';
import { describe, expect, it } from 'vitest';
import {
  FrameKind, UNKNOWN_TYPE, validate, validateFunction, validateResult, type FunctionVisitor, type ValidationState,
} from '../src/index.js';
import { mod } from './helpers.js';

const { i32, i64, f32 } = ValType;

interface Snapshot {
  op: string;
  height: number;
  top: number[];
  frames: number;
  kind: FrameKind;
  label: readonly number[];
  unreachable: boolean;
}

function snap(m: Module, i: number, s: ValidationState): Snapshot {
  const top: number[] = [];
  for (let d = 0; d < Math.min(s.height, 3); d++) top.push(s.operandType(d));
  return {
    op: OPCODE_BY_ID[m.instructions.ops[i]!]!.name,
    height: s.height,
    top,
    frames: s.frameCount,
    kind: s.frameCount > 0 ? s.frameKind(0) : FrameKind.Function,
    label: s.frameCount > 0 ? [...s.labelTypes(0)] : [],
    unreachable: s.frameCount > 0 ? s.unreachable : false,
  };
}

/** Records the state around every instruction of every function. */
function record(m: Module): { before: Snapshot[]; after: Snapshot[]; funcs: number[] } {
  const before: Snapshot[] = [];
  const after: Snapshot[] = [];
  const funcs: number[] = [];
  validate(m, {
    visitor: (f) => {
      funcs.push(f);
      return {
        before: (i, s) => before.push(snap(m, i, s)),
        after: (i, s) => after.push(snap(m, i, s)),
      };
    },
  });
  return { before, after, funcs };
}

describe('FunctionVisitor', () => {
  it('sees operand types and heights before and after each instruction', async () => {
    const m = await mod('(module (func (param i64) (result i32) (local f32) local.get 0 i32.wrap_i64 i32.const 2 i32.add))');
    const { before, after } = record(m);
    expect(before.map((b) => b.op)).toEqual(['local.get', 'i32.wrap_i64', 'i32.const', 'i32.add', 'end']);
    expect(after.map((a) => a.height)).toEqual([1, 1, 2, 1, 1]);
    expect(after[0]!.top).toEqual([i64]);
    expect(after[1]!.top).toEqual([i32]);
    expect(before[3]!.top).toEqual([i32, i32]);
    expect(after[3]!.top).toEqual([i32]);
    // After the final end the function frame is gone and its results are on the stack.
    expect(after[4]!.frames).toBe(0);
    expect(before[4]!.frames).toBe(1);
    expect(before[4]!.kind).toBe(FrameKind.Function);
    expect(before[4]!.label).toEqual([i32]);
  });

  it('exposes frames: kinds, heights, label types, params and results', async () => {
    const m = await mod(`(module (type $t (func (param i32) (result f32)))
      (func (result f32)
        i64.const 9 drop
        i32.const 1
        loop (type $t)
          drop
          f32.const 0
        end))`);
    const seen: { kind: FrameKind; height: number; label: number[]; params: number[]; results: number[]; outer: FrameKind }[] = [];
    validate(m, {
      visitor: () => ({
        after(i, s) {
          if (OPCODE_BY_ID[m.instructions.ops[i]!]!.name === 'loop') {
            seen.push({
              kind: s.frameKind(0),
              height: s.frameHeight(0),
              label: [...s.labelTypes(0)],
              params: [...s.frameParams(0)],
              results: [...s.frameResults(0)],
              outer: s.frameKind(1),
            });
            expect(s.height).toBe(1); // the loop's param is on the stack, inside the loop frame
            expect(s.frameCount).toBe(2);
            expect(s.frameParams(1)).toEqual([]);
            expect(s.frameResults(1)).toEqual([f32]);
          }
        },
      }),
    });
    expect(seen).toEqual([{ kind: FrameKind.Loop, height: 0, label: [i32], params: [i32], results: [f32], outer: FrameKind.Function }]);
  });

  it('reports if/else frames and the unreachable flag with unknown operands', async () => {
    const m = await mod('(module (func (param i32) (result i32) local.get 0 if (result i32) unreachable i32.add else i32.const 1 end))');
    const { after } = record(m);
    const ops = after.map((a) => a.op);
    const add = after[ops.indexOf('i32.add')]!;
    expect(add.unreachable).toBe(true);
    expect(add.kind).toBe(FrameKind.If);
    expect(add.top).toEqual([i32]);
    const unreachable = after[ops.indexOf('unreachable')]!;
    expect(unreachable.height).toBe(0);
    const els = after[ops.indexOf('else')]!;
    expect(els.kind).toBe(FrameKind.Else);
    expect(els.unreachable).toBe(false);
  });

  it('reports UNKNOWN_TYPE for operands the polymorphic stack invents', async () => {
    const m = await mod('(module (func (result i32) unreachable select))');
    const tops: number[] = [];
    validate(m, { visitor: () => ({ after: (_i, s) => { if (s.height > 0 && s.frameCount > 0) tops.push(s.operandType(0)); } }) });
    expect(tops).toEqual([UNKNOWN_TYPE]);
  });

  it('gives local types, params first', async () => {
    const m = await mod('(module (func (param i64 f32) (local i32 i32) (local i64) nop))');
    let locals: readonly number[] = [];
    validate(m, { visitor: () => ({ before: (_i, s) => { locals = s.localTypes; } }) });
    expect(locals).toEqual([i64, f32, i32, i32, i64]);
  });

  it('is asked for a visitor per defined function, imports first in the index space', async () => {
    const m = await mod('(module (import "m" "f" (func)) (func) (func))');
    const { funcs } = record(m);
    expect(funcs).toEqual([1, 2]);
  });

  it('calls neither hook for the failing instruction, nor anything after it', async () => {
    const m = await mod('(module (func i32.const 1 f32.neg drop))');
    const before: number[] = [];
    const after: number[] = [];
    const visitor: FunctionVisitor = { before: (i) => before.push(i), after: (i) => after.push(i) };
    const e = validateResult(m, { visitor: () => visitor });
    expect(e?.message.startsWith('type mismatch')).toBe(true);
    const start = m.codes[0]!.code.start;
    expect(before).toEqual([start]);
    expect(after).toEqual([start]);
  });

  // The contract: `before` only ever sees an instruction whose immediates and operand types the
  // validator has accepted, so a consumer may index labels, functions, types, tables, locals
  // and globals from the immediates, and read its operands' types, without checking anything.
  // One module per rule an instruction can break: the failing instruction is never visited.
  const invalidBodies: readonly (readonly [string, string, string])[] = [
    ['unknown label', '(func block br 2 end)', 'unknown label 2'],
    ['unknown label (br_if)', '(func i32.const 0 br_if 1)', 'unknown label 1'],
    ['unknown label (br_table target)', '(func block i32.const 0 br_table 0 3 0 end)', 'unknown label 3'],
    ['unknown label (br_table default)', '(func i32.const 0 br_table 0 5)', 'unknown label 5'],
    ['br_table arity', '(func block (result i32) i32.const 1 i32.const 0 br_table 0 1 end drop)', 'type mismatch'],
    ['unknown function', '(func call 7)', 'unknown function 7'],
    ['unknown type (call_indirect)', '(table 1 funcref) (func i32.const 0 call_indirect (type 9))', 'unknown type 9'],
    ['unknown table (call_indirect)', '(type (func)) (func i32.const 0 call_indirect 3 (type 0))', 'unknown table 3'],
    ['unknown local', '(func local.get 3 drop)', 'unknown local 3'],
    ['unknown global', '(func global.get 2 drop)', 'unknown global 2'],
    ['immutable global', '(global i32 (i32.const 0)) (func i32.const 1 global.set 0)', 'immutable global'],
    ['unknown memory', '(func i32.const 0 i32.load drop)', 'unknown memory 0'],
    ['alignment', '(memory 1) (func i32.const 0 i32.load align=8 drop)', 'alignment must not be larger than natural'],
    ['unknown table', '(func i32.const 0 table.get 0 drop)', 'unknown table 0'],
    ['unknown elem segment', '(table 1 funcref) (func elem.drop 4)', 'unknown elem segment 4'],
    ['undeclared function reference', '(func ref.func 0 drop)', 'undeclared function reference'],
    ['operand type (call)', '(func (param i32)) (func f32.const 0 call 0)', 'type mismatch'],
    ['operand type (fixed signature)', '(func i64.const 0 i32.eqz drop)', 'type mismatch'],
    ['missing operand', '(func i32.add drop)', 'type mismatch'],
    ['operand type (br)', '(func (result i32) block (result i32) f32.const 0 br 0 end)', 'type mismatch'],
    ['operand type (local.set)', '(func (local i32) f32.const 0 local.set 0)', 'type mismatch'],
    ['operand type (select)', '(func i32.const 0 f32.const 0 i32.const 1 select drop)', 'type mismatch'],
    ['reference select', '(func ref.null func ref.null func i32.const 1 select drop)', 'type mismatch'],
    ['end with leftovers', '(func i32.const 0)', 'type mismatch'],
    ['if without else', '(func (result i32) i32.const 0 if (result i32) i32.const 1 end)', 'type mismatch'],
    ['if condition', '(func f32.const 0 if end)', 'type mismatch'],
    ['else leftovers', '(func i32.const 0 if i32.const 1 else end)', 'type mismatch'],
  ];
  for (const [rule, fields, message] of invalidBodies) {
    it(`never shows a hook an instruction that breaks a rule: ${rule}`, async () => {
      const m = await mod(`(module ${fields})`);
      const before: number[] = [];
      const after: number[] = [];
      const e = validateResult(m, { visitor: () => ({ before: (i) => before.push(i), after: (i) => after.push(i) }) });
      // (A type mismatch may go on with the reference interpreter's details.)
      expect(e?.message.startsWith(message), e?.message).toBe(true);
      // Every instruction `before` saw was accepted (so `after` saw it too), and the failing
      // one, at the error's offset, was seen by neither.
      expect(before).toEqual(after);
      const failing = [...m.instructions.offsets].indexOf(e!.offset, m.codes[m.codes.length - 1]!.code.start);
      expect(failing).toBeGreaterThanOrEqual(0);
      expect(before).not.toContain(failing);
    });
  }

  it('shows a hook the state before the instruction, with its operands still on the stack', async () => {
    const m = await mod(`(module (func (param i32 i64) (result i64)
      block (result i64) local.get 1 local.get 0 br_if 0 end
      unreachable i64.add))`);
    const seen: string[] = [];
    validate(m, {
      visitor: () => ({
        before(i, s) {
          const name = OPCODE_BY_ID[m.instructions.ops[i]!]!.name;
          const top: number[] = [];
          for (let d = 0; d < s.height; d++) top.push(s.operandType(d));
          seen.push(`${name} ${s.height} [${top.join(',')}] ${s.unreachable ? 'u' : 'r'}`);
        },
      }),
    });
    expect(seen).toEqual([
      'block 0 [] r',
      `local.get 0 [] r`,
      `local.get 1 [${i64}] r`,
      `br_if 2 [${i32},${i64}] r`,
      `end 1 [${i64}] r`,
      `unreachable 1 [${i64}] r`,
      // The polymorphic stack supplies i64.add's operands: the hook sees what is really there.
      `i64.add 0 [] u`,
      `end 1 [${i64}] u`,
    ]);
  });

  it('validateFunction lowers one function at a time', async () => {
    const m = await mod('(module (func (result i32) i32.const 1) (func (result i32) f32.const 1))');
    let count = 0;
    validateFunction(m, 0, { after: () => count++ });
    expect(count).toBe(2);
    expect(() => validateFunction(m, 1)).toThrow('type mismatch');
    expect(() => validateFunction(m, 2)).toThrow(RangeError);
  });
});

describe('validateFunction reentrancy', () => {
  it('lets a visitor validate another function of the same module from a hook', async () => {
    const m = await mod('(module (func (result i32) i32.const 1 i32.const 2 i32.add) (func (result i64) i64.const 1))');
    const heights: number[] = [];
    let nested = 0;
    validateFunction(m, 0, {
      after(_i, s) {
        heights.push(s.height);
        if (nested++ === 0) validateFunction(m, 1);
      },
    });
    expect(heights).toEqual([1, 2, 1, 1]);
    // and the cached validator still works afterwards
    expect(() => validateFunction(m, 0)).not.toThrow();
  });
});
