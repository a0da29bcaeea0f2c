/**
 * A small testharness.js-compatible harness: what the WebAssembly JS-API tests use of
 * web-platform-tests' testharness.js (`test`, `promise_test`, `setup`, `done`, the `assert_*`
 * functions, `promise_rejects_*`, `format_value`, a test object with `step_func`,
 * `unreached_func` and `add_cleanup`), installed on the global object of the realm the tests
 * run in. Subtests run in the order they are declared, one after the other, as testharness.js
 * runs them; each result is recorded by name.
 */

/** The outcome of one subtest. */
export interface SubtestResult {
  readonly name: string;
  readonly status: 'PASS' | 'FAIL' | 'TIMEOUT';
  readonly message?: string;
}

class AssertionError extends Error {
  override name = 'AssertionError';
}

/** What a test function receives (`t`). */
class TestObject {
  private readonly cleanups: (() => unknown)[] = [];
  constructor(readonly name: string) {}
  step<T>(fn: () => T): T {
    return fn();
  }
  step_func<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    return (...args: A) => fn(...args);
  }
  unreached_func(description?: string): () => never {
    return () => {
      throw new AssertionError(`assert_unreached: ${description ?? 'reached unreachable code'}`);
    };
  }
  add_cleanup(fn: () => unknown): void {
    this.cleanups.push(fn);
  }
  async runCleanups(): Promise<void> {
    for (const fn of this.cleanups.splice(0)) await fn();
  }
}

/** `format_value` of testharness.js, close enough for messages. */
export function formatValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'symbol') return v.toString();
  if (typeof v === 'function') return `function "${v.name}"`;
  if (v === null || typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `[${v.map(formatValue).join(', ')}]`;
  try {
    return `object "${Object.prototype.toString.call(v)}"`;
  } catch {
    return 'object';
  }
}

function fail(description: string | undefined, message: string): never {
  throw new AssertionError(description ? `${description}: ${message}` : message);
}

function sameValue(a: unknown, b: unknown): boolean {
  return Object.is(a, b);
}

function throwsJs(ctor: unknown, fn: () => unknown, description?: string): void {
  try {
    fn();
  } catch (e) {
    checkThrown(ctor, e, description);
    return;
  }
  fail(description, `assert_throws_js: ${formatValue(fn)} did not throw`);
}

function checkThrown(ctor: unknown, e: unknown, description?: string): void {
  if (typeof ctor !== 'function') fail(description, 'assert_throws_js: constructor expected');
  if (typeof e !== 'object' || e === null) fail(description, `assert_throws_js: threw ${formatValue(e)}, not an object`);
  // testharness.js: the thrown object's constructor must be the expected one, by identity.
  if ((e as { constructor?: unknown }).constructor !== ctor) {
    fail(description, `assert_throws_js: threw ${formatValue(e)} (${(e as Error).name}: ${(e as Error).message}), expected a ${(ctor as { name: string }).name}`);
  }
}

/** Everything the tests call, to install on the global object. */
export function createHarness(): { globals: Record<string, unknown>; run(): Promise<SubtestResult[]> } {
  type Body = (t: TestObject) => unknown;
  const queue: { name: string; body: Body }[] = [];
  const results: SubtestResult[] = [];
  let setupError: unknown = null;
  const names = new Set<string>();

  const uniqueName = (name: string | undefined): string => {
    let n = name ?? `test ${queue.length + 1}`;
    while (names.has(n)) n += ' (again)';
    names.add(n);
    return n;
  };

  const asserts = {
    assert_true(v: unknown, d?: string) {
      if (v !== true) fail(d, `assert_true: expected true got ${formatValue(v)}`);
    },
    assert_false(v: unknown, d?: string) {
      if (v !== false) fail(d, `assert_false: expected false got ${formatValue(v)}`);
    },
    assert_equals(a: unknown, b: unknown, d?: string) {
      if (!sameValue(a, b)) fail(d, `assert_equals: expected ${formatValue(b)} but got ${formatValue(a)}`);
    },
    assert_not_equals(a: unknown, b: unknown, d?: string) {
      if (sameValue(a, b)) fail(d, `assert_not_equals: got disallowed value ${formatValue(a)}`);
    },
    assert_array_equals(a: ArrayLike<unknown>, b: ArrayLike<unknown>, d?: string) {
      if (typeof a !== 'object' || a === null) fail(d, `assert_array_equals: value is ${formatValue(a)}, expected array`);
      if (a.length !== b.length) fail(d, `assert_array_equals: lengths differ, expected ${b.length} got ${a.length}`);
      for (let i = 0; i < b.length; i++) {
        if (!sameValue(a[i], b[i])) fail(d, `assert_array_equals: expected ${formatValue(b[i])} but got ${formatValue(a[i])} at index ${i}`);
      }
    },
    assert_in_array(v: unknown, list: readonly unknown[], d?: string) {
      if (!list.some((x) => sameValue(x, v))) fail(d, `assert_in_array: ${formatValue(v)} not in ${formatValue(list)}`);
    },
    assert_own_property(o: object, p: PropertyKey, d?: string) {
      if (!Object.prototype.hasOwnProperty.call(o, p)) fail(d, `assert_own_property: expected property ${String(p)} missing`);
    },
    assert_not_own_property(o: object, p: PropertyKey, d?: string) {
      if (Object.prototype.hasOwnProperty.call(o, p)) fail(d, `assert_not_own_property: unexpected property ${String(p)} is found`);
    },
    assert_class_string(o: unknown, cls: string, d?: string) {
      const s = Object.prototype.toString.call(o);
      if (s !== `[object ${cls}]`) fail(d, `assert_class_string: expected "[object ${cls}]" but got ${formatValue(s)}`);
    },
    assert_greater_than(a: number, b: number, d?: string) {
      if (!(a > b)) fail(d, `assert_greater_than: expected a number greater than ${b} but got ${a}`);
    },
    assert_less_than(a: number, b: number, d?: string) {
      if (!(a < b)) fail(d, `assert_less_than: expected a number less than ${b} but got ${a}`);
    },
    assert_unreached(d?: string): never {
      fail(d, 'assert_unreached: reached unreachable code');
    },
    assert_not_reached(d?: string): never {
      fail(d, 'assert_not_reached: reached unreachable code');
    },
    assert_throws_js: throwsJs,
    /**
     * The legacy form: `assert_throws(new TypeError(), fn)` checks the thrown error's constructor.
     * V8-style tests (the JSPI proposal's) pass the constructor itself, and a message pattern as
     * the third argument: engines' messages are not specified, so only the constructor counts.
     */
    assert_throws(expected: unknown, fn: () => unknown, d?: unknown) {
      const ctor = typeof expected === 'function' ? expected : (expected as { constructor: unknown }).constructor;
      throwsJs(ctor, fn, typeof d === 'string' ? d : undefined);
    },
    assert_throws_exactly(expected: unknown, fn: () => unknown, d?: string) {
      try {
        fn();
      } catch (e) {
        if (!sameValue(e, expected)) fail(d, `assert_throws_exactly: threw ${formatValue(e)}, expected ${formatValue(expected)}`);
        return;
      }
      fail(d, 'assert_throws_exactly: did not throw');
    },
    promise_rejects_js(_t: TestObject, ctor: unknown, p: Promise<unknown>, d?: string): Promise<void> {
      return Promise.resolve(p).then(
        () => fail(d, `promise_rejects_js: ${formatValue(p)} resolved, expected a rejection`),
        (e: unknown) => checkThrown(ctor, e, d),
      );
    },
    promise_rejects(_t: TestObject, expected: unknown, p: Promise<unknown>, d?: string): Promise<void> {
      return Promise.resolve(p).then(
        () => fail(d, 'promise_rejects: resolved, expected a rejection'),
        (e: unknown) => checkThrown((expected as { constructor: unknown }).constructor, e, d),
      );
    },
    promise_rejects_exactly(_t: TestObject, expected: unknown, p: Promise<unknown>, d?: string): Promise<void> {
      return Promise.resolve(p).then(
        () => fail(d, 'promise_rejects_exactly: resolved'),
        (e: unknown) => {
          if (!sameValue(e, expected)) fail(d, `promise_rejects_exactly: rejected with ${formatValue(e)}`);
        },
      );
    },
  };

  const globals: Record<string, unknown> = {
    ...asserts,
    format_value: formatValue,
    test(body: Body, name?: string) {
      const n = uniqueName(name);
      if (setupError !== null) return;
      const t = new TestObject(n);
      try {
        body(t);
        results.push({ name: n, status: 'PASS' });
      } catch (e) {
        results.push({ name: n, status: 'FAIL', message: describeError(e) });
      }
      // Cleanups of a synchronous test run right away (they are synchronous in practice).
      void t.runCleanups();
    },
    promise_test(body: Body, name?: string) {
      queue.push({ name: uniqueName(name), body });
    },
    setup(fnOrOptions: unknown, maybeFn?: unknown) {
      const fn = typeof fnOrOptions === 'function' ? fnOrOptions : maybeFn;
      if (typeof fn !== 'function') return;
      try {
        (fn as () => void)();
      } catch (e) {
        setupError ??= e;
      }
    },
    promise_setup(fn: () => Promise<unknown>) {
      queue.push({ name: '(promise_setup)', body: () => fn() });
    },
    done() {},
    add_completion_callback() {},
    step_timeout(fn: () => void, ms: number) {
      return setTimeout(fn, ms);
    },
    // limits.any.js calls mjsunit's `assertEquals(expected, actual)` (V8's test harness), which
    // testharness.js lacks; without it that subtest fails on every engine.
    assertEquals(expected: unknown, actual: unknown, d?: string) {
      asserts.assert_equals(actual, expected, d);
    },
    GLOBAL: { isWindow: () => false, isWorker: () => false, isShadowRealm: () => false },
  };

  /** Per subtest: promise tests get this long to settle. */
  const TIMEOUT_MS = 60_000;

  async function run(): Promise<SubtestResult[]> {
    if (setupError !== null) {
      // testharness.js: a throwing setup fails the whole file, its subtests unrun.
      results.push({ name: '(setup)', status: 'FAIL', message: describeError(setupError) });
      return results;
    }
    for (let k = 0; k < queue.length; k++) {
      const { name, body } = queue[k]!;
      const t = new TestObject(name);
      try {
        const r = body(t);
        {
          if (r === null || typeof r !== 'object' || typeof (r as Promise<unknown>).then !== 'function') {
            throw new AssertionError('promise_test: test body must return a promise');
          }
          let timer: ReturnType<typeof setTimeout> | undefined;
          const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS)));
          const settled = await Promise.race([Promise.resolve(r).then(() => 'ok' as const), timeout]);
          clearTimeout(timer);
          if (settled === 'timeout') {
            results.push({ name, status: 'TIMEOUT' });
            continue;
          }
        }
        await t.runCleanups();
        if (name !== '(promise_setup)') results.push({ name, status: 'PASS' });
      } catch (e) {
        await t.runCleanups().catch(() => undefined);
        results.push({ name, status: 'FAIL', message: describeError(e) });
      }
    }
    return results;
  }
  return { globals, run };
}

function describeError(e: unknown): string {
  if (e instanceof AssertionError) return e.message;
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return `threw ${formatValue(e)}`;
}
