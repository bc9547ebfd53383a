import { createHash, randomBytes } from 'node:crypto';
import { createTenantFixture, fakeChunk, gqlOk } from './support/api';
import type { TenantFixture } from './support/api';
import { commitInput, commitOk, prepare, putChunk } from './support/library';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

type Chunk = ReturnType<typeof fakeChunk>;

/**
 * Every upload of a chunk is encrypted under a fresh nonce, so two devices (or a retry after a
 * crash) send different bytes for the same chunk id. Whichever upload wins, what a restore fetches
 * must be the bytes whose checksum the server recorded.
 */
describe('uploads of one chunk with different bytes', () => {
  let server: TestServer;
  let t: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  /** The same chunk id sealed again: same sizes, other bytes. */
  const resealed = (chunk: Chunk): Chunk => {
    const body = randomBytes(chunk.body.length);
    return { ...chunk, body, checksum: createHash('sha256').update(body).digest('hex') };
  };

  const restoredBytes = async (versionId: string) => {
    const { restorePlan } = await gqlOk<{
      restorePlan: { chunks: { url: string; checksum: string }[] };
    }>(
      server.url,
      'query($v: ID!) { restorePlan(versionId: $v) { chunks { url checksum } } }',
      { v: versionId },
      t.deviceToken,
    );
    const [only] = restorePlan.chunks;
    const response = await fetch(new URL(only!.url, server.url));
    const bytes = Buffer.from(await response.arrayBuffer());
    return { declared: only!.checksum, actual: createHash('sha256').update(bytes).digest('hex') };
  };

  it('serves the recorded bytes when two devices upload at the same time', async () => {
    for (let round = 0; round < 8; round++) {
      const first = fakeChunk(50_000);
      const second = resealed(first);
      const [a] = await prepare(server.url, t.deviceToken, [first]);
      const [b] = await prepare(server.url, t.deviceToken, [second]);

      const puts = await Promise.all([
        putChunk(server.url, a!.url, first.body),
        putChunk(server.url, b!.url, second.body),
      ]);
      expect(puts.map((put) => put.status).sort()).toEqual([200, 201]);

      const outcome = await commitOk(
        server.url,
        t.deviceToken,
        commitInput(`race/${round}.bin`, [first]),
      );
      const restored = await restoredBytes(outcome.version!.id);
      expect(restored.actual).toBe(restored.declared);
    }
  });

  it('serves the recorded bytes after an upload whose row was never written', async () => {
    const lost = fakeChunk(40_000);
    const [target] = await prepare(server.url, t.deviceToken, [lost]);
    await putChunk(server.url, target!.url, lost.body);
    // As if the server died after storing the object and before recording it.
    await server.services.pool.query('delete from chunk where user_id = $1 and hash = $2', [
      t.userId,
      lost.id,
    ]);

    const retry = resealed(lost);
    const [again] = await prepare(server.url, t.deviceToken, [retry]);
    expect((await putChunk(server.url, again!.url, retry.body)).status).toBe(201);
    const outcome = await commitOk(server.url, t.deviceToken, commitInput('crash/f.bin', [retry]));

    const restored = await restoredBytes(outcome.version!.id);
    expect(restored.actual).toBe(restored.declared);
    expect(restored.declared).toBe(retry.checksum);
  });
});
