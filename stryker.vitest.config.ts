// The vitest configuration StrykerJS runs against each mutant (stryker.config.mjs): only the tests of the code it
// mutates (shared/domain, shared/formats), so a mutant costs a fraction of a second rather than the whole suite.
// shared/documents' layout tests also reach the domain, but take seconds each; the domain's own tests must kill its
// mutants.
import { defineConfig } from 'vitest/config';

// PLENO_MUTATION_TESTS=shared/domain narrows the run to one folder's tests (with --mutate on the same folder).
const only = process.env.PLENO_MUTATION_TESTS;

export default defineConfig({
  test: {
    include: only ? [`${only}/**/*.test.ts`] : ['shared/domain/**/*.test.ts', 'shared/formats/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
