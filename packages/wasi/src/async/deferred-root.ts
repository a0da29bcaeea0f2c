/**
 * File systems whose root cannot be checked synchronously when a {@link WASI} is constructed:
 * async mode checks them before the program starts instead.
 * @packageDocumentation
 */
import type { FileSystem } from '../fs/interface';

const deferred = new WeakSet<FileSystem>();

/** @internal Marks `fs` so that the {@link WASI} constructor does not stat its root. */
export function deferRootCheck(fs: FileSystem): void {
  deferred.add(fs);
}

/** @internal Whether the root check of `fs` is deferred. */
export function rootCheckDeferred(fs: FileSystem): boolean {
  return deferred.has(fs);
}
