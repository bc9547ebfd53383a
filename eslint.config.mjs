import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/generated/**', '**/*.mjs', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['console/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['mobile-sdk/src/cli/**', 'e2e/**', 'server/src/main.ts', '**/*.test.ts', '**/test/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // The SDK core runs on phones too: it reaches files, network and crypto only through its
    // adapter interfaces, never through Node.
    files: ['mobile-sdk/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'The SDK core is platform-neutral: use an adapter.' },
            {
              group: ['fs', 'fs/*', 'path', 'os', 'crypto', 'http', 'https', 'stream', 'buffer'],
              message: 'The SDK core is platform-neutral: use an adapter.',
            },
            {
              group: ['**/node/**', '**/cli/**'],
              message: 'The core must not depend on adapters.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Buffer', message: 'Use Uint8Array in the SDK core.' },
        { name: 'process', message: 'The SDK core gets its settings from its caller.' },
        { name: 'require', message: 'Use imports.' },
        { name: '__dirname', message: 'The SDK core has no file system.' },
        { name: 'setImmediate', message: 'Not on every platform; use setTimeout.' },
      ],
    },
  },
  prettier,
);
