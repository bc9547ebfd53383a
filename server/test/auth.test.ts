import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { loadOrCreateKeys } from '../src/keys/key-file';
import { createTenantFixture, errorCode, gql, gqlOk, registerDevice } from './support/api';
import type { TenantFixture } from './support/api';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

const viewer = '{ viewer { kind tenantId userId deviceId operator { email } } }';
const prepare = 'mutation { prepareUpload(chunks: []) { missing { chunkId } } }';

describe('credentials', () => {
  let server: TestServer;
  let t: TenantFixture;
  let secret: Buffer;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
    secret = (await loadOrCreateKeys(server.dataDir)).tokenSecret;
  });
  afterAll(() => server.stop());

  const jwt = (claims: Record<string, unknown>, exp: number, key = secret) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('cairn')
      .setExpirationTime(exp)
      .sign(key);
  const past = () => Math.floor(Date.now() / 1000) - 10;
  const future = () => Math.floor(Date.now() / 1000) + 600;

  it('resolves each kind of credential to its actor', async () => {
    expect((await gqlOk(server.url, viewer, {}, t.adminToken)).viewer).toMatchObject({
      kind: 'OPERATOR',
      operator: { email: server.platformAdmin.email },
    });
    expect((await gqlOk(server.url, viewer, {}, t.apiKey)).viewer).toMatchObject({
      kind: 'API_KEY',
      tenantId: t.tenantId,
    });
    expect((await gqlOk(server.url, viewer, {}, t.userToken)).viewer).toMatchObject({
      kind: 'USER',
      userId: t.userId,
    });
    expect((await gqlOk(server.url, viewer, {}, t.deviceToken)).viewer).toMatchObject({
      kind: 'DEVICE',
      userId: t.userId,
      deviceId: t.deviceId,
    });
  });

  it('accepts a user token bound to a live API key of its tenant', async () => {
    const token = await jwt(
      { typ: 'user', sub: t.userId, tid: t.tenantId, key: t.apiKeyId },
      future(),
    );
    expect((await gqlOk(server.url, viewer, {}, token)).viewer).toMatchObject({
      kind: 'USER',
      userId: t.userId,
    });
  });

  it('refuses a wrong password and an unknown operator', async () => {
    const login = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';
    expect(
      errorCode(
        await gql(server.url, login, { e: server.platformAdmin.email, p: 'wrong-password-123' }),
      ),
    ).toBe('UNAUTHENTICATED');
    expect(
      errorCode(await gql(server.url, login, { e: 'nobody@cairn.test', p: 'whatever-123456' })),
    ).toBe('UNAUTHENTICATED');
  });

  it.each<[string, () => Promise<string>]>([
    ['garbage', () => Promise.resolve('not-a-token')],
    ['an expired operator session', () => jwt({ typ: 'operator', sub: randomUUID() }, past())],
    [
      'an operator session for no operator',
      () => jwt({ typ: 'operator', sub: randomUUID() }, future()),
    ],
    [
      'a session signed with another key',
      () => jwt({ typ: 'operator', sub: randomUUID() }, future(), randomBytes(32)),
    ],
    [
      'an expired user token',
      () => jwt({ typ: 'user', sub: t.userId, tid: t.tenantId, key: t.apiKeyId }, past()),
    ],
    [
      'a user token naming another tenant',
      () => jwt({ typ: 'user', sub: t.userId, tid: randomUUID(), key: t.apiKeyId }, future()),
    ],
    [
      'a user token bound to no API key or identity provider',
      () => jwt({ typ: 'user', sub: t.userId, tid: t.tenantId }, future()),
    ],
    [
      'a user token bound to an API key that does not exist',
      () => jwt({ typ: 'user', sub: t.userId, tid: t.tenantId, key: randomUUID() }, future()),
    ],
    [
      'a user token bound to both a key and an identity provider',
      () =>
        jwt(
          { typ: 'user', sub: t.userId, tid: t.tenantId, key: t.apiKeyId, idp: randomUUID() },
          future(),
        ),
    ],
    [
      'an unknown API key',
      () => Promise.resolve(`ck_${randomUUID()}_${randomBytes(32).toString('hex')}`),
    ],
    [
      'an API key with a wrong secret',
      () => Promise.resolve(`ck_${t.apiKeyId}_${randomBytes(32).toString('hex')}`),
    ],
    [
      'an unknown device token',
      () => Promise.resolve(`cd_${randomUUID()}_${randomBytes(32).toString('hex')}`),
    ],
    [
      'a device token with a wrong secret',
      () => Promise.resolve(`cd_${t.deviceId}_${randomBytes(32).toString('hex')}`),
    ],
  ])('refuses %s with 401 UNAUTHENTICATED', async (_, token) => {
    const result = await gql(server.url, viewer, {}, await token());
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', retryable: false });
  });

  it('refuses a revoked device, and only that device', async () => {
    const spare = await registerDevice(server.url, t.userToken, 'Old phone');
    expect(errorCode(await gql(server.url, prepare, {}, spare.deviceToken))).toBeUndefined();

    const revoke = 'mutation($id: ID!) { revokeDevice(id: $id) { id revokedAt } }';
    const { revokeDevice } = await gqlOk<{ revokeDevice: { revokedAt: string } }>(
      server.url,
      revoke,
      { id: spare.deviceId },
      t.apiKey,
    );
    expect(revokeDevice.revokedAt).toEqual(expect.any(String));

    expect(errorCode(await gql(server.url, prepare, {}, spare.deviceToken))).toBe(
      'UNAUTHENTICATED',
    );
    expect(errorCode(await gql(server.url, prepare, {}, t.deviceToken))).toBeUndefined();
  });

  it('refuses a revoked API key', async () => {
    const { createApiKey } = await gqlOk<{
      createApiKey: { secret: string; apiKey: { id: string } };
    }>(
      server.url,
      `mutation($t: ID!) {
         createApiKey(tenantId: $t, name: "short-lived", scopes: [USERS_READ]) { secret apiKey { id } } }`,
      { t: t.tenantId },
      t.adminToken,
    );
    await gqlOk(
      server.url,
      'mutation($id: ID!) { revokeApiKey(id: $id) { id } }',
      { id: createApiKey.apiKey.id },
      t.adminToken,
    );
    expect(errorCode(await gql(server.url, viewer, {}, createApiKey.secret))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('keeps each credential to its own operations (FORBIDDEN otherwise)', async () => {
    expect(errorCode(await gql(server.url, prepare, {}, t.userToken))).toBe('FORBIDDEN');
    expect(errorCode(await gql(server.url, prepare, {}, t.apiKey))).toBe('FORBIDDEN');
    const createTenant = 'mutation { createTenant(input: { name: "x" }) { id } }';
    expect(errorCode(await gql(server.url, createTenant, {}, t.deviceToken))).toBe('FORBIDDEN');
    expect(errorCode(await gql(server.url, createTenant, {}, t.apiKey))).toBe('FORBIDDEN');
    const mint = 'mutation { mintUserToken(externalId: "bob") { token } }';
    expect(errorCode(await gql(server.url, mint, {}, t.adminToken))).toBe('FORBIDDEN');
    expect(errorCode(await gql(server.url, mint))).toBe('UNAUTHENTICATED');
  });

  it('records when a device was last seen', async () => {
    await gqlOk(server.url, prepare, {}, t.deviceToken);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { rows } = await server.services.pool.query<{ last_seen_at: Date | null }>(
      'select last_seen_at from device where id = $1',
      [t.deviceId],
    );
    expect(rows[0]?.last_seen_at).toBeInstanceOf(Date);
  });
});
