#!/usr/bin/env node
// What rt adds to a web page: each published core package's entry point bundled for the browser
// (its @rt dependencies included, as a bundler would), minified and gzipped. Resolves with the
// `browser` platform, so a Node built-in anywhere would fail the build.
//   node tools/engine-matrix/src/sizes.mjs [--markdown]
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ENTRIES = [
  ['@rt/binary', "export * from '@rt/binary';"],
  ['@rt/validate', "export * from '@rt/validate';"],
  ['@rt/interp', "export * from '@rt/interp';"],
  ['@rt/wasi', "export * from '@rt/wasi';"],
  ['@rt/text', "export * from '@rt/text';"],
  ['@rt/interp + @rt/wasi', "export * from '@rt/interp'; export * from '@rt/wasi';"],
];

const rows = [];
for (const [name, contents] of ENTRIES) {
  const result = await build({
    stdin: { contents, resolveDir: new URL('.', import.meta.url).pathname, loader: 'js' },
    bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, logLevel: 'error',
  });
  const bytes = result.outputFiles[0].contents;
  rows.push([name, (bytes.length / 1024).toFixed(1), (gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1)]);
}
if (process.argv.includes('--markdown')) {
  console.log('| package (with its @rt dependencies) | minified (KiB) | gzipped (KiB) |\n| --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
} else {
  for (const r of rows) console.log(`${r[0].padEnd(24)} ${r[1].padStart(8)} KiB minified ${r[2].padStart(8)} KiB gzipped`);
}
