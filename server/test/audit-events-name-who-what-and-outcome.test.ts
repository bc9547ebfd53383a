import { createTenantFixture, fakeChunk, gqlOk, randomName } from './support/api';
import type { TenantFixture } from './support/api';
import type { AuditEventView } from './support/audit';
import { auditEvents, eventsOfRequest, testUserAgent, tracedGql } from './support/audit';
import { commitFields, commitInput, upload } from './support/library';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';
import { operatorToken } from './support/trash';

describe('every mutation lands one audit event naming who did what to which record', () => {
  let server: TestServer;
  let t: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  const only = async (requestId: string, token = t.adminToken): Promise<AuditEventView> => {
    const events = await eventsOfRequest(server.url, token, requestId);
    expect(events).toHaveLength(1);
    return events[0]!;
  };

  it('an operator: a platform admin creating a tenant files it under that tenant', async () => {
    const { viewer } = await gqlOk<{ viewer: { operator: { id: string } } }>(
      server.url,
      '{ viewer { operator { id } } }',
      {},
      t.adminToken,
    );
    const name = randomName('audit');
    const created = await tracedGql<{ createTenant: { id: string } }>(
      server.url,
      'mutation($n: String!) { createTenant(input: { name: $n }) { id } }',
      { n: name },
      t.adminToken,
    );
    const tenantId = created.data!.createTenant.id;

    const event = await only(created.requestId);
    expect(event).toMatchObject({
      tenantId,
      actorKind: 'OPERATOR',
      actorId: viewer.operator.id,
      operation: 'createTenant',
      targets: [{ kind: 'Tenant', id: tenantId }],
      outcome: 'OK',
      userAgent: testUserAgent,
      items: null,
    });
    expect(event.clientIp).toMatch(/127\.0\.0\.1/);
    expect(JSON.parse(event.arguments)).toEqual({
      input: { name, conflictPolicy: 'KEEP_BOTH' },
    });
  });

  it('a tenant admin revoking a device names the device; other tenants see nothing of it', async () => {
    const other = await createTenantFixture(server.url);
    const otherAdmin = await operatorToken(server, other.tenantId, 'TENANT_ADMIN');
    const revoked = await tracedGql(
      server.url,
      'mutation($id: ID!) { revokeDevice(id: $id) { id } }',
      { id: other.deviceId },
      otherAdmin,
    );
    expect(revoked.errors).toBeUndefined();

    const event = await only(revoked.requestId, otherAdmin);
    expect(event).toMatchObject({
      tenantId: other.tenantId,
      actorKind: 'OPERATOR',
      operation: 'revokeDevice',
      targets: [{ kind: 'Device', id: other.deviceId }],
      outcome: 'OK',
    });
    const viewer = await operatorToken(server, t.tenantId, 'TENANT_VIEWER');
    const seen = await auditEvents(server.url, viewer);
    expect(seen.items.length).toBeGreaterThan(0);
    expect(seen.items.every((e) => e.tenantId === t.tenantId)).toBe(true);
  });

  it('an API key creating an end user', async () => {
    const upserted = await tracedGql<{ upsertEndUser: { id: string } }>(
      server.url,
      'mutation { upsertEndUser(externalId: "bob") { id } }',
      {},
      t.apiKey,
    );
    const event = await only(upserted.requestId);
    expect(event).toMatchObject({
      tenantId: t.tenantId,
      actorKind: 'API_KEY',
      actorId: t.apiKeyId,
      operation: 'upsertEndUser',
      targets: [{ kind: 'EndUser', id: upserted.data!.upsertEndUser.id }],
      outcome: 'OK',
    });
    expect(JSON.parse(event.arguments)).toEqual({ externalId: 'bob' });
  });

  it('an end user registering a device', async () => {
    const registered = await tracedGql<{ registerDevice: { device: { id: string } } }>(
      server.url,
      `mutation { registerDevice(input: { name: "tablet", platform: "ios" }) {
         deviceToken device { id } } }`,
      {},
      t.userToken,
    );
    const event = await only(registered.requestId);
    expect(event).toMatchObject({
      tenantId: t.tenantId,
      actorKind: 'USER',
      actorId: t.userId,
      operation: 'registerDevice',
      targets: [{ kind: 'Device', id: registered.data!.registerDevice.device.id }],
      outcome: 'OK',
    });
  });

  it('a device committing a version names the file and the version', async () => {
    const chunk = fakeChunk();
    await upload(server.url, t.deviceToken, [chunk]);
    const committed = await tracedGql<{
      commitVersion: { file: { id: string }; version: { id: string } };
    }>(
      server.url,
      `mutation($i: CommitVersionInput!) { commitVersion(input: $i) { ${commitFields} } }`,
      { i: commitInput('Camera/one.jpg', [chunk]) },
      t.deviceToken,
    );
    const { file, version } = committed.data!.commitVersion;

    const event = await only(committed.requestId);
    expect(event).toMatchObject({
      tenantId: t.tenantId,
      actorKind: 'DEVICE',
      actorId: t.deviceId,
      operation: 'commitVersion',
      outcome: 'OK',
    });
    expect(event.targets).toEqual(
      expect.arrayContaining([
        { kind: 'File', id: file.id },
        { kind: 'Version', id: version.id },
      ]),
    );
    expect(JSON.parse(event.arguments)).toMatchObject({ input: { path: 'Camera/one.jpg' } });
  });

  it("a commit answered with an error carries the error's code", async () => {
    const missing = fakeChunk();
    const committed = await tracedGql(
      server.url,
      `mutation($i: CommitVersionInput!) { commitVersion(input: $i) { ${commitFields} } }`,
      { i: commitInput('Camera/missing.jpg', [missing]) },
      t.deviceToken,
    );
    expect(committed.errors).toBeUndefined();
    expect((await only(committed.requestId)).outcome).toBe('CHUNKS_MISSING');
  });

  it('a batch is one event counting its items and the codes of those that failed', async () => {
    const chunk = fakeChunk();
    await upload(server.url, t.deviceToken, [chunk]);
    const committed = await tracedGql<{ commitVersions: { file: { id: string } | null }[] }>(
      server.url,
      `mutation($i: [CommitVersionInput!]!) { commitVersions(inputs: $i) { ${commitFields} } }`,
      { i: [commitInput('Docs/a.txt', [chunk]), commitInput('Docs/b.txt', [fakeChunk()])] },
      t.deviceToken,
    );
    const fileId = committed.data!.commitVersions[0]!.file!.id;
    const unknown = '00000000-0000-4000-8000-000000000000';
    const deleted = await tracedGql(
      server.url,
      'mutation($i: [DeleteFileInput!]!) { deleteFiles(inputs: $i) { fileId error { code } } }',
      { i: [{ fileId }, { fileId: unknown }] },
      t.deviceToken,
    );

    expect(await only(committed.requestId)).toMatchObject({
      operation: 'commitVersions',
      outcome: 'OK',
      items: { total: 2, failed: 1, failureCodes: ['CHUNKS_MISSING'] },
    });
    const event = await only(deleted.requestId);
    expect(event).toMatchObject({
      operation: 'deleteFiles',
      outcome: 'OK',
      items: { total: 2, failed: 1, failureCodes: ['NOT_FOUND'] },
    });
    expect(event.targets).toEqual(
      expect.arrayContaining([
        { kind: 'File', id: fileId },
        { kind: 'File', id: unknown },
      ]),
    );
  });
});
