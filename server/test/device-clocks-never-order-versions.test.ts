import { createTenantFixture, fakeChunk, gqlOk, registerDevice } from './support/api';
import type { TenantFixture } from './support/api';
import { commitInput, commitOk, upload } from './support/library';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

const hours = (n: number) => new Date(Date.now() + n * 3600_000).toISOString();

describe('device clocks never order versions', () => {
  let server: TestServer;
  let t: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  async function backUp(token: string, path: string, extra: Record<string, unknown>) {
    const chunks = [fakeChunk()];
    await upload(server.url, token, chunks);
    return commitOk(server.url, token, commitInput(path, chunks, extra));
  }

  it('orders by server sequence, whatever the mtimes say, and finds conflicts the same way', async () => {
    // A clock ten hours ahead, then the same device ten hours behind: the later commit is head.
    const ahead = await backUp(t.deviceToken, 'Clock/a.txt', { clientMtime: hours(10) });
    const behind = await backUp(t.deviceToken, 'Clock/a.txt', {
      clientMtime: hours(-10),
      baseVersionId: ahead.version!.id,
    });
    expect(behind.conflict).toBe(false);

    // Another device, its clock far ahead, still based on the first version: a conflict.
    const other = await registerDevice(server.url, t.userToken, 'Tablet');
    const stale = await backUp(other.deviceToken, 'Clock/a.txt', {
      clientMtime: hours(1000),
      baseVersionId: ahead.version!.id,
    });
    expect(stale.conflict).toBe(true);
    expect(stale.file!.path).toMatch(/^Clock\/a \(conflict Tablet .*\)\.txt$/);

    const { fileByPath } = await gqlOk<{
      fileByPath: { head: { id: string } } | null;
    }>(server.url, 'query { fileByPath(path: "Clock/a.txt") { head { id } } }', {}, t.deviceToken);
    expect(fileByPath!.head.id).toBe(behind.version!.id);
    const { versions } = await gqlOk<{ versions: { items: { id: string; seq: string }[] } }>(
      server.url,
      'query($f: ID!) { versions(fileId: $f) { items { id seq } } }',
      { f: ahead.file!.id },
      t.deviceToken,
    );
    const bySeq = [...versions.items].sort((a, b) => Number(a.seq) - Number(b.seq));
    expect(bySeq.map((v) => v.id)).toEqual([ahead.version!.id, behind.version!.id]);
  });
});
