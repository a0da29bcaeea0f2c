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

  it('does not call after() for the failing instruction', async () => {
    const m = await mod('(module (func i32.const 1 f32.neg drop))');
    const before: number[] = [];
    const after: number[] = [];
    const visitor: FunctionVisitor = { before: (i) => before.push(i), after: (i) => after.push(i) };
    const e = validateResult(m, { visitor: () => visitor });
    expect(e?.message).toBe('type mismatch');
    const start = m.codes[0]!.code.start;
    expect(before).toEqual([start, start + 1]);
    expect(after).toEqual([start]);
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
