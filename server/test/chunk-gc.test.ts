import { objectExists } from './support/stored-objects';
import { QueueEvents } from 'bullmq';
import { chunkBlobKey } from '../src/files/chunk-tokens';
import { collectChunks } from '../src/jobs/chunk-gc.job';
import { checkRegistry } from '../src/jobs/queue';
import { createTenantFixture, fakeChunk } from './support/api';
import type { TenantFixture } from './support/api';
import { commit, commitInput, commitOk, upload } from './support/library';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

jest.setTimeout(60_000);

describe('chunk garbage collection', () => {
  let server: TestServer;
  let t: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer({ runWorker: true });
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  const pool = () => server.services.pool;
  const blobExists = (checksum: string) =>
    objectExists(server, chunkBlobKey(t.tenantId, t.userId, checksum));
  const rowExists = async (hash: string) =>
    (await pool().query('select 1 from chunk where user_id = $1 and hash = $2', [t.userId, hash]))
      .rowCount === 1;
  const age = (hashes: string[]) =>
    pool().query(
      `update chunk set stored_at = now() - interval '2 days' where user_id = $1 and hash = any($2)`,
      [t.userId, hashes],
    );
  const collect = () =>
    collectChunks({
      pool: pool(),
      blobs: server.services.blobs,
      graceSeconds: 24 * 3600,
      log: server.log,
    });

  it('runs as a BullMQ job: keeps referenced and young chunks, deletes old unreferenced ones', async () => {
    const [referenced, young, old] = [fakeChunk(), fakeChunk(), fakeChunk()];
    await upload(server.url, t.deviceToken, [referenced, young, old]);
    await commitOk(server.url, t.deviceToken, commitInput('Keep/me.txt', [referenced]));
    await age([referenced.id, old.id]);

    const events = new QueueEvents('cairn-jobs', {
      connection: { url: server.services.config.redisUrl },
      prefix: server.services.config.queuePrefix,
    });
    try {
      await events.waitUntilReady();
      const job = await server.jobs.enqueue('chunk-gc', `chunk-gc-test-${Date.now()}`);
      await job.waitUntilFinished(events, 30_000);
    } finally {
      await events.close();
    }

    expect([await rowExists(referenced.id), await blobExists(referenced.checksum)]).toEqual([
      true,
      true,
    ]);
    expect([await rowExists(young.id), await blobExists(young.checksum)]).toEqual([true, true]);
    expect([await rowExists(old.id), await blobExists(old.checksum)]).toEqual([false, false]);
  });

  it('leaves a chunk alone while a commit holds it FOR SHARE', async () => {
    const chunk = fakeChunk();
    await upload(server.url, t.deviceToken, [chunk]);
    await age([chunk.id]);
    const client = await pool().connect();
    try {
      await client.query('begin');
      await client.query('select 1 from chunk where user_id = $1 and hash = $2 for share', [
        t.userId,
        chunk.id,
      ]);
      await collect();
      await client.query(
        'update chunk set ref_count = ref_count + 1 where user_id = $1 and hash = $2',
        [t.userId, chunk.id],
      );
      await client.query('commit');
    } finally {
      client.release();
    }
    await collect();
    expect([await rowExists(chunk.id), await blobExists(chunk.checksum)]).toEqual([true, true]);
  });

  it('races real commits safely: a committed version never points at a collected chunk', async () => {
    for (let round = 0; round < 5; round++) {
      const chunks = Array.from({ length: 30 }, () => fakeChunk(300));
      await upload(server.url, t.deviceToken, chunks);
      await age(chunks.map((c) => c.id));

      const [outcome] = await Promise.all([
        commit(server.url, t.deviceToken, commitInput(`Race/${round}.bin`, chunks)),
        collect(),
      ]);
      const result = outcome.data!.commitVersion;

      if (result.error) {
        expect(result.error).toMatchObject({ code: 'CHUNKS_MISSING', retryable: true });
        const { rows } = await pool().query(
          `select 1 from version v join file f on f.id = v.file_id
           where f.tenant_id = $1 and f.path = $2`,
          [t.tenantId, `Race/${round}.bin`],
        );
        expect(rows).toHaveLength(0);
      } else {
        for (const chunk of chunks)
          expect([chunk.id, await blobExists(chunk.checksum)]).toEqual([chunk.id, true]);
      }
      const { rows: dangling } = await pool().query(
        `select vc.version_id from version_chunk vc
         left join chunk c on c.id = vc.chunk_id where vc.tenant_id = $1 and c.id is null`,
        [t.tenantId],
      );
      expect(dangling).toEqual([]);
    }
  });

  it('checks the job registry at start', () => {
    const handler = () => Promise.resolve();
    expect(() => checkRegistry({ 'chunk-gc': handler, scrub: handler })).not.toThrow();
    expect(() => checkRegistry({ scrub: handler })).toThrow(/missing chunk-gc/);
    expect(() =>
      checkRegistry({ 'chunk-gc': handler, scrub: handler, 'no-such-job': handler }),
    ).toThrow(/unknown no-such-job/);
  });
});
