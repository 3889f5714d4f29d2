// Lint rules, including the layer rules of DESIGN.md: analyzers see only the analyzer API and
// statement types; src/ never imports analyzers/ except from the CLI; lower layers never import higher ones.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const higherLayers = ['executor', 'cli', 'approval', 'shadow', 'report', 'state', 'estimate'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/fixtures/**', 'coverage/**', 'bench/.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', URL: 'readonly', console: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['analyzers/**/*.ts'],
    ignores: ['analyzers/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^\\.\\./src/(?!analysis/|parser/statement|db/capabilities)', message: 'analyzers import only the analyzer API, statement types and capabilities' },
        { regex: '^(mysql2|kysely|node:)', message: 'analyzers are pure: no I/O' },
      ] }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '(^|/)analyzers/', message: 'only src/cli composes the analyzer catalogue' },
        { regex: '(^|/)cli/', message: 'the CLI is the composition root; nothing imports it' },
      ] }],
    },
  },
  {
    files: ['src/util/**/*.ts', 'src/db/**/*.ts', 'src/parser/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: `\\.\\./(${higherLayers.join('|')})/`, message: 'lower layers never import higher ones' },
        { regex: '(^|/)analyzers/', message: 'only src/cli composes the analyzer catalogue' },
      ] }],
    },
  },
);
