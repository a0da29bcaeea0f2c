/**
 * The core entry point must run in browsers: nothing it imports may use Node modules or globals.
 * Walks the import graph from src/index.ts.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

it('src/index.ts and everything it imports use no Node modules or Node-only globals', () => {
  const seen = new Set<string>();
  const queue = [join(src, 'index.ts')];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    // Comments may show usage examples; only code counts.
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const m of text.matchAll(/from '([^']+)'/g)) {
      const spec = m[1]!;
      // @rt/binary (its UTF-8 codec) is a core package: no Node imports either.
      if (spec === '@rt/binary') continue;
      expect(spec.startsWith('.'), `${file} imports ${spec}`).toBe(true);
      queue.push(resolve(dirname(file), `${spec}.ts`));
    }
    expect(text, file).not.toMatch(/\b(require\(|process\.|Buffer\.|__dirname)/);
  }
  expect(seen.size).toBeGreaterThan(20);
  expect([...seen].some((f) => f.includes('/node/'))).toBe(false);
});
