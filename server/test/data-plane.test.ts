import { objectExists } from './support/stored-objects';
import { createHash } from 'node:crypto';
import { Limits } from '@cairn/schema';
import { createTenantFixture, fakeChunk } from './support/api';
import type { TenantFixture } from './support/api';
import { prepare, putChunk, upload } from './support/library';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';
import { chunkBlobKey, signChunkToken } from '../src/files/chunk-tokens';
import { loadOrCreateKeys } from '../src/keys/key-file';

describe('the chunk data plane', () => {
  let server: TestServer;
  let t: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  const blobExists = (checksum: string) =>
    objectExists(server, chunkBlobKey(t.tenantId, t.userId, checksum));
  const chunkRows = async (hash: string) =>
    (await server.services.pool.query('select 1 from chunk where hash = $1', [hash])).rowCount;

  it.each([
    ['a shorter body', (body: Buffer) => body.subarray(1)],
    ['a longer body', (body: Buffer) => Buffer.concat([body, Buffer.from('x')])],
    ['a body with another checksum', (body: Buffer) => Buffer.from(body).fill(7, 0, 1)],
  ])('refuses %s with 400 CHUNK_MISMATCH and stores nothing', async (_, alter) => {
    const chunk = fakeChunk();
    const [target] = await prepare(server.url, t.deviceToken, [chunk]);
    const altered = alter(chunk.body);
    if (altered.equals(chunk.body)) altered.writeUInt8(altered.readUInt8(0) ^ 1, 0);

    const put = await putChunk(server.url, target!.url, altered);

    expect(put.status).toBe(400);
    expect(put.body.code).toBe('CHUNK_MISMATCH');
    expect(await blobExists(chunk.checksum)).toBe(false);
    expect(await chunkRows(chunk.id)).toBe(0);
  });

  it('answers 201 for a new chunk and 200 for the same chunk again', async () => {
    const chunk = fakeChunk();
    const [target] = await prepare(server.url, t.deviceToken, [chunk]);
    expect((await putChunk(server.url, target!.url, chunk.body)).status).toBe(201);
    expect((await putChunk(server.url, target!.url, chunk.body)).status).toBe(200);
    expect(createHash('sha256').update(chunk.body).digest('hex')).toBe(chunk.checksum);
  });

  it('refuses bodies over the chunk limit with 413', async () => {
    const chunk = fakeChunk();
    const [target] = await prepare(server.url, t.deviceToken, [chunk]);
    const tooBig = Buffer.alloc(Limits.chunkMaxBytes + Limits.chunkOverheadMaxBytes + 1);
    const res = await fetch(new URL(target!.url, server.url), { method: 'PUT', body: tooBig });
    expect(res.status).toBe(413);
    expect(await chunkRows(chunk.id)).toBe(0);
  });

  it('refuses missing, forged, expired and other-chunk tokens with 401', async () => {
    const [chunk, other] = [fakeChunk(), fakeChunk()];
    const [target] = await prepare(server.url, t.deviceToken, [chunk]);
    const token = new URL(target!.url, server.url).searchParams.get('token')!;
    const { tokenSecret } = await loadOrCreateKeys(server.dataDir);
    const expired = signChunkToken(tokenSecret, {
      op: 'put',
      tenantId: t.tenantId,
      userId: t.userId,
      chunkId: chunk.id,
      plainSize: Number(chunk.plainSize),
      size: Number(chunk.size),
      checksum: chunk.checksum,
      exp: Math.floor(Date.now() / 1000) - 1,
    });

    for (const url of [
      `/v1/chunks/${chunk.id}`,
      `/v1/chunks/${chunk.id}?token=${token.slice(0, -2)}xx`,
      `/v1/chunks/${chunk.id}?token=${expired}`,
      `/v1/chunks/${other.id}?token=${token}`,
    ]) {
      const put = await putChunk(server.url, url, chunk.body);
      expect([put.status, put.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    }
    // An upload token does not read.
    const get = await fetch(new URL(target!.url, server.url));
    expect(get.status).toBe(401);
    expect(await chunkRows(chunk.id)).toBe(0);
  });

  it('prepareUpload lists each missing chunk once and skips stored ones', async () => {
    const [a, b] = [fakeChunk(), fakeChunk()];
    await upload(server.url, t.deviceToken, [a]);
    const missing = await prepare(server.url, t.deviceToken, [a, b, b]);
    expect(missing.map((m) => m.chunkId)).toEqual([b.id]);
    expect(missing[0]).toMatchObject({ method: 'PUT' });
  });

  it('keeps dedup per user: another user of the tenant uploads the same chunk again', async () => {
    const chunk = fakeChunk();
    await upload(server.url, t.deviceToken, [chunk]);
    const other = await createTenantFixture(server.url);
    expect(await prepare(server.url, other.deviceToken, [chunk])).toHaveLength(1);
  });
});
