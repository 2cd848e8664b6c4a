import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'tests/**/*.test.ts'],
    environment: 'node',
    // Limits, not speed checks (speed lives in bench/): on the shared 2-core machine at load ~28, tests and hooks that
    // build a demo, spawn the CLI or render documents took 60–170 s; a hung test still ends within 3 min.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
