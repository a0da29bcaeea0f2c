/**
 * Comparing what an engine produced with what a script expects.
 */
import { F32, F64, laneBits, matchesNan, type Expected, type Value } from './values.js';

/**
 * Whether an actual failure message matches the script's expected text. The reference interpreter
 * accepts a message that starts with the expected text (scripts sometimes give a shortened form,
 * e.g. "unknown operator" for "unknown operator anyfunc"), so we do the same.
 */
export function messageMatches(expected: string, actual: string): boolean {
  return actual.startsWith(expected);
}

/** Whether `bits` encode any NaN (quiet or signalling, any payload or sign). */
function isNanBits(bits: bigint, type: 'f32' | 'f64'): boolean {
  const fmt = type === 'f32' ? F32 : F64;
  const m = BigInt(fmt.fractionBits);
  const ones = (1n << BigInt(fmt.exponentBits)) - 1n;
  return ((bits >> m) & ones) === ones && (bits & ((1n << m) - 1n)) !== 0n;
}

/**
 * Whether `actual` satisfies `expected`.
 *
 * @param exactBits - `false` only for engines whose float bits are approximate (the native
 *   self-check): an expected exact NaN then accepts any NaN.
 */
export function matchResult(expected: Expected, actual: Value, exactBits = true): boolean {
  switch (expected.kind) {
    case 'exact': {
      const e = expected.value;
      // A null matches a null of any reference type (3.0's heap types are not all told apart here).
      if ((e.type === 'funcref' || e.type === 'externref') && e.ref === null && (actual.type === 'funcref' || actual.type === 'externref')) return actual.ref === null;
      if (actual.type !== e.type) return false;
      switch (e.type) {
        case 'i32':
        case 'f32': {
          const a = (actual as { bits: number }).bits >>> 0;
          if (a === e.bits >>> 0) return true;
          return e.type === 'f32' && !exactBits && isNanBits(BigInt(e.bits >>> 0), 'f32') && isNanBits(BigInt(a), 'f32');
        }
        case 'i64':
        case 'f64': {
          const a = BigInt.asUintN(64, (actual as { bits: bigint }).bits);
          if (a === BigInt.asUintN(64, e.bits)) return true;
          return e.type === 'f64' && !exactBits && isNanBits(e.bits, 'f64') && isNanBits(a, 'f64');
        }
        case 'v128': {
          const a = (actual as { bytes: Uint8Array }).bytes;
          return a.length === 16 && e.bytes.every((b, i) => a[i] === b);
        }
        case 'funcref':
          // Only `(ref.null func)` is written as an exact funcref in scripts.
          return e.ref === null ? (actual as { ref: unknown }).ref === null : (actual as { ref: unknown }).ref !== null;
        case 'externref':
          return (actual as { ref: unknown }).ref === e.ref;
      }
      break;
    }
    case 'nan':
      if (actual.type !== expected.type) return false;
      return expected.type === 'f32'
        ? matchesNan(BigInt((actual as { bits: number }).bits >>> 0), F32, expected.nan)
        : matchesNan(BigInt.asUintN(64, (actual as { bits: bigint }).bits), F64, expected.nan);
    case 'lanes': {
      if (actual.type !== 'v128' || actual.bytes.length !== 16) return false;
      const fmt = expected.shape === 'f32x4' ? F32 : expected.shape === 'f64x2' ? F64 : undefined;
      return expected.lanes.every((lane, i) => {
        const bits = laneBits(expected.shape, actual.bytes, i);
        if ('nan' in lane) return fmt !== undefined && matchesNan(bits, fmt, lane.nan);
        return bits === lane.bits;
      });
    }
    case 'anyref':
      return actual.type === expected.type && actual.ref !== null;
    case 'gcref': {
      if (actual.type !== 'externref' && actual.type !== 'funcref') return false;
      const r: unknown = actual.ref;
      if (r === null) return false;
      if (expected.heap === 'i31') return typeof r === 'number';
      if (expected.heap === 'array' || expected.heap === 'struct') return typeof r === 'object';
      return true;
    }
    case 'null':
      return (actual.type === 'funcref' || actual.type === 'externref') && actual.ref === null;
    case 'either':
      return expected.alternatives.some((e) => matchResult(e, actual, exactBits));
  }
  return false;
}
