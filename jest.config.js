// Three projects: unit specs beside the code, e2e flows under test/e2e, browser specs under test/browser.
// e2e and browser specs run on real Postgres and Redis, or on Postgres alone where there is no Redis (BullMQ's
// PostgreSQL backend, as `npm start` there); see test/support/global-setup.ts.
const moduleNameMapper = {
  '^@portal/(platform|identity|programs|applications|review|awards|payments|notifications|storage|followup|dossier|statistics)$':
    '<rootDir>/libs/$1/src',
  '^@portal/(platform|identity|programs|applications|review|awards|payments|notifications|storage|followup|dossier|statistics)/(.*)$':
    '<rootDir>/libs/$1/src/$2',
};
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', isolatedModules: true }] };
const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform,
  moduleNameMapper,
};
module.exports = {
  // testTimeout is a global option in Jest 30 (a project-level one is ignored).
  testTimeout: 60000,
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/{api,worker,portal}/**/*.spec.ts'],
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...base,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
