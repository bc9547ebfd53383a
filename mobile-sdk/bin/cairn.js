#!/usr/bin/env node
// The CLI is TypeScript run through tsx, as `npm run cairn` does at the repository root.
require('tsx/cjs');
require('../src/cli/main.ts');
