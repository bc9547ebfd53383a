import { EndUserEntity } from '../src/db/entities';
import { callOf, createTenantFixture, errorCode, fakeChunk, gql, gqlOk } from './support/api';
import { newSignedInOperator } from './support/operator-session';
import type { TenantFixture } from './support/api';
import { commit, commitInput, commitOk, upload } from './support/library';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';
import { deleteFiles, restoreFiles } from './support/trash';
import type { SigningKey } from './support/partner-idp';
import { jwksOf, partnerToken, registerIdp, signIn, signingKey } from './support/partner-idp';

describe("another tenant's ids are NOT_FOUND", () => {
  let server: TestServer;
  let a: TenantFixture;
  let b: TenantFixture;
  let bFile: { fileId: string; versionId: string };
  let operatorA: string;
  let aKey: SigningKey;
  let bKey: SigningKey;
  let bIdpId: string;

  beforeAll(async () => {
    server = await startTestServer();
    [a, b] = await Promise.all([createTenantFixture(server.url), createTenantFixture(server.url)]);
    const chunk = fakeChunk();
    await upload(server.url, b.deviceToken, [chunk]);
    const outcome = await commitOk(server.url, b.deviceToken, commitInput('B/secret.txt', [chunk]));
    bFile = { fileId: outcome.file!.id, versionId: outcome.version!.id };

    const operator = await newSignedInOperator(
      server,
      callOf(server.url),
      'TENANT_ADMIN',
      a.tenantId,
    );
    operatorA = operator.session.token;

    [aKey, bKey] = await Promise.all([signingKey('ES256', 'a-1'), signingKey('ES256', 'b-1')]);
    await registerIdp(server.url, a.adminToken, a.tenantId, {
      issuer: 'https://id.a.example',
      audience: 'app',
      jwks: JSON.stringify(jwksOf(aKey)),
    });
    const bIdp = await registerIdp(server.url, b.adminToken, b.tenantId, {
      issuer: 'https://id.b.example',
      audience: 'app',
      jwks: JSON.stringify(jwksOf(bKey)),
    });
    bIdpId = bIdp.data!.registerPartnerIdp.id;
  });
  afterAll(() => server.stop());

  const asDevice = (): [string, string, Record<string, unknown>][] => [
    ['file', 'query($id: ID!) { file(id: $id) { id } }', { id: bFile.fileId }],
    ['versions', 'query($id: ID!) { versions(fileId: $id) { total } }', { id: bFile.fileId }],
    ['version', 'query($id: ID!) { version(id: $id) { id } }', { id: bFile.versionId }],
    [
      'restorePlan',
      'query($id: ID!) { restorePlan(versionId: $id) { path } }',
      { id: bFile.versionId },
    ],
    ['files', 'query($u: ID!) { files(userId: $u) { total } }', { u: b.userId }],
    ...trashCalls(),
  ];
  const trashCalls = (): [string, string, Record<string, unknown>][] => [
    ['trash', 'query($u: ID!) { trash(userId: $u) { total } }', { u: b.userId }],
    [
      'libraryAt',
      'query($u: ID!, $at: DateTime!) { libraryAt(userId: $u, at: $at) { total } }',
      { u: b.userId, at: new Date().toISOString() },
    ],
    [
      'emptyTrash of a user',
      'mutation($u: ID!) { emptyTrash(userId: $u) { filesPurged } }',
      { u: b.userId },
    ],
    [
      'emptyTrash of a file',
      'mutation($f: ID!) { emptyTrash(fileIds: [$f]) { filesPurged } }',
      { f: bFile.fileId },
    ],
  ];
  const asTenantCredential = (): [string, string, Record<string, unknown>][] => [
    ['tenant', 'query($id: ID!) { tenant(id: $id) { id } }', { id: b.tenantId }],
    ['endUser', 'query($id: ID!) { endUser(id: $id) { id } }', { id: b.userId }],
    ['endUsers', 'query($t: ID!) { endUsers(tenantId: $t) { total } }', { t: b.tenantId }],
    ['device', 'query($id: ID!) { device(id: $id) { id } }', { id: b.deviceId }],
    ['devices', 'query($u: ID!) { devices(userId: $u) { total } }', { u: b.userId }],
    ['files', 'query($u: ID!) { files(userId: $u) { total } }', { u: b.userId }],
    ['file', 'query($id: ID!) { file(id: $id) { id } }', { id: bFile.fileId }],
    ...trashCalls(),
    ['revokeDevice', 'mutation($id: ID!) { revokeDevice(id: $id) { id } }', { id: b.deviceId }],
  ];

  it("a device cannot reach another tenant's library", async () => {
    for (const [name, query, variables] of asDevice()) {
      expect([name, errorCode(await gql(server.url, query, variables, a.deviceToken))]).toEqual([
        name,
        'NOT_FOUND',
      ]);
    }
    for (const token of [a.deviceToken, a.apiKey, operatorA]) {
      const deleted = await deleteFiles(server.url, token, [{ fileId: bFile.fileId }]);
      const restored = await restoreFiles(server.url, token, [bFile.fileId]);
      expect(deleted.data!.deleteFiles[0]!.error!.code).toBe('NOT_FOUND');
      expect(restored.data!.restoreFiles[0]!.error!.code).toBe('NOT_FOUND');
    }
    const result = await commit(server.url, a.deviceToken, {
      ...commitInput('A/x.txt', []),
      baseVersionId: bFile.versionId,
    });
    expect(result.data?.commitVersion.error?.code).toBe('NOT_FOUND');
  });

  it("an API key and a tenant operator cannot reach another tenant's rows", async () => {
    for (const token of [a.apiKey, operatorA]) {
      for (const [name, query, variables] of asTenantCredential()) {
        expect([name, errorCode(await gql(server.url, query, variables, token))]).toEqual([
          name,
          'NOT_FOUND',
        ]);
      }
    }
    const revokeKey = 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }';
    expect(errorCode(await gql(server.url, revokeKey, { id: b.apiKeyId }, operatorA))).toBe(
      'NOT_FOUND',
    );
    const { tenants } = await gqlOk<{ tenants: { items: { id: string }[] } }>(
      server.url,
      '{ tenants { items { id } } }',
      {},
      operatorA,
    );
    expect(tenants.items.map((x) => x.id)).toEqual([a.tenantId]);
  });

  const idpInput = {
    issuer: 'https://id.a.example',
    audience: 'app',
    jwksUrl: 'https://id.a.example/jwks',
  };
  /** Settings, identity providers and keys of B, as tenant A's admin names them. */
  const settingsCalls = (): [string, string, Record<string, unknown>][] => [
    [
      'tenantSettings',
      'query($t: ID!) { tenantSettings(tenantId: $t) { tenantId } }',
      { t: b.tenantId },
    ],
    [
      'updateTenantSettings',
      `mutation($t: ID!) {
         updateTenantSettings(tenantId: $t, input: { maxDevicesPerUser: 1 }) { tenantId } }`,
      { t: b.tenantId },
    ],
    [
      'registerPartnerIdp',
      'mutation($t: ID!, $i: PartnerIdpInput!) { registerPartnerIdp(tenantId: $t, input: $i) { id } }',
      { t: b.tenantId, i: idpInput },
    ],
    [
      'updatePartnerIdp',
      'mutation($id: ID!, $i: PartnerIdpInput!) { updatePartnerIdp(id: $id, input: $i) { id } }',
      { id: bIdpId, i: idpInput },
    ],
    ['removePartnerIdp', 'mutation($id: ID!) { removePartnerIdp(id: $id) { id } }', { id: bIdpId }],
    [
      'createApiKey',
      'mutation($t: ID!) { createApiKey(tenantId: $t, name: "x", scopes: [USERS_READ]) { secret } }',
      { t: b.tenantId },
    ],
  ];
  const stateOfB = async () => {
    const { rows } = await server.services.pool.query(
      `select (select row_to_json(t) from tenant t where t.id = $1) as tenant,
              (select json_agg(p order by p.id) from partner_idp p where p.tenant_id = $1) as idps,
              (select count(*)::int from api_key k where k.tenant_id = $1) as keys,
              (select count(*)::int from end_user u where u.tenant_id = $1) as users`,
      [b.tenantId],
    );
    return rows[0] as Record<string, unknown>;
  };

  it("tenant A cannot read or change B's settings, identity providers or keys", async () => {
    const before = await stateOfB();
    for (const [name, query, variables] of settingsCalls()) {
      expect([name, errorCode(await gql(server.url, query, variables, operatorA))]).toEqual([
        name,
        'NOT_FOUND',
      ]);
      // Keys read settings (tenant:read) but never write them: NOT_FOUND or FORBIDDEN.
      const asKey = errorCode(await gql(server.url, query, variables, a.apiKey));
      expect([name, asKey]).toEqual([name, name === 'tenantSettings' ? 'NOT_FOUND' : 'FORBIDDEN']);
    }

    // Partner tokens of one tenant sign no one in at the other, either way round.
    const toB = await partnerToken(aKey, { iss: 'https://id.a.example', aud: 'app', sub: 'eve' });
    const toA = await partnerToken(bKey, { iss: 'https://id.b.example', aud: 'app', sub: 'eve' });
    expect(errorCode(await signIn(server.url, b.tenantId, toB))).toBe('UNAUTHENTICATED');
    expect(errorCode(await signIn(server.url, a.tenantId, toA))).toBe('UNAUTHENTICATED');

    expect(await stateOfB()).toEqual(before);
  });

  it("a tenant operator reads only its own tenant's audit log", async () => {
    type Page = { auditEvents: { total: number; items: { id: string; tenantId: string }[] } };
    const query =
      'query($t: ID) { auditEvents(tenantId: $t, limit: 500) { total items { id tenantId } } }';
    expect(errorCode(await gql(server.url, query, { t: b.tenantId }, operatorA))).toBe('NOT_FOUND');
    expect(errorCode(await gql(server.url, query, { t: b.tenantId }, a.apiKey))).toBe('FORBIDDEN');

    const own = (await gqlOk<Page>(server.url, query, {}, operatorA)).auditEvents;
    const ofB = (await gqlOk<Page>(server.url, query, { t: b.tenantId }, a.adminToken)).auditEvents;
    expect(own.total).toBeGreaterThan(0);
    expect(ofB.total).toBeGreaterThan(0);
    expect(own.items.every((e) => e.tenantId === a.tenantId)).toBe(true);
    const seen = new Set(own.items.map((e) => e.id));
    expect(ofB.items.filter((e) => seen.has(e.id))).toEqual([]);
  });

  it('b is untouched and a platform admin still sees it', async () => {
    const { device } = await gqlOk<{ device: { revokedAt: string | null } }>(
      server.url,
      'query($id: ID!) { device(id: $id) { revokedAt } }',
      { id: b.deviceId },
      a.adminToken,
    );
    expect(device.revokedAt).toBeNull();
    const { files } = await gqlOk<{ files: { total: number } }>(
      server.url,
      'query($u: ID!) { files(userId: $u) { total } }',
      { u: b.userId },
      a.adminToken,
    );
    expect(files.total).toBe(1);
  });

  it('the tenant filter fails closed when no tenant is given', async () => {
    const em = server.services.orm.em.fork();
    await expect(em.find(EndUserEntity, {})).rejects.toThrow(/tenant/);
  });
});
