// Bundles src/guest.ts with rt's core packages and the test programs into scripts that any
// JavaScript engine can evaluate: one for engines with modern JavaScript, and one transformed as
// React Native's Metro and Babel ship code to Hermes: classes and private fields lowered (Hermes
// 0.12 has neither), and let/const turned into per-iteration function scopes (Hermes 0.12 parses
// let and const but scopes them like var, so closures created in a loop would share one binding).
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { transformAsync } from '@babel/core';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const root = fileURLToPath(new URL('..', import.meta.url));

/** The Babel plugins for Hermes: the class and scoping features React Native's preset lowers for it. */
const HERMES_PLUGINS = [
  '@babel/plugin-transform-class-static-block',
  '@babel/plugin-transform-private-property-in-object',
  '@babel/plugin-transform-private-methods',
  '@babel/plugin-transform-class-properties',
  '@babel/plugin-transform-classes',
  '@babel/plugin-transform-block-scoping',
  // Hermes 0.12 has generators but no async functions (rt's JSPI support uses them).
  '@babel/plugin-transform-async-to-generator',
];

/**
 * Writes `dist/guest.js` (ES2022, the bundle defines `rtMatrix`) and `dist/guest.hermes.js`;
 * returns their sources and the bundle's size.
 */
export async function buildBundles(outDir = `${root}dist`) {
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: [`${root}src/guest.ts`],
    bundle: true,
    format: 'iife',
    globalName: 'rtMatrix',
    target: 'es2022',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    loader: { '.wasm': 'binary' },
    write: false,
    logLevel: 'warning',
  });
  const modern = result.outputFiles[0].text;
  const hermes = (await transformAsync(modern, {
    babelrc: false,
    configFile: false,
    compact: false,
    // Resolved from this package (Babel would look in the working directory).
    plugins: HERMES_PLUGINS.map((p) => [require.resolve(p), { loose: false }]),
  })).code;
  writeFileSync(`${outDir}/guest.js`, modern);
  writeFileSync(`${outDir}/guest.hermes.js`, hermes);
  return { modern, hermes, outDir };
}

// `node src/bundle.mjs` (the package's build) writes the bundles.
if (process.argv[1] === fileURLToPath(import.meta.url)) await buildBundles();
