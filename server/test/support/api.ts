import { createHash, randomBytes } from 'node:crypto';
import { apiKeyScopes } from '@cairn/schema';
import type { Call } from './operator-session';
import { signInFirstTime } from './operator-session';
import { platformAdminOf } from './server';

export interface GqlError {
  message: string;
  extensions?: { code?: string; retryable?: boolean; [key: string]: unknown };
}

export interface GqlResult<T> {
  status: number;
  data: T | null;
  errors?: GqlError[];
}

/** One GraphQL request over HTTP, exactly as a client sends it. */
export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GqlResult<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T | null; errors?: GqlError[] };
  return { status: res.status, data: body.data ?? null, errors: body.errors };
}

/** Like `gql` but fails the test on any error. */
export async function gqlOk<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const result = await gql<T>(url, query, variables, token);
  if (result.errors?.length || !result.data) {
    throw new Error(`GraphQL error: ${JSON.stringify(result.errors)}`);
  }
  return result.data;
}

export function errorCode(result: GqlResult<unknown>): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}

export const randomName = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`;

/** `gqlOk` against one server, in the shape the sign-in helpers take. */
export const callOf =
  (url: string): Call =>
  (query, variables, token) =>
    gqlOk(url, query, variables, token);

const adminSessions = new Map<string, Promise<string>>();

/**
 * The test server's platform admin, signed in through the API once per server (enrolling TOTP
 * the first time) and reused: a second sign-in in the same 30 s would replay a TOTP step.
 */
export function adminToken(url: string): Promise<string> {
  let token = adminSessions.get(url);
  if (!token) {
    const admin = platformAdminOf(url);
    token = signInFirstTime(callOf(url), admin.email, admin.password).then((s) => s.session.token);
    adminSessions.set(url, token);
  }
  return token;
}

export interface TenantFixture {
  adminToken: string;
  tenantId: string;
  apiKey: string;
  apiKeyId: string;
  userToken: string;
  userId: string;
  deviceToken: string;
  deviceId: string;
  userKey: string;
}

/** A fresh tenant (random name) with an API key holding every scope, one user and one device. */
export async function createTenantFixture(
  url: string,
  conflictPolicy: 'KEEP_BOTH' | 'NEWEST_WINS' = 'KEEP_BOTH',
): Promise<TenantFixture> {
  const admin = await adminToken(url);
  const { createTenant } = await gqlOk<{ createTenant: { id: string } }>(
    url,
    'mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }',
    { i: { name: randomName('tenant'), conflictPolicy } },
    admin,
  );
  const { createApiKey } = await gqlOk<{
    createApiKey: { secret: string; apiKey: { id: string } };
  }>(
    url,
    `mutation($t: ID!, $s: [ApiKeyScope!]!) {
       createApiKey(tenantId: $t, name: "test", scopes: $s) { secret apiKey { id } } }`,
    { t: createTenant.id, s: apiKeyScopes },
    admin,
  );
  const user = await mintUser(url, createApiKey.secret, randomName('user'));
  const device = await registerDevice(url, user.token, 'Pixel');
  return {
    adminToken: admin,
    tenantId: createTenant.id,
    apiKey: createApiKey.secret,
    apiKeyId: createApiKey.apiKey.id,
    userToken: user.token,
    userId: user.userId,
    deviceToken: device.deviceToken,
    deviceId: device.deviceId,
    userKey: device.userKey,
  };
}

export async function mintUser(url: string, apiKey: string, externalId: string) {
  const { mintUserToken } = await gqlOk<{ mintUserToken: { token: string; user: { id: string } } }>(
    url,
    'mutation($x: String!) { mintUserToken(externalId: $x) { token user { id } } }',
    { x: externalId },
    apiKey,
  );
  return { token: mintUserToken.token, userId: mintUserToken.user.id };
}

export async function registerDevice(
  url: string,
  userToken: string,
  name: string,
  appVersion = '1.0.0',
) {
  const { registerDevice } = await gqlOk<{
    registerDevice: { deviceToken: string; device: { id: string }; userKey: { key: string } };
  }>(
    url,
    `mutation($i: RegisterDeviceInput!) {
       registerDevice(input: $i) { deviceToken device { id } userKey { keyId key } } }`,
    { i: { name, platform: 'android', appVersion } },
    userToken,
  );
  return {
    deviceToken: registerDevice.deviceToken,
    deviceId: registerDevice.device.id,
    userKey: registerDevice.userKey.key,
  };
}

/** A stand-in for an encrypted chunk: random bytes with the id, sizes and checksum a client sends. */
export function fakeChunk(bytes = 1000, plainSize = bytes - 28) {
  const body = randomBytes(bytes);
  return {
    id: randomBytes(32).toString('hex'),
    body,
    plainSize: String(plainSize),
    size: String(bytes),
    checksum: createHash('sha256').update(body).digest('hex'),
  };
}
