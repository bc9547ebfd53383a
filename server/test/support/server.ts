import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunningServer } from '../../src/app';
import { startServer } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { Config } from '../../src/config';
import type { Logger } from '../../src/logger';
import { createLogger } from '../../src/logger';
import { testAdmin, testDatabaseUrl } from './env';

export interface TestServer extends RunningServer {
  dataDir: string;
  stop(): Promise<void>;
}

/** The real server in-process on a random port, with its own data dir and queue prefix. */
export async function startTestServer(
  overrides: Partial<Config> = {},
  log?: Logger,
): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'cairn-server-test-'));
  const defaults = loadConfig({});
  const config: Config = {
    ...defaults,
    port: 0,
    databaseUrl: testDatabaseUrl,
    dataDir,
    adminEmail: testAdmin.email,
    adminPassword: testAdmin.password,
    queuePrefix: `cairn-test-${randomBytes(6).toString('hex')}`,
    logLevel: process.env.LOG_LEVEL ?? 'silent',
    nodeEnv: 'test',
    runWorker: false,
    // Fixtures sign the admin in for every tenant they make; the login budget is tested apart.
    rateLimits: { ...defaults.rateLimits, loginPerIp: 10_000 },
    ...overrides,
  };
  const server = await startServer(config, log ?? createLogger(config.logLevel));
  return {
    ...server,
    dataDir,
    stop: async () => {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
