// Two Jest projects: `unit` needs nothing running; `broker` needs a real Kafka broker,
// which test/support/global-setup.ts starts once (or takes from KAFKA_BROKERS). `npm test` runs
// each with two workers (--maxWorkers=2; Jest's default on 2 cores is one): two broker test
// files at a time share that broker, each on its own topic prefix, groups, ports and temp dirs.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

module.exports = {
  // Broker tests wait on real I/O with their own waitFor deadlines; this is only the backstop,
  // for a test or hook (a secured broker and gateway in beforeAll) that sets none. Long enough
  // for two broker files sharing 2 cores, each taking longer than it would alone.
  testTimeout: 240000,
  // The files known to take minutes first, so that two workers finish close together.
  testSequencer: '<rootDir>/test/support/longest-first-sequencer.js',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,test,scripts}/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'broker',
      testMatch: ['<rootDir>/{apps,libs,test,scripts}/**/*.{int-spec,e2e-spec}.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
