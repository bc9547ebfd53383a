import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';

import ts from 'typescript';

import { repoRoot } from './harness';

/**
 * Loads a dependency-free console source file for a unit test. The console is an ES module
 * package built by Vite, which this CommonJS test project cannot import; the file is compiled
 * with TypeScript and run in a fresh context instead, so the test checks the shipped source.
 */
export function loadConsoleModule<T>(pathInConsole: string): T {
  const source = readFileSync(join(repoRoot, 'console', pathInConsole), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const module = { exports: {} as Record<string, unknown> };
  runInNewContext(outputText, { module, exports: module.exports, BigInt });
  return module.exports as T;
}
