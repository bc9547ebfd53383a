import { join } from 'node:path';

import type { BackupSummary, RestoreSummary } from '../src/cli';
import { repoRoot } from '../src/harness';
import type { Measured } from './measure';
import { measure } from './measure';

export interface ToolRun {
  seconds: number;
  cpuSeconds: number;
  peakRssBytes: number;
  bytesSent: number;
}

function check(run: Measured, what: string) {
  if (run.code !== 0) throw new Error(`${what} exited ${run.code}: ${run.stderr}${run.stdout}`);
  return run;
}

/** The cairn CLI, driven exactly as a user would, reporting through its --json summary. */
export class CairnTool {
  constructor(private readonly home: string) {}

  private run(args: string[]) {
    const cli = join(repoRoot, 'mobile-sdk/src/cli/main.ts');
    // As `bin/cairn.js` and `npm run cairn` start it: a 16-thread libuv pool.
    return measure(process.execPath, ['--import', 'tsx', cli, ...args, '--json'], {
      CAIRN_HOME: this.home,
      UV_THREADPOOL_SIZE: '16',
    });
  }

  async login(server: string, apiKey: string) {
    const cli = join(repoRoot, 'mobile-sdk/src/cli/main.ts');
    const args = ['--import', 'tsx', cli, 'login', '--server', server, '--api-key', apiKey];
    check(
      await measure(process.execPath, [...args, '--user', 'bench'], { CAIRN_HOME: this.home }),
      'cairn login',
    );
  }

  async backup(dir: string): Promise<ToolRun> {
    const run = check(await this.run(['backup', dir]), 'cairn backup');
    const summary = JSON.parse(run.stdout) as BackupSummary;
    if (summary.filesFailed) throw new Error(`cairn backup failed files: ${run.stdout}`);
    return {
      seconds: run.seconds,
      cpuSeconds: run.cpuSeconds,
      peakRssBytes: run.peakRssBytes,
      bytesSent: summary.bytesUploaded,
    };
  }

  async restore(dest: string): Promise<ToolRun> {
    const run = check(await this.run(['restore', dest]), 'cairn restore');
    const summary = JSON.parse(run.stdout) as RestoreSummary;
    if (summary.filesFailed) throw new Error(`cairn restore failed files: ${run.stdout}`);
    return { ...pick(run), bytesSent: 0 };
  }
}

function pick({ seconds, cpuSeconds, peakRssBytes }: Measured) {
  return { seconds, cpuSeconds, peakRssBytes };
}

interface ResticSummary {
  message_type: string;
  data_added?: number;
}

/** restic into a local repository: the peer baseline on the same folder and edits. */
export class ResticTool {
  private readonly env: NodeJS.ProcessEnv;

  constructor(repo: string) {
    this.env = {
      RESTIC_REPOSITORY: repo,
      RESTIC_PASSWORD: 'bench',
      RESTIC_CACHE_DIR: `${repo}-cache`,
    };
  }

  async init() {
    check(await measure('restic', ['init'], this.env), 'restic init');
  }

  async backup(dir: string): Promise<ToolRun> {
    const run = check(
      await measure('restic', ['backup', '--json', dir], this.env),
      'restic backup',
    );
    const summary = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ResticSummary)
      .find((line) => line.message_type === 'summary');
    return { ...pick(run), bytesSent: summary?.data_added ?? 0 };
  }

  async restore(dest: string): Promise<ToolRun> {
    const run = check(
      await measure('restic', ['restore', 'latest', '--target', dest], this.env),
      'restic restore',
    );
    return { ...pick(run), bytesSent: 0 };
  }
}
