// One jest run covers every workspace; each project keeps its own roots so tests stay next to the code they prove.
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/../tsconfig.base.json', diagnostics: false }];

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'agent',
      rootDir: '<rootDir>/agent',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testEnvironment: 'node',
      transform: { '^.+\\.tsx?$': tsJest },
    },
    {
      displayName: 'frontend',
      rootDir: '<rootDir>/frontend',
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/tests/e2e/'],
      testEnvironment: 'node',
      moduleNameMapper: { '^@/(.*)$': '<rootDir>/$1' },
      transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }] },
    },
    {
      displayName: 'scripts',
      rootDir: '<rootDir>/scripts',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testEnvironment: 'node',
      transform: { '^.+\\.tsx?$': tsJest },
    },
  ],
};
