// ESLint flat config (ESLint 10, typescript-eslint 8). `npm run lint` runs it beside dependency-cruiser (import
// boundaries: .dependency-cruiser.cjs) and `prettier --check .` (formatting). Two worlds:
//   server — apps/api, apps/worker, apps/portal, libs, test, seeds (Node globals, CommonJS build)
//   web    — apps/web (browser globals, React hooks rules)
// typescript-eslint's plain `recommended` (not type-aware): the type-aware set costs a full program build per
// run on top of `npm run typecheck`, which already checks types.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const SERVER = ['apps/api/**', 'apps/worker/**', 'apps/portal/**', 'libs/**', 'test/**', 'seeds/**'];
const WEB = ['apps/web/**'];
const TESTS = ['test/**', '**/*.spec.ts', '**/*.e2e-spec.ts'];

export default defineConfig(
  {
    ignores: ['node_modules/', 'dist/', '.data/', 'coverage/', 'test/browser/out/', 'apps/web/src/api/schema.d.ts'],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Chinese text lays out with the full-width space U+3000 inside strings and templates (certificates, notices).
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true }],
    },
  },
  {
    files: SERVER,
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Tests poke at private state, build partial fakes and read loosely shaped JSON answers: `any` is a warning
    // there (a real type is still better), never in libs or apps.
    files: TESTS,
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: { '@typescript-eslint/no-explicit-any': 'warn' },
  },
  {
    files: WEB,
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['*.js', '*.cjs', '*.mjs', 'scripts/**', 'apps/web/vite.config.mts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['*.js', '*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
  {
    // After eslint-config-prettier, which turns max-len off: Prettier wraps code at 120 columns but cannot wrap
    // strings, comments, template literals or regular expressions, so a line over 160 is one Prettier left long.
    // (max-len is deprecated for removal in ESLint 11; @stylistic/max-len is its successor.)
    rules: { 'max-len': ['error', { code: 160, tabWidth: 2, ignoreUrls: true }] },
  },
);
