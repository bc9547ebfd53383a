import { createTenantFixture, fakeChunk, gqlOk } from './support/api';
import type { TenantFixture } from './support/api';
import { commitInput, commitOk, upload } from './support/library';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

describe('an NFD name from iOS and an NFC name from Android are one file', () => {
  let server: TestServer;
  let t: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  it('keeps the first exact name, and finds and versions the file by either form', async () => {
    const nfd = 'Docs/Cafe\u0301.txt';
    const nfc = 'Docs/Caf\u00e9.txt';
    const [a, b] = [fakeChunk(), fakeChunk()];
    await upload(server.url, t.deviceToken, [a, b]);

    const first = await commitOk(server.url, t.deviceToken, commitInput(nfd, [a]));
    const second = await commitOk(
      server.url,
      t.deviceToken,
      commitInput(nfc, [b], { baseVersionId: first.version!.id }),
    );

    expect(second).toMatchObject({
      conflict: false,
      file: { id: first.file!.id, path: nfd, versionCount: 2 },
    });
    const { fileByPath } = await gqlOk<{ fileByPath: { id: string; path: string } }>(
      server.url,
      'query($p: String!) { fileByPath(path: $p) { id path } }',
      { p: nfc },
      t.deviceToken,
    );
    expect(fileByPath).toEqual({ id: first.file!.id, path: nfd });
  });
});
