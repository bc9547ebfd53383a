import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { signChunkToken } from '../src/files/chunk-tokens';
import { loadOrCreateKeys } from '../src/keys/key-file';
import { createTenantFixture, fakeChunk } from './support/api';
import { upload } from './support/library';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

const openFiles = () => readdirSync('/proc/self/fd').length;

/** A phone that drops off mid-restore must not leave the server holding stored files open. */
describe('downloads cut off by the client', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('close the stored object they were reading', async () => {
    const t = await createTenantFixture(server.url);
    const chunk = fakeChunk(4 * 1024 * 1024);
    await upload(server.url, t.deviceToken, [chunk]);
    const { tokenSecret } = await loadOrCreateKeys(server.dataDir);
    const token = signChunkToken(tokenSecret, {
      op: 'get',
      tenantId: t.tenantId,
      userId: t.userId,
      chunkId: chunk.id,
      checksum: chunk.checksum,
      exp: Math.floor(Date.now() / 1000) + 60,
    });
    const url = new URL(`/v1/chunks/${chunk.id}?token=${token}`, server.url);
    const before = openFiles();

    for (let i = 0; i < 20; i++) {
      await new Promise<void>((done) => {
        const req = request(url, (res) => {
          res.once('data', () => {
            req.destroy();
            done();
          });
        });
        req.end();
      });
    }
    await new Promise((settle) => setTimeout(settle, 300));

    expect(openFiles()).toBeLessThanOrEqual(before + 2);
  });
});
