/**
 * Loading a workspace package that may not be implemented (or built) yet.
 *
 * The specifier goes through a variable so that TypeScript does not resolve the package's types:
 * the runner must typecheck and run whatever state the other packages are in (exporting nothing,
 * not built, or complete). Each stage checks the shape it needs at run time instead.
 */
export type Loaded =
  | { readonly ok: true; readonly exports: Record<string, unknown> }
  | { readonly ok: false; readonly reason: string };

export async function loadPackage(specifier: string): Promise<Loaded> {
  const name: string = specifier;
  try {
    const exports = (await import(name)) as Record<string, unknown>;
    return { ok: true, exports };
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const why = code === 'ERR_MODULE_NOT_FOUND' ? 'not built' : e instanceof Error ? e.message.split('\n')[0]! : String(e);
    return { ok: false, reason: `${specifier} cannot be loaded (${why})` };
  }
}

/** Whether a caught value is an instance of a class a package exported. */
export function isInstance(e: unknown, ctor: unknown): boolean {
  return typeof ctor === 'function' && e instanceof (ctor as abstract new (...args: never[]) => unknown);
}

/** The message of an unexpected exception, for reports. */
export function describe(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}
