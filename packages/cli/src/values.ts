/**
 * `--invoke` arguments and results: command-line text to JS API values by parameter type, and
 * results back to text, one per line, as wasmtime prints them.
 * @packageDocumentation
 */
import { ValType, valTypeName } from '@rt/binary';
import { CliError } from './errors.js';

const INT = /^[+-]?(0x[0-9a-f]+|[0-9]+)$/i;

function parseInteger(text: string, bits: 32 | 64): bigint | null {
  const t = text.replace(/_/g, '');
  if (!INT.test(t)) return null;
  const negative = t.startsWith('-');
  const digits = t.replace(/^[+-]/, '');
  const magnitude = BigInt(digits);
  const value = negative ? -magnitude : magnitude;
  // Accept the signed and the unsigned range (`-1` and `4294967295` are the same i32).
  const min = -(1n << BigInt(bits - 1));
  const max = (1n << BigInt(bits)) - 1n;
  return value < min || value > max ? null : BigInt.asIntN(bits, value);
}

function parseFloatText(text: string): number | null {
  const t = text.trim().toLowerCase().replace(/_/g, '');
  const sign = t.startsWith('-') ? -1 : 1;
  const body = t.replace(/^[+-]/, '');
  if (body === 'nan') return NaN;
  if (body === 'inf' || body === 'infinity') return sign * Infinity;
  if (body === '' || !/^(0x[0-9a-f]+|[0-9]*\.?[0-9]*(e[+-]?[0-9]+)?)$/.test(body) || body === '.') return null;
  const n = Number(body);
  return Number.isNaN(n) ? null : sign * n;
}

/** A JS API value for one parameter. */
export type WasmValue = number | bigint | null | object;

/**
 * Parses `text` as a value of type `type`: i32 → number, i64 → BigInt (both accept decimal,
 * `0x` hex, signed or unsigned range), f32/f64 → number (also `nan`, `inf`, `-inf`),
 * v128 → one 128-bit unsigned BigInt (decimal or `0x` hex, lane 0 least significant),
 * funcref/externref → only `null`.
 * @throws {@link CliError} (exit 2) when the text does not fit the type.
 */
export function parseValue(text: string, type: ValType, index: number): WasmValue {
  const fail = (): never => {
    throw new CliError(`--invoke argument ${index + 1} (${JSON.stringify(text)}) is not a valid ${valTypeName(type)}`);
  };
  switch (type) {
    case ValType.i32: {
      const v = parseInteger(text, 32);
      return v === null ? fail() : Number(v);
    }
    case ValType.i64:
      return parseInteger(text, 64) ?? fail();
    case ValType.f32: {
      const v = parseFloatText(text);
      return v === null ? fail() : Math.fround(v);
    }
    case ValType.f64:
      return parseFloatText(text) ?? fail();
    case ValType.v128: {
      // The 128 bits as one unsigned integer (lane 0 least significant), as the engine takes it.
      const t = text.replace(/_/g, '');
      if (!/^(0x[0-9a-f]+|[0-9]+)$/i.test(t)) return fail();
      const v = BigInt(t);
      return v >> 128n === 0n ? v : fail();
    }
    case ValType.funcref:
    case ValType.externref:
      return text === 'null' ? null : fail();
    default:
      throw new CliError(`--invoke: parameters of type ${valTypeName(type)} cannot be passed from the command line`);
  }
}

/** Parses all arguments against the parameter list, which must have the same length. */
export function parseValues(texts: readonly string[], params: readonly ValType[], name: string): WasmValue[] {
  if (texts.length !== params.length) {
    const types = params.map(valTypeName).join(' ') || 'none';
    throw new CliError(`--invoke ${name}: expected ${params.length} argument(s) (${types}), got ${texts.length}`);
  }
  return texts.map((t, i) => parseValue(t, params[i]!, i));
}

/**
 * One result as text: integers signed decimal, floats as `nan`/`inf`/`-0` or JS's shortest
 * form, v128 as 32 hex digits (most significant first), references as `null` or `<funcref>`.
 */
export function formatValue(value: unknown, type: ValType): string {
  switch (type) {
    case ValType.i32:
      return String(Number(value) | 0);
    case ValType.i64:
      return String(BigInt.asIntN(64, BigInt(value as bigint)));
    case ValType.f32:
    case ValType.f64: {
      const x = Number(value);
      if (Number.isNaN(x)) return 'nan';
      if (x === Infinity) return 'inf';
      if (x === -Infinity) return '-inf';
      return Object.is(x, -0) ? '-0' : String(x);
    }
    case ValType.v128:
      return `0x${BigInt(value as bigint).toString(16).padStart(32, '0')}`;
    default:
      return value === null ? 'null' : `<${valTypeName(type)}>`;
  }
}

/** The results of a call as lines, one per result. */
export function formatResults(values: readonly unknown[], results: readonly ValType[]): string[] {
  return results.map((t, i) => formatValue(values[i], t));
}
