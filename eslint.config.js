// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

import { stageOrderConfig } from './eslint.stage-order.js';

const pureStages = ['schema', 'normalize', 'diff', 'plan', 'render', 'resolve', 'origin'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bin/**', 'src/schema/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    files: ['src/cli/**', 'src/action/**', 'src/bench/**', 'test/**', '**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['test/**', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  ...pureStages.map((stage) => ({
    files: [`src/${stage}/**/*.ts`],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:fs', 'node:fs/*', 'fs', 'undici', 'node:http', 'node:net'],
              message: 'Pure stages do no I/O.',
            },
            {
              group: ['**/live/client*', '**/apply/*', '**/cli/*', '**/action/*', '**/emulator/*'],
              message: 'Pure stages import no I/O stage.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  })),
  // Dependencies point one way, down the pipeline (README "Architecture").
  stageOrderConfig,
  {
    files: ['eslint.config.js', 'eslint.stage-order.js', 'vitest.config.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
);
