/**
 * WASI_FUNCTION_TYPES: one entry per implemented function, each the type that real toolchains
 * import it with (checked against every WASI import of the C programs committed in this repository,
 * built with clang and wasi-libc).
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ValType, asFuncType, decode } from '@rt/binary';
import { describe, expect, it } from 'vitest';
import { WASI, WASI_FUNCTION_TYPES } from '../src/index';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Every committed .wasm below `dir` (recursively). */
function wasmFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.wasm'))
    .map((e) => path.join(e.parentPath, e.name));
}

const typeName = (t: ValType): string => (t === ValType.i32 ? 'i32' : t === ValType.i64 ? 'i64' : `other(${t})`);

describe('WASI_FUNCTION_TYPES', () => {
  it('has exactly the functions that wasiImport provides, 46 of them', () => {
    expect(Object.keys(WASI_FUNCTION_TYPES).sort()).toEqual(Object.keys(new WASI({}).wasiImport).sort());
    expect(Object.keys(WASI_FUNCTION_TYPES)).toHaveLength(46);
  });

  it('matches the type of every WASI import in the committed C programs', () => {
    const files = [
      ...wasmFiles(path.join(REPO, 'packages/wasi/test/programs')),
      ...wasmFiles(path.join(REPO, 'examples')),
      path.join(REPO, 'bench/large/sqlite.wasm'),
    ];
    const seen = new Set<string>();
    for (const file of files) {
      const module = decode(readFileSync(file));
      for (const imp of module.imports) {
        if (imp.module !== 'wasi_snapshot_preview1' || imp.desc.kind !== 'func') continue;
        const type = asFuncType(module.types[imp.desc.type]);
        const actual = { params: type.params.map(typeName), results: type.results.map(typeName) };
        expect(actual, `${path.relative(REPO, file)}: ${imp.name}`).toEqual(WASI_FUNCTION_TYPES[imp.name]);
        seen.add(imp.name);
      }
    }
    // The programs exercise most of the table, so this is a real check, not a vacuous one.
    expect(seen.size).toBeGreaterThan(30);
  });
});
