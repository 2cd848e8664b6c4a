// Mutation testing (issue 16): `npm run test:mutation`, not part of `npm test` (it takes long on a small machine).
// Mutates the pure core, shared/domain and shared/formats, and runs their vitest files against each mutant.
// The sandbox is .stryker-tmp/ and the reports go to build/mutation/, both gitignored. The sandbox stays inside the
// project so that Node finds node_modules by walking up (a worktree's node_modules is a symlink, which Stryker does
// not link into a sandbox elsewhere).
// The scores and the survivors judged equivalent are in docs/testing.md.
// PLENO_MUTATION_TESTS=shared/formats scores one folder: its tests only (stryker.vitest.config.ts), its files mutated,
// and its own incremental file and reports (build/mutation/shared-formats.*), so one target's run never invalidates
// another's. `--mutate` narrows further (one file while iterating).
const only = process.env.PLENO_MUTATION_TESTS;
// PLENO_MUTATION_TAG names the files of a narrower run (e.g. one file while iterating) so it keeps its own.
const tag = process.env.PLENO_MUTATION_TAG ?? (only ? only.replace(/[^A-Za-z0-9]+/g, '-') : 'all');
const folders = only ? [only] : ['shared/domain', 'shared/formats'];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'stryker.vitest.config.ts', related: true },
  mutate: [...folders.map((f) => `${f}/**/*.ts`), '!shared/**/*.test.ts'],
  ignorePatterns: [
    '.stryker-tmp',
    'e2e',
    'bench',
    'docs',
    'resources',
    'build',
    'artifacts',
    'dist',
    'release',
    'test-results',
  ],
  coverageAnalysis: 'perTest',
  // Static mutants (module-level tables: form labels, rule lists) need the whole test set each; they are reported as
  // ignored rather than run, which keeps a run within an hour on two shared cores.
  ignoreStatic: true,
  // The Bahasa Indonesia messages are checked by exact-text tests where they matter; mutating every string literal
  // (a third of all mutants) would put the run far beyond an hour on two shared cores.
  mutator: { excludedMutations: ['StringLiteral'] },
  // 2 cores shared with other work: one test process at a time.
  concurrency: 1,
  timeoutMS: 20_000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  incremental: true,
  incrementalFile: `build/mutation/${tag}.incremental.json`,
  // event-recorder writes each tested mutant as it is done (build/mutation/<target>-events/): survivors can be read
  // during a long run (docs/testing.md) instead of only at its end.
  reporters: ['clear-text', 'progress', 'html', 'json', 'event-recorder'],
  eventReporter: { baseDir: `build/mutation/${tag}-events` },
  htmlReporter: { fileName: `build/mutation/${tag}.html` },
  jsonReporter: { fileName: `build/mutation/${tag}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: true, reportScoreTable: true },
  thresholds: { high: 90, low: 85, break: null },
};
