#!/usr/bin/env node
// The CLI is TypeScript run through tsx, as `npm run cairn` does at the repository root.
// libuv sizes its thread pool on first use; restore fsyncs every file and 4 threads (the
// default) serialise them. Set before anything touches the pool.
process.env.UV_THREADPOOL_SIZE = process.env.UV_THREADPOOL_SIZE || '16';
require('tsx/cjs');
require('../src/cli/main.ts');
