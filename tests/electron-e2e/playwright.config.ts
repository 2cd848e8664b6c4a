// The Playwright Electron suite (`npm run test:electron`): the real desktop app under Electron. Not part of `npm test`
// (e2e/playwright.config.ts is the web-mode suite); where no Electron binary is installed every test reports itself
// as skipped with the reason, never as passed.
import { defineConfig } from '@playwright/test';
import { electronBinary, NO_BINARY } from './binary';

if (!electronBinary()) console.warn(`Electron suite SKIPPED: ${NO_BINARY}`);

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/electron',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
});
