import { Writable } from 'node:stream';
import pg from 'pg';
import pino from 'pino';
import { createTenantFixture, gqlOk } from './support/api';
import type { TenantFixture } from './support/api';
import { auditEvents, tracedGql } from './support/audit';
import { testDatabaseUrl } from './support/env';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

describe('the audit log is append-only, and an event whose write fails is not lost', () => {
  let server: TestServer;
  let t: TenantFixture;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(line: Buffer, _encoding, done) {
        logLines.push(JSON.parse(line.toString()) as Record<string, unknown>);
        done();
      },
    });
    server = await startTestServer({ auditWriteTimeoutMs: 300 }, pino({ level: 'warn' }, sink));
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  const oneEventId = async () => {
    const { items } = await auditEvents(server.url, t.adminToken, { tenantId: t.tenantId });
    return items[0]!.id;
  };

  it('PostgreSQL refuses UPDATE, DELETE and TRUNCATE, even for the superuser', async () => {
    const id = await oneEventId();
    const { pool } = server.services;
    await expect(
      pool.query(`update audit_event set outcome = 'OK' where id = $1`, [id]),
    ).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(pool.query('delete from audit_event where id = $1', [id])).rejects.toThrow(
      /append-only: DELETE refused/,
    );
    await expect(pool.query('truncate audit_event')).rejects.toThrow(/append-only: TRUNCATE/);
    const { rows } = await pool.query('select 1 from audit_event where id = $1', [id]);
    expect(rows).toHaveLength(1);
  });

  it('a mutation succeeds while its event cannot be written, and the event lands later', async () => {
    const blocker = new pg.Client({ connectionString: testDatabaseUrl });
    await blocker.connect();
    let upsert;
    try {
      await blocker.query('begin');
      await blocker.query('lock table audit_event in access exclusive mode');
      upsert = await tracedGql<{ upsertEndUser: { id: string } }>(
        server.url,
        'mutation { upsertEndUser(externalId: "while-locked") { id } }',
        {},
        t.apiKey,
      );
      expect(upsert.errors).toBeUndefined();
      expect(server.services.audit.pendingCount).toBe(1);
    } finally {
      await blocker.query('rollback');
      await blocker.end();
    }
    const loud = logLines.find((line) => line.level === 50 && Array.isArray(line.events));
    expect(loud?.msg).toMatch(/could not be written/);
    expect(JSON.stringify(loud?.events)).toContain(upsert.requestId);

    await server.services.audit.flush();
    expect(server.services.audit.pendingCount).toBe(0);
    const { items } = await auditEvents(server.url, t.adminToken, { tenantId: t.tenantId });
    expect(items.find((e) => e.requestId === upsert.requestId)).toMatchObject({
      operation: 'upsertEndUser',
      outcome: 'OK',
    });
    // The audit failure changed nothing about the call itself.
    const { endUsers } = await gqlOk<{ endUsers: { items: { id: string }[] } }>(
      server.url,
      '{ endUsers(limit: 500) { items { id } } }',
      {},
      t.apiKey,
    );
    expect(endUsers.items.map((u) => u.id)).toContain(upsert.data!.upsertEndUser.id);
  });
});
