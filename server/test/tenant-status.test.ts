import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { libraryCounts } from './support/db';
import { createTenantFixture, errorCode, fakeChunk, gql, gqlOk } from './support/api';
import type { GqlResult, TenantFixture } from './support/api';
import {
  bundleBody,
  commit,
  commitInput,
  commitOk,
  prepare,
  putChunk,
  tokenOf,
  upload,
} from './support/library';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

type Status = 'ACTIVE' | 'SUSPENDED' | 'READ_ONLY';
const setStatus =
  'mutation($id: ID!, $s: TenantStatus!) { setTenantStatus(id: $id, status: $s) { id status } }';
const filesQuery = '{ files { items { path head { id } } } }';
const planQuery = 'query($v: ID!) { restorePlan(versionId: $v) { chunks { url } } }';

describe('tenant status', () => {
  let server: TestServer;
  let t: TenantFixture;
  let versionId: string;
  let stored: ReturnType<typeof fakeChunk>;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
    stored = fakeChunk();
    await upload(server.url, t.deviceToken, [stored]);
    versionId = (await commitOk(server.url, t.deviceToken, commitInput('a.jpg', [stored]))).version!
      .id;
  });
  afterAll(() => server.stop());

  const become = async (status: Status) => {
    const data = await gqlOk<{ setTenantStatus: { status: Status } }>(
      server.url,
      setStatus,
      { id: t.tenantId, s: status },
      t.adminToken,
    );
    expect(data.setTenantStatus.status).toBe(status);
  };
  const downloadUrl = async () => {
    const plan = await gqlOk<{ restorePlan: { chunks: { url: string }[] } }>(
      server.url,
      planQuery,
      { v: versionId },
      t.deviceToken,
    );
    return plan.restorePlan.chunks[0]!.url;
  };
  const expectForbidden = (result: GqlResult<unknown>) => {
    expect(errorCode(result)).toBe('FORBIDDEN');
    expect(result.data).toBeNull();
  };

  it('is set by platform admins only', async () => {
    const other = await createTenantFixture(server.url);
    for (const token of [t.apiKey, t.userToken, t.deviceToken]) {
      const result = await gql(
        server.url,
        setStatus,
        { id: other.tenantId, s: 'SUSPENDED' },
        token,
      );
      expect(errorCode(result)).toBe('FORBIDDEN');
    }
    const unknown = await gql(
      server.url,
      setStatus,
      { id: '00000000-0000-4000-8000-000000000000', s: 'SUSPENDED' },
      t.adminToken,
    );
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    const bad = await gql(server.url, setStatus, { id: other.tenantId, s: 'GONE' }, t.adminToken);
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    const { tenant } = await gqlOk<{ tenant: { status: string } }>(
      server.url,
      'query($id: ID!) { tenant(id: $id) { status } }',
      { id: other.tenantId },
      t.adminToken,
    );
    expect(tenant.status).toBe('ACTIVE');
  });

  it('SUSPENDED refuses every call by the tenant keys, users and devices and changes nothing', async () => {
    const fresh = fakeChunk();
    const [putTarget] = await prepare(server.url, t.deviceToken, [fresh]);
    const getUrl = await downloadUrl();
    const before = await libraryCounts(server.services.pool, t.userId);
    await become('SUSPENDED');
    try {
      for (const token of [t.apiKey, t.userToken, t.deviceToken]) {
        const result = await gql(server.url, '{ viewer { kind } }', {}, token);
        expectForbidden(result);
        expect(result.status).toBe(403);
      }
      expectForbidden(await gql(server.url, filesQuery, {}, t.deviceToken));
      expectForbidden(await commit(server.url, t.deviceToken, commitInput('b.jpg', [stored])));
      expectForbidden(
        await gql(
          server.url,
          'mutation { upsertEndUser(externalId: "late") { id } }',
          {},
          t.apiKey,
        ),
      );

      // Tokens handed out before the suspension stop working too.
      const put = await putChunk(server.url, putTarget!.url, fresh.body);
      expect([put.status, put.body.code]).toEqual([403, 'FORBIDDEN']);
      const get = await fetch(new URL(getUrl, server.url));
      expect(get.status).toBe(403);
      await get.body?.cancel();

      const subscription = createClient({
        url: server.url.replace('http', 'ws') + '/graphql',
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${t.deviceToken}` },
        retryAttempts: 0,
      });
      const answer = await subscription
        .iterate({ query: 'subscription { fileEvents { kind } }' })
        .next()
        .then(
          (step) => step.value as unknown,
          (errors: unknown) => ({ errors }),
        );
      await subscription.dispose();
      expect(JSON.stringify(answer)).toContain('FORBIDDEN');

      // The platform admin still reads the tenant, so the suspension can be lifted.
      await gqlOk(
        server.url,
        'query($id: ID!) { tenant(id: $id) { id } }',
        { id: t.tenantId },
        t.adminToken,
      );
      expect(await libraryCounts(server.services.pool, t.userId)).toEqual(before);
      const rows = await server.services.pool.query('select 1 from chunk where hash = $1', [
        fresh.id,
      ]);
      expect(rows.rowCount).toBe(0);
    } finally {
      await become('ACTIVE');
    }
    expect(
      (
        await gqlOk<{ viewer: { kind: string } }>(
          server.url,
          '{ viewer { kind } }',
          {},
          t.deviceToken,
        )
      ).viewer.kind,
    ).toBe('DEVICE');
  });

  it('READ_ONLY lets the tenant read and restore but refuses every write', async () => {
    const fresh = fakeChunk();
    const [putTarget] = await prepare(server.url, t.deviceToken, [fresh]);
    const before = await libraryCounts(server.services.pool, t.userId);
    await become('READ_ONLY');
    try {
      // Reads and a restore work.
      await gqlOk(server.url, filesQuery, {}, t.deviceToken);
      await gqlOk(server.url, '{ endUsers { total } }', {}, t.apiKey);
      const get = await fetch(new URL(await downloadUrl(), server.url));
      expect(get.status).toBe(200);
      expect(Buffer.from(await get.arrayBuffer())).toEqual(stored.body);

      // Every write is FORBIDDEN.
      expectForbidden(
        await gql(
          server.url,
          'mutation($c: [ChunkDeclaration!]!) { prepareUpload(chunks: $c) { missing { chunkId } } }',
          {
            c: [
              {
                id: fresh.id,
                plainSize: fresh.plainSize,
                size: fresh.size,
                checksum: fresh.checksum,
              },
            ],
          },
          t.deviceToken,
        ),
      );
      expectForbidden(await commit(server.url, t.deviceToken, commitInput('b.jpg', [stored])));
      expectForbidden(
        await gql(
          server.url,
          'mutation { upsertEndUser(externalId: "new-user") { id } }',
          {},
          t.apiKey,
        ),
      );
      expectForbidden(
        await gql(
          server.url,
          'mutation { mintUserToken(externalId: "new-user") { token } }',
          {},
          t.apiKey,
        ),
      );
      expectForbidden(
        await gql(
          server.url,
          'mutation { registerDevice(input: { name: "tablet", platform: "ios" }) { deviceToken } }',
          {},
          t.userToken,
        ),
      );
      const put = await putChunk(server.url, putTarget!.url, fresh.body);
      expect([put.status, put.body.code]).toEqual([403, 'FORBIDDEN']);
      const bundle = await fetch(new URL('/v1/chunk-bundles', server.url), {
        method: 'POST',
        body: bundleBody([{ token: tokenOf(putTarget!.url), bytes: fresh.body }]),
      });
      expect(bundle.status).toBe(403);
      expect(await bundle.json()).toMatchObject({ code: 'FORBIDDEN' });

      expect(await libraryCounts(server.services.pool, t.userId)).toEqual(before);
      const rows = await server.services.pool.query('select 1 from chunk where hash = $1', [
        fresh.id,
      ]);
      expect(rows.rowCount).toBe(0);
      const users = await server.services.pool.query(
        'select 1 from end_user where tenant_id = $1 and external_id = $2',
        [t.tenantId, 'new-user'],
      );
      expect(users.rowCount).toBe(0);
    } finally {
      await become('ACTIVE');
    }
    expect((await putChunk(server.url, putTarget!.url, fresh.body)).status).toBe(201);
  });
});
