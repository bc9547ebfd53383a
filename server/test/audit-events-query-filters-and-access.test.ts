import { createTenantFixture, errorCode, gql } from './support/api';
import type { TenantFixture } from './support/api';
import { auditEvents, auditEventsQuery, tracedGql } from './support/audit';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';
import { operatorToken } from './support/trash';

describe('auditEvents: filters, order and who may read', () => {
  let server: TestServer;
  let t: TenantFixture;
  const endUserIds: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
    const upsert = 'mutation($x: String!) { upsertEndUser(externalId: $x) { id } }';
    for (const x of ['one', 'two', 'three']) {
      const result = await tracedGql<{ upsertEndUser: { id: string } }>(
        server.url,
        upsert,
        { x },
        t.apiKey,
      );
      endUserIds.push(result.data!.upsertEndUser.id);
    }
    await tracedGql(server.url, upsert, { x: 'refused' }, t.deviceToken);
  });
  afterAll(() => server.stop());

  const list = (filter: Record<string, unknown>) =>
    auditEvents(server.url, t.adminToken, { tenantId: t.tenantId, ...filter });

  it('lists the tenant newest first, and pages', async () => {
    const all = await list({});
    const times = all.items.map((e) => e.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(all.items[0]).toMatchObject({ operation: 'upsertEndUser', outcome: 'FORBIDDEN' });

    const page = await list({ offset: 1, limit: 2 });
    expect(page.total).toBe(all.total);
    expect(page.items.map((e) => e.id)).toEqual(all.items.slice(1, 3).map((e) => e.id));
  });

  it('filters by actor kind, actor, operation and outcome', async () => {
    const byKind = await list({ actorKind: 'API_KEY' });
    expect(byKind.items.length).toBeGreaterThanOrEqual(3);
    expect(byKind.items.every((e) => e.actorKind === 'API_KEY')).toBe(true);

    const byDevice = await list({ actorId: t.deviceId });
    expect(byDevice.items.map((e) => [e.operation, e.outcome])).toEqual([
      ['upsertEndUser', 'FORBIDDEN'],
    ]);
    const byOperation = await list({ operation: 'upsertEndUser' });
    expect(byOperation.total).toBe(4);
    const byOutcome = await list({ outcome: 'FORBIDDEN' });
    expect(byOutcome.items.map((e) => e.actorId)).toEqual([t.deviceId]);
    expect((await list({ operation: 'upsertEndUser', outcome: 'OK' })).total).toBe(3);
  });

  it('filters by target: the events that named one record, whatever its kind', async () => {
    const two = endUserIds[1]!;
    const byTarget = await list({ targetId: two });
    expect(byTarget.items.map((e) => [e.operation, e.outcome])).toEqual([['upsertEndUser', 'OK']]);
    expect(byTarget.items[0]!.targets).toContainEqual({ kind: 'EndUser', id: two });
    expect(byTarget.items[0]!.arguments).toContain('"two"');

    const tenantEvents = await list({ targetId: t.tenantId });
    expect(tenantEvents.total).toBeGreaterThan(0);
    expect(tenantEvents.items.every((e) => e.targets.some((x) => x.id === t.tenantId))).toBe(true);
    expect((await list({ targetId: '00000000-0000-4000-8000-000000000000' })).total).toBe(0);
  });

  it('filters by time: since inclusive, until exclusive', async () => {
    const all = (await list({ operation: 'upsertEndUser' })).items;
    const middle = all[1]!.occurredAt;
    const since = await list({ operation: 'upsertEndUser', since: middle });
    const until = await list({ operation: 'upsertEndUser', until: middle });
    expect(since.items.every((e) => e.occurredAt >= middle)).toBe(true);
    expect(until.items.every((e) => e.occurredAt < middle)).toBe(true);
    expect(since.total + until.total).toBe(all.length);
    expect(since.items.map((e) => e.id)).toContain(all[1]!.id);
  });

  it('refuses bad filters with BAD_USER_INPUT', async () => {
    const bad: Record<string, unknown>[] = [
      { since: 'yesterday' },
      { until: '2026-13-40T00:00:00Z' },
      { since: '2026-12-02T00:00:00Z', until: '2026-12-01T00:00:00Z' },
      { since: '2026-12-01T00:00:00Z', until: '2026-12-01T00:00:00Z' },
      { limit: 0 },
      { limit: 501 },
      { offset: -1 },
      { actorId: 'not-an-id' },
      { tenantId: 'not-an-id' },
      { outcome: 'MAYBE' },
      { operation: 'drop table audit_event' },
      { operation: '' },
      { targetId: '' },
      { targetId: 'x'.repeat(101) },
      { actorKind: 'ROBOT' },
    ];
    for (const filter of bad) {
      const result = await gql(server.url, auditEventsQuery, filter, t.adminToken);
      expect([filter, errorCode(result)]).toEqual([filter, 'BAD_USER_INPUT']);
    }
  });

  it('tenant admins and viewers read their own tenant only; a platform admin reads any', async () => {
    const other = await createTenantFixture(server.url);
    for (const role of ['TENANT_ADMIN', 'TENANT_VIEWER'] as const) {
      const token = await operatorToken(server, t.tenantId, role);
      const own = await auditEvents(server.url, token);
      expect(own.total).toBeGreaterThanOrEqual(4);
      expect(own.items.every((e) => e.tenantId === t.tenantId)).toBe(true);
      expect((await auditEvents(server.url, token, { tenantId: t.tenantId })).total).toBe(
        own.total,
      );
    }
    const one = await auditEvents(server.url, t.adminToken, { tenantId: other.tenantId });
    expect(one.items.length).toBeGreaterThan(0);
    expect(one.items.every((e) => e.tenantId === other.tenantId)).toBe(true);
    const every = await auditEvents(server.url, t.adminToken, {});
    const tenants = new Set(every.items.map((e) => e.tenantId));
    expect([...tenants]).toEqual(expect.arrayContaining([t.tenantId, other.tenantId, null]));
  });

  it('API keys, end users and devices may not read it; no credential is UNAUTHENTICATED', async () => {
    for (const token of [t.apiKey, t.userToken, t.deviceToken]) {
      expect(errorCode(await gql(server.url, auditEventsQuery, {}, token))).toBe('FORBIDDEN');
    }
    expect(errorCode(await gql(server.url, auditEventsQuery, {}))).toBe('UNAUTHENTICATED');
  });
});
