import { defineConfig } from 'vitest/config';

/** The test configuration every package shares. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
