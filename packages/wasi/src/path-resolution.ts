/**
 * Path resolution: the sandbox. Every path a guest passes is resolved here, one component at a
 * time, against the directory of a directory fd, following `wasi-filesystem`'s
 * `path-resolution.md`:
 * - absolute paths are refused (`notcapable`);
 * - `..` may never go above the starting directory, not even temporarily (`../d/x` fails even when
 *   `d` is the starting directory's own name), because the walk keeps the stack of directories it
 *   entered and `..` only pops that stack;
 * - symlinks are never followed by the file system: their target is read and its components are
 *   put in front of the remaining ones, so they pass the same checks; absolute targets are refused;
 *   more than {@link MAX_SYMLINKS} expansions is `loop`.
 * A file system therefore only sees single names inside directories reached this way.
 * @packageDocumentation
 */
import { Filetype } from './abi/constants';
import { Errno, WasiError } from './errno';
import type { FileSystem, Stat } from './fs/interface';

/** Symlink expansions allowed in one resolution (Linux allows 40). */
export const MAX_SYMLINKS = 40;

/** Where a path led. */
export interface Resolved {
  /**
   * The directory holding the final component. When the path ends in `.`/`..` it is the
   * directory above `node` if the walk entered one, else `node` itself.
   */
  parent: unknown;
  /** The final component, or `null` when the path ended in `.` or `..` (then `node` is a directory). */
  name: string | null;
  /** The node the path names, or `null` if its final component does not exist. */
  node: unknown;
  /** The node's status when it exists. */
  stat: Stat | null;
  /** The path ended with `/`: the result must be a directory. */
  trailingSlash: boolean;
}

/** Splits and validates a guest path. */
function components(path: string): string[] {
  if (path.includes('\0')) throw new WasiError(Errno.inval);
  return path.split('/');
}

/**
 * Resolves `path` relative to directory `base` of `fs`.
 * @param follow - follow a symlink in the final component (`lookupflags.symlink_follow`). A path
 *   with a trailing slash always follows it, as POSIX does.
 */
export function resolvePath(fs: FileSystem, base: unknown, path: string, follow: boolean): Resolved {
  if (path === '') throw new WasiError(Errno.noent);
  if (path.startsWith('/')) throw new WasiError(Errno.notcapable, 'absolute path');
  const trailingSlash = /[^/]\/+$/.test(path);
  const stack: unknown[] = [base];
  let queue = components(path.replace(/\/+$/, '')).filter((c) => c !== '');
  let expansions = 0;
  let followFinal = follow || trailingSlash;

  for (;;) {
    const top = stack[stack.length - 1];
    if (queue.length === 0) {
      // The path ended in `.`/`..` (or was only that): it names the current directory itself.
      return {
        parent: stack.length > 1 ? stack[stack.length - 2] : top,
        name: null,
        node: top,
        stat: fs.stat(top),
        trailingSlash,
      };
    }
    const c = queue[0]!;
    const last = queue.length === 1;
    if (c === '.') {
      queue = queue.slice(1);
      continue;
    }
    if (c === '..') {
      if (stack.length === 1) throw new WasiError(Errno.notcapable, 'path escapes its directory');
      stack.pop();
      queue = queue.slice(1);
      continue;
    }
    let node: unknown;
    try {
      node = fs.lookup(top, c);
    } catch (e) {
      if (last && e instanceof WasiError && e.errno === Errno.noent) {
        return { parent: top, name: c, node: null, stat: null, trailingSlash };
      }
      throw e;
    }
    const stat = fs.stat(node);
    if (stat.filetype === Filetype.SYMBOLIC_LINK && (!last || followFinal)) {
      if (++expansions > MAX_SYMLINKS) throw new WasiError(Errno.loop);
      const target = fs.readlink(node);
      if (target === '') throw new WasiError(Errno.noent);
      if (target.startsWith('/')) throw new WasiError(Errno.notcapable, 'absolute symlink');
      // A target ending in `/` must name a directory, like a path with a trailing slash.
      if (last && /\/$/.test(target)) followFinal = true;
      queue = [...components(target).filter((x) => x !== ''), ...queue.slice(1)];
      continue;
    }
    if (last) {
      return { parent: top, name: c, node, stat, trailingSlash };
    }
    if (stat.filetype !== Filetype.DIRECTORY) throw new WasiError(Errno.notdir);
    stack.push(node);
    queue = queue.slice(1);
  }
}
