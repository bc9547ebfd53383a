/** Every package's tests run from the root with `npm test`. */
const fs = require('node:fs');
const path = require('node:path');

const project = (name) => {
  const rootDir = path.join(__dirname, name);
  const setup = ['test/global-setup.ts', 'tests/global-setup.ts'].find((f) =>
    fs.existsSync(path.join(rootDir, f)),
  );
  return {
    displayName: name,
    rootDir,
    testEnvironment: 'node',
    transform: {
      '^.+\\.tsx?$': ['ts-jest', { tsconfig: `${rootDir}/tsconfig.json` }],
    },
    testMatch: ['<rootDir>/**/*.test.ts'],
    testPathIgnorePatterns: ['/node_modules/'],
    ...(setup ? { globalSetup: `<rootDir>/${setup}` } : {}),
  };
};

module.exports = {
  // Several tests start the CLI or a server process; on a busy two-core machine a start alone can
  // pass jest's 5 s default. Tests with longer work set their own limits.
  testTimeout: 20_000,
  projects: ['schema', 'mobile-sdk', 'server', 'e2e'].map(project),
};
