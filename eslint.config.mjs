import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'crypto',
  'http',
  'https',
  'net',
  'child_process',
  'util',
  'stream',
  'events',
  'url',
  'worker_threads',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '.dependency-cruiser.cjs',
      'generated/**',
      'node_modules/**',
      'tools/**',
      '.tools/**',
      '.data/**',
      'coverage/**',
      'prisma.config.ts',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Workflows are deterministic orchestration: no I/O, no Node built-ins, no database or mail code.
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.flatMap((name) => [
            { name, message: 'workflow and domain code must stay deterministic: no Node built-ins' },
            { name: `node:${name}`, message: 'workflow and domain code must stay deterministic: no Node built-ins' },
          ]),
          patterns: [
            {
              group: ['@prisma/*', '**/generated/**', 'pg', 'nodemailer', 'express', 'pino'],
              message: 'no I/O libraries in workflow or domain code',
            },
            {
              group: ['**/infra/**', '**/api/**', '**/worker/**', '**/mail/**', '**/reports/**'],
              message: 'workflow and domain code must not depend on infrastructure',
            },
            {
              group: ['**/activities', '**/activities/**'],
              allowTypeImports: true,
              message: 'import activity types only (import type)',
            },
          ],
        },
      ],
    },
  },
  {
    // Schemas the workflows build (through domain/lazy-zod.ts): zod's built-in formats keep their patterns in
    // zod's own module state, which the worker freezes (preloaded); testing them there throws. Use .regex().
    files: [
      'workflows/**/*.ts',
      'domain/complaint/**/*.ts',
      'domain/corrective-action/**/*.ts',
      'domain/recall/**/*.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "MemberExpression[object.name='z'][property.name=/^(iso|email|uuid|guid|url|httpUrl|ipv4|ipv6|cidrv4|cidrv6|cuid|cuid2|ulid|nanoid|base64|base64url|e164|jwt|emoji|hostname)$/]",
          message:
            "zod's built-in formats are frozen in the worker (domain/lazy-zod.ts): use .regex() with a pattern of your own",
        },
      ],
    },
  },
  {
    // Activities are what a worker runs; the API shares mail and report code through mail/ and reports/.
    files: ['api/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/activities', '**/activities/**'],
              message: 'the API does not import activities: shared code lives in mail/, reports/ or infra/',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
