import { defineConfig } from 'vite';

/** The playground: one page and the worker that runs programs, built as ES modules. */
export default defineConfig({
  worker: { format: 'es' },
  build: { target: 'es2022' },
  server: { fs: { allow: ['../..'] } },
});
