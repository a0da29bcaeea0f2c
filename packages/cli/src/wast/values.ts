/**
 * Script values to engine values and back: both are exact bits (`@rt/interp`'s API boundary
 * takes i32 as a signed number, i64 as a bigint, f32 bits as a number, f64 and v128 bits as
 * bigints), so NaN payloads are compared exactly.
 * @packageDocumentation
 */
import { ValType, type ValType as ValTypeT } from '@rt/binary';
import { HostFunction, WasmFunction, type Value } from '@rt/interp';
import type { FloatPattern, WastExpected, WastValue } from '@rt/text';

/** Host references of a script: `(ref.extern n)` is the same JS object every time. */
export class HostRefs {
  private readonly refs = new Map<number, object>();

  /** The JS value standing for host reference `n`. */
  get(n: number): object {
    let r = this.refs.get(n);
    if (r === undefined) {
      r = { hostRef: n };
      this.refs.set(n, r);
    }
    return r;
  }
}

function v128FromBytes(bytes: Uint8Array): bigint {
  let v = 0n;
  for (let i = 15; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]!);
  return v;
}

/** A script argument as the engine takes it. */
export function toEngine(v: WastValue, refs: HostRefs): Value {
  switch (v.type) {
    case 'i32': return Number(BigInt.asIntN(32, v.bits));
    case 'i64': return BigInt.asIntN(64, v.bits);
    case 'f32': return Number(v.bits);
    case 'f64': return v.bits;
    case 'v128': return v128FromBytes(v.bytes);
    case 'ref.null': return null;
    case 'ref.extern': case 'ref.host': return refs.get(v.value);
  }
}

const F32_EXP = 0x7f800000n;
const F64_EXP = 0x7ff0000000000000n;

function nanMatches(bits: bigint, width: 32 | 64, pattern: 'nan:canonical' | 'nan:arithmetic'): boolean {
  const exp = width === 32 ? F32_EXP : F64_EXP;
  const quiet = width === 32 ? 0x400000n : 0x8000000000000n;
  const payload = width === 32 ? 0x7fffffn : 0xfffffffffffffn;
  if ((bits & exp) !== exp) return false;
  const m = bits & payload;
  return pattern === 'nan:canonical' ? m === quiet : (m & quiet) !== 0n;
}

function laneMatches(bits: bigint, width: 32 | 64, kind: 'i' | 'f', p: FloatPattern): boolean {
  if (typeof p === 'bigint') return bits === p;
  return kind === 'f' && nanMatches(bits, width, p);
}

const SHAPES: Readonly<Record<string, readonly [lanes: number, bits: number, kind: 'i' | 'f']>> = {
  i8x16: [16, 8, 'i'], i16x8: [8, 16, 'i'], i32x4: [4, 32, 'i'], i64x2: [2, 64, 'i'], f32x4: [4, 32, 'f'], f64x2: [2, 64, 'f'],
};

/** Whether engine value `actual` of type `type` is what the script expects. */
export function matches(expected: WastExpected, actual: Value, type: ValTypeT, refs: HostRefs): boolean {
  switch (expected.type) {
    case 'i32':
      return type === ValType.i32 && BigInt.asUintN(32, BigInt(actual as number)) === BigInt.asUintN(32, expected.bits);
    case 'i64':
      return type === ValType.i64 && BigInt.asUintN(64, actual as bigint) === BigInt.asUintN(64, expected.bits);
    case 'f32': {
      if (type !== ValType.f32) return false;
      const bits = BigInt((actual as number) >>> 0);
      return 'nan' in expected ? nanMatches(bits, 32, expected.nan) : bits === expected.bits;
    }
    case 'f64': {
      if (type !== ValType.f64) return false;
      const bits = BigInt.asUintN(64, actual as bigint);
      return 'nan' in expected ? nanMatches(bits, 64, expected.nan) : bits === expected.bits;
    }
    case 'v128': {
      if (type !== ValType.v128) return false;
      const v = BigInt.asUintN(128, actual as bigint);
      if ('bytes' in expected) return v === v128FromBytes(expected.bytes);
      const [lanes, bits, kind] = SHAPES[expected.shape]!;
      const mask = (1n << BigInt(bits)) - 1n;
      for (let i = 0; i < lanes; i++) {
        if (!laneMatches((v >> BigInt(i * bits)) & mask, bits as 32 | 64, kind, expected.lanes[i]!)) return false;
      }
      return true;
    }
    case 'ref.null':
      return actual === null;
    case 'ref.extern': case 'ref.host':
      return actual === refs.get(expected.value);
    case 'ref': {
      // A non-null reference of the kind (`ref.func`, `ref.extern`, `ref.any`, …).
      if (actual === null || actual === undefined) return false;
      const isFunc = actual instanceof WasmFunction || actual instanceof HostFunction;
      if (expected.kind === 'ref.func') return isFunc;
      if (expected.kind === 'ref.extern' || expected.kind === 'ref.host') return !isFunc;
      return true;
    }
    case 'either':
      return expected.options.some((o) => matches(o, actual, type, refs));
  }
}

/** A short text of an engine value, for failure reports. */
export function show(actual: Value, type: ValTypeT): string {
  if (actual === null) return 'null';
  switch (type) {
    case ValType.i32: return `i32:${actual as number}`;
    case ValType.i64: return `i64:${actual as bigint}`;
    case ValType.f32: return `f32:0x${((actual as number) >>> 0).toString(16)}`;
    case ValType.f64: return `f64:0x${BigInt.asUintN(64, actual as bigint).toString(16)}`;
    case ValType.v128: return `v128:0x${BigInt.asUintN(128, actual as bigint).toString(16)}`;
    default: return 'ref';
  }
}
