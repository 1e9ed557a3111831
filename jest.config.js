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

/**
 * The e2e journeys that need nothing but the public API (no /_local control endpoints, no
 * local bus or Stripe fake, no shortened timers): `e2e-remote` runs them against any deployed
 * API named by BAZAAR_E2E_BASE_URL — LocalStack, AWS, or a local platform started by hand.
 */
const PORTABLE_E2E = ['catalog-journey', 'identity', 'ship-checks', 'verified-purchase'];

const e2eRemote = process.env.BAZAAR_E2E_BASE_URL
  ? [
      {
        ...base,
        displayName: 'e2e-remote',
        setupFilesAfterEnv: ['<rootDir>/test/setup/e2e-remote-timeout.ts'],
        testMatch: PORTABLE_E2E.map((name) => `<rootDir>/test/e2e/${name}.test.ts`),
        globalSetup: '<rootDir>/test/setup/e2e-global-setup.ts',
        setupFiles: [...base.setupFiles, '<rootDir>/test/setup/e2e-env.ts'],
      },
    ]
  : [];

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
    ...e2eRemote,
  ],
};
