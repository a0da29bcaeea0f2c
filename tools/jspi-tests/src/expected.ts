/**
 * rt's known failures among the JSPI proposal's JS API tests, keyed by `file: subtest name`,
 * valued by the reason. None since exception handling landed: `--check` fails on any failure.
 */
export const EXPECTED_RT_FAILURES: ReadonlyMap<string, string> = new Map<string, string>();
