// Unit tests (src/**/*.spec.ts) cover pure logic; e2e tests (test/**/*.e2e-spec.ts) boot the
// compiled server as a child process against a throw-away PostgreSQL database. NestJS 12 is
// ESM-only and Jest's CommonJS runtime cannot require() it on Node 20, so no test imports Nest
// directly: the server runs under plain Node, where require(esm) works.
process.env.TZ = 'UTC';

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }],
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
};
