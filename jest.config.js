// Three tiers, one runner: unit specs sit beside the code, integration and e2e specs live in tests/ and
// talk to real Postgres, Redis and SMTP (see tests/setup/global-setup.ts).
const swc = [
  '@swc/jest',
  {
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
  },
];

const shared = {
  testEnvironment: 'node',
  // NestJS 12 ships ES modules; Jest's CommonJS runtime needs them transformed like our own code.
  transform: { '^.+\\.(t|j)s$': swc },
  // @fastify/static brings content-disposition as an ES module too (Node ≥ 20.19 requires it natively; Jest does not).
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@garmin)/)(?!.*content-disposition/)'],
  moduleNameMapper: { '^@app/([a-z-]+)$': '<rootDir>/libs/$1/src' },
};

module.exports = {
  // Integration and e2e tests wait for real job chains (pollUntil has its own, shorter, timeouts).
  testTimeout: 60_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/tests/setup/global-setup.ts',
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/tests/setup/global-setup.ts',
    },
  ],
};
