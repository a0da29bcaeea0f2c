import { ALL_OPCODES } from '@rt/binary';

/**
 * Every keyword of the text format: instruction names, and the words of modules, types and
 * scripts. A keyword outside this set is an unknown operator wherever it appears.
 */
export const KNOWN_KEYWORDS: ReadonlySet<string> = new Set([
  ...ALL_OPCODES.map((o) => o.name),
  'module', 'type', 'rec', 'sub', 'final', 'func', 'struct', 'array', 'field', 'mut', 'param', 'result', 'local',
  'import', 'export', 'table', 'memory', 'global', 'tag', 'elem', 'data', 'start', 'offset', 'item', 'declare',
  'then', 'else', 'end', 'block', 'loop', 'if', 'do', 'catch', 'catch_ref', 'catch_all', 'catch_all_ref', 'delegate',
  'try', 'try_table', 'ref', 'null', 'shared', 'i8', 'i16', 'i32', 'i64', 'f32', 'f64', 'v128',
  'funcref', 'externref', 'anyref', 'eqref', 'i31ref', 'structref', 'arrayref', 'exnref', 'nullref', 'nullfuncref',
  'nullexternref', 'nullexnref', 'extern', 'any', 'eq', 'i31', 'exn', 'none', 'nofunc', 'noextern', 'noexn',
  'i8x16', 'i16x8', 'i32x4', 'i64x2', 'f32x4', 'f64x2', 'inf', 'nan',
  'quote', 'binary', 'definition', 'instance', 'register', 'invoke', 'get', 'either',
  'assert_return', 'assert_trap', 'assert_exhaustion', 'assert_exception', 'assert_suspension', 'assert_invalid',
  'assert_malformed', 'assert_unlinkable', 'assert_uninstantiable', 'assert_malformed_custom', 'assert_invalid_custom',
]);
