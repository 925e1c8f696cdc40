// Flat config. The one rule that matters most here is the boundary of libs/policy:
// the engine stays pure (no Nest, no Kafka, no telemetry, no I/O), so it can be
// reasoned about, replayed and property-tested.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const ioModules = [
  'fs',
  'net',
  'http',
  'https',
  'http2',
  'dgram',
  'dns',
  'tls',
  'child_process',
  'cluster',
  'worker_threads',
  'readline',
  'process',
  'timers',
  'os',
  'perf_hooks',
];
const ioPatterns = ioModules.flatMap((m) => [m, `${m}/*`, `node:${m}`, `node:${m}/*`]);

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'test-artifacts/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['libs/policy/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'kafkajs', '@opentelemetry/*'],
              message: 'libs/policy is pure: no framework, broker or telemetry.',
            },
            {
              group: ioPatterns,
              message: 'libs/policy does no I/O: callers pass text and time in.',
            },
            {
              group: ['@app/gateway*', '@app/auditor*', '../../../apps/*'],
              message: 'libs never import apps.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Time enters libs/policy as an argument.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Time enters libs/policy as an argument.',
        },
        {
          selector: "MemberExpression[object.name='Math'][property.name='random']",
          message: 'decide() is deterministic.',
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'libs/policy reads no environment.' },
        { name: 'setTimeout', message: 'libs/policy is synchronous.' },
      ],
    },
  },
  {
    files: ['libs/contracts/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@app/*', '@nestjs/*', 'kafkajs', '@opentelemetry/*'],
              message: 'libs/contracts depends on nothing in the repo and no framework.',
            },
          ],
        },
      ],
    },
  },
  {
    // Imports only go down: an app reaches a lib through its index (`@app/<lib>`; the tracing
    // SDK's own entry `@app/runtime/telemetry` must load before anything else), never another
    // app's source. Code two apps need moves to a lib.
    files: ['apps/*/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.int-spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@app/(?!runtime/telemetry$)[^/]+/',
              message: 'Enter a lib through its index: @app/<lib>.',
            },
            {
              regex: '(^|/)libs/',
              message: 'Apps import libs as @app/<lib>, never by path.',
            },
            {
              regex:
                '^@app/(gateway|auditor|cli|partner)\\b|(^|/)apps/|(^|/)(gateway|auditor|cli|partner)/src(/|$)',
              message: "No app imports another app's source: shared code moves to a lib.",
            },
            {
              regex: '^kafkajs$',
              message:
                'Apps reach Kafka through @app/runtime (libs/runtime/src/kafka), so the client can be swapped in one folder.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/runtime/src/**/*.ts', 'libs/verify/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)apps/', message: 'libs never import apps.' }] },
      ],
    },
  },
  {
    files: ['libs/verify/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)apps/', message: 'libs never import apps.' },
            { regex: '^kafkajs$', message: 'libs/verify reaches Kafka through @app/runtime.' },
          ],
        },
      ],
    },
  },
  {
    files: [
      'apps/cli/**/*.ts',
      'scripts/**/*.ts',
      'test/**/*.ts',
      '**/*.spec.ts',
      '**/*.e2e-spec.ts',
      '**/*.int-spec.ts',
    ],
    rules: { 'no-console': 'off' },
  },
);
