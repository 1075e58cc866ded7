// One jest run covers every workspace; each project keeps its own roots so tests stay next to the code they prove.
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/../tsconfig.base.json', diagnostics: false }];
// The workspace packages are TypeScript source (package.json `exports` point at src/): every project reads them there.
const workspacePackages = (rootDir) => ({
  '^@chef-chopsky/contract$': `${rootDir}/packages/contract/src/index.ts`,
  '^@chef-chopsky/shared-state$': `${rootDir}/packages/shared-state/src/index.ts`,
  '^@chef-chopsky/(contract|kitchen|shared-state)/test/(.*)$': `${rootDir}/packages/$1/test/$2`,
  '^@chef-chopsky/(contract|kitchen|shared-state)/(.*)$': `${rootDir}/packages/$1/src/$2`,
});

/** @type {import('jest').Config} */
module.exports = {
  // Jest's default on 2 cores is a single worker; most files wait on child processes and servers, so two overlap well.
  maxWorkers: 2,
  // A guard, not a timing assertion: PGlite's initdb and a cold PostgreSQL take seconds on a loaded 2-core machine.
  // It must be top-level: jest-circus reads the global config's testTimeout and ignores a project's (hooks such as
  // a beforeAll that opens PGlite got jest's 5 s default and failed under load).
  testTimeout: 30_000,
  projects: [
    {
      displayName: 'kitchen',
      rootDir: '<rootDir>/packages/kitchen',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testEnvironment: 'node',
      moduleNameMapper: workspacePackages('<rootDir>/../..'),
      transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/../../tsconfig.base.json', diagnostics: false }] },
    },
    {
      displayName: 'contract',
      rootDir: '<rootDir>/packages/contract',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testEnvironment: 'node',
      moduleNameMapper: workspacePackages('<rootDir>/../..'),
      transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/../../tsconfig.base.json', diagnostics: false }] },
    },
    {
      displayName: 'shared-state',
      rootDir: '<rootDir>/packages/shared-state',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testEnvironment: 'node',
      moduleNameMapper: workspacePackages('<rootDir>/../..'),
      transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/../../tsconfig.base.json', diagnostics: false }] },
    },
    {
      displayName: 'agent',
      rootDir: '<rootDir>/agent',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testEnvironment: 'node',
      moduleNameMapper: workspacePackages('<rootDir>/..'),
      transform: { '^.+\\.tsx?$': tsJest },
    },
    {
      displayName: 'frontend',
      rootDir: '<rootDir>/frontend',
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/tests/e2e/'],
      testEnvironment: 'node',
      moduleNameMapper: { '^@/(.*)$': '<rootDir>/$1', ...workspacePackages('<rootDir>/..') },
      transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }] },
    },
    {
      displayName: 'scripts',
      rootDir: '<rootDir>/scripts',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testEnvironment: 'node',
      moduleNameMapper: workspacePackages('<rootDir>/..'),
      transform: { '^.+\\.tsx?$': tsJest },
    },
  ],
};
