/**
 * The JS API's implementation limits (https://webassembly.github.io/spec/js-api/#limits): a
 * module beyond one is a `CompileError` for `new Module` and `compile`, and `validate` returns
 * `false`. The decoder checks each count as it reads it, so a module that merely claims more
 * is rejected before any work proportional to the claim.
 */
import type { ImplementationLimits } from '@rt/binary';

/** The limits every JS embedding of WebAssembly (browsers, Node) enforces. */
export const JS_API_LIMITS: ImplementationLimits = {
  moduleSize: 1024 * 1024 * 1024,
  types: 1_000_000,
  functions: 1_000_000,
  imports: 1_000_000,
  exports: 1_000_000,
  globals: 1_000_000,
  dataSegments: 100_000,
  elementSegments: 10_000_000,
  tables: 100_000,
  // Memories: the JS API's limit is 1, which WebAssembly 2.0's validation already enforces
  // ("multiple memories", the message the spec suite expects).
  params: 1000,
  results: 1000,
  locals: 50_000,
  bodySize: 7_654_321,
};
