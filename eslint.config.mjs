// Lint for backend, frontend and scripts: typescript-eslint's recommended rules, Prettier owns the format,
// and the import boundaries of the architecture (README, "Architecture"), which eslint-plugin-boundaries keeps.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from 'eslint-plugin-boundaries';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import angular from 'angular-eslint';

/**
 * The backend's layers, lowest first. A feature may import the domain, the base and the features
 * before it in the procurement's order; the dossier archive and the application sit on top.
 */
const FEATURES = ['tenders', 'bids', 'panel', 'evaluation', 'contracts', 'assessments'];
const BASE = ['common', 'config', 'database', 'audit', 'auth', 'users', 'access', 'documents', 'health', 'calendar'];

const elements = [
  { type: 'domain', pattern: 'backend/src/domain' },
  ...BASE.map((name) => ({ type: 'base', pattern: `backend/src/${name}` })),
  ...FEATURES.map((name) => ({ type: name, pattern: `backend/src/${name}` })),
  { type: 'archive', pattern: 'backend/src/dossiers' },
  { type: 'app', pattern: 'backend/src/seed' },
  { type: 'test-support', pattern: 'backend/test' },
  { type: 'frontend', pattern: 'frontend/src' },
  // What is left of backend/src: main, bootstrap, the app module and the CLI.
  { type: 'app', pattern: 'backend/src' },
];

const policy = (from, allowed) => ({ from: { element: { type: from } }, allow: { to: { element: { types: { anyOf: allowed } } } } });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.angular/**', 'out-tsc/**', 'coverage/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': {
        typescript: {
          project: ['tsconfig.json', 'frontend/tsconfig.app.json', 'frontend/tsconfig.spec.json'],
          noWarnOnMultipleProjects: true,
        },
      },
      'boundaries/elements': elements,
      'boundaries/include': ['backend/**/*.ts', 'frontend/src/**/*.ts'],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            policy('domain', ['domain']),
            policy('base', ['domain', 'base']),
            ...FEATURES.map((feature, i) => policy(feature, ['domain', 'base', ...FEATURES.slice(0, i + 1)])),
            policy('archive', ['domain', 'base', ...FEATURES, 'archive']),
            policy('app', ['domain', 'base', ...FEATURES, 'archive', 'app']),
            policy('test-support', ['domain', 'base', ...FEATURES, 'archive', 'app', 'test-support']),
            policy('frontend', ['domain', 'frontend']),
          ],
        },
      ],
      // The domain runs in the browser too: no framework, no database, no Node built-ins.
      'no-restricted-imports': 'off',
    },
  },
  {
    // Tests drive the whole application (an e2e test of a feature reads what later stages did), so they
    // may import any layer and the test harness; a domain test stays within the domain and the harness.
    files: ['backend/**/*.spec.ts', 'backend/**/*.e2e-spec.ts', 'frontend/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          policies: [
            { from: { element: { type: 'domain' } }, disallow: { to: { element: { types: { noneOf: ['domain', 'test-support'] } } } } },
          ],
        },
      ],
    },
  },
  {
    files: ['backend/src/domain/**/*.ts'],
    ignores: ['backend/src/domain/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                'typeorm',
                'typeorm/*',
                'express',
                'class-validator',
                'class-transformer',
                'exceljs',
                'puppeteer-core',
                'handlebars',
              ],
              message: 'The domain is framework-free.',
            },
            { group: ['node:*', 'fs', 'path', 'crypto'], message: 'The domain runs in the browser too: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    files: ['frontend/src/**/*.ts'],
    extends: [...angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
  },
  {
    files: ['frontend/src/**/*.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
    rules: {
      // `<label nz-checkbox nzId="x">` is its own control's label: NG-ZORRO renders the input with id x inside it;
      // `<label nz-radio>` likewise renders its radio input inside it.
      '@angular-eslint/template/label-has-associated-control': [
        'error',
        { labelComponents: [{ selector: 'label', inputs: ['for', 'htmlFor', 'nzId', 'nz-radio'] }] },
      ],
    },
  },
  {
    files: ['scripts/**/*.js', 'e2e/**/*.mjs', '*.js', '*.mjs', 'backend/test/*.js'],
    // Browser tests and the PDF bench pass callbacks that run in the page.
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
