import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, startServer, type Config, type RunningServer } from '@cairn/server';
import { chunkBlobKey } from '@cairn/server/src/files/chunk-tokens';
import { testAdmin, testDatabaseUrl } from '@cairn/server/test/support/env';
import type { Call } from '@cairn/server/test/support/operator-session';
import { signInFirstTime } from '@cairn/server/test/support/operator-session';
import { corruptObject } from '@cairn/server/test/support/stored-objects';
import { CairnApi } from '../../src/core/api';
import { deriveKeysFromBase64, type DerivedKeys } from '../../src/core/keys';
import { sdkVersion } from '../../src/core/version';
import { MintUserTokenDocument, RegisterDeviceDocument } from '../../src/generated/operations';
import { FetchTransport } from '../../src/node/fetch-transport';
import { nodeCrypto } from '../../src/node/node-crypto';

/** The real server, in this process, on a random port with its own data dir and queue prefix. */
export interface RealServer extends RunningServer {
  dataDir: string;
  /**
   * A platform admin of this server's own, signed in once per server: argon2 is slow on
   * purpose, and a second sign-in within 30 s would replay a TOTP time step.
   */
  adminToken(): Promise<string>;
  stop(): Promise<void>;
}

export async function startRealServer(overrides: Partial<Config> = {}): Promise<RealServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cairn-sdk-server-'));
  const config: Config = {
    ...loadConfig({}),
    port: 0,
    databaseUrl: testDatabaseUrl,
    dataDir,
    adminEmail: testAdmin.email,
    adminPassword: testAdmin.password,
    queuePrefix: `cairn-sdk-test-${randomBytes(6).toString('hex')}`,
    logLevel: process.env.LOG_LEVEL ?? 'silent',
    nodeEnv: 'test',
    runWorker: false,
    ...overrides,
  };
  const server = await startServer(config);
  // Each server seals TOTP secrets with its own key file, so each gets its own admin.
  const credentials = {
    email: `sdk-admin-${randomBytes(6).toString('hex')}@cairn.test`,
    password: randomBytes(12).toString('hex'),
  };
  await server.services.operators.create({
    ...credentials,
    role: 'PLATFORM_ADMIN',
    tenantId: null,
  });
  let admin: Promise<string> | undefined;
  const real: RealServer = {
    ...server,
    dataDir,
    adminToken: () => (admin ??= signIn(real, credentials)),
    stop: async () => {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return real;
}

/** Through the real API, enrolling TOTP as an admin must at first sign-in. */
async function signIn(server: RealServer, admin: { email: string; password: string }) {
  const call: Call = (query, variables, token) => operatorCall(server, query, variables, token);
  const signedIn = await signInFirstTime(call, admin.email, admin.password);
  return signedIn.session.token;
}

/** One end user with one registered device, in a tenant of its own. */
export interface Account {
  tenantId: string;
  userId: string;
  deviceId: string;
  deviceToken: string;
  userToken: string;
  /** The platform admin's session, for operator calls such as revoking the device. */
  adminToken: string;
  keys: DerivedKeys;
}

/** Operator calls the SDK has no documents for, over plain HTTP as an integrator makes them. */
async function operatorCall<T>(
  server: RealServer,
  query: string,
  variables: object,
  token?: string,
) {
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/**
 * A fresh tenant, API key, user and device, made the way an integrator and its app do: the
 * platform admin creates the tenant and key, the key mints a user token, the app registers.
 */
export async function createAccount(server: RealServer): Promise<Account> {
  const adminToken = await server.adminToken();
  const name = `sdk-${randomBytes(6).toString('hex')}`;
  const { createTenant } = await operatorCall<{ createTenant: { id: string } }>(
    server,
    'mutation($n: String!) { createTenant(input: { name: $n }) { id } }',
    { n: name },
    adminToken,
  );
  const { createApiKey } = await operatorCall<{ createApiKey: { secret: string } }>(
    server,
    'mutation($t: ID!) { createApiKey(tenantId: $t, name: "sdk tests", scopes: [USERS_WRITE]) { secret } }',
    { t: createTenant.id },
    adminToken,
  );
  const api = new CairnApi(new FetchTransport(`${server.url}/graphql`), server.url);
  const minted = await api
    .withToken(createApiKey.secret)
    .request(MintUserTokenDocument, { externalId: name });
  const userToken = minted.mintUserToken.token;
  const { registerDevice } = await api.withToken(userToken).request(RegisterDeviceDocument, {
    input: { name: 'Pixel', platform: 'android', appVersion: sdkVersion },
  });
  return {
    tenantId: createTenant.id,
    userId: registerDevice.device.userId,
    deviceId: registerDevice.device.id,
    deviceToken: registerDevice.deviceToken,
    userToken,
    adminToken,
    keys: deriveKeysFromBase64(
      nodeCrypto,
      registerDevice.userKey.keyId,
      registerDevice.userKey.key,
    ),
  };
}

interface ChunkRow {
  hash: string;
  checksum: string;
}

const keyOf = (account: Account, row: ChunkRow) =>
  chunkBlobKey(account.tenantId, account.userId, row.checksum);

/** Flips one bit of a stored chunk, as failing storage would. */
export async function corruptStoredChunk(server: RealServer, account: Account, chunkId: string) {
  const { rows } = await server.services.pool.query<ChunkRow>(
    'select hash, checksum from chunk where user_id = $1 and hash = $2',
    [account.userId, chunkId],
  );
  if (!rows[0]) throw new Error(`chunk ${chunkId} is not stored`);
  await corruptObject(server, keyOf(account, rows[0]));
}

/** Removes the account's chunks that no version references yet: rows and stored objects. */
export async function loseUnreferencedChunks(server: RealServer, account: Account) {
  const { rows } = await server.services.pool.query<ChunkRow>(
    'select hash, checksum from chunk where user_id = $1 and ref_count = 0',
    [account.userId],
  );
  await server.services.pool.query(
    'delete from chunk where user_id = $1 and hash = any($2::text[]) and ref_count = 0',
    [account.userId, rows.map((row) => row.hash)],
  );
  await Promise.all(rows.map((row) => server.services.blobs.delete(keyOf(account, row))));
  return rows.length;
}

/** Revokes the account's device as an operator would; its token stops working at once. */
export async function revokeDevice(server: RealServer, account: Account) {
  await operatorCall(
    server,
    'mutation($d: ID!) { revokeDevice(id: $d) { id } }',
    { d: account.deviceId },
    account.adminToken,
  );
}

/** How many chunks the server holds for the account. */
export async function storedChunkCount(server: RealServer, account: Account): Promise<number> {
  const { rows } = await server.services.pool.query<{ n: number }>(
    'select count(*)::int as n from chunk where user_id = $1',
    [account.userId],
  );
  return rows[0]?.n ?? 0;
}
