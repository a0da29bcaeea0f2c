/**
 * Splits a command line into arguments: whitespace separates, double or single quotes group.
 * @packageDocumentation
 */

/** The arguments of `line` (`a "b c" 'd'` → `['a', 'b c', 'd']`). */
export function splitArgs(line: string): string[] {
  const args: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m !== null; m = re.exec(line)) args.push(m[1] ?? m[2] ?? m[3]!);
  return args;
}
