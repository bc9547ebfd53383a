import { randomUUID } from 'node:crypto';
import { createTenantFixture, errorCode, fakeChunk, gql, gqlOk } from './support/api';
import type { TenantFixture } from './support/api';
import { commitInput, commitOk, upload } from './support/library';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

const plansQuery = `query($v: [ID!]!) {
  restorePlans(versionIds: $v) { path version { id } chunks { chunkId offset plainSize } } }`;

interface Plans {
  restorePlans: {
    path: string;
    version: { id: string };
    chunks: { chunkId: string; offset: string; plainSize: string }[];
  }[];
}

describe('restorePlans: many plans in one call', () => {
  let server: TestServer;
  let t: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  const commitFile = async (path: string, chunkCount: number) => {
    const chunks = Array.from({ length: chunkCount }, () => fakeChunk(500));
    await upload(server.url, t.deviceToken, chunks);
    const outcome = await commitOk(server.url, t.deviceToken, commitInput(path, chunks));
    return { versionId: outcome.version!.id, chunks };
  };

  it('answers each version plan in the order asked, same as restorePlan', async () => {
    const a = await commitFile('Plans/a.txt', 2);
    const b = await commitFile('Plans/b.txt', 1);

    const { restorePlans } = await gqlOk<Plans>(
      server.url,
      plansQuery,
      { v: [b.versionId, a.versionId] },
      t.deviceToken,
    );

    expect(restorePlans.map((p) => [p.path, p.version.id])).toEqual([
      ['Plans/b.txt', b.versionId],
      ['Plans/a.txt', a.versionId],
    ]);
    expect(restorePlans[1]!.chunks).toEqual([
      { chunkId: a.chunks[0]!.id, offset: '0', plainSize: '472' },
      { chunkId: a.chunks[1]!.id, offset: '472', plainSize: '472' },
    ]);
  });

  it('fails the call with NOT_FOUND when one version is not the device user’s', async () => {
    const mine = await commitFile('Plans/mine.txt', 1);
    const other = await createTenantFixture(server.url);
    const result = await gql(server.url, plansQuery, { v: [mine.versionId] }, other.deviceToken);
    expect(errorCode(result)).toBe('NOT_FOUND');
    const unknown = await gql(server.url, plansQuery, { v: [randomUUID()] }, t.deviceToken);
    expect(errorCode(unknown)).toBe('NOT_FOUND');
  });

  it('refuses more than 200 versions and non-device callers', async () => {
    const many = Array.from({ length: 201 }, () => randomUUID());
    const tooMany = await gql(server.url, plansQuery, { v: many }, t.deviceToken);
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
    const asKey = await gql(server.url, plansQuery, { v: [] }, t.apiKey);
    expect(errorCode(asKey)).toBeDefined();
  });
});
