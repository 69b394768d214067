// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/dist-types/**',
      '**/dist-bin/**',
      '**/node_modules/**',
      'packages/server/migrations/**',
      'test-results/**',
      'playwright-report/**',
      'data/**',
      'packages/web-kit/vite.d.mts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['packages/backoffice-web/src/**', 'packages/pos-web/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['packages/backoffice-web/src/**/*.{ts,tsx}', 'packages/pos-web/src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
);
