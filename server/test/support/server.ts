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
  /** A platform admin of this server's own, not yet signed in (see `adminToken`). */
  platformAdmin: { email: string; password: string };
  stop(): Promise<void>;
}

const adminsByUrl = new Map<string, TestServer['platformAdmin']>();

/** The platform admin made for the test server at `url`. */
export function platformAdminOf(url: string): TestServer['platformAdmin'] {
  const admin = adminsByUrl.get(url);
  if (!admin) throw new Error(`no test server was started at ${url}`);
  return admin;
}

/**
 * Every test server gets a platform admin of its own. Sharing one across servers would not
 * work: each server's key file seals the admin's TOTP secret, and every server's sign-in
 * would spend a code of the same 30-second step, which the replay check refuses.
 */
async function addPlatformAdmin(server: RunningServer) {
  const admin = {
    email: `admin-${randomBytes(6).toString('hex')}@cairn.test`,
    password: randomBytes(12).toString('hex'),
  };
  await server.services.operators.create({ ...admin, role: 'PLATFORM_ADMIN', tenantId: null });
  adminsByUrl.set(server.url, admin);
  return admin;
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
  const platformAdmin = await addPlatformAdmin(server);
  return {
    ...server,
    dataDir,
    platformAdmin,
    stop: async () => {
      adminsByUrl.delete(server.url);
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
