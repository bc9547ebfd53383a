import { createTenantFixture, fakeChunk, gqlOk, registerDevice } from './support/api';
import type { TenantFixture } from './support/api';
import { commitInput, commitOk, upload } from './support/library';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

describe('operator reads for the console', () => {
  let server: TestServer;
  let t: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
    await registerDevice(server.url, t.userToken, 'Second');
    const [a, b] = [fakeChunk(1000), fakeChunk(2000)];
    await upload(server.url, t.deviceToken, [a, b]);
    const v1 = await commitOk(server.url, t.deviceToken, commitInput('Docs/a.txt', [a]));
    await commitOk(
      server.url,
      t.deviceToken,
      commitInput('Docs/a.txt', [b], { baseVersionId: v1.version!.id }),
    );
    await commitOk(server.url, t.deviceToken, commitInput('Camera/b.jpg', [a]));
  });
  afterAll(() => server.stop());

  it('lists a tenant with its users, their counts and stored bytes', async () => {
    const data = await gqlOk<{
      tenant: { userCount: number };
      endUsers: {
        total: number;
        items: { id: string; deviceCount: number; fileCount: number; storedBytes: string }[];
      };
      devices: { total: number };
      apiKeys: { items: { prefix: string; lastUsedAt: string | null }[] };
    }>(
      server.url,
      `query($t: ID!, $u: ID!) {
        tenant(id: $t) { userCount }
        endUsers(tenantId: $t) { total items { id deviceCount fileCount storedBytes } }
        devices(userId: $u) { total }
        apiKeys(tenantId: $t) { items { prefix lastUsedAt } }
      }`,
      { t: t.tenantId, u: t.userId },
      t.adminToken,
    );
    expect(data.tenant.userCount).toBe(1);
    expect(data.endUsers).toEqual({
      total: 1,
      items: [{ id: t.userId, deviceCount: 2, fileCount: 2, storedBytes: String(1972 + 972) }],
    });
    expect(data.devices.total).toBe(2);
    expect(data.apiKeys.items[0]?.prefix).toBe(`ck_${t.apiKeyId}`);
  });

  it("lists a user's files by path with heads, and versions newest first", async () => {
    const { files } = await gqlOk<{
      files: {
        total: number;
        items: { id: string; path: string; versionCount: number; head: { size: string } }[];
      };
    }>(
      server.url,
      'query($u: ID!) { files(userId: $u) { total items { id path versionCount head { size } } } }',
      { u: t.userId },
      t.adminToken,
    );
    expect(files.items.map((f) => [f.path, f.versionCount, f.head.size])).toEqual([
      ['Camera/b.jpg', 1, '972'],
      ['Docs/a.txt', 2, '1972'],
    ]);
    const { versions } = await gqlOk<{
      versions: { total: number; items: { seq: string; size: string }[] };
    }>(
      server.url,
      'query($f: ID!) { versions(fileId: $f) { total items { seq size } } }',
      { f: files.items[1]!.id },
      t.adminToken,
    );
    expect(versions.total).toBe(2);
    expect(versions.items.map((v) => v.size)).toEqual(['1972', '972']);
    expect(BigInt(versions.items[0]!.seq)).toBeGreaterThan(BigInt(versions.items[1]!.seq));
  });

  it('lists the whole tenant library for a tenant-scoped reader that names no user', async () => {
    const { files } = await gqlOk<{ files: { total: number; items: { path: string }[] } }>(
      server.url,
      '{ files(pathPrefix: "Docs/") { total items { path } } }',
      {},
      t.apiKey,
    );
    expect(files).toEqual({ total: 1, items: [{ path: 'Docs/a.txt' }] });
  });

  it('pages the platform-wide lists', async () => {
    const { tenants, operators } = await gqlOk<{
      tenants: { total: number; items: unknown[] };
      operators: { total: number };
    }>(
      server.url,
      '{ tenants(limit: 1) { total items { id name status conflictPolicy createdAt } } operators { total } }',
      {},
      t.adminToken,
    );
    expect(tenants.items).toHaveLength(1);
    expect(tenants.total).toBeGreaterThanOrEqual(1);
    expect(operators.total).toBeGreaterThanOrEqual(1);
  });
});
