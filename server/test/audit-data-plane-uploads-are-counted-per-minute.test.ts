import { randomUUID } from 'node:crypto';
import { createTenantFixture, fakeChunk } from './support/api';
import type { TenantFixture } from './support/api';
import { auditEvents } from './support/audit';
import { bundleBody, prepare, tokenOf, upload } from './support/library';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

describe('chunk uploads are audited per device and minute, off the upload path', () => {
  let server: TestServer;
  let t: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  const eventsOf = async (operation: string) =>
    (await auditEvents(server.url, t.adminToken, { tenantId: t.tenantId, operation })).items;

  it('single PUTs: no row until the minute is written, then one per minute for all chunks', async () => {
    const chunks = Array.from({ length: 20 }, () => fakeChunk(1500));
    await upload(server.url, t.deviceToken, chunks);
    expect(await eventsOf('chunk.put')).toEqual([]);

    await server.services.audit.flush();
    const events = await eventsOf('chunk.put');
    // Two only if the uploads straddled a minute boundary.
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events.length).toBeLessThanOrEqual(2);
    for (const event of events) {
      expect(event).toMatchObject({
        actorKind: 'DEVICE',
        actorId: t.deviceId,
        targets: [{ kind: 'EndUser', id: t.userId }],
        outcome: 'OK',
        requestId: null,
      });
    }
    const counts = events.map((e) => JSON.parse(e.arguments) as { chunks: number; bytes: string });
    expect(counts.reduce((sum, c) => sum + c.chunks, 0)).toBe(20);
    expect(counts.reduce((sum, c) => sum + Number(c.bytes), 0)).toBe(20 * 1500);
    expect(events.reduce((sum, e) => sum + e.items!.total, 0)).toBe(20);
  });

  it('a bundle: stored frames and failed frames are counted apart, by outcome', async () => {
    const chunks = [fakeChunk(800), fakeChunk(900)];
    const targets = await prepare(server.url, t.deviceToken, chunks);
    const frames = targets.map((target) => ({
      token: tokenOf(target.url),
      bytes: chunks.find((c) => c.id === target.chunkId)!.body,
    }));
    const mismatched = { token: frames[0]!.token, bytes: Buffer.alloc(10) };
    const res = await fetch(`${server.url}/v1/chunk-bundles`, {
      method: 'POST',
      body: bundleBody([...frames, mismatched]),
    });
    expect(res.status).toBe(200);

    await server.services.audit.flush();
    const events = await eventsOf('chunk-bundle.post');
    const stored = events.filter((e) => e.outcome === 'OK');
    const failed = events.filter((e) => e.outcome === 'CHUNK_MISMATCH');
    expect(stored.reduce((sum, e) => sum + e.items!.total, 0)).toBe(2);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      actorKind: 'DEVICE',
      actorId: t.deviceId,
      items: { total: 1, failed: 1, failureCodes: ['CHUNK_MISMATCH'] },
    });
  });

  it('a PUT without a valid token is an anonymous failure of no tenant', async () => {
    // The event is dated at the start of its minute; its own agent tells it from other tests'.
    const since = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
    const userAgent = `forged-put/${randomUUID()}`;
    const res = await fetch(`${server.url}/v1/chunks/abc?token=forged`, {
      method: 'PUT',
      headers: { 'user-agent': userAgent },
      body: Buffer.alloc(10),
    });
    expect(res.status).toBe(401);

    await server.services.audit.flush();
    const { items } = await auditEvents(server.url, t.adminToken, {
      operation: 'chunk.put',
      outcome: 'UNAUTHENTICATED',
      since,
    });
    expect(items.filter((e) => e.userAgent === userAgent)).toEqual([
      expect.objectContaining({
        tenantId: null,
        actorKind: 'ANONYMOUS',
        actorId: null,
        targets: [],
        items: { total: 1, failed: 1, failureCodes: ['UNAUTHENTICATED'] },
      }),
    ]);
  });

  it('what is counted at shutdown is written before the server stops', async () => {
    const own = await startTestServer();
    const tenant = await createTenantFixture(own.url);
    await upload(own.url, tenant.deviceToken, [fakeChunk(1200)]);
    await own.stop();

    const { items } = await auditEvents(server.url, t.adminToken, {
      tenantId: tenant.tenantId,
      operation: 'chunk.put',
    });
    expect(items.map((e) => e.items!.total)).toEqual([1]);
  });
});
