import { defineConfig, type Options } from 'tsup';

/**
 * The one build configuration every package shares: ESM + CJS + `.d.ts`, per entry point.
 * A package's own `tsup.config.ts` only names its entries.
 */
export function packageConfig(entry: Record<string, string> = { index: 'src/index.ts' }, extra: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    splitting: false,
    treeshake: true,
    ...extra,
  });
}
