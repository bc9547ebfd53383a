import { spawn } from 'node:child_process';
import { join } from 'node:path';

import type { BackupReport } from '@cairn/mobile-sdk/src/core/backup.engine';
import type { RestoreReport } from '@cairn/mobile-sdk/src/core/restore.engine';

import { repoRoot } from './harness';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `cairn` CLI as a separate process, the way a user would. */
export function runCli(
  args: string[],
  home: string,
  env: Record<string, string> = {},
): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'mobile-sdk/src/cli/main.ts'), ...args],
      {
        cwd: repoRoot,
        env: { ...process.env, ...env, CAIRN_HOME: home },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (piece: Buffer) => (stdout += piece.toString()));
    child.stderr.on('data', (piece: Buffer) => (stderr += piece.toString()));
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Runs the CLI with `--json` and parses its one JSON answer; fails loudly on a non-zero exit. */
export async function runCliJson<T>(
  args: string[],
  home: string,
  env: Record<string, string> = {},
): Promise<T> {
  const run = await runCli([...args, '--json'], home, env);
  if (run.code !== 0) {
    throw new Error(`cairn ${args.join(' ')} exited ${run.code}: ${run.stderr}${run.stdout}`);
  }
  return JSON.parse(run.stdout) as T;
}

/** The `--json` answers of `cairn backup` and `cairn restore`, as the SDK defines them. */
export type BackupSummary = BackupReport;
export type RestoreSummary = RestoreReport;
