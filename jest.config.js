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
  projects: ['schema', 'mobile-sdk', 'server', 'e2e'].map(project),
};
