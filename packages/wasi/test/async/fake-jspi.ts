/**
 * A stand-in for the JSPI API for unit tests on an engine without it (Node 20): `Suspending`
 * keeps the function, so tests call a waiting import directly and await what it returns, and
 * `promising` calls the export. No stack is suspended; what is tested is everything around it.
 */
import type { JspiNamespace } from '../../src/index';

/** What the fake `WebAssembly.Suspending` constructs. */
export class FakeSuspending {
  constructor(readonly fn: (...args: never[]) => unknown) {}
}

/** The fake namespace. */
export const fakeJspi: JspiNamespace = {
  Suspending: FakeSuspending,
  promising: (fn: never) => async (...args: never[]) => (fn as (...a: never[]) => unknown)(...args),
};

/** Calls import `name` whether it is a plain function or a fake `Suspending`, awaiting it. */
export async function callImport(imports: Record<string, unknown>, name: string, ...args: Array<number | bigint>): Promise<number> {
  const f = imports[name];
  if (f instanceof FakeSuspending) return (await (f.fn as (...a: Array<number | bigint>) => unknown)(...args)) as number;
  return (f as (...a: Array<number | bigint>) => number)(...args);
}
