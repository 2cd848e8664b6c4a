// Lint, including the one-way dependency rule: renderer → shared ← electron, and shared pure (no Node, no DOM).
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// Exact module names (paths) and prefixes (patterns) that only the backend may use.
const nodeModules = [
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
  'zlib',
  'events',
  'worker_threads',
  'better-sqlite3',
  'electron',
  'pdf-lib',
  'qrcode',
  'zxing-wasm',
  'pngjs',
];
const nodePrefixes = ['node:*', 'fs/*', 'zxing-wasm/*', 'electron/*'];
const restrict = (message, extraPatterns) => [
  'error',
  {
    paths: nodeModules.map((name) => ({ name, message })),
    patterns: [{ group: nodePrefixes, message }, ...extraPatterns],
  },
];

const SQL_ONLY_IN_STORAGE =
  'SQL belongs to the storage layer: call a repository function (electron/main/backend/repositories) inside runCommand (db/command.ts).';
const storageOnly = [
  {
    selector:
      'MemberExpression[property.name=/^(prepare|exec|transaction|pragma|backup)$/][object.name=/^(db|database)$/]',
    message: SQL_ONLY_IN_STORAGE,
  },
  {
    selector:
      'MemberExpression[property.name=/^(prepare|exec|transaction|pragma|backup)$/][object.property.name=/^(db|database)$/]',
    message: SQL_ONLY_IN_STORAGE,
  },
  {
    selector: 'Literal[value=/^\\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\\s/i]',
    message: SQL_ONLY_IN_STORAGE,
  },
  {
    selector: 'TemplateElement[value.raw=/^\\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\\s/i]',
    message: SQL_ONLY_IN_STORAGE,
  },
  {
    selector: "TSAsExpression > TSTypeReference[typeName.name='WritableDb']",
    message: 'Only runCommand (db/command.ts) hands out a WritableDb; do not cast a handle to it.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'build/**',
      'dist/**',
      'release/**',
      'test-results/**',
      'playwright-report/**',
      'artifacts/**',
      'bench/out/**',
      '.stryker-tmp*/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict('shared/ is pure: no Node, Electron or native modules.', [
        {
          group: ['**/electron/**', '**/renderer/**'],
          message: 'shared/ must not import electron/ or renderer/ (renderer → shared ← electron).',
        },
      ]),
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'process',
        'Buffer',
        'require',
        '__dirname',
        'localStorage',
        'fetch',
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.{ts,tsx}', 'renderer/vite.config.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict('renderer/ reaches the backend only through the contract client.', [
        { group: ['**/electron/**'], message: 'renderer/ must not import electron/ (renderer → shared ← electron).' },
      ]),
    },
  },
  {
    // Screens read and change state only through the data layer (renderer/api/hooks.ts, query-client.ts), so every
    // answer is cached once and kept fresh by the one event table (renderer/api/invalidation.ts).
    files: ['renderer/features/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict('renderer/ reaches the backend only through the contract client.', [
        { group: ['**/electron/**'], message: 'renderer/ must not import electron/ (renderer → shared ← electron).' },
        {
          group: ['**/api/client'],
          message: 'Screens use the data layer (api/hooks, api/query-client), not the raw contract client.',
        },
      ]),
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/renderer/**'],
              message: 'electron/ must not import renderer/ (renderer → shared ← electron).',
            },
          ],
        },
      ],
    },
  },
  {
    // SQL only in the storage layer: outside db/ (migrations, the command runner) and repositories/, no statement is
    // prepared or run on a handle, no SQL write is spelled out, and no handle is cast to the command's WritableDb
    // (docs/storage.md, "Command unit"). tests/command-unit.test.ts shows a raw INSERT in a service failing here.
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/backend/db/**', 'electron/main/backend/repositories/**', 'electron/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...storageOnly],
    },
  },
  {
    // Files of at most 400 lines and functions of at most 80 (blank lines and comments not counted), in production
    // code: not in tests, e2e, benchmarks or scripts.
    files: ['electron/**/*.{ts,tsx}', 'shared/**/*.{ts,tsx}', 'renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', 'renderer/vite.config.ts'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: [
      'scripts/**/*.mjs',
      'bin/**/*.mjs',
      'bench/**/*.{ts,mjs}',
      'e2e/**/*.ts',
      'electron/main/cli/**/*.ts',
      'electron/main/cli.ts',
    ],
    rules: { 'no-console': 'off' },
  },
);
