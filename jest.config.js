// Four tiers, one command. ts-jest transpiles only (tsc --noEmit does the type checking),
// and also transforms the ESM-only packages (middy, aws-local-stepfunctions) to CommonJS.
const esmPackages = ['@middy', 'aws-local-stepfunctions'];

const tsJest = [
  'ts-jest',
  {
    tsconfig: {
      module: 'commonjs',
      moduleResolution: 'node10',
      allowJs: true,
      esModuleInterop: true,
      isolatedModules: true,
    },
    diagnostics: false,
  },
];

const base = {
  testEnvironment: 'node',
  transform: { '^.+\\.[tj]sx?$': tsJest, '^.+\\.mjs$': tsJest },
  transformIgnorePatterns: [`node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  setupFiles: ['<rootDir>/test/setup/polyfills.ts'],
  maxWorkers: 2,
};

module.exports = {
  // Tests race DynamoDB Local and the local platform on 2 cores; 5 s fails them on a busy machine
  // without anything being wrong. A test that hangs still fails, after 20 s.
  testTimeout: 20_000,
  reporters: ['default', '<rootDir>/test/setup/summary-reporter.js'],
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/setup/integration-global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/integration-global-teardown.ts',
      setupFiles: [...base.setupFiles, '<rootDir>/test/setup/integration-env.ts'],
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/setup/e2e-global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/e2e-global-teardown.ts',
      setupFiles: [...base.setupFiles, '<rootDir>/test/setup/e2e-env.ts'],
    },
    {
      ...base,
      displayName: 'infra',
      testMatch: ['<rootDir>/test/infra/**/*.test.ts'],
      globalSetup: '<rootDir>/test/setup/infra-global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/infra-global-teardown.ts',
    },
  ],
};
