import { EndUserEntity } from '../src/db/entities';
import { callOf, createTenantFixture, errorCode, fakeChunk, gql, gqlOk } from './support/api';
import { newSignedInOperator } from './support/operator-session';
import type { TenantFixture } from './support/api';
import { commit, commitInput, commitOk, upload } from './support/library';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';
import { deleteFiles, restoreFiles } from './support/trash';

describe("another tenant's ids are NOT_FOUND", () => {
  let server: TestServer;
  let a: TenantFixture;
  let b: TenantFixture;
  let bFile: { fileId: string; versionId: string };
  let operatorA: string;

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
