/**
 * rt's known failures among the JSPI proposal's JS API tests, keyed by `file: subtest name`,
 * valued by the reason. Each needs exception handling (3.0: `WebAssembly.Tag`, tag imports),
 * which rt does not implement; the JSPI behaviour they test is covered by the other subtests.
 */
const NEEDS_EXCEPTIONS = "needs exception handling (WebAssembly.Tag, tag imports), which rt does not implement";

export const EXPECTED_RT_FAILURES: ReadonlyMap<string, string> = new Map<string, string>(
  ['Throw after the first suspension', 'catch the bad suspension', 'Rejecting promise', 'test 9', 'test 10', 'test 11'].map((name) => [
    `js-promise-integration/js-promise-integration.any.js: ${name}`,
    NEEDS_EXCEPTIONS,
  ]),
);
