// One Jest run for every suite: unit specs beside the code, API end-to-end tests against a real
// PostgreSQL, browser tests in Chromium. `npm test` (scripts/test.mjs) runs it with TZ=UTC and a
// DATABASE_URL (the embedded PostgreSQL when none is given).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

const common = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: { '^@wutong/shared$': '<rootDir>/libs/shared/src/index.ts' },
  testEnvironment: 'node',
  rootDir: __dirname,
  // Scratch copies (benchmarks' baselines, builds, the embedded database) are not the project.
  modulePathIgnorePatterns: ['<rootDir>/tmp/', '<rootDir>/dist/', '<rootDir>/.data/'],
  // ESM-only packages the API requires (Node loads them with require() since 20.19 and 22.12; Jest's
  // module runtime only with --experimental-vm-modules): compiled to CommonJS like the project's own files.
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/apps/api/src/**/*.spec.ts', '<rootDir>/libs/shared/src/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'api',
      testMatch: ['<rootDir>/test/api/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/api-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/api-global-teardown.ts',
    },
    {
      ...common,
      // Crashes and outages: kill -9 mid-rush, PostgreSQL restarts, SMTP refusing and hanging.
      displayName: 'chaos',
      testMatch: ['<rootDir>/test/chaos/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/api-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/api-global-teardown.ts',
    },
    {
      ...common,
      // Two API processes behind a round-robin proxy on one PostgreSQL and Redis.
      displayName: 'cluster',
      testMatch: ['<rootDir>/test/cluster/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/api-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/api-global-teardown.ts',
    },
    {
      ...common,
      displayName: 'web',
      testMatch: ['<rootDir>/test/web/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/web-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/web-global-teardown.ts',
    },
  ],
  testTimeout: 30000,
};
