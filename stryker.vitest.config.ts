// The vitest configuration StrykerJS runs against each mutant (stryker.config.mjs): only the tests of shared/,
// the code it mutates, so a mutant costs seconds rather than the whole suite.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
