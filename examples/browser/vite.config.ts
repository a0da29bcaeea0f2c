import { defineConfig } from 'vite';

/**
 * Cross-origin isolation, so that the page has SharedArrayBuffer and a program can wait for what
 * is typed into stdin (`src/shared-stdin.ts`).
 */
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

/** The playground: one page and the worker that runs programs, built as ES modules. */
export default defineConfig({
  preview: { headers: ISOLATION },
  worker: { format: 'es' },
  build: { target: 'es2022' },
  server: { fs: { allow: ['../..'] }, headers: ISOLATION },
});
