import { createHash } from 'node:crypto';
import { createTenantFixture, fakeChunk, gqlOk } from './support/api';
import type { TenantFixture } from './support/api';
import { commitInput, commitOk, upload } from './support/library';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

describe('a device backs up a file and restores it', () => {
  let server: TestServer;
  let t: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  it('uploads only missing chunks, commits, lists and restores byte for byte', async () => {
    const chunks = [fakeChunk(3000), fakeChunk(2000)];
    const missing = await upload(server.url, t.deviceToken, chunks);
    expect(missing.map((m) => m.chunkId)).toEqual(chunks.map((c) => c.id));
    expect(await upload(server.url, t.deviceToken, chunks)).toEqual([]);

    const outcome = await commitOk(
      server.url,
      t.deviceToken,
      commitInput('Camera/IMG_1.jpg', chunks),
    );
    expect(outcome).toMatchObject({ path: 'Camera/IMG_1.jpg', conflict: false });
    expect(outcome.version?.size).toBe(String(2972 + 1972));

    const { files } = await gqlOk<{
      files: { total: number; items: { path: string; head: { id: string } }[] };
    }>(
      server.url,
      '{ files(pathPrefix: "Camera/") { total items { path head { id } } } }',
      {},
      t.deviceToken,
    );
    expect(files).toEqual({
      total: 1,
      items: [{ path: 'Camera/IMG_1.jpg', head: { id: outcome.version!.id } }],
    });

    const { restorePlan } = await gqlOk<{
      restorePlan: {
        path: string;
        chunks: { chunkId: string; offset: string; url: string; checksum: string }[];
      };
    }>(
      server.url,
      'query($v: ID!) { restorePlan(versionId: $v) { path chunks { chunkId offset url checksum } } }',
      { v: outcome.version!.id },
      t.deviceToken,
    );
    expect(restorePlan.path).toBe('Camera/IMG_1.jpg');
    expect(restorePlan.chunks.map((c) => c.offset)).toEqual(['0', '2972']);
    for (const [index, planned] of restorePlan.chunks.entries()) {
      const res = await fetch(new URL(planned.url, server.url));
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.equals(chunks[index]!.body)).toBe(true);
      expect(createHash('sha256').update(body).digest('hex')).toBe(planned.checksum);
    }

    const ranged = await fetch(new URL(restorePlan.chunks[0]!.url, server.url), {
      headers: { range: 'bytes=10-19' },
    });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe('bytes 10-19/3000');
    expect(Buffer.from(await ranged.arrayBuffer()).equals(chunks[0]!.body.subarray(10, 20))).toBe(
      true,
    );
  });
});
