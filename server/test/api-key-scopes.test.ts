import type { ApiKeyScope } from '@cairn/schema';
import { apiKeyScopeNames, apiKeyScopes } from '@cairn/schema';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import {
  createTenantFixture,
  errorCode,
  fakeChunk,
  gql,
  gqlOk,
  randomName,
  registerDevice,
} from './support/api';
import type { TenantFixture } from './support/api';
import type { CreatedKey } from './support/api-keys';
import { createKey, createKeyMutation, mintToken, revokeKey } from './support/api-keys';
import { commitInput, commitOk, upload } from './support/library';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';
import { operatorToken } from './support/trash';

const viewerQuery = '{ viewer { kind apiKey { id name scopes expiresAt } } }';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('API key scopes', () => {
  let server: TestServer;
  let t: TenantFixture;
  let fileId: string;
  let versionId: string;
  let spareDeviceId: string;
  const only = new Map<ApiKeyScope, CreatedKey>();
  const allBut = new Map<ApiKeyScope, CreatedKey>();

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
    const chunk = fakeChunk();
    await upload(server.url, t.deviceToken, [chunk]);
    const outcome = await commitOk(server.url, t.deviceToken, commitInput('Scoped/a.txt', [chunk]));
    fileId = outcome.file!.id;
    versionId = outcome.version!.id;
    spareDeviceId = (await registerDevice(server.url, t.userToken, 'Spare')).deviceId;
    for (const scope of apiKeyScopes) {
      only.set(scope, await createKey(server.url, t.adminToken, t.tenantId, [scope]));
      const rest = apiKeyScopes.filter((s) => s !== scope);
      allBut.set(scope, await createKey(server.url, t.adminToken, t.tenantId, rest));
    }
  });
  afterAll(() => server.stop());

  /** [operation, the scope it needs, document, variables], in an order safe to run for real. */
  const operations = (): [string, ApiKeyScope, string, Record<string, unknown>][] => [
    ['tenants', 'TENANT_READ', '{ tenants { total } }', {}],
    ['tenant', 'TENANT_READ', 'query($t: ID!) { tenant(id: $t) { id } }', { t: t.tenantId }],
    [
      'tenantSettings',
      'TENANT_READ',
      'query($t: ID!) { tenantSettings(tenantId: $t) { tenantId } }',
      { t: t.tenantId },
    ],
    ['endUsers', 'USERS_READ', '{ endUsers { total } }', {}],
    ['endUser', 'USERS_READ', 'query($u: ID!) { endUser(id: $u) { id } }', { u: t.userId }],
    [
      'upsertEndUser',
      'USERS_WRITE',
      'mutation($x: String!) { upsertEndUser(externalId: $x) { id } }',
      { x: randomName('scoped') },
    ],
    [
      'mintUserToken',
      'USERS_WRITE',
      'mutation($x: String!) { mintUserToken(externalId: $x) { token } }',
      { x: randomName('scoped') },
    ],
    ['devices', 'DEVICES_READ', '{ devices { total } }', {}],
    ['device', 'DEVICES_READ', 'query($d: ID!) { device(id: $d) { id } }', { d: t.deviceId }],
    [
      'revokeDevice',
      'DEVICES_WRITE',
      'mutation($d: ID!) { revokeDevice(id: $d) { id } }',
      { d: spareDeviceId },
    ],
    ['files', 'FILES_READ', 'query($u: ID!) { files(userId: $u) { total } }', { u: t.userId }],
    ['file', 'FILES_READ', 'query($f: ID!) { file(id: $f) { id } }', { f: fileId }],
    ['versions', 'FILES_READ', 'query($f: ID!) { versions(fileId: $f) { total } }', { f: fileId }],
    ['version', 'FILES_READ', 'query($v: ID!) { version(id: $v) { id } }', { v: versionId }],
    ['trash', 'FILES_READ', 'query($u: ID!) { trash(userId: $u) { total } }', { u: t.userId }],
    [
      'libraryAt',
      'FILES_READ',
      'query($u: ID!, $at: DateTime!) { libraryAt(userId: $u, at: $at) { total } }',
      { u: t.userId, at: new Date().toISOString() },
    ],
    [
      'deleteFiles',
      'FILES_WRITE',
      'mutation($f: ID!) { deleteFiles(inputs: [{ fileId: $f }]) { fileId error { code } } }',
      { f: fileId },
    ],
    [
      'restoreFiles',
      'FILES_WRITE',
      'mutation($f: ID!) { restoreFiles(fileIds: [$f]) { fileId error { code } } }',
      { f: fileId },
    ],
    [
      'emptyTrash',
      'FILES_WRITE',
      'mutation($u: ID!) { emptyTrash(userId: $u) { filesPurged } }',
      { u: t.userId },
    ],
  ];

  it('refuses each operation to a key without its scope, naming the scope', async () => {
    for (const [name, scope, query, variables] of operations()) {
      const result = await gql(server.url, query, variables, allBut.get(scope)!.secret);
      expect([name, errorCode(result), result.data]).toEqual([name, 'FORBIDDEN', null]);
      expect(result.errors![0]!.message).toContain(apiKeyScopeNames[scope]);
    }
  });

  it('lets a key holding only that scope run each operation', async () => {
    for (const [name, scope, query, variables] of operations()) {
      const result = await gql(server.url, query, variables, only.get(scope)!.secret);
      expect([name, result.errors]).toEqual([name, undefined]);
    }
    const { device } = await gqlOk<{ device: { revokedAt: string | null } }>(
      server.url,
      'query($d: ID!) { device(id: $d) { revokedAt } }',
      { d: spareDeviceId },
      t.apiKey,
    );
    expect(device.revokedAt).not.toBeNull();
  });

  it('finds the fields behind aliases and fragments', async () => {
    const tenantOnly = only.get('TENANT_READ')!.secret;
    const aliased = await gql(
      server.url,
      '{ t: tenants { total } people: endUsers { total } }',
      {},
      tenantOnly,
    );
    expect([errorCode(aliased), aliased.data]).toEqual(['FORBIDDEN', null]);
    const fragment = await gql(
      server.url,
      `query { ...Inner } fragment Inner on Query { ... on Query { endUsers { total } } }`,
      {},
      tenantOnly,
    );
    expect([errorCode(fragment), fragment.data]).toEqual(['FORBIDDEN', null]);
  });

  it('changes nothing when a write is refused for want of a scope', async () => {
    const externalId = randomName('never');
    const refused = await gql(
      server.url,
      'mutation($x: String!) { upsertEndUser(externalId: $x) { id } }',
      { x: externalId },
      allBut.get('USERS_WRITE')!.secret,
    );
    expect(errorCode(refused)).toBe('FORBIDDEN');
    const { rows } = await server.services.pool.query(
      'select 1 from end_user where tenant_id = $1 and external_id = $2',
      [t.tenantId, externalId],
    );
    expect(rows).toHaveLength(0);
  });

  it('refuses file events over graphql-ws to a key without files:read', async () => {
    const subscribe = async (secret: string) => {
      const client = createClient({
        url: server.url.replace('http', 'ws') + '/graphql',
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${secret}` },
        retryAttempts: 0,
      });
      const events = client.iterate({
        query: 'subscription($u: ID!) { fileEvents(userId: $u) { kind } }',
        variables: { u: t.userId },
      });
      // A subscription that was let through waits for events: a short wait tells it apart.
      const first = await Promise.race([
        events.next().then(
          () => 'event',
          (error: unknown) => JSON.stringify(error),
        ),
        sleep(3000).then(() => 'subscribed'),
      ]);
      await client.dispose();
      return first;
    };
    const refused = await subscribe(allBut.get('FILES_READ')!.secret);
    expect(refused).toContain('FORBIDDEN');
    expect(refused).toContain('files:read');
  });

  it('keeps operator and device operations from keys that hold every scope', async () => {
    const calls = [
      ['{ apiKeys(tenantId: "TENANT") { total } }'],
      ['mutation { createApiKey(tenantId: "TENANT", name: "x", scopes: [USERS_READ]) { secret } }'],
      [
        'mutation { updateTenantSettings(tenantId: "TENANT", input: { dedupScope: TENANT }) { tenantId } }',
      ],
      ['mutation { prepareUpload(chunks: []) { missing { chunkId } } }'],
      ['mutation { signInWithPartnerToken(tenantId: "TENANT", token: "x") { token } }'],
    ];
    for (const [query] of calls) {
      const result = await gql(server.url, query!.replace('TENANT', t.tenantId), {}, t.apiKey);
      expect([query, errorCode(result)]).toEqual([query, 'FORBIDDEN']);
    }
  });

  it('tells a key its own scopes and expiry through viewer, whatever it holds', async () => {
    const expiresAt = new Date(Date.now() + 3600_000);
    const key = await createKey(server.url, t.adminToken, t.tenantId, ['BILLING_READ'], expiresAt);
    const { viewer } = await gqlOk<{ viewer: Record<string, unknown> }>(
      server.url,
      viewerQuery,
      {},
      key.secret,
    );
    expect(viewer).toEqual({
      kind: 'API_KEY',
      apiKey: {
        id: key.apiKey.id,
        name: key.apiKey.name,
        scopes: ['BILLING_READ'],
        expiresAt: expiresAt.toISOString(),
      },
    });
  });
});

describe('creating API keys', () => {
  let server: TestServer;
  let t: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  const keyCount = async () => {
    const { rows } = await server.services.pool.query<{ n: number }>(
      'select count(*)::int as n from api_key where tenant_id = $1',
      [t.tenantId],
    );
    return rows[0]!.n;
  };

  it.each<[string, Record<string, unknown>]>([
    ['no scope', { s: [] }],
    ['an unknown scope', { s: ['USERS_READ', 'EVERYTHING'] }],
    ['an expiry in the past', { s: ['USERS_READ'], e: new Date(Date.now() - 1000).toISOString() }],
    ['an expiry that is not a timestamp', { s: ['USERS_READ'], e: 'tomorrow' }],
    ['a blank name', { s: ['USERS_READ'], n: '   ' }],
  ])('refuses %s with BAD_USER_INPUT and creates nothing', async (_, change) => {
    const before = await keyCount();
    const result = await gql(
      server.url,
      createKeyMutation,
      { t: t.tenantId, n: 'bad', ...change },
      t.adminToken,
    );
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(await keyCount()).toBe(before);
  });

  it('refuses a call without scopes at all (the argument is required)', async () => {
    const result = await gql(
      server.url,
      'mutation($t: ID!) { createApiKey(tenantId: $t, name: "old style") { secret } }',
      { t: t.tenantId },
      t.adminToken,
    );
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
  });

  it('stores each scope once, with the expiry asked for', async () => {
    const expiresAt = new Date(Date.now() + 86_400_000);
    const key = await createKey(
      server.url,
      t.adminToken,
      t.tenantId,
      ['FILES_READ', 'USERS_READ', 'FILES_READ'],
      expiresAt,
    );
    expect(key.apiKey).toMatchObject({
      scopes: ['FILES_READ', 'USERS_READ'],
      expiresAt: expiresAt.toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    });
  });

  it('is for tenant admins: a viewer is refused and nothing is created', async () => {
    const viewer = await operatorToken(server, t.tenantId, 'TENANT_VIEWER');
    const before = await keyCount();
    const result = await gql(
      server.url,
      createKeyMutation,
      { t: t.tenantId, n: 'viewer key', s: ['USERS_READ'] },
      viewer,
    );
    expect(errorCode(result)).toBe('FORBIDDEN');
    expect(await keyCount()).toBe(before);
    const admin = await operatorToken(server, t.tenantId, 'TENANT_ADMIN');
    const made = await createKey(server.url, admin, t.tenantId, ['USERS_READ']);
    expect(made.secret).toMatch(/^ck_/);
  });
});

describe('API key expiry and revocation', () => {
  let server: TestServer;
  let t: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  it('refuses a key past its expiry, and the user tokens it minted, as UNAUTHENTICATED', async () => {
    const expiresAt = new Date(Date.now() + 3000);
    const key = await createKey(server.url, t.adminToken, t.tenantId, ['USERS_WRITE'], expiresAt);
    const minted = await mintToken(server.url, key.secret, randomName('brief'));
    const { token, expiresAt: tokenExpiry } = minted.data!.mintUserToken;
    expect(Date.parse(tokenExpiry)).toBeLessThanOrEqual(expiresAt.getTime());
    expect(errorCode(await gql(server.url, viewerQuery, {}, token))).toBeUndefined();

    await sleep(expiresAt.getTime() - Date.now() + 200);
    for (const credential of [key.secret, token]) {
      const result = await gql(server.url, viewerQuery, {}, credential);
      expect([result.status, errorCode(result)]).toEqual([401, 'UNAUTHENTICATED']);
    }
  });

  it("revoking a key refuses the user tokens it minted, not another key's", async () => {
    const doomed = await createKey(server.url, t.adminToken, t.tenantId, ['USERS_WRITE']);
    const kept = await createKey(server.url, t.adminToken, t.tenantId, ['USERS_WRITE']);
    const externalId = randomName('user');
    const fromDoomed = (await mintToken(server.url, doomed.secret, externalId)).data!;
    const fromKept = (await mintToken(server.url, kept.secret, externalId)).data!;
    const device = await registerDevice(server.url, fromDoomed.mintUserToken.token, 'Phone');

    expect(errorCode(await revokeKey(server.url, t.adminToken, doomed.apiKey.id))).toBeUndefined();

    const register = `mutation { registerDevice(input: { name: "Tablet", platform: "ios" }) {
      device { id } } }`;
    const refused = await gql(server.url, register, {}, fromDoomed.mintUserToken.token);
    expect([refused.status, errorCode(refused)]).toEqual([401, 'UNAUTHENTICATED']);
    expect(errorCode(await gql(server.url, register, {}, fromKept.mintUserToken.token))).toBe(
      undefined,
    );
    // A device already registered holds its own credential, revoked separately.
    const prepare = 'mutation { prepareUpload(chunks: []) { missing { chunkId } } }';
    expect(errorCode(await gql(server.url, prepare, {}, device.deviceToken))).toBeUndefined();
  });

  it('records when a key was last used', async () => {
    const key = await createKey(server.url, t.adminToken, t.tenantId, ['USERS_READ']);
    await gqlOk(server.url, '{ endUsers { total } }', {}, key.secret);
    let lastUsedAt: string | null = null;
    for (let i = 0; i < 20 && !lastUsedAt; i++) {
      await sleep(100);
      const { apiKeys } = await gqlOk<{ apiKeys: { items: { id: string; lastUsedAt: string }[] } }>(
        server.url,
        'query($t: ID!) { apiKeys(tenantId: $t, limit: 500) { items { id lastUsedAt } } }',
        { t: t.tenantId },
        t.adminToken,
      );
      lastUsedAt = apiKeys.items.find((k) => k.id === key.apiKey.id)?.lastUsedAt ?? null;
    }
    expect(lastUsedAt).toEqual(expect.any(String));
  });
});

describe('what a tenant viewer sees of API keys', () => {
  let server: TestServer;
  let t: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  const listKeys = `query($t: ID!) { apiKeys(tenantId: $t) { items {
    id name prefix scopes createdAt expiresAt lastUsedAt revokedAt } } }`;

  it('names, dates and state, but neither prefix nor scopes; admins see both', async () => {
    const viewer = await operatorToken(server, t.tenantId, 'TENANT_VIEWER');
    const admin = await operatorToken(server, t.tenantId, 'TENANT_ADMIN');
    type Listed = { apiKeys: { items: Record<string, unknown>[] } };
    const seenByViewer = await gqlOk<Listed>(server.url, listKeys, { t: t.tenantId }, viewer);
    const seenByAdmin = await gqlOk<Listed>(server.url, listKeys, { t: t.tenantId }, admin);

    expect(seenByViewer.apiKeys.items).toEqual([
      expect.objectContaining({ id: t.apiKeyId, name: 'test', prefix: null, scopes: null }),
    ]);
    expect(seenByViewer.apiKeys.items[0]!.createdAt).toEqual(expect.any(String));
    expect(seenByAdmin.apiKeys.items).toEqual([
      expect.objectContaining({
        id: t.apiKeyId,
        prefix: `ck_${t.apiKeyId}`,
        scopes: [...apiKeyScopes],
      }),
    ]);
  });
});
