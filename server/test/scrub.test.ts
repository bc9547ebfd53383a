import { createHash, randomBytes } from 'node:crypto';
import { utimes } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { QueueEvents } from 'bullmq';
import pg from 'pg';
import type { ScrubLimits } from '../src/config';
import { loadConfig } from '../src/config';
import { chunkBlobKey } from '../src/files/chunk-tokens';
import { scrubChunks } from '../src/jobs/scrub.job';
import type { ScrubTally } from '../src/scrub/scrub-tally';
import { callOf, createTenantFixture, errorCode, fakeChunk, gql, gqlOk } from './support/api';
import { newSignedInOperator } from './support/operator-session';
import type { TenantFixture } from './support/api';
import { testDatabaseUrl } from './support/env';
import { commitInput, commitOk, upload } from './support/library';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';
import { corruptObject, objectExists } from './support/stored-objects';

jest.setTimeout(60_000);

const twoDaysAgo = () => new Date(Date.now() - 2 * 24 * 3600 * 1000);
const findingFields = 'tenantId userId kind objectKey chunkId sightings resolution';

interface Finding {
  tenantId: string;
  userId: string | null;
  kind: string;
  objectKey: string;
  chunkId: string | null;
  sightings: number;
  resolution: string | null;
}

/**
 * The scrub walks every chunk row and user of its database, so it gets a database of its own:
 * rows other test files left behind (their blobs long deleted) would all read as missing.
 */
describe('scrub job', () => {
  const database = `cairn_test_scrub_${randomBytes(4).toString('hex')}`;
  let server: TestServer;
  let t: TenantFixture;
  let other: TenantFixture;
  let tenantOperator: string;

  beforeAll(async () => {
    const url = new URL(testDatabaseUrl);
    url.pathname = `/${database}`;
    server = await startTestServer({
      databaseUrl: url.toString(),
      runWorker: true,
      scrub: { ...loadConfig({}).scrub, everySeconds: 24 * 3600 },
    });
    [t, other] = await Promise.all([
      createTenantFixture(server.url),
      createTenantFixture(server.url),
    ]);
    tenantOperator = await operatorOf(t.tenantId);
  });
  afterAll(async () => {
    await server.stop();
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    await admin.query(`drop database if exists "${database}" with (force)`);
    await admin.end();
  });

  const pool = () => server.services.pool;
  const keyOf = (f: TenantFixture, checksum: string) =>
    chunkBlobKey(f.tenantId, f.userId, checksum);
  const blobs = () => server.services.blobs;
  /** A run; the worker's own scheduled run may hold the lock for a moment, then this one goes. */
  const scrub = async (limits: Partial<ScrubLimits> = {}): Promise<ScrubTally> => {
    for (;;) {
      const run = await scrubChunks({
        pool: pool(),
        blobs: server.services.blobs,
        limits: { maxObjects: 10_000, maxBytes: 1024 ** 3, orphanGraceSeconds: 3600, ...limits },
        log: server.log,
      });
      if (!('skipped' in run)) return run;
      await new Promise((done) => setTimeout(done, 100));
    }
  };
  const findings = async (f: TenantFixture, resolved: boolean | null = false) =>
    (
      await gqlOk<{ scrubFindings: { items: Finding[] } }>(
        server.url,
        `query($t: ID, $r: Boolean) {
           scrubFindings(tenantId: $t, resolved: $r, limit: 500) { items { ${findingFields} } } }`,
        { t: f.tenantId, r: resolved },
        t.adminToken,
      )
    ).scrubFindings.items;
  const byKey = (items: Finding[]) =>
    Object.fromEntries(items.map((item) => [item.objectKey, item.kind]));

  async function operatorOf(tenantId: string) {
    const operator = await newSignedInOperator(
      server,
      callOf(server.url),
      'TENANT_ADMIN',
      tenantId,
    );
    return operator.session.token;
  }

  /** Stores `bytes` under `f`'s user as the data plane would, with no chunk row naming them. */
  async function putObject(f: TenantFixture, bytes: Buffer) {
    const key = keyOf(f, sha256(bytes));
    const body = new PassThrough();
    body.end(bytes);
    await blobs().put(key, body, { size: bytes.length, sha256: sha256(bytes) });
    return key;
  }

  /** Back-dates a stored object, in whichever tier it lies (a row or a file). */
  async function backdate(key: string, to: Date) {
    const row = await pool().query('update small_object set stored_at = $2 where key = $1', [
      key,
      to,
    ]);
    if (row.rowCount === 0) {
      const file = path.join(server.dataDir, 'blobs', ...key.split('/'));
      await utimes(file, to, to);
    }
  }

  async function dropObject(f: TenantFixture, modifiedAt: Date, size = 777) {
    const key = await putObject(f, randomBytes(size));
    await backdate(key, modifiedAt);
    return key;
  }

  async function readObject(key: string) {
    const pieces: Buffer[] = [];
    for await (const piece of await blobs().read(key)) pieces.push(piece as Buffer);
    return Buffer.concat(pieces);
  }

  it('finds the corrupt, the missing and the old orphans in both tiers, and nothing healthy or young', async () => {
    // Small objects live as PostgreSQL rows, large ones (over 256 KiB) as files.
    const [healthy, corrupt, missing, loose] = [fakeChunk(), fakeChunk(), fakeChunk(), fakeChunk()];
    const [bigHealthy, bigCorrupt, bigMissing] = [300_000, 400_000, 300_000].map((n) =>
      fakeChunk(n),
    );
    const committed = [healthy, corrupt, missing, bigHealthy!, bigCorrupt!, bigMissing!];
    await upload(server.url, t.deviceToken, [...committed, loose]);
    await commitOk(server.url, t.deviceToken, commitInput('A/a.bin', committed));
    await upload(server.url, other.deviceToken, [fakeChunk()]);

    await corruptObject(server, keyOf(t, corrupt.checksum), 500);
    await corruptObject(server, keyOf(t, bigCorrupt!.checksum), 350_000);
    await blobs().delete(keyOf(t, missing.checksum));
    await blobs().delete(keyOf(t, bigMissing!.checksum));
    const orphan = await dropObject(t, twoDaysAgo());
    const bigOrphan = await dropObject(t, twoDaysAgo(), 500_000);
    const young = await dropObject(t, new Date());

    const tally = await scrub();

    expect(tally).toMatchObject({ missing: 2, corrupt: 2, orphaned: 2, deleted: 0 });
    expect(byKey(await findings(t))).toEqual({
      [keyOf(t, corrupt.checksum)]: 'CORRUPT',
      [keyOf(t, bigCorrupt!.checksum)]: 'CORRUPT',
      [keyOf(t, missing.checksum)]: 'MISSING',
      [keyOf(t, bigMissing!.checksum)]: 'MISSING',
      [orphan]: 'ORPHANED',
      [bigOrphan]: 'ORPHANED',
    });
    expect(young in byKey(await findings(t))).toBe(false);
    expect(await findings(other)).toEqual([]);
    const corruptFinding = (await findings(t)).find(
      (f) => f.objectKey === keyOf(t, corrupt.checksum),
    );
    expect(corruptFinding).toMatchObject({ userId: t.userId, chunkId: corrupt.id, sightings: 1 });

    await blobs().delete(orphan);
    await blobs().delete(bigOrphan);
    await scrub();
    const closed = byResolution(await findings(t, true));
    expect([closed[orphan], closed[bigOrphan]]).toEqual(['GONE', 'GONE']);
  });

  it('a later run counts sightings, and resolves what it sees healthy again or gone', async () => {
    const [healed, corrupt] = [fakeChunk(), fakeChunk()];
    await upload(server.url, t.deviceToken, [healed, corrupt]);
    await commitOk(server.url, t.deviceToken, commitInput('B/b.bin', [healed, corrupt]));
    const original = await readObject(keyOf(t, healed.checksum));
    await blobs().delete(keyOf(t, healed.checksum));
    await corruptObject(server, keyOf(t, corrupt.checksum), 0);
    await scrub();

    await putObject(t, original);
    await scrub();

    const open = await findings(t);
    expect(open.find((f) => f.objectKey === keyOf(t, corrupt.checksum))).toMatchObject({
      kind: 'CORRUPT',
      sightings: 2,
    });
    expect(open.some((f) => f.objectKey === keyOf(t, healed.checksum))).toBe(false);
    const closed = await findings(t, true);
    expect(closed.find((f) => f.objectKey === keyOf(t, healed.checksum))).toMatchObject({
      kind: 'MISSING',
      resolution: 'HEALTHY',
    });
  });

  it('closes a missing finding once garbage collection removed its chunk row', async () => {
    const unused = fakeChunk();
    await upload(server.url, t.deviceToken, [unused]);
    await blobs().delete(keyOf(t, unused.checksum));
    await scrub();
    expect(byKey(await findings(t))[keyOf(t, unused.checksum)]).toBe('MISSING');

    await pool().query('delete from chunk where user_id = $1 and hash = $2', [t.userId, unused.id]);
    await scrub();
    expect(byResolution(await findings(t, true))[keyOf(t, unused.checksum)]).toBe('GONE');
  });

  it('deletes an orphan only on a sighting a grace period after the first, never a named one', async () => {
    const orphan = await dropObject(t, twoDaysAgo());
    await scrub();
    await scrub();
    expect(await objectExists(server, orphan)).toBe(true);

    // The object gains a row between sightings (an upload that re-sent these very bytes).
    const named = await dropObject(t, twoDaysAgo());
    await scrub();
    const bytes = await readObject(named);
    await pool().query(
      `insert into chunk (id, tenant_id, user_id, hash, size, plain_size, checksum)
       values (gen_random_uuid(), $1, $2, $3, $4, $4, $5)`,
      [t.tenantId, t.userId, randomBytes(32).toString('hex'), bytes.length, sha256(bytes)],
    );

    await pool().query(
      `update scrub_finding set first_seen_at = now() - interval '2 days' where kind = 'ORPHANED'`,
    );
    const tally = await scrub();

    expect(tally.deleted).toBe(1);
    expect(await objectExists(server, orphan)).toBe(false);
    expect(await objectExists(server, named)).toBe(true);
    const closed = byResolution(await findings(t, true));
    expect(closed[orphan]).toBe('DELETED');
    expect(closed[named]).toBe('REFERENCED');
  });

  it('resumes from its checkpoint within its object and byte budgets, and wraps around', async () => {
    const { rows } = await pool().query<{ id: string }>('select id from chunk order by id');
    const all = rows.map((r) => r.id);
    await pool().query('delete from scrub_checkpoint');

    const first = await scrub({ maxObjects: 3 });
    expect(first).toMatchObject({ objectsVerified: 3, chunksLapDone: false });
    expect(await checkpoint('chunks')).toBe(all[2]);
    const second = await scrub({ maxObjects: 3 });
    expect(second.objectsVerified).toBe(3);
    expect(await checkpoint('chunks')).toBe(all[5]);

    let seen = 6;
    for (;;) {
      const run = await scrub({ maxObjects: 3 });
      seen += run.objectsVerified;
      if (run.chunksLapDone) break;
    }
    expect(seen).toBe(all.length);
    expect(await checkpoint('chunks')).toBeNull();

    // A byte budget smaller than one object still verifies one object per run.
    const tiny = await scrub({ maxBytes: 1 });
    expect(tiny.objectsVerified).toBe(1);
    expect(await checkpoint('chunks')).toBe(all[0]);
  });

  it('lists findings per tenant: a tenant operator sees only its own', async () => {
    const orphan = await dropObject(other, twoDaysAgo());
    await scrub();
    const all = await gqlOk<{ scrubFindings: { items: Finding[] } }>(
      server.url,
      `query { scrubFindings { items { ${findingFields} } } }`,
      {},
      t.adminToken,
    );
    expect(all.scrubFindings.items.some((f) => f.objectKey === orphan)).toBe(true);
    expect(new Set(all.scrubFindings.items.map((f) => f.tenantId)).size).toBe(2);

    const own = await gqlOk<{ scrubFindings: { items: Finding[] } }>(
      server.url,
      `query { scrubFindings(resolved: null) { items { ${findingFields} } } }`,
      {},
      tenantOperator,
    );
    expect(own.scrubFindings.items.length).toBeGreaterThan(0);
    expect(own.scrubFindings.items.every((f) => f.tenantId === t.tenantId)).toBe(true);

    const foreign = await gql(
      server.url,
      'query($t: ID) { scrubFindings(tenantId: $t) { total } }',
      { t: other.tenantId },
      tenantOperator,
    );
    expect(errorCode(foreign)).toBe('NOT_FOUND');
    const kinds = await gqlOk<{ scrubFindings: { items: Finding[] } }>(
      server.url,
      `query { scrubFindings(kind: CORRUPT) { items { ${findingFields} } } }`,
      {},
      tenantOperator,
    );
    expect(kinds.scrubFindings.items.every((f) => f.kind === 'CORRUPT')).toBe(true);
  });

  it.each([
    [
      'a malformed tenant id',
      'query { scrubFindings(tenantId: "nope") { total } }',
      'BAD_USER_INPUT',
    ],
    ['a limit over 500', 'query { scrubFindings(limit: 501) { total } }', 'BAD_USER_INPUT'],
    ['a negative offset', 'query { scrubFindings(offset: -1) { total } }', 'BAD_USER_INPUT'],
    ['an unknown kind', 'query { scrubFindings(kind: ROTTEN) { total } }', 'BAD_USER_INPUT'],
  ])('refuses %s', async (_label, query, code) => {
    expect(errorCode(await gql(server.url, query, {}, t.adminToken))).toBe(code);
  });

  it('refuses findings to devices and API keys, and runScrub to all but platform admins', async () => {
    const query = 'query { scrubFindings { total } }';
    expect(errorCode(await gql(server.url, query, {}, t.deviceToken))).toBe('FORBIDDEN');
    expect(errorCode(await gql(server.url, query, {}, t.apiKey))).toBe('FORBIDDEN');
    expect(errorCode(await gql(server.url, query))).toBe('UNAUTHENTICATED');
    const run = 'mutation { runScrub { jobId } }';
    expect(errorCode(await gql(server.url, run, {}, tenantOperator))).toBe('FORBIDDEN');
    expect(errorCode(await gql(server.url, run, {}, t.deviceToken))).toBe('FORBIDDEN');
  });

  it('runs on demand as a BullMQ job when a platform admin asks', async () => {
    const chunk = fakeChunk();
    await upload(server.url, t.deviceToken, [chunk]);
    await blobs().delete(keyOf(t, chunk.checksum));
    await pool().query('delete from scrub_checkpoint');

    const { runScrub } = await gqlOk<{ runScrub: { jobId: string } }>(
      server.url,
      'mutation { runScrub { jobId } }',
      {},
      t.adminToken,
    );
    const events = new QueueEvents('cairn-jobs', {
      connection: { url: server.services.config.redisUrl },
      prefix: server.services.config.queuePrefix,
    });
    try {
      await events.waitUntilReady();
      const job = await server.jobs.queue.getJob(runScrub.jobId);
      await job!.waitUntilFinished(events, 30_000);
    } finally {
      await events.close();
    }
    expect(byKey(await findings(t))[keyOf(t, chunk.checksum)]).toBe('MISSING');
  });

  async function checkpoint(pass: string) {
    const { rows } = await pool().query<{ position: string | null }>(
      'select position from scrub_checkpoint where pass = $1',
      [pass],
    );
    return rows[0]?.position;
  }
});

function byResolution(items: Finding[]) {
  return Object.fromEntries(items.map((item) => [item.objectKey, item.resolution]));
}

function sha256(bytes: Buffer) {
  return createHash('sha256').update(bytes).digest('hex');
}
